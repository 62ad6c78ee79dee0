"""Who may call which endpoint: caller × action, with the effect read back from the database.

Session users are scoped by their roles; a token acts as an officer of its unit (plus its scopes)
and never gets coordinator or head powers.
"""

import pytest
from django.urls import reverse

from tasks.models import Deliverable, Report

from .conftest import CALLERS

State = Deliverable.State

# Who sees office A's deliverable: the district's readers, office A, and office B, which
# coordinates office A's task (as on the screens).
SEES_A = {"coordinator", "officer_a", "viewer", "head_a", "token_read_a", "token_report_a", "token_b"}
LOGGED_OUT = {"token_revoked", "anonymous"}
OUTSIDERS = {"other_officer", "token_other"}


def expected(caller, allowed, *, refused=403):
    if caller in LOGGED_OUT:
        return 401
    return 200 if caller in allowed else refused


@pytest.mark.parametrize("caller", CALLERS)
def test_list_deliverables(caller, client_for, deliverable, other_deliverable):
    """Everyone logged in gets a list, holding A's deliverable only when in scope, never Cà Mau's."""
    response = client_for(caller).get(reverse("api_deliverable_list"))

    assert response.status_code == expected(caller, SEES_A | OUTSIDERS)
    if response.status_code == 200:
        ids = {row["id"] for row in response.json()["results"]}
        assert (deliverable.id in ids) is (caller in SEES_A)
        assert (other_deliverable.id in ids) is (caller == "other_officer" or caller == "token_other")


@pytest.mark.parametrize("caller", CALLERS)
def test_read_deliverable(caller, client_for, deliverable):
    """A's deliverable reads for those in scope; another province gets 403, no credentials 401."""
    response = client_for(caller).get(reverse("api_deliverable_detail", args=[deliverable.pk]))

    assert response.status_code == expected(caller, SEES_A)
    if response.status_code == 200:
        assert response.json()["unit"] == "CL-VP"


@pytest.mark.parametrize("caller", CALLERS)
def test_read_other_province_deliverable(caller, client_for, other_deliverable):
    """Nobody in Cam Lâm, person or token, reads Cà Mau's deliverable by id."""
    response = client_for(caller).get(reverse("api_deliverable_detail", args=[other_deliverable.pk]))

    assert response.status_code == expected(caller, {"other_officer", "token_other"})


@pytest.mark.parametrize("caller", CALLERS)
def test_submit_for_a(caller, client_for, deliverable):
    """Only office A's officer and head, or A's report token, submit; every refusal changes nothing."""
    allowed = {"officer_a", "head_a", "token_report_a"}

    response = client_for(caller).post(
        reverse("api_deliverable_submit", args=[deliverable.pk]),
        {"text": "Đã ban hành kế hoạch khảo sát số 12/KH-UBND.", "percent_done": 100},
    )

    assert response.status_code == expected(caller, allowed), response.content
    deliverable.refresh_from_db()
    took_effect = deliverable.state == State.SUBMITTED
    assert took_effect is (caller in allowed)
    assert Report.objects.filter(deliverable=deliverable).exists() is took_effect
    if response.status_code == 403:
        assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.parametrize("caller", CALLERS)
def test_accept(caller, client_for, submitted):
    """Only the district's Nội vụ accepts; tokens never review, whatever their scope."""
    response = client_for(caller).post(reverse("api_deliverable_accept", args=[submitted.pk]), {})

    assert response.status_code == expected(caller, {"coordinator"}), response.content
    submitted.refresh_from_db()
    assert (submitted.state == State.ACCEPTED) is (caller == "coordinator")


@pytest.mark.parametrize("caller", CALLERS)
def test_list_plans(caller, client_for, issued_plan, second_draft):
    """The issued plan lists for those taking part; the draft only for the district's readers."""
    response = client_for(caller).get(reverse("api_plan_list"))

    assert response.status_code == expected(caller, SEES_A | OUTSIDERS)
    if response.status_code == 200:
        ids = {row["id"] for row in response.json()["results"]}
        assert (issued_plan.id in ids) is (caller in SEES_A)
        assert (second_draft.id in ids) is (caller in {"coordinator", "viewer"})


@pytest.mark.parametrize("caller", CALLERS)
def test_read_draft_plan(caller, client_for, second_draft):
    """A draft stays with its authors: units and their tokens get 403."""
    response = client_for(caller).get(reverse("api_plan_detail", args=[second_draft.pk]))

    assert response.status_code == expected(caller, {"coordinator", "viewer"})
    if response.status_code == 200:
        assert response.json()["state"] == "draft"


@pytest.mark.parametrize("caller", CALLERS)
def test_extension_request(caller, client_for, deliverable):
    """Only A's reporters, or A's report token, ask for more time."""
    allowed = {"officer_a", "head_a", "token_report_a"}

    response = client_for(caller).post(
        reverse("api_deliverable_extension", args=[deliverable.pk]),
        {"requested_due_date": "2022-02-15", "reason": "Chờ số liệu của các xã."},
    )

    assert response.status_code == (201 if caller in allowed else expected(caller, set())), response.content
    assert deliverable.extension_requests.exists() is (caller in allowed)
