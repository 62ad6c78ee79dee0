"""Review queue in bulk, extensions with another date, reminders with a letter: screens and scope."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from core.models import Notification
from documents.models import GeneratedDocument
from tasks.models import Deliverable, DeliverableTransition, ExtensionRequest
from tasks.services.deliverables import deliverable_submit
from tasks.services.extensions import extension_request
from tasks.services.lifecycle import plan_issue
from tasks.templatetags.kehoach import person
from tests.factories import PlanFactory, TaskFactory, add_deadline, add_unit

State = Deliverable.State


@pytest.fixture
def sent(org, issued_plan):
    plan = PlanFactory(issuer=org.district, title="Kế hoạch năm nhiệm vụ")
    for index in range(5):
        task = TaskFactory(plan=plan, content=f"Nhiệm vụ {index}")
        add_unit(task, org.office_a)
        add_deadline(task, year=2022, month=2)
    plan_issue(plan=plan, actor=org.coordinator)
    items = list(Deliverable.objects.filter(task__plan=plan))
    for item in items:
        deliverable_submit(deliverable=item, actor=org.officer_a, text="Đã xong")
    return items


def test_queue_accepts_the_chosen_reports(client, org, sent):
    client.force_login(org.coordinator)
    page = client.get(reverse("review_queue")).content.decode()
    assert page.count('name="ids"') == 5
    response = client.post(
        reverse("review_accept_many"),
        {"ids": [d.pk for d in sent[:4]], "comment": "Đạt", "next": reverse("review_queue")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("review_queue")
    assert Deliverable.objects.filter(pk__in=[d.pk for d in sent], state=State.ACCEPTED).count() == 4


def test_bulk_accept_outside_scope_is_forbidden_and_changes_nothing(client, org, sent):
    for user in (org.other_coordinator, org.officer_a, org.viewer):
        client.force_login(user)
        response = client.post(reverse("review_accept_many"), {"ids": [d.pk for d in sent]})
        assert response.status_code == 403, user
    assert not Deliverable.objects.filter(state=State.ACCEPTED).exists()


def test_return_from_the_queue_needs_a_reason(client, org, sent):
    client.force_login(org.coordinator)
    url = reverse("deliverable_action", args=[sent[0].pk, "return"])
    assert client.post(url, {"comment": "", "next": reverse("review_queue")}).status_code == 400
    response = client.post(url, {"comment": "Thiếu số liệu", "next": reverse("review_queue")})
    assert response["Location"] == reverse("review_queue")
    assert Deliverable.objects.get(pk=sent[0].pk).state == State.RETURNED


def test_next_outside_the_site_is_ignored(client, org, sent):
    client.force_login(org.coordinator)
    response = client.post(
        reverse("review_accept_many"), {"ids": [sent[0].pk], "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("review_queue")


def test_extension_with_another_date_from_the_queue(client, org, deliverable):
    asked = extension_request(
        deliverable=deliverable, actor=org.officer_a, requested_due_date=dt.date(2022, 2, 28), reason="Chờ"
    )
    client.force_login(org.coordinator)
    assert 'name="due_date"' in client.get(reverse("review_queue")).content.decode()
    url = reverse("extension_decide", args=[asked.pk, "approve"])
    # another date without a reason: refused, nothing changes
    client.post(url, {"due_date": "2022-02-15", "comment": ""})
    assert ExtensionRequest.objects.get(pk=asked.pk).state == "pending"
    client.post(url, {"due_date": "2022-02-15", "comment": "Kịp kỳ họp", "next": reverse("review_queue")})
    deliverable.refresh_from_db()
    assert deliverable.due_date == dt.date(2022, 2, 15)
    detail = client.get(reverse("deliverable_detail", args=[deliverable.pk])).content.decode()
    assert "Gia hạn đến 15/02/2022 (hạn cũ 31/01/2022)" in detail


def test_strangers_cannot_decide_extensions(client, org, deliverable):
    asked = extension_request(
        deliverable=deliverable, actor=org.officer_a, requested_due_date=dt.date(2022, 2, 28), reason="Chờ"
    )
    client.force_login(org.other_coordinator)
    response = client.post(
        reverse("extension_decide", args=[asked.pk, "approve"]), {"due_date": "2022-03-30"}
    )
    assert response.status_code == 403
    assert ExtensionRequest.objects.get(pk=asked.pk).state == "pending"


@time_machine.travel("2022-02-10 09:00 +07:00", tick=False)
def test_remind_one_unit_of_a_plan_drafts_its_letter(client, org, issued_plan, deliverable):
    client.force_login(org.coordinator)
    response = client.post(
        reverse("remind_unit", args=[issued_plan.pk]),
        {
            "unit": org.office_a.pk,
            "draft_letter": "on",
            "next": reverse("plan_detail", args=[issued_plan.pk]),
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã nhắc Văn phòng HĐND và UBND huyện" in html
    letter = GeneratedDocument.objects.get(kind="DD")
    assert f'href="{reverse("document_detail", args=[letter.pk])}"' in html
    assert Notification.objects.filter(user=org.officer_a, kind="reminder").exists()
    assert DeliverableTransition.objects.filter(deliverable=deliverable, name="remind").exists()
    listing = client.get(reverse("document_list")).content.decode()
    assert "Kính gửi" in listing and org.office_a.name in listing


@time_machine.travel("2022-02-10 09:00 +07:00", tick=False)
def test_remind_refuses_units_and_other_provinces(client, org, issued_plan, deliverable):
    for user in (org.officer_a, org.other_coordinator, org.viewer):
        client.force_login(user)
        selection = client.post(reverse("remind_selection"), {"ids": [deliverable.pk]})
        unit = client.post(reverse("remind_unit", args=[issued_plan.pk]), {"unit": org.office_a.pk})
        assert selection.status_code == 403, user
        assert unit.status_code == 403, user
    assert not DeliverableTransition.objects.filter(name="remind").exists()
    assert not Notification.objects.filter(kind="reminder").exists()


@time_machine.travel("2022-02-10 09:00 +07:00", tick=False)
def test_remind_from_the_deliverable_page(client, org, deliverable):
    client.force_login(org.coordinator)
    page = client.get(reverse("deliverable_detail", args=[deliverable.pk])).content.decode()
    assert reverse("remind_selection") in page
    client.post(reverse("remind_selection"), {"ids": [deliverable.pk], "note": "Gấp"})
    assert (
        DeliverableTransition.objects.get(deliverable=deliverable, name="remind").comment
        == "Nội vụ nhắc: Gấp"
    )


def test_deliverable_page_shows_the_latest_return_reason_above_the_form(client, org, sent):
    # given a report returned twice
    client.force_login(org.coordinator)
    url = reverse("deliverable_action", args=[sent[0].pk, "return"])
    client.post(url, {"comment": "Thiếu biên bản"})
    deliverable_submit(deliverable=sent[0], actor=org.officer_a, text="Bổ sung")
    client.post(url, {"comment": "Biên bản chưa có chữ ký"})
    # when the unit opens it
    client.force_login(org.officer_a)
    html = client.get(reverse("deliverable_detail", args=[sent[0].pk])).content.decode()
    # then the latest reason and who returned it come before the report form
    note = html.index("Biên bản chưa có chữ ký")
    assert note < html.index('action="' + reverse("deliverable_action", args=[sent[0].pk, "submit"]))
    assert html.index("Thiếu biên bản") > note  # the older one is only in the history below
    top = html[html.index('id="last-return"') : note]
    assert person(org.coordinator) in top


@time_machine.travel("2022-02-10 09:00 +07:00", tick=False)
def test_documents_list_filters_by_kind_and_text_within_scope(client, org, issued_plan, deliverable):
    client.force_login(org.coordinator)
    client.post(
        reverse("remind_unit", args=[issued_plan.pk]), {"unit": org.office_a.pk, "draft_letter": "on"}
    )
    letters = client.get(reverse("document_list"), {"loai": "DD", "q": "đôn đốc"})
    assert [d.kind for d in letters.context["documents"]] == ["DD"]
    assert list(client.get(reverse("document_list"), {"loai": "KH"}).context["documents"]) == []
    client.force_login(org.other_coordinator)
    assert list(client.get(reverse("document_list"), {"loai": "DD"}).context["documents"]) == []
