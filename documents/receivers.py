"""Receivers of other apps' signals; connected in ``DocumentsConfig.ready``.

The tracker (tasks) sends, documents listens: tasks never imports documents.
"""

from __future__ import annotations

import logging

from . import services

logger = logging.getLogger(__name__)


def draft_escalation_reminder(sender, *, unit, deliverables, day, **kwargs) -> None:
    """Overdue items reached Nội vụ: draft the công văn đôn đốc for a person to review and register.

    The signal is sent after the reminders are committed; a failure here is logged and does not undo
    or interrupt the reminders (the draft is a convenience, Nội vụ can still make it by hand).
    """
    try:
        services.escalation_reminders_draft(unit=unit, deliverables=deliverables, day=day)
    except Exception:
        logger.exception("Không soạn được công văn đôn đốc tự động cho %s ngày %s", unit, day)
