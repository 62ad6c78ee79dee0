"""Deliverable state machine, driven only through the services users reach."""

import re

import pytest

from core.errors import ApplicationError
from tasks.events.deliverables import VERBS as ACTION_NAMES
from tasks.models import Deliverable, DeliverableTransition, Report
from tasks.services.deliverables import (
    MSG_BAD_STATE,
    MSG_COMMENT_REQUIRED,
    MSG_TEXT_REQUIRED,
    deliverable_accept,
    deliverable_return,
    deliverable_send_back,
    deliverable_submit,
    deliverable_waive,
)

from .actions import ACTIONS, COMMENTS, perform
from .support import bring_to, require_head_approval, state_label

State = Deliverable.State

# (start state, action, unit requires head approval, logged transition name, end state)
ALLOWED = [
    (State.PENDING, "submit", False, "submit", State.SUBMITTED),
    (State.RETURNED, "submit", False, "submit", State.SUBMITTED),
    (State.PENDING, "submit", True, "submit_for_approval", State.AWAITING_APPROVAL),
    (State.RETURNED, "submit", True, "submit_for_approval", State.AWAITING_APPROVAL),
    (State.AWAITING_APPROVAL, "approve", True, "approve", State.SUBMITTED),
    (State.AWAITING_APPROVAL, "send_back", True, "send_back", State.RETURNED),
    (State.SUBMITTED, "accept", False, "accept", State.ACCEPTED),
    (State.SUBMITTED, "return_to_unit", False, "return_to_unit", State.RETURNED),
    (State.PENDING, "waive", False, "waive", State.WAIVED),
    (State.RETURNED, "waive", False, "waive", State.WAIVED),
    (State.AWAITING_APPROVAL, "waive", True, "waive", State.WAIVED),
]

# Source states each action accepts; every other state must be refused.
SOURCES = {
    "submit": {State.PENDING, State.RETURNED},
    "approve": {State.AWAITING_APPROVAL},
    "send_back": {State.AWAITING_APPROVAL},
    "accept": {State.SUBMITTED},
    "return_to_unit": {State.SUBMITTED},
    "waive": {State.PENDING, State.RETURNED, State.AWAITING_APPROVAL},
}
FORBIDDEN = [(start, name) for name in ACTIONS for start in State if start not in SOURCES[name]]


@pytest.mark.parametrize(
    ("start", "action", "head_approval", "logged", "end"),
    ALLOWED,
    ids=[f"{a}-from-{s}{'-head' if h else ''}" for s, a, h, _, _ in ALLOWED],
)
def test_allowed_transition_moves_state_and_logs_one_row(
    deliverable, org, start, action, head_approval, logged, end
):
    """Every allowed step changes the state and adds exactly one line to the history,
    naming the step, both states, who acted and the comment they wrote."""
    # given
    deliverable = bring_to(deliverable, start, org)
    if head_approval:
        require_head_approval(org.office_a)
    before = deliverable.transitions.count()
    actor = getattr(org, ACTIONS[action][0])

    # when
    perform(action, deliverable, org)

    # then
    deliverable.refresh_from_db()
    assert deliverable.state == end
    assert deliverable.transitions.count() == before + 1
    log = deliverable.transitions.order_by("-id").first()
    assert (log.name, log.source, log.target) == (logged, start, end)
    assert log.actor == actor
    assert log.comment == COMMENTS[action]


@pytest.mark.parametrize(("start", "action"), FORBIDDEN, ids=[f"{a}-from-{s}" for s, a in FORBIDDEN])
def test_forbidden_transition_is_refused_and_changes_nothing(deliverable, org, start, action):
    """An action the current state does not allow is refused with a message naming the state;
    the deliverable, its history and its reports stay as they were."""
    # given
    deliverable = bring_to(deliverable, start, org)
    transitions = DeliverableTransition.objects.count()
    reports = Report.objects.count()
    due, submitted_at, timeliness = deliverable.due_date, deliverable.submitted_at, deliverable.timeliness

    # when
    with pytest.raises(ApplicationError) as error:
        perform(action, deliverable, org)

    # then
    assert error.value.message == MSG_BAD_STATE.format(action=ACTION_NAMES[action], state=state_label(start))
    deliverable.refresh_from_db()
    assert deliverable.state == start
    assert (deliverable.due_date, deliverable.submitted_at, deliverable.timeliness) == (
        due,
        submitted_at,
        timeliness,
    )
    assert DeliverableTransition.objects.count() == transitions
    assert Report.objects.count() == reports


def test_returned_report_can_be_corrected_and_sent_again(deliverable, org):
    """A returned report can be corrected and sent again; both reports stay in the history."""
    # given
    deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Bản lần 1.")
    deliverable_return(deliverable=deliverable, actor=org.coordinator, comment="Thiếu số liệu.")

    # when
    deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Bản lần 2, đã bổ sung.")
    deliverable_accept(deliverable=deliverable, actor=org.coordinator)

    # then
    deliverable.refresh_from_db()
    assert deliverable.state == State.ACCEPTED
    assert list(deliverable.reports.values_list("text", "is_submission")) == [
        ("Bản lần 1.", True),
        ("Bản lần 2, đã bổ sung.", True),
    ]
    assert list(deliverable.transitions.values_list("name", "source", "target")) == [
        ("submit", State.PENDING, State.SUBMITTED),
        ("return_to_unit", State.SUBMITTED, State.RETURNED),
        ("submit", State.RETURNED, State.SUBMITTED),
        ("accept", State.SUBMITTED, State.ACCEPTED),
    ]
    assert deliverable.transitions.get(name="return_to_unit").comment == "Thiếu số liệu."


def test_head_approval_path_is_logged_step_by_step(deliverable, org):
    """With head approval the history shows the officer's submission, the head's approval
    and Nội vụ's acceptance, each with its own author."""
    # given
    require_head_approval(org.office_a)

    # when
    perform("submit", deliverable, org)
    perform("approve", deliverable, org)
    perform("accept", deliverable, org)

    # then
    rows = list(deliverable.transitions.values_list("name", "actor__username"))
    assert rows == [
        ("submit_for_approval", org.officer_a.username),
        ("approve", org.head_a.username),
        ("accept", org.coordinator.username),
    ]


def test_accept_and_waive_record_when_the_item_was_closed(deliverable, org):
    """Accepting or waiving closes the item; returning does not."""
    # given
    bring_to(deliverable, State.RETURNED, org)
    assert deliverable.closed_at is None

    # when
    deliverable_waive(deliverable=deliverable, actor=org.coordinator, reason="Không còn phù hợp.")

    # then
    deliverable.refresh_from_db()
    assert deliverable.closed_at is not None


class TestCommentsRequired:
    """Sending a report back or waiving it must say why."""

    @pytest.mark.parametrize("comment", ["", "   \n"])
    def test_return_without_comment_is_refused(self, deliverable, org, comment):
        """Nội vụ cannot return a report without saying what is wrong."""
        # given
        bring_to(deliverable, State.SUBMITTED, org)
        count = deliverable.transitions.count()

        # when
        with pytest.raises(ApplicationError, match=re.escape(MSG_COMMENT_REQUIRED.format(action="trả lại"))):
            deliverable_return(deliverable=deliverable, actor=org.coordinator, comment=comment)

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == State.SUBMITTED
        assert deliverable.transitions.count() == count

    @pytest.mark.parametrize("comment", ["", "  "])
    def test_send_back_without_comment_is_refused(self, deliverable, org, comment):
        """The unit head cannot send a report back to the officer without a reason."""
        # given
        bring_to(deliverable, State.AWAITING_APPROVAL, org)
        count = deliverable.transitions.count()

        # when
        with pytest.raises(ApplicationError, match=re.escape(MSG_COMMENT_REQUIRED.format(action="trả lại"))):
            deliverable_send_back(deliverable=deliverable, actor=org.head_a, comment=comment)

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == State.AWAITING_APPROVAL
        assert deliverable.transitions.count() == count

    @pytest.mark.parametrize("reason", ["", "\t"])
    def test_waive_without_reason_is_refused(self, deliverable, org, reason):
        """An obligation cannot be waived silently."""
        # given
        count = deliverable.transitions.count()

        # when
        with pytest.raises(
            ApplicationError, match=re.escape(MSG_COMMENT_REQUIRED.format(action="miễn thực hiện"))
        ):
            deliverable_waive(deliverable=deliverable, actor=org.coordinator, reason=reason)

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == State.PENDING
        assert deliverable.closed_at is None
        assert deliverable.transitions.count() == count

    def test_submit_without_text_is_refused(self, deliverable, org):
        """An empty report is not sent."""
        # when
        with pytest.raises(ApplicationError, match=re.escape(MSG_TEXT_REQUIRED)):
            deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="  ")

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == State.PENDING
        assert not deliverable.reports.exists()
        assert not deliverable.transitions.exists()
