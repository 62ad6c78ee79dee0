"""In-app notifications, one per person, kind and day; the channels (e-mail…) carry the first of the day.

A kind is registered by the app that sends it (``notification_kind``); lines are dicts with
``text`` and ``url``.
"""

from __future__ import annotations

import datetime as dt
import json

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .channels import channels
from .models import Notification, NotificationPreference
from .notification_kinds import KINDS
from .selectors import JsonLength


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


def _lines_append_sql(table: str, lines: list[dict]) -> tuple[str, list]:
    """An UPDATE that appends ``lines`` to the stored JSON array where it is, without reading it back."""
    if connection.vendor == "postgresql":
        return f"UPDATE {table} SET lines = lines || %s::jsonb WHERE id = %s", [json.dumps(lines)]  # noqa: S608
    # SQLite (JSON1): one "append at the end" per line.
    paths = ", ".join(["'$[#]', json(%s)"] * len(lines))
    return f"UPDATE {table} SET lines = json_insert(lines, {paths}) WHERE id = %s", [  # noqa: S608
        json.dumps(line) for line in lines
    ]


def notification_append(*, user, kind: str, lines: list[dict], day: dt.date) -> bool:
    """Add lines the caller knows are new to the person's notification of that kind and day.

    For a caller that claimed each line once (the daily reminders): the digest is appended to in
    the database and never read back, so a digest of 20 000 lines costs the same as a short one.
    Returns whether the notification is new (then the channels carry it, as ``notification_add``).
    """
    table = Notification._meta.db_table
    with transaction.atomic():
        pk, created = _digest_id(user=user, kind=kind, day=day)
        sql, params = _lines_append_sql(table, lines)
        with connection.cursor() as cursor:
            # The UPDATE takes the row lock: two workers appending keep both sets of lines.
            cursor.execute(sql, [*params, pk])
        count = Notification.objects.filter(pk=pk).values_list(JsonLength("lines"), flat=True)[0]
        title = KINDS[kind].title.format(day=f"{day:%d/%m/%Y}", count=count)
        Notification.objects.filter(pk=pk).update(title=title, read_at=None)
    if created and wants_email(user, kind):
        for channel in channels():
            transaction.on_commit(lambda c=channel, pk=pk: c.deliver(Notification.objects.get(pk=pk)))
    return created


def _digest_id(*, user, kind: str, day: dt.date) -> tuple[int, bool]:
    """The id of the person's notification of that kind and day, made empty if there is none
    (its lines are not read: a long digest is megabytes of JSON)."""
    found = Notification.objects.filter(user=user, kind=kind, day=day).values_list("pk", flat=True)
    if pk := found.first():
        return pk, False
    try:
        with transaction.atomic():
            return Notification.objects.create(user=user, kind=kind, day=day, title="", lines=[]).pk, True
    except IntegrityError:  # another worker made it a moment ago
        return found.get(), False
