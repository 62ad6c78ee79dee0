"""The plan's lifecycle, in one place: create, edit, import-confirm, issue, amend, close, reopen, cancel.

Issuing creates the deliverables and cancelling or amending waives them, so the lifecycle lives
with the tasks. ``TRANSITIONS`` is the one table of the plan's states; every step checks who acts,
locks the plan row, and writes its event through ``plans.events``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from plans.events import (
    VERBS,
    PlanEvent,
    plan_cancelled_event,
    plan_closed_event,
    plan_imported_event,
    plan_issued_event,
    plan_registered_event,
    plan_reopened_event,
)
from plans.models import Plan
from project.errors import AccessDenied, ApplicationError
from units.selectors import access_for

from ..calendar_days import work_calendar
from ..deadlines import DeadlineError, Frequency, Kind, due_dates, period_label
from ..events.deliverables import deliverables_waived_with_plan_event
from ..importing import MSG_HAS_ERRORS, ImportPreview
from ..models import Deliverable, PlanImport, Task, TaskAssignment
from ..workdays import WorkCalendar
from .imports import plan_import_check, plan_import_decide
from .plan_data import plan_rows_create
from .summaries import deliverable_summaries_refresh

MSG_NOT_ALLOWED = "Bạn không có quyền quản lý kế hoạch của {issuer}."
MSG_BAD_STATE = "Không thể {action} kế hoạch đang ở trạng thái «{state}»."
MSG_CANNOT_ISSUE = "Chưa thể ban hành kế hoạch: {count} nhiệm vụ cần bổ sung."
MSG_NO_TASKS = "Kế hoạch chưa có nhiệm vụ nào."
MSG_NO_LEAD = "Nhiệm vụ {label}: chưa có đơn vị chủ trì."
MSG_NO_DUE = "Nhiệm vụ {label}: thời hạn «{text}» chưa xác định được ngày cụ thể."
MSG_BAD_DEADLINE = "Nhiệm vụ {label}: {error}"
MSG_CANCELLED = "Kế hoạch bị hủy."

State = Plan.State


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str


# The plan's states: from where each step may start, and where it leads.
TRANSITIONS = {
    PlanEvent.ISSUE: Step(sources=(State.DRAFT,), target=State.ISSUED),
    PlanEvent.CLOSE: Step(sources=(State.ISSUED,), target=State.CLOSED),
    PlanEvent.REOPEN: Step(sources=(State.CLOSED,), target=State.ISSUED),
    PlanEvent.CANCEL: Step(sources=(State.DRAFT, State.ISSUED), target=State.CANCELLED),
}
WRITERS = {
    PlanEvent.ISSUE: plan_issued_event,
    PlanEvent.CLOSE: plan_closed_event,
    PlanEvent.REOPEN: plan_reopened_event,
    PlanEvent.CANCEL: plan_cancelled_event,
}


def plan_can(plan: Plan, event: PlanEvent) -> bool:
    """Whether the plan's state allows ``event`` (who may act is checked apart)."""
    return plan.state in TRANSITIONS[event].sources


def plan_check_manage(*, plan: Plan, actor) -> None:
    if not access_for(actor).can_manage_issuer(plan.issuer_id):
        raise AccessDenied(MSG_NOT_ALLOWED.format(issuer=plan.issuer))


def _apply(*, plan: Plan, event: PlanEvent, actor, comment: str = "") -> Plan:
    """Run one step of ``TRANSITIONS`` on the locked plan row and log it; call inside a transaction."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan_can(locked, event):
        raise ApplicationError(MSG_BAD_STATE.format(action=VERBS[event], state=locked.get_state_display()))
    source = locked.state
    # The state field is protected: only this function changes it, by an update on the locked row.
    Plan.objects.filter(pk=locked.pk).update(state=TRANSITIONS[event].target, updated_at=timezone.now())
    locked = Plan.objects.get(pk=locked.pk)
    WRITERS[event](plan=locked, source=source, actor=actor, comment=comment)
    return locked


# ----- creating a draft --------------------------------------------------------------------


@transaction.atomic
def plan_create_from_data(data: dict) -> Plan:
    """Create a draft plan from plain data (the shape show_plan prints); all or nothing."""
    return plan_rows_create(data)


def plan_import_create(*, preview: ImportPreview, actor=None) -> Plan:
    """Create the draft plan from a preview without errors; all or nothing."""
    if not preview.ok:
        raise ApplicationError(MSG_HAS_ERRORS.format(count=len(preview.errors)), problems=preview.errors)
    with transaction.atomic():
        plan = plan_rows_create(preview.as_plan_data())
        plan_imported_event(plan=plan, actor=actor, file_name=preview.name)
    return plan


def plan_import_confirm(*, batch: PlanImport, actor) -> Plan:
    """Create the draft plan from the preview the officer saw: the file is not read again."""
    preview = plan_import_check(batch=batch, actor=actor)
    with transaction.atomic():
        locked = plan_import_decide(batch, "confirm")
        locked.plan = plan_import_create(preview=preview, actor=actor)
        locked.save(update_fields=["state", "decided_at", "plan"])
    return locked.plan


# ----- issuing -----------------------------------------------------------------------------


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


def task_problems(task: Task, plan: Plan, *, calendar: WorkCalendar) -> list[str]:
    """What stops one task from producing obligations: no lead unit, or no due date."""
    problems = []
    if not any(a.role == TaskAssignment.Role.LEAD for a in task.assignments.all()):
        problems.append(MSG_NO_LEAD.format(label=task.full_label))
    try:
        dates = task_due_dates(task, plan, calendar=calendar)
    except DeadlineError as error:
        return [*problems, MSG_BAD_DEADLINE.format(label=task.full_label, error=error)]
    if not dates:
        problems.append(MSG_NO_DUE.format(label=task.full_label, text=task.deadline_text or "—"))
    return problems


def plan_issue_problems(plan: Plan) -> list[str]:
    """Return, task by task, what stops the plan from being issued."""
    tasks = list(_tasks_with_rules(plan))
    if not tasks:
        return [MSG_NO_TASKS]
    calendar = work_calendar()
    return [problem for task in tasks for problem in task_problems(task, plan, calendar=calendar)]


def task_deliverables(task: Task, plan: Plan, *, calendar: WorkCalendar) -> list[Deliverable]:
    """The obligations one task owes: one per lead unit and due date (not saved)."""
    frequency = _recurring_frequency(task)
    if frequency == Frequency.ONGOING:
        frequency = Frequency(plan.report_frequency)
    leads = dict.fromkeys(a.unit_id for a in task.assignments.all() if a.role == TaskAssignment.Role.LEAD)
    return [
        Deliverable(
            task=task,
            unit_id=unit_id,
            due_date=due,
            original_due_date=due,
            period_label=period_label(due, frequency),
        )
        for due in task_due_dates(task, plan, calendar=calendar)
        for unit_id in leads
    ]


def plan_issue_preview(plan: Plan, *, today: dt.date) -> dict:
    """What issuing would do: how many obligations, which due dates are already past."""
    calendar = work_calendar()
    owed = [d for task in _tasks_with_rules(plan) for d in task_deliverables(task, plan, calendar=calendar)]
    past = sorted({d.due_date for d in owed if d.due_date < today})
    return {"count": len(owed), "units": len({d.unit_id for d in owed}), "past_due_dates": past}


def plan_issue(*, plan: Plan, actor, comment: str = "") -> Plan:
    """Issue a draft plan: create one deliverable per lead unit and due date."""
    plan_check_manage(plan=plan, actor=actor)
    problems = plan_issue_problems(plan)
    if problems:
        raise ApplicationError(MSG_CANNOT_ISSUE.format(count=len(problems)), problems=problems)
    with transaction.atomic():
        issued = _apply(plan=plan, event=PlanEvent.ISSUE, actor=actor, comment=comment)
        calendar = work_calendar()
        owed = [
            d
            for task in _tasks_with_rules(issued)
            for d in task_deliverables(task, issued, calendar=calendar)
        ]
        Deliverable.objects.bulk_create(owed, batch_size=500)
        deliverable_summaries_refresh(plan_id=issued.pk)
    return issued


# ----- closing, reopening, cancelling, registering ----------------------------------------------


def plan_close(*, plan: Plan, actor, comment: str = "") -> Plan:
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        return _apply(plan=plan, event=PlanEvent.CLOSE, actor=actor, comment=comment)


def plan_reopen(*, plan: Plan, actor, comment: str = "") -> Plan:
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        return _apply(plan=plan, event=PlanEvent.REOPEN, actor=actor, comment=comment)


def plan_cancel(*, plan: Plan, actor, comment: str = "") -> Plan:
    """Cancel a plan; every obligation still open is waived with the plan, the reason logged."""
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        cancelled = _apply(plan=plan, event=PlanEvent.CANCEL, actor=actor, comment=comment)
        now = timezone.now()
        changes = []
        cancellable = (*Deliverable.OPEN_STATES, Deliverable.State.SUBMITTED)
        for deliverable in Deliverable.objects.filter(task__plan=cancelled, state__in=cancellable):
            source = deliverable.state
            deliverable.waive_with_plan()
            deliverable.closed_at = now
            deliverable.save(update_fields=["state", "closed_at"])
            changes.append((deliverable, source))
        deliverables_waived_with_plan_event(changes=changes, actor=actor, comment=comment or MSG_CANCELLED)
    return cancelled


def plan_register_number(*, plan: Plan, number: int, date, actor, symbol_note: str = "") -> bool:
    """Give an unnumbered plan the number and date it received in the outgoing register.

    A number once given is never replaced; the registration is logged with the plan's history.
    """
    updated = Plan.objects.filter(pk=plan.pk, number__isnull=True).update(number=number, date=date)
    if updated:
        plan.refresh_from_db(fields=["number", "date"])
        plan_registered_event(plan=plan, actor=actor, comment=symbol_note)
    return bool(updated)


# ----- editing the task table of a draft ----------------------------------------------------

MSG_NOT_DRAFT = (
    "Kế hoạch đã ban hành: không sửa được nhiệm vụ. "
    "Thay đổi thời hạn bằng gia hạn, hoặc miễn thực hiện từng nghĩa vụ."
)


def task_check_editable(*, plan: Plan, actor) -> None:
    plan_check_manage(plan=plan, actor=actor)
    if not plan.is_editable:
        raise ApplicationError(MSG_NOT_DRAFT)


def task_set_units(*, task: Task, leads: list, coordinating: list) -> None:
    task.assignments.all().delete()
    rows = [
        TaskAssignment(task=task, unit=unit, role=TaskAssignment.Role.LEAD, position=i)
        for i, unit in enumerate(leads)
    ] + [
        TaskAssignment(task=task, unit=unit, role=TaskAssignment.Role.COORDINATING, position=i)
        for i, unit in enumerate(coordinating)
    ]
    TaskAssignment.objects.bulk_create(rows)


@transaction.atomic
def task_save(*, form, deadline_formset, actor) -> Task:
    """Save a task form with its units and deadline parts (draft plans only)."""
    task = form.instance
    task_check_editable(plan=task.plan, actor=actor)
    task = form.save()
    task_set_units(
        task=task,
        leads=list(form.cleaned_data["lead_units"]),
        coordinating=list(form.cleaned_data["coordinating_units"]),
    )
    deadline_formset.instance = task
    deadline_formset.save()
    return task
