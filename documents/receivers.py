"""Receivers of other apps' signals; connected in ``DocumentsConfig.ready``.

The tracker (tasks) sends, documents listens: tasks never imports documents.
"""

from __future__ import annotations

import logging

from . import services

logger = logging.getLogger(__name__)


def queue_escalation_letters(sender, *, plan_id, by_unit, day, **kwargs) -> None:
    """Overdue items reached Nội vụ: queue a công văn đôn đốc per unit, each drafted by its own job.

    The signal is sent after the reminders are committed; a failure here is logged and does not undo
    or interrupt the reminders (the draft is a convenience, Nội vụ can still make it by hand).
    """
    try:
        services.escalation_letters_queue(plan_id=plan_id, by_unit=by_unit, day=day)
    except Exception:
        logger.exception("Không soạn được công văn đôn đốc tự động cho kế hoạch %s ngày %s", plan_id, day)
