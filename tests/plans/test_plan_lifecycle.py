"""Plan lifecycle: issuing creates the obligations, cancelling waives them, everything is logged."""

import datetime as dt
import re

import pytest

from core.errors import AccessDenied, ApplicationError
from core.periods import Frequency
from plans.models import Plan, PlanTransition
from tasks.deadlines import Kind
from tasks.models import Contribution, Deliverable, DeliverableTransition, Report, TaskAssignment
from tasks.services.deliverables import (
    MSG_PLAN_NOT_ISSUED,
    contribution_add,
    deliverable_accept,
    deliverable_report_progress,
    deliverable_return,
    deliverable_submit,
    deliverable_waive,
)
from tasks.services.lifecycle import (
    MSG_BAD_STATE,
    MSG_CANCELLED,
    MSG_CANNOT_ISSUE,
    MSG_NO_DUE,
    MSG_NO_LEAD,
    MSG_NO_TASKS,
    MSG_NOT_ALLOWED,
    plan_cancel,
    plan_close,
    plan_issue,
    plan_reopen,
)
from tests.factories import MembershipFactory, PlanFactory, TaskFactory, add_deadline, add_recurring, add_unit
from units.models import Membership

State = Plan.State
DState = Deliverable.State


def fresh(plan: Plan) -> Plan:
    """Re-read a plan (its protected state field cannot be refreshed in place)."""
    return Plan.objects.get(pk=plan.pk)


def plan_label(state) -> str:
    return str(Plan.State(state).label)


class TestIssue:
    def test_issue_creates_one_deliverable_per_lead_unit_and_due_date(self, org):
        """A quarterly task led by two offices gives each office four obligations,
        one per quarter, named "Quý I/2022" … "Quý IV/2022"."""
        # given
        plan = PlanFactory(issuer=org.district)
        task = TaskFactory(plan=plan, content="Báo cáo tình hình", deadline_text="Hàng quý")
        add_unit(task, org.office_a)
        add_unit(task, org.office_b)
        add_unit(task, org.noivu, TaskAssignment.Role.COORDINATING)
        add_recurring(task, Frequency.QUARTERLY)

        # when
        issued = plan_issue(plan=plan, actor=org.coordinator, comment="Ban hành.")

        # then
        assert issued.state == State.ISSUED
        expected_dates = [
            dt.date(2022, 3, 31),
            dt.date(2022, 6, 30),
            dt.date(2022, 9, 30),
            dt.date(2022, 12, 31),
        ]
        labels = ["Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022"]
        for unit in (org.office_a, org.office_b):
            rows = list(
                Deliverable.objects.filter(task=task, unit=unit)
                .order_by("due_date")
                .values_list("due_date", "original_due_date", "period_label", "state")
            )
            assert rows == [
                (d, d, label, DState.PENDING) for d, label in zip(expected_dates, labels, strict=True)
            ]
        assert Deliverable.objects.count() == 8
        assert not Deliverable.objects.filter(unit=org.noivu).exists()
        log = PlanTransition.objects.get(plan=plan)
        assert (log.name, log.source, log.target, log.actor, log.comment) == (
            "issue",
            State.DRAFT,
            State.ISSUED,
            org.coordinator,
            "Ban hành.",
        )

    def test_ongoing_task_follows_plan_report_frequency(self, org):
        """A "Thường xuyên" task reports at the plan's reporting period (here half-yearly)."""
        # given
        plan = PlanFactory(issuer=org.district, report_frequency=Frequency.HALF_YEARLY)
        task = TaskFactory(plan=plan, deadline_text="Thường xuyên")
        add_unit(task, org.office_a)
        add_recurring(task)

        # when
        plan_issue(plan=plan, actor=org.coordinator)

        # then
        assert list(Deliverable.objects.values_list("due_date", "period_label")) == [
            (dt.date(2022, 6, 30), "6 tháng đầu năm 2022"),
            (dt.date(2022, 12, 31), "6 tháng cuối năm 2022"),
        ]

    def test_issuing_twice_is_refused(self, issued_plan, draft_plan, org):
        """A plan already issued cannot be issued again; no obligation is duplicated."""
        # given
        count = Deliverable.objects.count()

        # when
        with pytest.raises(ApplicationError) as error:
            plan_issue(plan=draft_plan, actor=org.coordinator)

        # then
        assert error.value.message == MSG_BAD_STATE.format(action="ban hành", state=plan_label(State.ISSUED))
        assert Deliverable.objects.count() == count
        assert PlanTransition.objects.filter(plan=issued_plan).count() == 1

    def test_problems_are_listed_task_by_task_and_nothing_is_created(self, org):
        """A plan with a task lacking a lead unit and a task whose deadline is not understood
        is not issued; the message counts the problems and each one is listed."""
        # given
        plan = PlanFactory(issuer=org.district)
        no_lead = TaskFactory(plan=plan, order_label="1", deadline_text="Tháng 01/2022")
        add_unit(no_lead, org.office_b, TaskAssignment.Role.COORDINATING)
        add_deadline(no_lead, year=2022, month=1)
        unparsed = TaskFactory(plan=plan, order_label="2", deadline_text="Theo chỉ đạo của UBND tỉnh")
        add_unit(unparsed, org.office_a)
        add_deadline(unparsed, kind=Kind.UNPARSED.value)
        fine = TaskFactory(plan=plan, order_label="3")
        add_unit(fine, org.office_a)
        add_deadline(fine, year=2022, month=3)

        # when
        with pytest.raises(ApplicationError) as error:
            plan_issue(plan=plan, actor=org.coordinator)

        # then
        assert error.value.message == MSG_CANNOT_ISSUE.format(count=2)
        assert error.value.problems == [
            MSG_NO_LEAD.format(label="1"),
            MSG_NO_DUE.format(label="2", text="Theo chỉ đạo của UBND tỉnh"),
        ]
        assert fresh(plan).state == State.DRAFT
        assert not Deliverable.objects.exists()
        assert not PlanTransition.objects.exists()

    def test_plan_without_tasks_is_not_issued(self, org):
        plan = PlanFactory(issuer=org.district)
        with pytest.raises(ApplicationError) as error:
            plan_issue(plan=plan, actor=org.coordinator)
        assert error.value.problems == [MSG_NO_TASKS]
        assert fresh(plan).state == State.DRAFT

    def test_same_lead_unit_listed_twice_gets_one_deliverable(self, org):
        """A task whose deadline lists the same month twice still owes one report."""
        # given
        plan = PlanFactory(issuer=org.district)
        task = TaskFactory(plan=plan)
        add_unit(task, org.office_a)
        add_deadline(task, year=2022, month=1)
        add_deadline(task, kind=Kind.DATE.value, date=dt.date(2022, 1, 31))

        # when
        plan_issue(plan=plan, actor=org.coordinator)

        # then
        assert Deliverable.objects.count() == 1

    @pytest.mark.parametrize(
        "who", ["officer_a", "head_a", "viewer", "clerk", "other_coordinator", "other_officer"]
    )
    def test_only_coordinator_of_issuer_may_issue(self, draft_plan, org, who):
        """Issuing is Nội vụ's act: leaders who only read, unit staff and another province's
        Nội vụ are refused, and nothing is created."""
        with pytest.raises(AccessDenied) as error:
            plan_issue(plan=draft_plan, actor=getattr(org, who))
        assert error.value.message == MSG_NOT_ALLOWED.format(issuer=org.district)
        assert fresh(draft_plan).state == State.DRAFT
        assert not Deliverable.objects.exists()

    def test_coordinator_of_a_unit_below_may_not_issue_for_the_unit_above(self, draft_plan, org):
        """Nội vụ of an office manages that office's plans, not the district's."""
        office_coordinator = MembershipFactory(unit=org.noivu, role=Membership.Role.COORDINATOR).user
        with pytest.raises(AccessDenied):
            plan_issue(plan=draft_plan, actor=office_coordinator)

    def test_coordinator_of_a_unit_above_may_issue(self, org):
        """The district's Nội vụ may issue a plan of an office under the district."""
        # given
        plan = PlanFactory(issuer=org.noivu)
        task = TaskFactory(plan=plan)
        add_unit(task, org.office_a)
        add_deadline(task, year=2022, month=6)

        # when
        plan_issue(plan=plan, actor=org.coordinator)

        # then
        assert fresh(plan).state == State.ISSUED
        assert Deliverable.objects.get().due_date == dt.date(2022, 6, 30)


class TestCancel:
    def test_cancel_waives_open_deliverables_with_reason(self, issued_plan, org):
        """Cancelling a plan waives every obligation still open, logging the reason, and leaves
        the accepted ones as they are."""
        # given
        task = issued_plan.tasks.get()
        add_unit(task, org.noivu)  # a second lead unit, added after issuing, owes nothing
        open_item = Deliverable.objects.get(task=task, unit=org.office_a)
        second = Deliverable.objects.create(
            task=task,
            unit=org.office_b,
            due_date=dt.date(2022, 6, 30),
            original_due_date=dt.date(2022, 6, 30),
        )
        deliverable_submit(deliverable=second, actor=org.officer_b, text="Xong.")
        deliverable_accept(deliverable=second, actor=org.coordinator)
        deliverable_submit(deliverable=open_item, actor=org.officer_a, text="Lần 1.")
        deliverable_return(deliverable=open_item, actor=org.coordinator, comment="Bổ sung.")

        # when
        cancelled = plan_cancel(plan=issued_plan, actor=org.coordinator, comment="Thay bằng kế hoạch mới.")

        # then
        assert cancelled.state == State.CANCELLED
        open_item.refresh_from_db()
        second.refresh_from_db()
        assert open_item.state == DState.WAIVED
        assert open_item.closed_at is not None
        assert second.state == DState.ACCEPTED
        log = open_item.transitions.order_by("-id").first()
        assert (log.name, log.source, log.target, log.actor, log.comment) == (
            "waive_with_plan",
            DState.RETURNED,
            DState.WAIVED,
            org.coordinator,
            "Thay bằng kế hoạch mới.",
        )
        assert second.transitions.filter(name__startswith="waive").count() == 0
        plan_log = PlanTransition.objects.filter(plan=issued_plan).order_by("-id").first()
        assert (plan_log.name, plan_log.source, plan_log.target, plan_log.comment) == (
            "cancel",
            State.ISSUED,
            State.CANCELLED,
            "Thay bằng kế hoạch mới.",
        )

    def test_cancel_without_comment_uses_default_reason(self, issued_plan, deliverable, org):
        """Without a comment the waived items say "Kế hoạch bị hủy."."""
        plan_cancel(plan=issued_plan, actor=org.coordinator)
        assert deliverable.transitions.get(name="waive_with_plan").comment == MSG_CANCELLED

    def test_cancel_draft_creates_no_deliverables(self, draft_plan, org):
        plan_cancel(plan=draft_plan, actor=org.coordinator, comment="Không ban hành.")
        assert fresh(draft_plan).state == State.CANCELLED
        assert not Deliverable.objects.exists()
        assert not DeliverableTransition.objects.exists()

    def test_cancelled_plan_cannot_be_issued(self, draft_plan, org):
        plan_cancel(plan=draft_plan, actor=org.coordinator)
        with pytest.raises(ApplicationError) as error:
            plan_issue(plan=draft_plan, actor=org.coordinator)
        assert error.value.message == MSG_BAD_STATE.format(
            action="ban hành", state=plan_label(State.CANCELLED)
        )
        assert not Deliverable.objects.exists()

    @pytest.mark.parametrize("who", ["officer_a", "viewer", "other_coordinator"])
    def test_only_coordinator_may_cancel(self, issued_plan, deliverable, org, who):
        with pytest.raises(AccessDenied):
            plan_cancel(plan=issued_plan, actor=getattr(org, who))
        deliverable.refresh_from_db()
        assert fresh(issued_plan).state == State.ISSUED
        assert deliverable.state == DState.PENDING


class TestCloseAndReopen:
    def test_close_then_reopen_is_logged(self, issued_plan, org):
        """A plan can be closed and reopened; the history lists every step in order."""
        # when
        closed = plan_close(plan=issued_plan, actor=org.coordinator, comment="Hết năm.")
        reopened = plan_reopen(plan=issued_plan, actor=org.coordinator, comment="Bổ sung báo cáo.")

        # then
        assert closed.state == State.CLOSED
        assert reopened.state == State.ISSUED
        assert list(
            PlanTransition.objects.filter(plan=issued_plan).values_list("name", "source", "target", "comment")
        ) == [
            ("issue", State.DRAFT, State.ISSUED, ""),
            ("close", State.ISSUED, State.CLOSED, "Hết năm."),
            ("reopen", State.CLOSED, State.ISSUED, "Bổ sung báo cáo."),
        ]

    def test_submitting_on_closed_plan_is_refused(self, issued_plan, deliverable, org):
        """Once the plan is closed, units can no longer send reports; after reopening they can."""
        # given
        plan_close(plan=issued_plan, actor=org.coordinator)

        # when
        with pytest.raises(
            ApplicationError, match=re.escape(MSG_PLAN_NOT_ISSUED.format(action="gửi báo cáo"))
        ):
            deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Muộn.")

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == DState.PENDING
        assert not deliverable.reports.exists()
        assert not deliverable.transitions.exists()

        # when reopened
        plan_reopen(plan=issued_plan, actor=org.coordinator)
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã xong.")

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == DState.SUBMITTED

    def test_reviewing_on_closed_plan_is_refused(self, issued_plan, deliverable, org):
        """Nội vụ cannot waive an obligation of a closed plan either."""
        plan_close(plan=issued_plan, actor=org.coordinator)
        with pytest.raises(
            ApplicationError, match=re.escape(MSG_PLAN_NOT_ISSUED.format(action="miễn thực hiện"))
        ):
            deliverable_waive(deliverable=deliverable, actor=org.coordinator, reason="Không cần.")
        deliverable.refresh_from_db()
        assert deliverable.state == DState.PENDING

    @pytest.mark.parametrize(
        ("step", "state"),
        [("close", State.DRAFT), ("reopen", State.ISSUED), ("reopen", State.DRAFT)],
    )
    def test_close_or_reopen_from_wrong_state_is_refused(self, draft_plan, org, step, state):
        # given
        if state == State.ISSUED:
            plan_issue(plan=draft_plan, actor=org.coordinator)
        count = PlanTransition.objects.count()
        call = {"close": plan_close, "reopen": plan_reopen}[step]
        action = {"close": "kết thúc", "reopen": "mở lại"}[step]

        # when
        with pytest.raises(ApplicationError) as error:
            call(plan=draft_plan, actor=org.coordinator)

        # then
        assert error.value.message == MSG_BAD_STATE.format(action=action, state=plan_label(state))
        assert fresh(draft_plan).state == state
        assert PlanTransition.objects.count() == count

    def test_only_coordinator_may_close(self, issued_plan, org):
        with pytest.raises(AccessDenied):
            plan_close(plan=issued_plan, actor=org.officer_a)
        assert fresh(issued_plan).state == State.ISSUED


class TestNoReportsOnClosedPlan:
    """A closed plan keeps its history but takes no more reports (Plan.State.CLOSED)."""

    PREFIX = MSG_PLAN_NOT_ISSUED.split("{action}")[0]

    def test_progress_update_on_closed_plan_is_refused(self, issued_plan, deliverable, org):
        """After Nội vụ closes the plan, a unit cannot add progress reports to it."""
        # given
        plan_close(plan=issued_plan, actor=org.coordinator)

        # when
        with pytest.raises(ApplicationError) as error:
            deliverable_report_progress(
                deliverable=deliverable, actor=org.officer_a, text="Đã làm 50%.", percent_done=50
            )

        # then
        assert error.value.message.startswith(self.PREFIX)
        assert not Report.objects.exists()

    def test_contribution_on_closed_plan_is_refused(self, issued_plan, deliverable, org):
        """After Nội vụ closes the plan, a coordinating unit cannot add its input either."""
        # given
        plan_close(plan=issued_plan, actor=org.coordinator)

        # when
        with pytest.raises(ApplicationError) as error:
            contribution_add(
                deliverable=deliverable, actor=org.officer_b, unit_id=org.office_b.pk, text="Ý kiến."
            )

        # then
        assert error.value.message.startswith(self.PREFIX)
        assert not Contribution.objects.exists()
