"""The plan's lifecycle, in one place: create, edit, import-confirm, issue, amend, close, reopen, cancel.

Issuing creates the deliverables and cancelling or amending waives them, so the lifecycle lives
with the tasks. ``TRANSITIONS`` is the one table of the plan's states; every step checks who acts,
locks the plan row, and writes its event through ``plans.events``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from core.calendar import work_calendar
from core.dates import check_date_bounds
from core.errors import AccessDenied, ApplicationError, unique_or_conflict
from core.history import bulk_create_with_history, record_change
from core.periods import Frequency, period_label
from core.workdays import WorkCalendar
from plans.events import (
    VERBS,
    PlanEvent,
    plan_amended_event,
    plan_cancelled_event,
    plan_closed_event,
    plan_created_event,
    plan_edited_event,
    plan_imported_event,
    plan_issued_event,
    plan_registered_event,
    plan_reopened_event,
)
from plans.models import Plan, Section
from plans.text_blocks import blocks_clean
from units.models import Unit
from units.selectors import access_for

from ..deadline_parser import parse_deadline
from ..deadlines import DeadlineError, Kind, due_dates
from ..events.deliverables import (
    deliverables_waived_at_close_event,
    deliverables_waived_with_amendment_event,
    deliverables_waived_with_plan_event,
)
from ..importing import MSG_HAS_ERRORS, ImportPreview, plan_paste_read
from ..models import Deliverable, PlanImport, Task, TaskAssignment, TaskDeadline
from .imports import plan_import_check, plan_import_decide
from .plan_data import MSG_INVALID, plan_rows_create, task_rows_check, tasks_rows_create
from .summaries import deliverable_summaries_refresh

MSG_NOT_ALLOWED = "Bạn không có quyền quản lý kế hoạch của {issuer}."
MSG_BAD_STATE = "Không thể {action} kế hoạch đang ở trạng thái «{state}»."
MSG_CANNOT_ISSUE = "Chưa thể ban hành kế hoạch: {count} nhiệm vụ cần bổ sung."
MSG_NO_TASKS = "Kế hoạch chưa có nhiệm vụ nào."
MSG_NO_LEAD = "Nhiệm vụ {label}: chưa có đơn vị chủ trì."
MSG_NO_DUE = "Nhiệm vụ {label}: thời hạn «{text}» chưa xác định được ngày cụ thể."
MSG_BAD_DEADLINE = "Nhiệm vụ {label}: {error}"
MSG_CANCELLED = "Kế hoạch bị hủy."
MSG_CLOSED = "Kế hoạch kết thúc."
MSG_PASTED = "Dán {count} dòng nhiệm vụ."

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
    record_change(locked, actor=actor)
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
        Task.objects.filter(plan=plan, withdrawn=False)
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


@dataclass
class DeadlineReading:
    parts: list
    dates: list[dt.date]
    warnings: list[str]

    @property
    def readable(self) -> bool:
        return bool(self.parts)


def deadline_read(*, text: str, plan: Plan) -> DeadlineReading:
    """Read a deadline as the plan writes it, with the due dates it gives over the plan's span."""
    parsed = parse_deadline(text, year=plan.year)
    if not parsed.readable:
        return DeadlineReading(parts=[], dates=[], warnings=parsed.warnings)
    try:
        dates = due_dates(
            parsed.parts,
            span_start=plan.period_start,
            span_end=plan.period_end,
            report_frequency=Frequency(plan.report_frequency),
            calendar=work_calendar(),
        )
    except DeadlineError as error:
        return DeadlineReading(parts=[], dates=[], warnings=[str(error)])
    return DeadlineReading(parts=parsed.parts, dates=dates, warnings=parsed.warnings)


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


def _close_obligations(deliverables, *, method: str) -> list[tuple[Deliverable, str]]:
    """Run one closing transition (``waive``, ``waive_with_plan``) on each; return (row, old state)."""
    now, changes = timezone.now(), []
    for deliverable in deliverables:
        source = deliverable.state
        getattr(deliverable, method)()
        deliverable.closed_at = now
        deliverable.save(update_fields=["state", "closed_at"])
        changes.append((deliverable, source))
    return changes


def plan_close(*, plan: Plan, actor, comment: str = "", waive_open: bool = False) -> Plan:
    """Close an issued plan; its open obligations stay open, or are waived with ``comment`` as reason."""
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        closed = _apply(plan=plan, event=PlanEvent.CLOSE, actor=actor, comment=comment)
        if waive_open:
            changes = _close_obligations(Deliverable.objects.filter(task__plan=closed).open(), method="waive")
            deliverables_waived_at_close_event(changes=changes, actor=actor, comment=comment or MSG_CLOSED)
        return closed


def plan_reopen(*, plan: Plan, actor, comment: str = "") -> Plan:
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        return _apply(plan=plan, event=PlanEvent.REOPEN, actor=actor, comment=comment)


def plan_cancel(*, plan: Plan, actor, comment: str = "") -> Plan:
    """Cancel a plan; every obligation still open is waived with the plan, the reason logged."""
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        cancelled = _apply(plan=plan, event=PlanEvent.CANCEL, actor=actor, comment=comment)
        cancellable = (*Deliverable.OPEN_STATES, Deliverable.State.SUBMITTED)
        owed = Deliverable.objects.filter(task__plan=cancelled, state__in=cancellable)
        changes = _close_obligations(owed, method="waive_with_plan")
        deliverables_waived_with_plan_event(changes=changes, actor=actor, comment=comment or MSG_CANCELLED)
    return cancelled


def plan_register_number(*, plan: Plan, number: int, date, actor, symbol_note: str = "") -> bool:
    """Give an unnumbered plan the number and date it received in the outgoing register.

    A number once given is never replaced; the registration is logged with the plan's history.
    """
    check_date_bounds(date, label="Ngày vào sổ")
    with unique_or_conflict(MSG_NUMBER_TAKEN):
        updated = Plan.objects.filter(pk=plan.pk, number__isnull=True).update(number=number, date=date)
    if updated:
        plan.refresh_from_db(fields=["number", "date"])
        record_change(plan, actor=actor)
        plan_registered_event(plan=plan, actor=actor, comment=symbol_note)
    return bool(updated)


# ----- writing the plan: freely while a draft, by an amendment once issued -------------------

MSG_NOT_DRAFT = (
    "Kế hoạch đã ban hành: không sửa được nhiệm vụ nếu không ghi lý do điều chỉnh. "
    "Thay đổi thời hạn của một nghĩa vụ bằng gia hạn, hoặc miễn thực hiện từng nghĩa vụ."
)
MSG_NOT_EDITABLE = "Kế hoạch đang ở trạng thái «{state}»: không sửa được."
MSG_HEADING_LOCKED = "Kế hoạch đã ban hành: phần mở đầu không sửa được nữa."
MSG_REASON_REQUIRED = "Cần ghi lý do điều chỉnh kế hoạch."
MSG_AMENDMENT_PROBLEM = "Chưa điều chỉnh được: {problem}"
MSG_AMENDED_TASK = "Nhiệm vụ {label}: {reason}"
MSG_WITHDRAWN_TASK = "Bỏ nhiệm vụ {label}: {reason}"
MSG_PASTE_DRAFT = "Chỉ dán nhiều dòng nhiệm vụ vào kế hoạch dự thảo."


MSG_NUMBER_TAKEN = (
    "Số và ký hiệu này vừa được dùng cho một kế hoạch khác của đơn vị trong năm; hãy kiểm tra lại số."
)


def plan_save(*, form, formsets, actor) -> Plan:
    """Save a plan's heading form and its rows (bases, targets, sections, budget); drafts only."""
    plan = form.instance
    creating = plan.pk is None
    issuer = form.cleaned_data["issuer"]
    if not access_for(actor).can_manage_issuer(issuer.pk):
        raise AccessDenied(MSG_NOT_ALLOWED.format(issuer=issuer))
    if not creating:
        plan_check_manage(plan=Plan.objects.get(pk=plan.pk), actor=actor)
        if Plan.objects.get(pk=plan.pk).state != State.DRAFT:
            raise ApplicationError(MSG_HEADING_LOCKED)
    _check_sections_kept(formsets)
    with unique_or_conflict(MSG_NUMBER_TAKEN):
        plan = form.save()
        for formset in formsets:
            formset.instance = plan
            formset.save()
        writer = plan_created_event if creating else plan_edited_event
        writer(plan=plan, actor=actor)
    return plan


def _check_amendable(plan: Plan, actor, reason: str) -> bool:
    """True for a draft (edited freely), False for an issued plan (amended with ``reason``)."""
    plan_check_manage(plan=plan, actor=actor)
    if plan.is_editable:
        return True
    if plan.state != State.ISSUED:
        raise ApplicationError(MSG_NOT_EDITABLE.format(state=plan.get_state_display()))
    if not reason.strip():
        raise ApplicationError(MSG_NOT_DRAFT)
    return False


MSG_HEADING_AMENDED = "Điều chỉnh phần mở đầu ({fields}): {reason}"
MSG_HEADING_UNCHANGED = "Phần mở đầu không có gì thay đổi."
MSG_SECTION_LABEL_TAKEN = "Số mục đã có trong kế hoạch; hãy đổi số mục một lần một mục, không đổi chéo."
MSG_SECTION_HAS_TASKS = (
    "Không bỏ được mục «{section}»: mục còn {count} nhiệm vụ. "
    "Chuyển các nhiệm vụ sang mục khác hoặc bỏ nhiệm vụ trước, hoặc chỉ đổi tên mục."
)


def _check_sections_kept(formsets) -> None:
    """A section that still holds tasks (withdrawn ones too: their history points at it) stays.

    Renaming a section changes its row in place, so its tasks follow the new name; removing it
    would leave them without a section, so it is refused before anything is written.
    """
    for formset in formsets:
        if formset.model is not Section:
            continue
        for form in formset.deleted_forms:
            section = form.instance
            count = Task.objects.filter(section_id=section.pk).count() if section.pk else 0
            if count:
                raise ApplicationError(MSG_SECTION_HAS_TASKS.format(section=section, count=count))


def plan_heading_amend(*, form, actor, reason: str, formsets=()) -> Plan:
    """Change what an issued plan's heading says where no obligation depends on it, with a reason.

    ``form`` is a ``PlanHeadingAmendForm``: it holds none of the fields obligations or the register
    own (issuer, year, period, frequency, number, date). ``formsets`` are the plan's rows (legal
    bases, targets, sections, budget lines, ``plans.forms.plan_formsets``). The old values stay in
    the edit history and the amendment, with what it touched and its reason, in the plan's log.
    """
    plan = form.instance
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        plan_check_manage(plan=locked, actor=actor)
        if locked.state != State.ISSUED:
            raise ApplicationError(MSG_NOT_EDITABLE.format(state=locked.get_state_display()))
        if not reason.strip():
            raise ApplicationError(MSG_REASON_REQUIRED)
        changed = [name for name in form.changed_data if name in form.Meta.fields]
        rows = [formset for formset in formsets if formset.has_changed()]
        if not changed and not rows:
            raise ApplicationError(MSG_HEADING_UNCHANGED)
        _check_sections_kept(rows)
        plan._history_user = actor
        plan.save(update_fields=[*changed, "updated_at"])
        # Two sections trading numbers ("I" ↔ "II") pass the form but meet the unique label row by row.
        with unique_or_conflict(MSG_SECTION_LABEL_TAKEN):
            for formset in rows:
                formset.instance = plan
                formset.save()
        labels = [str(form.fields[name].label).lower() for name in changed]
        labels += [str(formset.title).lower() for formset in rows]
        plan_amended_event(
            plan=plan,
            actor=actor,
            reason=MSG_HEADING_AMENDED.format(fields=", ".join(labels), reason=reason.strip()),
        )
    return plan


MSG_TEXT_EDITED = "Sửa nội dung văn bản."
MSG_TEXT_AMENDED = "Điều chỉnh nội dung văn bản: {reason}"
TEXT_FIELDS = ["text_blocks", "tasks_in_appendix", "task_appendix_title", "budget_appendix_title"]


def plan_text_save(
    *,
    plan: Plan,
    actor,
    blocks: list[dict],
    tasks_in_appendix: bool,
    task_appendix_title: str = "",
    budget_appendix_title: str = "",
    reason: str = "",
) -> Plan:
    """Save the plan's own text: freely on a draft, as a recorded amendment (with a reason) once issued."""
    blocks = blocks_clean(blocks)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        plan_check_manage(plan=locked, actor=actor)
        if locked.state == State.ISSUED and not reason.strip():
            raise ApplicationError(MSG_REASON_REQUIRED)
        draft = _check_amendable(locked, actor, reason)
        locked.text_blocks = blocks
        locked.tasks_in_appendix = tasks_in_appendix
        locked.task_appendix_title = task_appendix_title.strip()
        locked.budget_appendix_title = budget_appendix_title.strip()
        locked._history_user = actor  # the edit history names who wrote it
        locked.save(update_fields=[*TEXT_FIELDS, "updated_at"])
        if draft:
            plan_edited_event(plan=locked, actor=actor, comment=MSG_TEXT_EDITED)
        else:
            plan_amended_event(
                plan=locked, actor=actor, reason=MSG_TEXT_AMENDED.format(reason=reason.strip())
            )
    return locked


def task_check_editable(*, plan: Plan, actor) -> None:
    """Whether the task editor may open: a draft, or an issued plan to amend."""
    plan_check_manage(plan=plan, actor=actor)
    if plan.state not in (State.DRAFT, State.ISSUED):
        raise ApplicationError(MSG_NOT_EDITABLE.format(state=plan.get_state_display()))


def task_set_units(*, task: Task, leads: list, coordinating: list) -> None:
    task.assignments.all().delete()
    rows = [
        TaskAssignment(task=task, unit=unit, role=TaskAssignment.Role.LEAD, position=i)
        for i, unit in enumerate(leads)
    ] + [
        TaskAssignment(task=task, unit=unit, role=TaskAssignment.Role.COORDINATING, position=i)
        for i, unit in enumerate(coordinating)
    ]
    bulk_create_with_history(TaskAssignment, rows)


def _make_room(task: Task) -> None:
    """A task inserted at a position pushes the rows at and after it one place down."""
    Task.objects.filter(plan_id=task.plan_id, position__gte=task.position).exclude(pk=task.pk).update(
        position=F("position") + 1
    )


def _waive_for_amendment(deliverables, *, actor, reason: str) -> int:
    # A report already sent or accepted stays as it is: only what is still owed is waived.
    owed = [d for d in deliverables if d.state in Deliverable.WAIVABLE_STATES]
    changes = _close_obligations(owed, method="waive")
    deliverables_waived_with_amendment_event(changes=changes, actor=actor, reason=reason)
    return len(changes)


def task_obligations_follow(*, task: Task, actor, reason: str) -> tuple[int, int]:
    """Make an issued task's obligations match its units and deadline: create what is now owed,
    waive (never delete) what no longer is. Returns (created, waived)."""
    plan = task.plan
    task = _tasks_with_rules(plan).get(pk=task.pk)
    problems = task_problems(task, plan, calendar=work_calendar())
    if problems:
        raise ApplicationError(MSG_AMENDMENT_PROBLEM.format(problem=problems[0]), problems=problems)
    wanted = {
        (d.unit_id, d.original_due_date): d for d in task_deliverables(task, plan, calendar=work_calendar())
    }
    existing = {(d.unit_id, d.original_due_date): d for d in task.deliverables.all()}
    created = [d for key, d in wanted.items() if key not in existing]
    Deliverable.objects.bulk_create(created)
    if created:
        deliverable_summaries_refresh(plan_id=plan.pk, unit_ids={d.unit_id for d in created})
    gone = [d for key, d in existing.items() if key not in wanted]
    return len(created), _waive_for_amendment(gone, actor=actor, reason=reason)


@transaction.atomic
def task_save(*, form, deadline_formset=None, deadline_parts=None, actor, reason: str = "") -> Task:
    """Save a task with its units and deadline: freely in a draft; in an issued plan as an
    amendment with a reason, logged in the plan's history, the obligations following.

    The deadline comes from the structured formset, or from ``deadline_parts`` read from the text.
    """
    plan = Plan.objects.select_for_update().get(pk=form.instance.plan_id)
    draft = _check_amendable(plan, actor, reason)
    creating = form.instance.pk is None
    task = form.save()
    if creating:
        _make_room(task)
    task_set_units(
        task=task,
        leads=list(form.cleaned_data["lead_units"]),
        coordinating=list(form.cleaned_data["coordinating_units"]),
    )
    if deadline_parts is not None:
        task.deadline_rules.all().delete()
        TaskDeadline.objects.bulk_create(
            TaskDeadline.from_part(part, task=task, position=i) for i, part in enumerate(deadline_parts)
        )
    else:
        deadline_formset.instance = task
        deadline_formset.save()
    if not draft:
        task_obligations_follow(task=task, actor=actor, reason=reason)
        plan_amended_event(
            plan=plan, actor=actor, reason=MSG_AMENDED_TASK.format(label=task.full_label, reason=reason)
        )
    return task


@transaction.atomic
def task_remove(*, task: Task, actor, reason: str = "") -> None:
    """Take a task out: a draft's row is deleted; an issued plan keeps it, withdrawn, its open
    obligations waived with the amendment's reason."""
    plan = Plan.objects.select_for_update().get(pk=task.plan_id)
    if _check_amendable(plan, actor, reason):
        task.delete()
        return
    Task.objects.filter(pk=task.pk).update(withdrawn=True)
    _waive_for_amendment(task.deliverables.all(), actor=actor, reason=reason)
    plan_amended_event(
        plan=plan, actor=actor, reason=MSG_WITHDRAWN_TASK.format(label=task.full_label, reason=reason)
    )


@transaction.atomic
def task_move(*, task: Task, actor, step: int) -> None:
    """Swap a draft's task with its neighbour above (step -1) or below (step +1)."""
    plan = Plan.objects.select_for_update().get(pk=task.plan_id)
    if not _check_amendable(plan, actor, ""):
        return
    rows = list(Task.objects.filter(plan=plan).order_by("position", "id"))
    index = next(i for i, row in enumerate(rows) if row.pk == task.pk)
    other = index + step
    if not 0 <= other < len(rows):
        return
    rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows):
        row.position = position
    Task.objects.bulk_update(rows, ["position"])


@transaction.atomic
def tasks_paste(*, plan: Plan, actor, text: str) -> list[Task]:
    """Add the rows pasted from a Word or Excel table at the end of a draft; all or nothing.

    A pasted section row ("II. Tiêu chí …") the plan does not have yet becomes a new section.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan_check_manage(plan=plan, actor=actor)
    if not plan.is_editable:
        raise ApplicationError(MSG_PASTE_DRAFT)
    pasted = plan_paste_read(text=text, plan=plan)
    if pasted.errors:
        raise ApplicationError(MSG_INVALID.format(count=len(pasted.errors)), problems=pasted.errors)
    rows = pasted.rows
    by_code = {unit.code: unit for unit in Unit.objects.all()}
    sections = {section.label: section for section in plan.sections.all()}
    last = plan.sections.aggregate(last=Max("position"))["last"] or 0
    for offset, (label, title) in enumerate(pasted.sections, start=1):
        if label not in sections:
            sections[label] = Section.objects.create(
                plan=plan, position=last + offset, label=label, title=title
            )
    problems = task_rows_check(rows, by_code=by_code, labels=set(sections))
    if problems:
        raise ApplicationError(MSG_INVALID.format(count=len(problems)), problems=problems)
    start = (plan.tasks.aggregate(last=Max("position"))["last"] or 0) + 1
    tasks = tasks_rows_create(plan, rows, sections=sections, by_code=by_code, start=start)
    plan_edited_event(plan=plan, actor=actor, comment=MSG_PASTED.format(count=len(tasks)))
    return tasks
