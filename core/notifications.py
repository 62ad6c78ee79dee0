"""In-app notifications, one per person, kind and day; the channels (e-mail…) carry the first of the day.

A kind is registered by the app that sends it (``notification_kind``); lines are dicts with
``text`` and ``url``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .channels import channels
from .models import Notification, NotificationPreference
from .notification_kinds import KINDS


def wants_email(user, kind: str) -> bool:
    """The person's choice for this kind (yes unless they said no), unless the kind is mandatory for them."""
    if KINDS[kind].is_mandatory_for(user):
        return True
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return preference.by_email if preference else True


def preferences_for(user) -> dict[str, bool]:
    """Every kind with whether the person receives it by e-mail."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "by_email"))
    return {code: chosen.get(code, True) or kind.is_mandatory_for(user) for code, kind in KINDS.items()}


def preferences_save(*, user, by_email: dict[str, bool]) -> None:
    for kind, wanted in by_email.items():
        if kind in KINDS:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"by_email": bool(wanted)}
            )


def notification_add(
    *, user, kind: str, lines: list[dict], day: dt.date | None = None, email_now: bool = False
) -> tuple[Notification, bool]:
    """Add lines to the person's notification of that kind and day; send it on when it is new.

    ``email_now``: send it again even when it is not new — someone chose to send it now (a reminder
    from Nội vụ), not the daily digest.
    """
    day = day or timezone.localdate()
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            user=user, kind=kind, day=day, defaults={"title": "", "lines": []}
        )
        if not created:
            # Two workers adding to one digest: the row lock keeps both sets of lines.
            notification = Notification.objects.select_for_update().get(pk=notification.pk)
        known = {line["url"] + line["text"] for line in notification.lines}
        notification.lines += [line for line in lines if line["url"] + line["text"] not in known]
        notification.title = KINDS[kind].title.format(day=f"{day:%d/%m/%Y}", count=len(notification.lines))
        notification.read_at = None
        notification.save(update_fields=["lines", "title", "read_at"])
    if (created or email_now) and wants_email(user, kind):
        for channel in channels():
            transaction.on_commit(lambda c=channel, n=notification: c.deliver(n))
    return notification, created
