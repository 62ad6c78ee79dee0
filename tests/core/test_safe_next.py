"""After a form, ``next=`` sends the person back only to a page of this site, never to another site."""

import datetime as dt

import pytest
from django.urls import reverse

from core.models import Notification
from tasks.services.extensions import extension_request

EVIL = [
    "https://evil.example/phish",
    "//evil.example/phish",
    "https:/\\evil.example",
    "  https://evil.example",
]


def _stays_here(response, fallback: str):
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert response["Location"] == fallback


@pytest.fixture
def extension(deliverable, org):
    return extension_request(
        deliverable=deliverable,
        actor=org.officer_a,
        requested_due_date=dt.date(2022, 3, 1),
        reason="Chờ số liệu",
    )


def _cases(org, deliverable, extension):
    """(who, url, data, where they land when ``next`` is refused)."""
    detail = reverse("deliverable_detail", args=[deliverable.pk])
    plan = deliverable.task.plan
    note = Notification.objects.create(
        user=org.coordinator, kind="reminder", day=dt.date(2022, 1, 20), title="Nhắc"
    )
    return [
        (org.coordinator, reverse("review_accept_many"), {}, reverse("review_queue")),
        (org.coordinator, reverse("remind_selection"), {}, reverse("deliverable_list")),
        (
            org.coordinator,
            reverse("remind_unit", args=[plan.pk]),
            {"unit": org.office_b.pk},
            reverse("plan_detail", args=[plan.pk]),
        ),
        (
            org.officer_a,
            reverse("deliverable_action", args=[deliverable.pk, "progress"]),
            {"text": "Đang tổng hợp", "percent_done": 40},
            detail,
        ),
        (
            org.coordinator,
            reverse("extension_decide", args=[extension.pk, "refuse"]),
            {"comment": "Không"},
            detail,
        ),
        (org.coordinator, reverse("notification_read", args=[note.pk]), {}, reverse("notification_list")),
        (org.coordinator, reverse("notification_read_all"), {}, reverse("notification_list")),
    ]


@pytest.mark.parametrize("target", EVIL)
def test_no_form_sends_the_person_to_another_site(client, org, deliverable, extension, target):
    for user, url, data, fallback in _cases(org, deliverable, extension):
        client.force_login(user)
        _stays_here(client.post(url, {**data, "next": target}), fallback)


def test_a_page_of_this_site_is_where_the_form_goes_back_to(client, org):
    client.force_login(org.coordinator)
    back = reverse("deliverable_list") + "?state=pending&page=2"
    response = client.post(reverse("remind_selection"), {"next": back})
    assert response["Location"] == back


def test_login_and_language_switch_refuse_another_site(client, org):
    org.coordinator.set_password("mat-khau-dung-2026")
    org.coordinator.save()
    response = client.post(
        reverse("login"),
        {"username": "noivu", "password": "mat-khau-dung-2026", "next": EVIL[0]},
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    response = client.post(reverse("set_language"), {"language": "vi", "next": EVIL[0]})
    assert "evil.example" not in response["Location"]
