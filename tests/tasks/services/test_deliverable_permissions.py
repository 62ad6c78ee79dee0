"""Who may act on a deliverable: the lead unit reports, its head approves, Nội vụ reviews."""

import pytest

from core.errors import AccessDenied
from tasks.models import Deliverable, DeliverableTransition
from tasks.services.deliverables import MSG_NOT_HEAD, MSG_NOT_REPORTER, MSG_NOT_REVIEWER
from tests.factories import MembershipFactory
from units.models import Membership

from .actions import perform
from .support import bring_to

State = Deliverable.State

REPORT_DENIED = ["officer_b", "other_officer", "viewer", "clerk", "coordinator", "other_coordinator"]
REVIEW_DENIED = ["officer_a", "officer_b", "head_a", "other_officer", "viewer", "clerk", "other_coordinator"]
APPROVE_DENIED = [
    "officer_a",
    "officer_b",
    "coordinator",
    "other_officer",
    "viewer",
    "clerk",
    "other_coordinator",
]

# (action, state it is tried from, actor attribute, expected message builder)
CASES = (
    [("submit", State.PENDING, who) for who in REPORT_DENIED]
    + [("accept", State.SUBMITTED, who) for who in REVIEW_DENIED]
    + [("return_to_unit", State.SUBMITTED, who) for who in REVIEW_DENIED]
    + [("waive", State.PENDING, who) for who in REVIEW_DENIED]
    + [("approve", State.AWAITING_APPROVAL, who) for who in APPROVE_DENIED]
    + [("send_back", State.AWAITING_APPROVAL, who) for who in APPROVE_DENIED]
)


def expected_message(action, org):
    if action == "submit":
        return MSG_NOT_REPORTER.format(unit=org.office_a)
    if action in ("approve", "send_back"):
        return MSG_NOT_HEAD.format(unit=org.office_a)
    return MSG_NOT_REVIEWER


@pytest.mark.parametrize(("action", "start", "who"), CASES, ids=[f"{a}-by-{w}" for a, _, w in CASES])
def test_person_without_the_role_is_denied_and_nothing_changes(deliverable, org, action, start, who):
    """Someone outside the lead unit cannot report for it, only Nội vụ of the issuer reviews,
    only the unit head approves; a refused attempt leaves no trace."""
    # given
    deliverable = bring_to(deliverable, start, org)
    count = DeliverableTransition.objects.count()

    # when
    with pytest.raises(AccessDenied) as error:
        perform(action, deliverable, org, actor=getattr(org, who))

    # then
    assert error.value.message == expected_message(action, org)
    deliverable.refresh_from_db()
    assert deliverable.state == start
    assert DeliverableTransition.objects.count() == count


def test_coordinating_unit_cannot_submit_for_the_lead_unit(deliverable, org):
    """Office B only supports the task: its officer cannot send office A's report."""
    # when
    with pytest.raises(AccessDenied, match=str(org.office_a)):
        perform("submit", deliverable, org, actor=org.officer_b)

    # then
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert not deliverable.reports.exists()


def test_head_of_another_unit_cannot_approve(deliverable, org):
    """Heading office B does not allow approving office A's report."""
    # given
    bring_to(deliverable, State.AWAITING_APPROVAL, org)
    head_b = MembershipFactory(unit=org.office_b, role=Membership.Role.HEAD).user

    # when
    with pytest.raises(AccessDenied) as error:
        perform("approve", deliverable, org, actor=head_b)

    # then
    assert error.value.message == MSG_NOT_HEAD.format(unit=org.office_a)
    deliverable.refresh_from_db()
    assert deliverable.state == State.AWAITING_APPROVAL


def test_head_of_lead_unit_may_report_for_it(deliverable, org):
    """The unit head can also send the unit's report himself."""
    # when
    perform("submit", deliverable, org, actor=org.head_a)

    # then
    deliverable.refresh_from_db()
    assert deliverable.state == State.SUBMITTED
    assert deliverable.transitions.get().actor == org.head_a


def test_coordinator_of_a_unit_above_the_issuer_may_review(org, deliverable):
    """A coordinator of a unit above the issuer manages its plans too: the province's Nội vụ
    reviews the district's reports once the district sits under the province."""
    # given
    province = org.other_district
    org.district.parent = province
    org.district.save(update_fields=["parent"])
    bring_to(deliverable, State.SUBMITTED, org)

    # when
    perform("accept", deliverable, org, actor=org.other_coordinator)

    # then
    deliverable.refresh_from_db()
    assert deliverable.state == State.ACCEPTED
