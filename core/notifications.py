"""In-app notifications, one per person, kind and day; the channels (e-mail…) carry the first of the day.

A kind is registered by the app that sends it (``notification_kind``); lines are dicts with
``text`` and ``url``.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from .channels import channels
from .models import Notification, NotificationLine, NotificationPreference
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
            user=user, kind=kind, day=day, defaults={"title": ""}
        )
        if not created:
            # Two workers adding to one digest: the row lock keeps both sets of lines.
            notification = Notification.objects.select_for_update().get(pk=notification.pk)
        known = set(notification.line_set.values_list("url", "text"))
        new = [line for line in lines if (line["url"], line["text"]) not in known]
        _lines_insert(notification, new, day=day)
    if (created or email_now) and wants_email(user, kind):
        for channel in channels():
            transaction.on_commit(lambda c=channel, n=notification: c.deliver(n))
    return notification, created


def _lines_insert(notification: Notification, lines: list[dict], *, day: dt.date) -> None:
    """Insert the lines after the last one and keep the count and title; the caller holds the row lock."""
    start = notification.line_count
    NotificationLine.objects.bulk_create(
        NotificationLine(notification=notification, position=start + i, text=line["text"], url=line["url"])
        for i, line in enumerate(lines, start=1)
    )
    notification.line_count = start + len(lines)
    notification.title = KINDS[notification.kind].title.format(
        day=f"{day:%d/%m/%Y}", count=notification.line_count
    )
    notification.read_at = None
    notification.save(update_fields=["line_count", "title", "read_at"])


def notification_append(*, user, kind: str, lines: list[dict], day: dt.date) -> bool:
    """Add lines the caller knows are new to the person's notification of that kind and day.

    For a caller that claimed each line once (the daily reminders): the digest's earlier lines are
    not read, the new ones are inserted, so a digest of 20 000 lines costs the same as a short one.
    Returns whether the notification is new (then the channels carry it, as ``notification_add``).
    """
    with transaction.atomic():
        pk, created = _digest_id(user=user, kind=kind, day=day)
        # The row lock orders two workers appending to one digest: positions never collide.
        notification = Notification.objects.select_for_update().only("kind", "line_count").get(pk=pk)
        _lines_insert(notification, lines, day=day)
    if created and wants_email(user, kind):
        for channel in channels():
            transaction.on_commit(lambda c=channel, pk=pk: c.deliver(Notification.objects.get(pk=pk)))
    return created


def _digest_id(*, user, kind: str, day: dt.date) -> tuple[int, bool]:
    """The id of the person's notification of that kind and day, made empty if there is none."""
    found = Notification.objects.filter(user=user, kind=kind, day=day).values_list("pk", flat=True)
    if pk := found.first():
        return pk, False
    try:
        with transaction.atomic():
            return Notification.objects.create(user=user, kind=kind, day=day, title="").pk, True
    except IntegrityError:  # another worker made it a moment ago
        return found.get(), False
