"""Extension requests: the only way a due date moves; the original date is never lost."""

import datetime as dt
import re

import pytest

from core.errors import AccessDenied, ApplicationError
from tasks.models import Deliverable, DeliverableTransition, ExtensionRequest
from tasks.services.extensions import (
    MSG_ALREADY_PENDING,
    MSG_DECIDED,
    MSG_DUE_CHANGED,
    MSG_EXTENDED,
    MSG_NOT_LATER,
    MSG_NOT_OPEN,
    MSG_NOT_REPORTER,
    MSG_NOT_REVIEWER,
    MSG_REASON_REQUIRED,
    extension_approve,
    extension_refuse,
    extension_request,
)

from .support import bring_to, state_label

State = Deliverable.State
DUE = dt.date(2022, 1, 31)
NEW_DUE = dt.date(2022, 2, 28)
REASON = "Chờ số liệu của Sở Nội vụ."


def ask(deliverable, org, new_due=NEW_DUE, reason=REASON, actor=None):
    return extension_request(
        deliverable=deliverable,
        actor=actor or org.officer_a,
        requested_due_date=new_due,
        reason=reason,
    )


class TestRequest:
    def test_lead_officer_requests_an_extension(self, deliverable, org):
        """The lead unit's officer asks for a later date; nothing moves until Nội vụ decides."""
        # when
        request = ask(deliverable, org)

        # then
        assert request.state == ExtensionRequest.State.PENDING
        assert (request.current_due_date, request.requested_due_date) == (DUE, NEW_DUE)
        assert request.requested_by == org.officer_a
        assert request.reason == REASON
        deliverable.refresh_from_db()
        assert deliverable.due_date == DUE

    @pytest.mark.parametrize("new_due", [DUE, dt.date(2022, 1, 15)])
    def test_date_not_later_than_current_due_is_refused(self, deliverable, org, new_due):
        """An "extension" to the same or an earlier date is refused, quoting both dates."""
        # when
        with pytest.raises(ApplicationError) as error:
            ask(deliverable, org, new_due=new_due)

        # then
        assert error.value.message == MSG_NOT_LATER.format(
            requested=new_due.strftime("%d/%m/%Y"), current="31/01/2022"
        )
        assert not ExtensionRequest.objects.exists()

    @pytest.mark.parametrize("reason", ["", "   "])
    def test_request_without_reason_is_refused(self, deliverable, org, reason):
        """A request must say why more time is needed."""
        with pytest.raises(ApplicationError, match=re.escape(MSG_REASON_REQUIRED)):
            ask(deliverable, org, reason=reason)
        assert not ExtensionRequest.objects.exists()

    def test_second_request_while_one_is_pending_is_refused(self, deliverable, org):
        """Only one request at a time may wait for a decision."""
        # given
        ask(deliverable, org)

        # when
        with pytest.raises(ApplicationError, match=re.escape(MSG_ALREADY_PENDING)):
            ask(deliverable, org, new_due=dt.date(2022, 3, 31))

        # then
        assert ExtensionRequest.objects.count() == 1

    def test_new_request_is_allowed_after_a_refusal(self, deliverable, org):
        """Once refused, the unit may ask again."""
        # given
        first = ask(deliverable, org)
        extension_refuse(request=first, actor=org.coordinator, comment="Chưa đủ căn cứ.")

        # when
        second = ask(deliverable, org, new_due=dt.date(2022, 2, 10))

        # then
        assert second.state == ExtensionRequest.State.PENDING
        assert ExtensionRequest.objects.count() == 2

    @pytest.mark.parametrize("state", [State.ACCEPTED, State.WAIVED, State.SUBMITTED])
    def test_request_on_item_not_open_is_refused(self, deliverable, org, state):
        """An accepted, waived or already-sent item cannot be extended."""
        # given
        bring_to(deliverable, state, org)

        # when
        with pytest.raises(ApplicationError) as error:
            ask(deliverable, org)

        # then
        assert error.value.message == MSG_NOT_OPEN.format(state=state_label(state))
        assert not ExtensionRequest.objects.exists()

    @pytest.mark.parametrize("who", ["officer_b", "other_officer", "coordinator", "viewer", "clerk"])
    def test_only_the_lead_unit_may_request(self, deliverable, org, who):
        """Another unit's officer (or Nội vụ itself) cannot ask on the lead unit's behalf."""
        with pytest.raises(AccessDenied) as error:
            ask(deliverable, org, actor=getattr(org, who))
        assert error.value.message == MSG_NOT_REPORTER.format(unit=org.office_a)
        assert not ExtensionRequest.objects.exists()


class TestDecision:
    def test_approval_moves_due_date_and_keeps_original(self, deliverable, org):
        """Approving moves the due date; the original date stays, and the history says
        from which date to which."""
        # given
        request = ask(deliverable, org)

        # when
        decided = extension_approve(request=request, actor=org.coordinator, comment="Đồng ý.")

        # then
        assert decided.state == ExtensionRequest.State.APPROVED
        assert decided.decided_by == org.coordinator
        assert decided.decided_at is not None
        deliverable.refresh_from_db()
        assert deliverable.due_date == NEW_DUE
        assert deliverable.original_due_date == DUE
        assert deliverable.is_extended
        assert deliverable.state == State.PENDING
        log = deliverable.transitions.get()
        assert (log.name, log.source, log.target, log.actor) == (
            "extend",
            State.PENDING,
            State.PENDING,
            org.coordinator,
        )
        assert "31/01/2022" in log.comment
        assert log.comment == MSG_EXTENDED.format(old="31/01/2022", new="28/02/2022") + " Đồng ý."

    def test_extended_item_is_no_longer_overdue(self, deliverable, org):
        """After an extension, the item counts against the new date."""
        # given
        today = dt.date(2022, 2, 5)
        assert Deliverable.objects.overdue(today).exists()

        # when
        extension_approve(request=ask(deliverable, org), actor=org.coordinator)

        # then
        assert not Deliverable.objects.overdue(today).exists()

    def test_refusal_leaves_the_date(self, deliverable, org):
        """Refusing keeps the due date and writes nothing in the deliverable's history."""
        # given
        request = ask(deliverable, org)

        # when
        decided = extension_refuse(request=request, actor=org.coordinator, comment="Không có căn cứ.")

        # then
        assert decided.state == ExtensionRequest.State.REFUSED
        assert decided.decision_comment == "Không có căn cứ."
        deliverable.refresh_from_db()
        assert deliverable.due_date == DUE
        assert not deliverable.is_extended
        assert not DeliverableTransition.objects.exists()

    def test_refusal_without_comment_is_refused(self, deliverable, org):
        """Nội vụ must say why it refuses."""
        # given
        request = ask(deliverable, org)

        # when
        with pytest.raises(ApplicationError):
            extension_refuse(request=request, actor=org.coordinator, comment=" ")

        # then
        request.refresh_from_db()
        assert request.state == ExtensionRequest.State.PENDING

    @pytest.mark.parametrize(
        ("first", "second"),
        [("approve", "approve"), ("approve", "refuse"), ("refuse", "approve"), ("refuse", "refuse")],
    )
    def test_second_decision_on_same_request_is_refused(self, deliverable, org, first, second):
        """A request is decided once; a second decision (e.g. from a stale page) is refused
        and changes neither the request nor the date."""
        # given
        decide = {
            "approve": lambda r: extension_approve(request=r, actor=org.coordinator),
            "refuse": lambda r: extension_refuse(request=r, actor=org.coordinator, comment="Không."),
        }
        request = ask(deliverable, org)
        decided = decide[first](request)
        deliverable.refresh_from_db()
        due_after_first = deliverable.due_date
        logs = DeliverableTransition.objects.count()

        # when
        with pytest.raises(ApplicationError) as error:
            decide[second](request)

        # then
        assert error.value.message == MSG_DECIDED.format(state=decided.get_state_display())
        request.refresh_from_db()
        assert request.state == decided.state
        deliverable.refresh_from_db()
        assert deliverable.due_date == due_after_first
        assert DeliverableTransition.objects.count() == logs

    @pytest.mark.parametrize(
        "who", ["officer_a", "head_a", "officer_b", "viewer", "clerk", "other_coordinator"]
    )
    @pytest.mark.parametrize("decision", ["approve", "refuse"])
    def test_only_coordinator_of_issuer_decides(self, deliverable, org, who, decision):
        """Only Nội vụ of the issuing unit decides; the unit itself, leaders who only read,
        and another province's Nội vụ cannot."""
        # given
        request = ask(deliverable, org)
        actor = getattr(org, who)

        # when
        with pytest.raises(AccessDenied) as error:
            if decision == "approve":
                extension_approve(request=request, actor=actor)
            else:
                extension_refuse(request=request, actor=actor, comment="Không đồng ý.")

        # then
        assert error.value.message == MSG_NOT_REVIEWER
        request.refresh_from_db()
        assert request.state == ExtensionRequest.State.PENDING
        deliverable.refresh_from_db()
        assert deliverable.due_date == DUE

    def test_approval_refused_when_item_was_sent_meanwhile(self, deliverable, org):
        """If the unit sent its report while the request waited, approving is refused and
        the request stays pending."""
        # given
        request = ask(deliverable, org)
        bring_to(deliverable, State.SUBMITTED, org)

        # when
        with pytest.raises(ApplicationError) as error:
            extension_approve(request=request, actor=org.coordinator)

        # then
        assert error.value.message == MSG_NOT_OPEN.format(state=state_label(State.SUBMITTED))
        request.refresh_from_db()
        assert request.state == ExtensionRequest.State.PENDING
        deliverable.refresh_from_db()
        assert deliverable.due_date == DUE

    def test_approval_refused_when_due_date_changed_meanwhile(self, deliverable, org):
        """A request made against an old due date cannot be approved after the date moved."""
        # given
        request = ask(deliverable, org)
        Deliverable.objects.filter(pk=deliverable.pk).update(due_date=dt.date(2022, 2, 15))

        # when
        with pytest.raises(ApplicationError, match=re.escape(MSG_DUE_CHANGED)):
            extension_approve(request=request, actor=org.coordinator)

        # then
        request.refresh_from_db()
        assert request.state == ExtensionRequest.State.PENDING
