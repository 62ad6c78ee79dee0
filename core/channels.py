"""Where notifications go besides the in-app list: one small interface, chosen by settings.

``NOTIFICATION_CHANNELS`` lists dotted paths; an SMS or Zalo Official Account sender
is added by writing a class with ``deliver(notification)`` and naming it there.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string


class Channel(Protocol):
    name: str

    def deliver(self, notification) -> bool:
        """Send one notification; return whether it was sent."""


class EmailChannel:
    name = "email"

    def deliver(self, notification) -> bool:
        user = notification.user
        if not user.email:
            return False
        body = "\n".join(f"- {line['text']}: {settings.SITE_URL}{line['url']}" for line in notification.lines)
        send_mail(notification.title, body, None, [user.email], fail_silently=False)
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        return True


@cache
def channels() -> tuple[Channel, ...]:
    return tuple(import_string(path)() for path in settings.NOTIFICATION_CHANNELS)
