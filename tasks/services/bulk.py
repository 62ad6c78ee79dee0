"""Actions on several obligations at once: accept a batch of reports, remind units now.

Each item still goes through its own service and leaves its own log row. A batch is all or
nothing: one item outside the actor's plans, or one that cannot take the action, and nothing changes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from core.errors import AccessDenied, ApplicationError
from core.notifications import notification_add
from units.models import Membership
from units.selectors import access_for

from ..events.deliverables import deliverables_reminded_event
from ..models import Deliverable
from .deliverables import deliverable_accept
from .notifications import Kind, deliverable_line

BATCH_LIMIT = 500
MSG_NONE_CHOSEN = "Chưa chọn nghĩa vụ nào."
MSG_TOO_MANY = "Mỗi lần chỉ xử lý được tối đa {limit} nghĩa vụ."
MSG_OUT_OF_SCOPE = (
    "{count} nghĩa vụ đã chọn không thuộc kế hoạch bạn quản lý (hoặc không còn tồn tại); không thay đổi gì."
)
MSG_BATCH_FAILED = "Không chấp nhận được «{item}»: {reason} Không báo cáo nào được chấp nhận."
MSG_NOT_OPEN = "«{item}» đã ở trạng thái «{state}», không cần nhắc. Không gửi nhắc nhở nào."
MSG_NO_RECIPIENT = "{unit} chưa có cán bộ hay lãnh đạo nào trong hệ thống để nhận nhắc nhở."
REMIND_NOTE = "Nội vụ nhắc: {note}"


def _ids(deliverable_ids) -> list[int]:
    ids = sorted({int(value) for value in deliverable_ids})
    if not ids:
        raise ApplicationError(MSG_NONE_CHOSEN)
    if len(ids) > BATCH_LIMIT:
        raise ApplicationError(MSG_TOO_MANY.format(limit=BATCH_LIMIT))
    return ids


def deliverables_managed(*, deliverable_ids, actor) -> list[Deliverable]:
    """The chosen obligations, every one in a plan the actor manages; otherwise refuse them all."""
    ids = _ids(deliverable_ids)
    access = access_for(actor)
    items = list(
        Deliverable.objects.filter(pk__in=ids)
        .select_related("task__plan", "task__section", "unit")
        .order_by("unit__name", "due_date", "id")
    )
    outside = len(ids) - sum(1 for item in items if access.can_manage_issuer(item.task.plan.issuer_id))
    if outside:
        raise AccessDenied(MSG_OUT_OF_SCOPE.format(count=outside))
    return items


def deliverables_accept(*, deliverable_ids, actor, comment: str = "") -> list[Deliverable]:
    """Accept several reports with one comment: each a logged transition, all or none."""
    items = deliverables_managed(deliverable_ids=deliverable_ids, actor=actor)
    accepted = []
    with transaction.atomic():
        for item in items:
            try:
                accepted.append(deliverable_accept(deliverable=item, actor=actor, comment=comment))
            except ApplicationError as error:
                raise ApplicationError(MSG_BATCH_FAILED.format(item=item, reason=error.message)) from None
    return accepted


@dataclass
class RemindResult:
    units: list = field(default_factory=list)
    deliverables: int = 0
    people: int = 0
    by_unit: dict = field(default_factory=dict)  # unit → its reminded obligations


def _unit_people(unit_ids) -> dict[int, set]:
    people = defaultdict(set)
    for membership in Membership.objects.filter(
        unit_id__in=unit_ids,
        role__in=[Membership.Role.OFFICER, Membership.Role.HEAD],
        user__is_active=True,
    ).select_related("user"):
        people[membership.unit_id].add(membership.user)
    return people


def _note(item: Deliverable, today: dt.date) -> str:
    late = (today - item.due_date).days
    if late > 0:
        return f"quá hạn {late} ngày"
    return "đến hạn hôm nay" if late == 0 else f"còn {-late} ngày"


def deliverables_remind(
    *, deliverable_ids, actor, note: str = "", today: dt.date | None = None
) -> RemindResult:
    """Remind the units of the chosen open obligations now: in the app and by e-mail.

    Every person of each unit (officers and head) gets the lines of their unit; each obligation's
    history records who reminded and when.
    """
    today = today or timezone.localdate()
    items = deliverables_managed(deliverable_ids=deliverable_ids, actor=actor)
    for item in items:
        if item.state not in Deliverable.OPEN_STATES:
            raise ApplicationError(MSG_NOT_OPEN.format(item=item, state=item.get_state_display()))
    by_unit: dict = defaultdict(list)
    for item in items:
        by_unit[item.unit].append(item)
    people = _unit_people([unit.pk for unit in by_unit])
    for unit in by_unit:
        if not people.get(unit.pk):
            raise ApplicationError(MSG_NO_RECIPIENT.format(unit=unit))
    result = RemindResult(units=list(by_unit), deliverables=len(items), by_unit=dict(by_unit))
    extra = f" — {note.strip()}" if note.strip() else ""
    with transaction.atomic():
        for unit, group in by_unit.items():
            lines = [deliverable_line(item, f"{_note(item, today)}{extra}") for item in group]
            for user in people[unit.pk]:
                notification_add(user=user, kind=Kind.REMINDER, lines=lines, day=today, email_now=True)
                result.people += 1
        deliverables_reminded_event(
            notes=[(item, REMIND_NOTE.format(note=note.strip() or _note(item, today))) for item in items],
            actor=actor,
        )
    return result
