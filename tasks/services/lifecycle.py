"""Issuing and cancelling a plan: the moments obligations are created or waived."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.calendar import work_calendar
from core.errors import ApplicationError
from core.periods import Frequency, period_label
from core.workdays import WorkCalendar
from plans.models import Plan
from plans.services import plan_apply_transition, plan_check_manage

from ..deadlines import DeadlineError, Kind, due_dates
from ..models import Deliverable, DeliverableTransition, Task, TaskAssignment

MSG_CANNOT_ISSUE = "Chưa thể ban hành kế hoạch: {count} nhiệm vụ cần bổ sung."
MSG_NO_TASKS = "Kế hoạch chưa có nhiệm vụ nào."
MSG_NO_LEAD = "Nhiệm vụ {label}: chưa có đơn vị chủ trì."
MSG_NO_DUE = "Nhiệm vụ {label}: thời hạn «{text}» chưa xác định được ngày cụ thể."
MSG_BAD_DEADLINE = "Nhiệm vụ {label}: {error}"
MSG_CANCELLED = "Kế hoạch bị hủy."


def _tasks_with_rules(plan: Plan):
    return (
        Task.objects.filter(plan=plan)
        .select_related("section")
        .prefetch_related("deadline_rules", "assignments")
    )


def _recurring_frequency(task: Task) -> Frequency | None:
    for rule in task.deadline_rules.all():
        if rule.kind == Kind.RECURRING:
            return Frequency(rule.frequency or Frequency.ONGOING)
    return None


def task_due_dates(task: Task, plan: Plan, *, calendar: WorkCalendar | None = None) -> list[dt.date]:
    """Return the due dates a task's deadline produces over its plan's span."""
    return due_dates(
        task.deadline_parts(),
        span_start=plan.period_start,
        span_end=plan.period_end,
        report_frequency=Frequency(plan.report_frequency),
        calendar=calendar or work_calendar(),
    )


def plan_issue_problems(plan: Plan) -> list[str]:
    """Return, task by task, what stops the plan from being issued."""
    tasks = list(_tasks_with_rules(plan))
    if not tasks:
        return [MSG_NO_TASKS]
    problems, calendar = [], work_calendar()
    for task in tasks:
        if not any(a.role == TaskAssignment.Role.LEAD for a in task.assignments.all()):
            problems.append(MSG_NO_LEAD.format(label=task.full_label))
        try:
            dates = task_due_dates(task, plan, calendar=calendar)
        except DeadlineError as error:
            problems.append(MSG_BAD_DEADLINE.format(label=task.full_label, error=error))
            continue
        if not dates:
            problems.append(MSG_NO_DUE.format(label=task.full_label, text=task.deadline_text or "—"))
    return problems


def _deliverables_for(plan: Plan) -> list[Deliverable]:
    report_frequency = Frequency(plan.report_frequency)
    result, calendar = [], work_calendar()
    for task in _tasks_with_rules(plan):
        frequency = _recurring_frequency(task)
        if frequency == Frequency.ONGOING:
            frequency = report_frequency
        leads = [a.unit_id for a in task.assignments.all() if a.role == TaskAssignment.Role.LEAD]
        for due in task_due_dates(task, plan, calendar=calendar):
            label = period_label(due, frequency)
            result.extend(
                Deliverable(
                    task=task, unit_id=unit_id, due_date=due, original_due_date=due, period_label=label
                )
                for unit_id in dict.fromkeys(leads)
            )
    return result


def plan_issue(*, plan: Plan, actor, comment: str = "") -> Plan:
    """Issue a draft plan: create one deliverable per lead unit and due date."""
    plan_check_manage(plan=plan, actor=actor)
    problems = plan_issue_problems(plan)
    if problems:
        raise ApplicationError(MSG_CANNOT_ISSUE.format(count=len(problems)), problems=problems)
    with transaction.atomic():
        issued = plan_apply_transition(plan=plan, name="issue", actor=actor, comment=comment)
        Deliverable.objects.bulk_create(_deliverables_for(issued), batch_size=500)
    return issued


def plan_cancel(*, plan: Plan, actor, comment: str = "") -> Plan:
    """Cancel a plan; every obligation still open is waived, with the reason logged."""
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        cancelled = plan_apply_transition(plan=plan, name="cancel", actor=actor, comment=comment)
        reason = comment or MSG_CANCELLED
        now = timezone.now()
        logs = []
        cancellable = (*Deliverable.OPEN_STATES, Deliverable.State.SUBMITTED)
        for deliverable in Deliverable.objects.filter(task__plan=cancelled, state__in=cancellable):
            source = deliverable.state
            deliverable.waive_with_plan()
            deliverable.closed_at = now
            deliverable.save(update_fields=["state", "closed_at"])
            logs.append(
                DeliverableTransition(
                    deliverable=deliverable,
                    name="waive",
                    source=source,
                    target=deliverable.state,
                    actor=actor,
                    comment=reason,
                )
            )
        DeliverableTransition.objects.bulk_create(logs)
    return cancelled
