"""The unit tree, people and reorganisation screens: who may do what, and that it took effect."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from units.login import login_locked
from units.models import Membership, Reorganisation, Unit
from units.reorganisation import EventSpec, reorganisation_apply
from units.selectors import access_for

User = get_user_model()
ROLES = [
    "coordinator",
    "officer_a",
    "officer_b",
    "head_a",
    "viewer",
    "clerk",
    "other_officer",
    "other_coordinator",
    "anonymous",
]


@dataclass
class Action:
    name: str
    method: str
    allowed: set[str]
    url: Callable
    data: Callable = field(default=lambda org: {})
    took_effect: Callable | None = None


def _locked_out(user) -> dict:
    """Lock the account out as too many wrong passwords would (the form then posts nothing)."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username=user.username, ip_address="203.0.113.9", user_agent="", failures_since_start=50
    )
    return {}


def _unit(code):
    return Unit.objects.get(code=code)


def _merged_event_url(org) -> str:
    """Office B merged into office A (by the batch, no actor): the result screen's address."""
    spec = EventSpec(
        kind=Reorganisation.Kind.MERGE,
        effective_on=dt.date(2025, 7, 1),
        basis="Nghị quyết số 9/NQ-HĐND",
        sources=[org.office_b],
        targets=[org.office_a],
    )
    return reverse("reorganisation_detail", args=[reorganisation_apply(spec=spec).event.pk])


ACTIONS = [
    Action(
        "view unit page",
        "get",
        {"coordinator", "viewer", "clerk", "officer_a", "head_a"},
        lambda org: reverse("unit_detail", args=[org.office_a.pk]),
    ),
    Action(
        "edit unit",
        "post",
        {"coordinator"},
        lambda org: reverse("unit_detail", args=[org.office_a.pk]),
        lambda org: {"short_name": "VP huyện", "symbol": "VP", "aliases": "VP HĐND-UBND"},
        lambda org: (
            _unit("CL-VP").symbol == "VP" and _unit("CL-VP").aliases.filter(text="VP HĐND-UBND").exists()
        ),
    ),
    Action(
        "add unit",
        "post",
        {"coordinator"},
        lambda org: reverse("unit_create"),
        lambda org: {"parent": org.district.pk, "code": "CL-PTP", "name": "Phòng Tư pháp", "kind": "office"},
        lambda org: Unit.objects.filter(code="CL-PTP", parent=org.district).exists(),
    ),
    Action(
        "create account",
        "post",
        {"coordinator"},
        lambda org: reverse("person_create"),
        lambda org: {
            "username": "canbo.moi",
            "full_name": "Lê Văn Mới",
            "unit": org.office_a.pk,
            "role": "officer",
        },
        lambda org: Membership.objects.filter(user__username="canbo.moi", unit__code="CL-VP").exists(),
    ),
    Action(
        "give a role",
        "post",
        {"coordinator"},
        lambda org: reverse("person_action", args=[org.officer_b.pk, "role"]),
        lambda org: {"unit": org.office_a.pk, "role": "officer"},
        lambda org: Membership.objects.filter(user=org.officer_b, unit=org.office_a, role="officer").exists(),
    ),
    Action(
        "one-time password",
        "post",
        {"coordinator"},
        lambda org: reverse("person_action", args=[org.officer_b.pk, "otp"]),
        took_effect=lambda org: not User.objects.get(pk=org.officer_b.pk).check_password("mat-khau-thu"),
    ),
    Action(
        "unlock login after wrong passwords",
        "post",
        {"coordinator"},
        lambda org: reverse("person_action", args=[org.officer_b.pk, "unlock"]),
        lambda org: _locked_out(org.officer_b),
        lambda org: not login_locked(org.officer_b),
    ),
    Action(
        "deactivate account",
        "post",
        {"coordinator"},
        lambda org: reverse("person_action", args=[org.officer_b.pk, "deactivate"]),
        took_effect=lambda org: not User.objects.get(pk=org.officer_b.pk).is_active,
    ),
    Action(
        "give offered roles after a merge",
        "post",
        {"coordinator"},
        _merged_event_url,
        lambda org: {"take-0": "1", "role-0": "officer", "unit-0": str(org.office_a.pk)},
        lambda org: Membership.objects.filter(user=org.officer_b, unit=org.office_a, role="officer").exists(),
    ),
    Action(
        "rename through the event",
        "post",
        {"coordinator"},
        lambda org: reverse("reorganise"),
        lambda org: {
            "kind": "rename",
            "effective_on": "01/07/2025",
            "basis": "Quyết định số 5/QĐ-UBND",
            "sources": [org.office_b.pk],
            "new_name": "Phòng Văn hóa - Xã hội",
            "decision": "apply",
        },
        lambda org: _unit("CL-VHTT").name == "Phòng Văn hóa - Xã hội",
    ),
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, org, role, action):
    """Allowed roles act and it takes effect; anyone else is refused (or sees nothing to act on)
    and nothing changes; anonymous visitors are sent to the login page."""
    if role != "anonymous":
        client.force_login(getattr(org, role))
    url = action.url(org)
    response = client.get(url) if action.method == "get" else client.post(url, action.data(org))
    if role == "anonymous":
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    elif role in action.allowed:
        assert response.status_code in (200, 302)
        if action.took_effect:
            assert action.took_effect(org), action.name
    else:
        assert response.status_code in (200, 403)
        if action.took_effect:
            assert not action.took_effect(org), action.name
        if action.method == "get":
            assert response.status_code == 403


def test_unit_page_shows_lineage(client, org):
    """After a merge, both units' pages name the other with the date and legal basis."""
    client.force_login(org.coordinator)
    data = {
        "kind": "merge",
        "effective_on": "01/07/2025",
        "basis": "Nghị quyết số 9/NQ-HĐND",
        "sources": [org.office_b.pk],
        "targets": [org.office_a.pk],
        "decision": "apply",
    }
    preview = client.post(reverse("reorganise"), {**data, "decision": "preview"})
    assert "Xem trước" in preview.content.decode() and not Reorganisation.objects.exists()

    client.post(reverse("reorganise"), data)

    page = client.get(reverse("unit_detail", args=[org.office_a.pk])).content.decode()
    assert "Phòng Văn hóa và Thông tin" in page and "01/07/2025" in page and "9/NQ-HĐND" in page
    old = client.get(reverse("unit_detail", args=[org.office_b.pk])).content.decode()
    assert "nay là" in old


def test_refused_event_shows_the_reason(client, org):
    """A rename without a new name is refused with the reason on the page; nothing changes."""
    client.force_login(org.coordinator)
    data = {"kind": "rename", "effective_on": "01/07/2025", "basis": "QĐ 1", "sources": [org.office_b.pk]}
    response = client.post(reverse("reorganise"), data, follow=True)
    assert "Cần nhập tên mới." in response.content.decode()
    assert not Reorganisation.objects.exists()


def test_one_time_password_is_shown_once_and_logs_in(client, org):
    """The password appears on the answer to the button only; the person can log in with it."""
    client.force_login(org.coordinator)
    response = client.post(reverse("person_action", args=[org.officer_b.pk, "otp"]))
    password = response.context["one_time_password"]
    assert password and password in response.content.decode()
    assert password not in client.get(reverse("person_detail", args=[org.officer_b.pk])).content.decode()
    client.logout()
    response = client.post(reverse("login"), {"username": org.officer_b.username, "password": password})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


def test_reset_link_by_email(client, org, django_capture_on_commit_callbacks):
    """A person with an address gets a one-use link to set their password."""
    User.objects.filter(pk=org.officer_b.pk).update(email="canbo.b@camlam.gov.vn")
    client.force_login(org.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("person_action", args=[org.officer_b.pk, "reset"]))
    assert mail.outbox and "/dat-mat-khau/" in mail.outbox[0].body


def test_unit_with_open_obligations_cannot_be_deactivated(client, org, issued_plan):
    """Office A still owes a report: deactivating is refused, pointing to the reorganisation."""
    client.force_login(org.coordinator)
    response = client.post(reverse("unit_deactivate", args=[org.office_a.pk]), follow=True)
    assert "Sắp xếp tổ chức" in response.content.decode()
    assert _unit("CL-VP").is_active


def test_unit_list_is_paged_with_bounded_queries(client, org, django_assert_max_num_queries):
    """A coordinator's tree of many units: one page of 50, a fixed number of queries."""
    Unit.objects.bulk_create(
        Unit(code=f"CL-X{i:03d}", name=f"Tổ công tác số {i}", parent=org.district) for i in range(120)
    )
    client.force_login(org.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("unit_list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50


def test_coordinator_cannot_reset_an_administrators_password(client, org):
    """An administrator who also holds a role in the district is out of the coordinator's reach."""
    User.objects.filter(pk=org.viewer.pk).update(is_staff=True)
    client.force_login(org.coordinator)
    client.post(reverse("person_action", args=[org.viewer.pk, "otp"]))
    client.post(reverse("person_action", args=[org.viewer.pk, "deactivate"]))
    viewer = User.objects.get(pk=org.viewer.pk)
    assert viewer.check_password("mat-khau-thu") and viewer.is_active


def _merge_b_into_a(client, org):
    client.force_login(org.coordinator)
    data = {
        "kind": "merge",
        "effective_on": "01/07/2025",
        "basis": "Nghị quyết số 9/NQ-HĐND",
        "sources": [org.office_b.pk],
        "targets": [org.office_a.pk],
        "decision": "apply",
    }
    client.post(reverse("reorganise"), data)
    return Reorganisation.objects.get()


def test_result_screen_gives_the_old_units_people_roles_in_one_click(client, org):
    """Office B merged into office A: its officer's role ended and is offered; the coordinator picks
    head instead of officer and submits once; the role is granted and the offer shows as given."""
    # given
    event = _merge_b_into_a(client, org)
    page = client.get(reverse("reorganisation_detail", args=[event.pk])).content.decode()
    assert "canbo_b" in page and 'name="take-0"' in page
    assert not Membership.objects.filter(user=org.officer_b, unit=org.office_a).exists()

    # when
    response = client.post(
        reverse("reorganisation_detail", args=[event.pk]),
        {"take-0": "1", "role-0": "head", "unit-0": str(org.office_a.pk)},
        follow=True,
    )

    # then
    assert "Đã giao 1 vai trò" in response.content.decode()
    granted = Membership.objects.get(user=org.officer_b, unit=org.office_a)
    assert granted.role == "head" and granted.ended_on is None
    assert access_for(User.objects.get(pk=org.officer_b.pk)).can_approve_for(org.office_a.pk)
    assert Membership.objects.get(user=org.officer_b, unit=org.office_b).ended_on is not None
    assert "đã giao" in response.content.decode() and 'name="take-0"' not in response.content.decode()


def test_offers_refuse_a_unit_that_is_not_a_successor_and_grant_nothing(client, org):
    """A forged choice of the other province's office is refused; nobody gets any role."""
    event = _merge_b_into_a(client, org)

    response = client.post(
        reverse("reorganisation_detail", args=[event.pk]),
        {"take-0": "1", "role-0": "officer", "unit-0": str(org.other_office.pk)},
        follow=True,
    )

    assert "không phải đơn vị kế thừa" in response.content.decode()
    assert not Membership.objects.filter(user=org.officer_b).exclude(unit=org.office_b).exists()


def test_only_a_coordinator_of_the_successor_grants_offered_roles(client, org):
    """The district's leader (read-only) sees the offers but cannot grant them."""
    event = _merge_b_into_a(client, org)
    client.force_login(org.viewer)

    page = client.get(reverse("reorganisation_detail", args=[event.pk])).content.decode()
    client.post(
        reverse("reorganisation_detail", args=[event.pk]),
        {"take-0": "1", "role-0": "officer", "unit-0": str(org.office_a.pk)},
    )

    assert "canbo_b" in page and 'name="take-0"' not in page
    assert not Membership.objects.filter(user=org.officer_b, unit=org.office_a).exists()
