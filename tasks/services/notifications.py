"""The notices about obligations: their kinds, and whom a decision or a report is told to."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.notification_kinds import notification_kind
from core.notifications import notification_add
from units.models import Membership
from units.selectors import unit_ancestor_ids

from ..models import Deliverable


class Kind(models.TextChoices):
    REMINDER = "reminder", _("Nhắc việc của đơn vị")
    ESCALATION = "escalation", _("Quá hạn cần Nội vụ đôn đốc")
    LEADERS = "leaders", _("Quá hạn cần lãnh đạo chỉ đạo")
    REVIEW = "review", _("Báo cáo chờ xem xét, kết quả xem xét")


def _is_coordinator(user) -> bool:
    return Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists()


notification_kind(
    Kind.REMINDER, Kind.REMINDER.label, title="Nhắc việc ngày {day}: {count} nghĩa vụ của đơn vị"
)
# A coordinator cannot turn this one off by e-mail: lateness must reach Nội vụ.
notification_kind(
    Kind.ESCALATION,
    Kind.ESCALATION.label,
    title="Đôn đốc ngày {day}: {count} nghĩa vụ quá hạn cần Nội vụ xử lý",
    always_email=_is_coordinator,
)
notification_kind(
    Kind.LEADERS, Kind.LEADERS.label, title="Ngày {day}: {count} nghĩa vụ quá hạn lâu cần lãnh đạo chỉ đạo"
)
notification_kind(Kind.REVIEW, Kind.REVIEW.label, title="Báo cáo ngày {day}: {count} việc cần xem")


def deliverable_line(deliverable: Deliverable, note: str) -> dict:
    task = f"{deliverable.task.full_label}. {deliverable.task.content[:90]}"
    text = f"{deliverable.unit.display_name}: {task} — hạn {deliverable.due_date:%d/%m/%Y}, {note}"
    return {"text": text, "url": reverse("deliverable_detail", args=[deliverable.pk])}


def _notify(users, deliverable: Deliverable, note: str) -> None:
    for user in users:
        notification_add(user=user, kind=Kind.REVIEW, lines=[deliverable_line(deliverable, note)])


def notify_unit(*, deliverable: Deliverable, note: str) -> None:
    """Tell the unit's officers and head what Nội vụ decided."""
    memberships = Membership.objects.filter(
        unit_id=deliverable.unit_id,
        role__in=[Membership.Role.OFFICER, Membership.Role.HEAD],
        user__is_active=True,
    ).select_related("user")
    _notify({m.user for m in memberships}, deliverable, note)


def notify_reviewers(*, deliverable: Deliverable, note: str) -> None:
    """Tell Nội vụ of the issuer (and the units above it) that a report waits for them."""
    chain = unit_ancestor_ids(deliverable.task.plan.issuer_id)
    memberships = Membership.objects.filter(
        unit_id__in=chain, role=Membership.Role.COORDINATOR, user__is_active=True
    ).select_related("user")
    _notify({m.user for m in memberships}, deliverable, note)
