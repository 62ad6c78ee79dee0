"""In-app notifications, one per person, kind and day; e-mail goes with the first of the day."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from units.models import Membership
from units.selectors import unit_ancestor_ids

from ..channels import channels
from ..models import Deliverable, Notification, NotificationPreference

Kind = Notification.Kind
TITLES = {
    Kind.REMINDER: "Nhắc việc ngày {day}: {count} nghĩa vụ của đơn vị",
    Kind.ESCALATION: "Đôn đốc ngày {day}: {count} nghĩa vụ quá hạn cần Nội vụ xử lý",
    Kind.LEADERS: "Ngày {day}: {count} nghĩa vụ quá hạn lâu cần lãnh đạo chỉ đạo",
    Kind.REVIEW: "Báo cáo ngày {day}: {count} việc cần xem",
}


def deliverable_line(deliverable: Deliverable, note: str) -> dict:
    task = f"{deliverable.task.full_label}. {deliverable.task.content[:90]}"
    text = f"{deliverable.unit.display_name}: {task} — hạn {deliverable.due_date:%d/%m/%Y}, {note}"
    return {"text": text, "url": reverse("deliverable_detail", args=[deliverable.pk])}


def _wants_email(user, kind: str) -> bool:
    if (
        kind in Notification.MANDATORY_FOR_COORDINATORS
        and Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists()
    ):
        return True
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return preference.by_email if preference else True


def notification_add(
    *, user, kind: str, lines: list[dict], day: dt.date | None = None, email_now: bool = False
) -> tuple[Notification, bool]:
    """Add lines to the person's notification of that kind and day; e-mail it when it is new.

    ``email_now``: e-mail it again even when it is not new — someone chose to send it now (a reminder
    from Nội vụ), not the daily digest.
    """
    day = day or timezone.localdate()
    notification, created = Notification.objects.get_or_create(
        user=user, kind=kind, day=day, defaults={"title": "", "lines": []}
    )
    known = {line["url"] + line["text"] for line in notification.lines}
    notification.lines += [line for line in lines if line["url"] + line["text"] not in known]
    notification.title = TITLES[kind].format(day=f"{day:%d/%m/%Y}", count=len(notification.lines))
    notification.read_at = None
    notification.save(update_fields=["lines", "title", "read_at"])
    if (created or email_now) and _wants_email(user, kind):
        for channel in channels():
            transaction.on_commit(lambda c=channel, n=notification: c.deliver(n))
    return notification, created


def notify_unit(*, deliverable: Deliverable, note: str) -> None:
    """Tell the unit's officers and head what Nội vụ decided."""
    users = {
        m.user
        for m in Membership.objects.filter(
            unit_id=deliverable.unit_id,
            role__in=[Membership.Role.OFFICER, Membership.Role.HEAD],
            user__is_active=True,
        ).select_related("user")
    }
    for user in users:
        notification_add(user=user, kind=Kind.REVIEW, lines=[deliverable_line(deliverable, note)])


def notify_reviewers(*, deliverable: Deliverable, note: str) -> None:
    """Tell Nội vụ of the issuer (and the units above it) that a report waits for them."""
    chain = unit_ancestor_ids(deliverable.task.plan.issuer_id)
    users = {
        m.user
        for m in Membership.objects.filter(
            unit_id__in=chain, role=Membership.Role.COORDINATOR, user__is_active=True
        ).select_related("user")
    }
    for user in users:
        notification_add(user=user, kind=Kind.REVIEW, lines=[deliverable_line(deliverable, note)])
