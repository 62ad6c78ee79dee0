"""Transitions of a deliverable: every one checks who acts, logs, and refuses races."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition, can_proceed

from core.errors import AccessDenied, ApplicationError, Conflict
from plans.models import Plan
from units.selectors import access_for

from ..events.deliverables import TRANSITION_WRITERS, VERBS
from ..models import Contribution, Deliverable, Report, TaskAssignment
from .evidence import evidence_check_all, evidence_store
from .notifications import notify_reviewers, notify_unit
from .reorganisation import deliverable_follow_successor

MSG_CONFLICT = (
    "Nghĩa vụ này vừa được người khác cập nhật (hiện ở trạng thái «{state}»). "
    "Hãy tải lại trang để xem thay đổi."
)
MSG_BAD_STATE = "Không thể {action} khi nghĩa vụ đang ở trạng thái «{state}»."
MSG_PLAN_NOT_ISSUED = "Kế hoạch không còn ở trạng thái đã ban hành; không thể {action}."
MSG_NOT_REPORTER = "Bạn không báo cáo cho {unit}."
MSG_NOT_HEAD = "Chỉ lãnh đạo {unit} mới được duyệt báo cáo này."
MSG_NOT_REVIEWER = "Bạn không có quyền xem xét báo cáo của kế hoạch này."
MSG_NOT_COORDINATING = "Đơn vị của bạn không phối hợp thực hiện nhiệm vụ này."
MSG_COMMENT_REQUIRED = "Cần ghi rõ lý do khi {action}."
MSG_TEXT_REQUIRED = "Nội dung báo cáo không được để trống."
MSG_EVIDENCE_REQUIRED = "Nhiệm vụ này yêu cầu tài liệu kèm theo: {note}. Hãy đính kèm ít nhất một tệp."


def classify_timeliness(submitted_on: dt.date, due: dt.date) -> str:
    """Trước hạn / đúng hạn / quá hạn, comparing dates as one-stop systems do."""
    if submitted_on < due:
        return Deliverable.Timeliness.EARLY
    if submitted_on == due:
        return Deliverable.Timeliness.ON_TIME
    return Deliverable.Timeliness.LATE


def _fresh(deliverable: Deliverable) -> Deliverable:
    """Re-read the row: the state checked is the one saved against (optimistic lock)."""
    return Deliverable.objects.select_related("task__plan", "unit").get(pk=deliverable.pk)


def check_plan_open(deliverable: Deliverable, action: str) -> None:
    """Reports, contributions and extensions exist only while the plan is in force."""
    if deliverable.task.plan.state != Plan.State.ISSUED:
        raise ApplicationError(MSG_PLAN_NOT_ISSUED.format(action=action))


def _transition(deliverable: Deliverable, name: str, *, actor, comment: str = "", fields=()) -> None:
    """Apply transition ``name`` and log it; a stale state fails instead of overwriting."""
    action = VERBS[name]
    check_plan_open(deliverable, action)
    method = getattr(deliverable, name)
    if not can_proceed(method):
        raise ApplicationError(MSG_BAD_STATE.format(action=action, state=deliverable.get_state_display()))
    source = deliverable.state
    method()
    try:
        # Its own savepoint: a refused save must leave the outer transaction usable.
        with transaction.atomic():
            deliverable.save(update_fields=["state", *fields])
    except ConcurrentTransition:
        current = Deliverable.objects.get(pk=deliverable.pk)
        raise Conflict(MSG_CONFLICT.format(state=current.get_state_display())) from None
    TRANSITION_WRITERS[name](deliverable=deliverable, source=source, actor=actor, comment=comment)


def _mark_sent_to_reviewer(deliverable: Deliverable) -> list[str]:
    now = timezone.now()
    deliverable.submitted_at = now
    deliverable.timeliness = classify_timeliness(timezone.localdate(now), deliverable.due_date)
    return ["submitted_at", "timeliness"]


def _check_reporter(deliverable: Deliverable, actor) -> None:
    if not access_for(actor).can_report_for(deliverable.unit_id):
        raise AccessDenied(MSG_NOT_REPORTER.format(unit=deliverable.unit))


def _check_reviewer(deliverable: Deliverable, actor) -> None:
    if not access_for(actor).can_manage_issuer(deliverable.task.plan.issuer_id):
        raise AccessDenied(MSG_NOT_REVIEWER)


def _save_report(*, deliverable, actor, text, percent_done, files, is_submission) -> Report:
    report = Report.objects.create(
        deliverable=deliverable,
        author=actor,
        text=text,
        percent_done=percent_done,
        is_submission=is_submission,
    )
    for upload in files:
        evidence_store(upload=upload, deliverable=deliverable, actor=actor, report=report)
    return report


def deliverable_report_progress(
    *, deliverable: Deliverable, actor, text: str, percent_done: int, files=()
) -> Report:
    """Record progress without sending anything to Nội vụ."""
    deliverable = _fresh(deliverable)
    _check_reporter(deliverable, actor)
    check_plan_open(deliverable, "cập nhật tiến độ")
    if deliverable.state not in Deliverable.REPORTABLE_STATES:
        raise ApplicationError(
            MSG_BAD_STATE.format(action="cập nhật tiến độ", state=deliverable.get_state_display())
        )
    if not text.strip():
        raise ApplicationError(MSG_TEXT_REQUIRED)
    evidence_check_all(list(files))
    with transaction.atomic():
        return _save_report(
            deliverable=deliverable,
            actor=actor,
            text=text,
            percent_done=percent_done,
            files=files,
            is_submission=False,
        )


def deliverable_missing_evidence(deliverable: Deliverable, new_files) -> str:
    """Return what evidence is still missing for a submission, or ""."""
    task = deliverable.task
    if not task.requires_evidence or new_files:
        return ""
    return MSG_EVIDENCE_REQUIRED.format(note=task.evidence_note or "tài liệu chứng minh")


def deliverable_submit(
    *, deliverable: Deliverable, actor, text: str, percent_done: int = 100, files=()
) -> Deliverable:
    """Send the unit's report: to the unit head when the unit requires it, else to Nội vụ."""
    deliverable = _fresh(deliverable)
    _check_reporter(deliverable, actor)
    files = list(files)
    if not text.strip():
        raise ApplicationError(MSG_TEXT_REQUIRED)
    evidence_check_all(files)
    missing = deliverable_missing_evidence(deliverable, files)
    if missing:
        raise ApplicationError(missing)
    with transaction.atomic():
        if deliverable.unit.requires_head_approval:
            _transition(deliverable, "submit_for_approval", actor=actor)
            notify_unit(deliverable=deliverable, note="chờ lãnh đạo đơn vị duyệt báo cáo")
        else:
            fields = _mark_sent_to_reviewer(deliverable)
            _transition(deliverable, "submit", actor=actor, fields=fields)
            notify_reviewers(deliverable=deliverable, note="đơn vị đã gửi báo cáo, chờ xem xét")
        _save_report(
            deliverable=deliverable,
            actor=actor,
            text=text,
            percent_done=percent_done,
            files=files,
            is_submission=True,
        )
    return deliverable


def deliverable_approve(*, deliverable: Deliverable, actor, comment: str = "") -> Deliverable:
    """The unit head sends the unit's report on to Nội vụ."""
    deliverable = _fresh(deliverable)
    if not access_for(actor).can_approve_for(deliverable.unit_id):
        raise AccessDenied(MSG_NOT_HEAD.format(unit=deliverable.unit))
    with transaction.atomic():
        fields = _mark_sent_to_reviewer(deliverable)
        _transition(deliverable, "approve", actor=actor, comment=comment, fields=fields)
        notify_reviewers(deliverable=deliverable, note="đơn vị đã gửi báo cáo, chờ xem xét")
    return deliverable


def deliverable_send_back(*, deliverable: Deliverable, actor, comment: str) -> Deliverable:
    """The unit head returns the report to the unit's officer."""
    deliverable = _fresh(deliverable)
    if not access_for(actor).can_approve_for(deliverable.unit_id):
        raise AccessDenied(MSG_NOT_HEAD.format(unit=deliverable.unit))
    if not comment.strip():
        raise ApplicationError(MSG_COMMENT_REQUIRED.format(action="trả lại"))
    with transaction.atomic():
        _transition(deliverable, "send_back", actor=actor, comment=comment)
        notify_unit(deliverable=deliverable, note=f"lãnh đạo đơn vị trả lại: {comment}")
    return deliverable


def deliverable_accept(*, deliverable: Deliverable, actor, comment: str = "") -> Deliverable:
    deliverable = _fresh(deliverable)
    _check_reviewer(deliverable, actor)
    with transaction.atomic():
        deliverable.closed_at = timezone.now()
        _transition(deliverable, "accept", actor=actor, comment=comment, fields=["closed_at"])
        notify_unit(deliverable=deliverable, note="Nội vụ đã chấp nhận báo cáo")
    return deliverable


def deliverable_return(*, deliverable: Deliverable, actor, comment: str) -> Deliverable:
    deliverable = _fresh(deliverable)
    _check_reviewer(deliverable, actor)
    if not comment.strip():
        raise ApplicationError(MSG_COMMENT_REQUIRED.format(action="trả lại"))
    with transaction.atomic():
        _transition(deliverable, "return_to_unit", actor=actor, comment=comment)
        # Submitted reports stay with the unit when it is reorganised; returned, they are owed again.
        deliverable_follow_successor(deliverable=deliverable, actor=actor)
        notify_unit(deliverable=deliverable, note=f"Nội vụ trả lại: {comment}")
    return deliverable


def deliverable_waive(*, deliverable: Deliverable, actor, reason: str) -> Deliverable:
    deliverable = _fresh(deliverable)
    _check_reviewer(deliverable, actor)
    if not reason.strip():
        raise ApplicationError(MSG_COMMENT_REQUIRED.format(action="miễn thực hiện"))
    with transaction.atomic():
        deliverable.closed_at = timezone.now()
        _transition(deliverable, "waive", actor=actor, comment=reason, fields=["closed_at"])
    return deliverable


def contribution_unit_ids(deliverable: Deliverable) -> set[int]:
    return set(
        TaskAssignment.objects.filter(
            task_id=deliverable.task_id, role=TaskAssignment.Role.COORDINATING
        ).values_list("unit_id", flat=True)
    )


def contribution_add(*, deliverable: Deliverable, actor, unit_id: int, text: str, files=()) -> Contribution:
    """A coordinating unit adds its dated input for the lead unit."""
    deliverable = _fresh(deliverable)
    if unit_id not in contribution_unit_ids(deliverable) or not access_for(actor).can_report_for(unit_id):
        raise AccessDenied(MSG_NOT_COORDINATING)
    check_plan_open(deliverable, "gửi ý kiến phối hợp")
    if deliverable.state not in Deliverable.OPEN_STATES:
        raise ApplicationError(
            MSG_BAD_STATE.format(action="gửi ý kiến phối hợp", state=deliverable.get_state_display())
        )
    if not text.strip():
        raise ApplicationError(MSG_TEXT_REQUIRED)
    files = list(files)
    evidence_check_all(files)
    with transaction.atomic():
        contribution = Contribution.objects.create(
            deliverable=deliverable, unit_id=unit_id, author=actor, text=text
        )
        for upload in files:
            evidence_store(upload=upload, deliverable=deliverable, actor=actor, contribution=contribution)
    return contribution
