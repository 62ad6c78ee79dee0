"""Extension requests: the only way a due date moves, and the old date stays in history."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import ConcurrentTransition

from core.dates import check_date_bounds
from core.errors import AccessDenied, ApplicationError, Conflict
from units.selectors import access_for

from ..events.deliverables import MSG_EXTENDED, deliverable_extended_event
from ..models import Deliverable, ExtensionRequest
from .deliverables import check_plan_open
from .notifications import notify_reviewers, notify_unit

MSG_NOT_REPORTER = "Bạn không báo cáo cho {unit}."
MSG_NOT_REVIEWER = "Bạn không có quyền xét đề nghị gia hạn của kế hoạch này."
MSG_NOT_OPEN = "Chỉ gia hạn được nghĩa vụ chưa hoàn thành (hiện: «{state}»)."
MSG_NOT_LATER = "Ngày đề nghị ({requested}) phải sau hạn hiện tại ({current})."
MSG_REASON_REQUIRED = "Cần ghi rõ lý do đề nghị gia hạn."
MSG_ALREADY_PENDING = "Đã có một đề nghị gia hạn đang chờ xem xét cho nghĩa vụ này."
MSG_DECIDED = "Đề nghị này đã được xét ({state})."
MSG_DUE_CHANGED = "Hạn của nghĩa vụ đã thay đổi kể từ khi đề nghị; hãy đề nghị lại."
LABEL_REQUESTED = "Ngày đề nghị gia hạn"
LABEL_APPROVED = "Ngày đồng ý gia hạn"
MSG_OTHER_DATE_REASON = (
    "Cần ghi rõ lý do khi gia hạn đến ngày {date}, khác ngày đơn vị đề nghị ({requested})."
)


def _d(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def extension_request(
    *, deliverable: Deliverable, actor, requested_due_date: dt.date, reason: str
) -> ExtensionRequest:
    deliverable = Deliverable.objects.select_related("unit", "task__plan").get(pk=deliverable.pk)
    if not access_for(actor).can_report_for(deliverable.unit_id):
        raise AccessDenied(MSG_NOT_REPORTER.format(unit=deliverable.unit))
    check_plan_open(deliverable, "đề nghị gia hạn")
    check_date_bounds(requested_due_date, label=LABEL_REQUESTED)
    if deliverable.state not in Deliverable.OPEN_STATES:
        raise ApplicationError(MSG_NOT_OPEN.format(state=deliverable.get_state_display()))
    if requested_due_date <= deliverable.due_date:
        raise ApplicationError(
            MSG_NOT_LATER.format(requested=_d(requested_due_date), current=_d(deliverable.due_date))
        )
    if not reason.strip():
        raise ApplicationError(MSG_REASON_REQUIRED)
    try:
        with transaction.atomic():
            request = ExtensionRequest.objects.create(
                deliverable=deliverable,
                plan_id=deliverable.task.plan_id,
                requested_by=actor,
                reason=reason,
                current_due_date=deliverable.due_date,
                requested_due_date=requested_due_date,
            )
            notify_reviewers(deliverable=deliverable, note=f"đề nghị gia hạn đến {_d(requested_due_date)}")
            return request
    except IntegrityError:
        raise ApplicationError(MSG_ALREADY_PENDING) from None


def _decide(
    request: ExtensionRequest, name: str, *, actor, comment: str, approved_due_date: dt.date | None = None
) -> ExtensionRequest:
    request = ExtensionRequest.objects.select_related("deliverable__task__plan").get(pk=request.pk)
    if not access_for(actor).can_manage_issuer(request.deliverable.task.plan.issuer_id):
        raise AccessDenied(MSG_NOT_REVIEWER)
    if request.state != ExtensionRequest.State.PENDING:
        raise ApplicationError(MSG_DECIDED.format(state=request.get_state_display()))
    if name == "approve":
        check_plan_open(request.deliverable, "gia hạn")
    getattr(request, name)()
    request.decided_by, request.decided_at, request.decision_comment = actor, timezone.now(), comment
    request.approved_due_date = approved_due_date
    try:
        with transaction.atomic():
            request.save(
                update_fields=["state", "decided_by", "decided_at", "decision_comment", "approved_due_date"]
            )
    except ConcurrentTransition:
        raise Conflict(MSG_DECIDED.format(state="bởi người khác")) from None
    return request


def _check_other_date(request: ExtensionRequest, due_date: dt.date, comment: str) -> None:
    check_date_bounds(due_date, label=LABEL_APPROVED)
    if due_date <= request.current_due_date:
        raise ApplicationError(
            MSG_NOT_LATER.format(requested=_d(due_date), current=_d(request.current_due_date))
        )
    if due_date != request.requested_due_date and not comment.strip():
        raise ApplicationError(
            MSG_OTHER_DATE_REASON.format(date=_d(due_date), requested=_d(request.requested_due_date))
        )


def extension_approve(
    *, request: ExtensionRequest, actor, comment: str = "", due_date: dt.date | None = None
) -> ExtensionRequest:
    """Move the due date to the asked date, or to another later one with a reason.

    The old date stays on the request and in the deliverable's log.
    """
    due_date = due_date or request.requested_due_date
    _check_other_date(request, due_date, comment)
    with transaction.atomic():
        request = _decide(request, "approve", actor=actor, comment=comment, approved_due_date=due_date)
        deliverable = Deliverable.objects.select_for_update().get(pk=request.deliverable_id)
        if deliverable.due_date != request.current_due_date:
            raise ApplicationError(MSG_DUE_CHANGED)
        if deliverable.state not in Deliverable.OPEN_STATES:
            raise ApplicationError(MSG_NOT_OPEN.format(state=deliverable.get_state_display()))
        old = deliverable.due_date
        deliverable.due_date = due_date
        deliverable.save(update_fields=["due_date"])
        deliverable_extended_event(deliverable=deliverable, actor=actor, old_due=old, comment=comment)
        note = MSG_EXTENDED.format(old=_d(old), new=_d(deliverable.due_date))
        notify_unit(deliverable=deliverable, note=f"Nội vụ đồng ý gia hạn: {note}")
    return request


def extension_refuse(*, request: ExtensionRequest, actor, comment: str) -> ExtensionRequest:
    if not comment.strip():
        raise ApplicationError("Cần ghi rõ lý do không đồng ý gia hạn.")
    with transaction.atomic():
        request = _decide(request, "refuse", actor=actor, comment=comment)
        notify_unit(deliverable=request.deliverable, note=f"Nội vụ không đồng ý gia hạn: {comment}")
        return request
