"""The kinds of notification, registered by the apps that send them.

Core knows no kind of its own: tasks registers reminders and reviews, surveys its alerts.
Kept apart from ``notifications`` so the model can name the choices without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str
    # The digest's title; ``{day}`` (dd/mm/yyyy) and ``{count}`` (its lines) are filled in.
    title: str
    # Who receives it by e-mail whatever their preference (lateness must reach Nội vụ).
    always_email: Callable[[object], bool] | None = None

    def is_mandatory_for(self, user) -> bool:
        return bool(self.always_email and self.always_email(user))


KINDS: dict[str, NotificationKind] = {}


def notification_kind(
    code: str, label, *, title: str, always_email: Callable[[object], bool] | None = None
) -> NotificationKind:
    """Register (or replace, when a module is imported again) a kind of notification."""
    code = str(code)
    KINDS[code] = NotificationKind(code=code, label=label, title=title, always_email=always_email)
    return KINDS[code]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in KINDS.values()]
