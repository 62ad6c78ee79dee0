"""A deliverable's history: its events, their Vietnamese names, and the one writer of each log row.

``tasks.services.deliverables``, ``extensions`` and ``lifecycle`` record through these functions;
templates, messages and the API read the names and labels here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Deliverable, DeliverableTransition
from ..services.summaries import deliverable_summaries_refresh, deliverable_summaries_refresh_for


class DeliverableEvent(models.TextChoices):
    SUBMIT = "submit", _("Gửi báo cáo")
    SUBMIT_FOR_APPROVAL = "submit_for_approval", _("Gửi lãnh đạo đơn vị duyệt")
    APPROVE = "approve", _("Lãnh đạo đơn vị duyệt")
    SEND_BACK = "send_back", _("Lãnh đạo đơn vị trả lại")
    ACCEPT = "accept", _("Nội vụ chấp nhận")
    RETURN_TO_UNIT = "return_to_unit", _("Nội vụ trả lại")
    WAIVE = "waive", _("Miễn thực hiện")
    WAIVE_WITH_PLAN = "waive_with_plan", _("Miễn do kế hoạch bị hủy")
    WAIVE_WITH_AMENDMENT = "waive_with_amendment", _("Miễn do điều chỉnh kế hoạch")
    WAIVE_AT_CLOSE = "waive_at_close", _("Miễn khi kết thúc kế hoạch")
    EXTEND = "extend", _("Gia hạn")
    # A reorganisation passed the obligation to a successor unit; the state is unchanged.
    TRANSFER = "transfer", _("Chuyển cho đơn vị kế thừa (sắp xếp tổ chức)")
    REMIND = "remind", _("Nội vụ nhắc việc")  # the state stays; the history says who urged and when


# What a person is refused: "Không thể {verb} khi nghĩa vụ đang ở trạng thái …".
VERBS = {
    DeliverableEvent.SUBMIT: "gửi báo cáo",
    DeliverableEvent.SUBMIT_FOR_APPROVAL: "gửi báo cáo",
    DeliverableEvent.APPROVE: "duyệt báo cáo",
    DeliverableEvent.SEND_BACK: "trả lại báo cáo",
    DeliverableEvent.ACCEPT: "chấp nhận báo cáo",
    DeliverableEvent.RETURN_TO_UNIT: "trả lại báo cáo",
    DeliverableEvent.WAIVE: "miễn thực hiện",
}

# The message shown once the step is done.
DONE = {
    DeliverableEvent.SUBMIT: _("Đã gửi báo cáo."),
    DeliverableEvent.SUBMIT_FOR_APPROVAL: _("Đã gửi báo cáo."),
    DeliverableEvent.APPROVE: _("Đã duyệt và gửi báo cáo lên Nội vụ."),
    DeliverableEvent.SEND_BACK: _("Đã trả lại báo cáo cho cán bộ đơn vị."),
    DeliverableEvent.ACCEPT: _("Đã chấp nhận báo cáo."),
    DeliverableEvent.RETURN_TO_UNIT: _("Đã trả lại báo cáo cho đơn vị."),
    DeliverableEvent.WAIVE: _("Đã miễn thực hiện nghĩa vụ này."),
}

MSG_EXTENDED = "Gia hạn đến {new} (hạn cũ {old})."


def _row(*, deliverable: Deliverable, event, source: str, actor, comment: str) -> DeliverableTransition:
    return DeliverableTransition(
        deliverable=deliverable,
        name=event,
        source=source,
        target=deliverable.state,
        actor=actor,
        comment=comment,
    )


def _write(**fields) -> DeliverableTransition:
    """Log one change and recount what it belongs to: dashboards stay exact."""
    row = _row(**fields)
    row.save()
    deliverable_summaries_refresh_for(fields["deliverable"])
    return row


def _write_many(rows: list[DeliverableTransition]) -> list[DeliverableTransition]:
    written = DeliverableTransition.objects.bulk_create(rows)
    plan_ids = Deliverable.objects.filter(id__in=[row.deliverable_id for row in rows]).values_list(
        "task__plan_id", flat=True
    )
    for plan_id in set(plan_ids):
        deliverable_summaries_refresh(plan_id=plan_id)
    return written


def deliverable_submitted_event(*, deliverable, source, actor, comment=""):
    return _write(
        deliverable=deliverable, event=DeliverableEvent.SUBMIT, source=source, actor=actor, comment=comment
    )


def deliverable_sent_for_approval_event(*, deliverable, source, actor, comment=""):
    event = DeliverableEvent.SUBMIT_FOR_APPROVAL
    return _write(deliverable=deliverable, event=event, source=source, actor=actor, comment=comment)


def deliverable_approved_event(*, deliverable, source, actor, comment=""):
    return _write(
        deliverable=deliverable, event=DeliverableEvent.APPROVE, source=source, actor=actor, comment=comment
    )


def deliverable_sent_back_event(*, deliverable, source, actor, comment):
    return _write(
        deliverable=deliverable, event=DeliverableEvent.SEND_BACK, source=source, actor=actor, comment=comment
    )


def deliverable_accepted_event(*, deliverable, source, actor, comment=""):
    return _write(
        deliverable=deliverable, event=DeliverableEvent.ACCEPT, source=source, actor=actor, comment=comment
    )


def deliverable_returned_event(*, deliverable, source, actor, comment):
    event = DeliverableEvent.RETURN_TO_UNIT
    return _write(deliverable=deliverable, event=event, source=source, actor=actor, comment=comment)


def deliverable_waived_event(*, deliverable, source, actor, comment):
    return _write(
        deliverable=deliverable, event=DeliverableEvent.WAIVE, source=source, actor=actor, comment=comment
    )


def deliverable_extended_event(*, deliverable, actor, old_due, comment=""):
    note = MSG_EXTENDED.format(old=f"{old_due:%d/%m/%Y}", new=f"{deliverable.due_date:%d/%m/%Y}")
    return _write(
        deliverable=deliverable,
        event=DeliverableEvent.EXTEND,
        source=deliverable.state,
        actor=actor,
        comment=f"{note} {comment}".strip(),
    )


def _write_all(event, changes, *, actor, comment: str) -> list[DeliverableTransition]:
    rows = [_row(deliverable=d, event=event, source=s, actor=actor, comment=comment) for d, s in changes]
    return _write_many(rows)


def deliverables_reminded_event(*, notes: Iterable[tuple[Deliverable, str]], actor):
    """Log in one insert that Nội vụ reminded the units of these obligations, each with its note."""
    event = DeliverableEvent.REMIND
    rows = [_row(deliverable=d, event=event, source=d.state, actor=actor, comment=note) for d, note in notes]
    return _write_many(rows)


def deliverables_waived_with_plan_event(*, changes: Iterable[tuple[Deliverable, str]], actor, comment):
    """Log in one insert what a cancelled plan closed; ``changes`` pairs each with its old state."""
    return _write_all(DeliverableEvent.WAIVE_WITH_PLAN, changes, actor=actor, comment=comment)


def deliverables_waived_with_amendment_event(*, changes: Iterable[tuple[Deliverable, str]], actor, reason):
    """Log the obligations an amendment removed, each with the amendment's reason."""
    return _write_all(DeliverableEvent.WAIVE_WITH_AMENDMENT, changes, actor=actor, comment=reason)


def deliverables_waived_at_close_event(*, changes: Iterable[tuple[Deliverable, str]], actor, comment):
    """Log the obligations still open that the coordinator waived when closing the plan."""
    return _write_all(DeliverableEvent.WAIVE_AT_CLOSE, changes, actor=actor, comment=comment)


def deliverables_transferred_event(*, deliverables: Iterable[Deliverable], actor, comments: dict[int, str]):
    """Log in one insert the obligations a reorganisation passed on; ``comments`` by deliverable id
    ("Phòng Tư pháp huyện Cam Lâm, nay là …"). The state does not change."""
    event = DeliverableEvent.TRANSFER
    rows = [
        _row(deliverable=d, event=event, source=d.state, actor=actor, comment=comments[d.pk])
        for d in deliverables
    ]
    return DeliverableTransition.objects.bulk_create(rows, batch_size=500)


# The writer of each transition run by ``tasks.services.deliverables._transition``.
TRANSITION_WRITERS = {
    DeliverableEvent.SUBMIT: deliverable_submitted_event,
    DeliverableEvent.SUBMIT_FOR_APPROVAL: deliverable_sent_for_approval_event,
    DeliverableEvent.APPROVE: deliverable_approved_event,
    DeliverableEvent.SEND_BACK: deliverable_sent_back_event,
    DeliverableEvent.ACCEPT: deliverable_accepted_event,
    DeliverableEvent.RETURN_TO_UNIT: deliverable_returned_event,
    DeliverableEvent.WAIVE: deliverable_waived_event,
}
