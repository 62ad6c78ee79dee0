"""The document's events: its transitions with their Vietnamese labels, and the one writer of each log row.

Templates, messages and the history read the labels from here; services call the writers.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import DocumentTransition, GeneratedDocument


class DocumentEvent(models.TextChoices):
    REGISTER = "register", _("Vào sổ, cấp số")


def document_registered_event(*, document: GeneratedDocument, source: str, actor, symbol: str):
    """The draft got its number and date from the issuer's register."""
    return DocumentTransition.objects.create(
        document=document,
        name=DocumentEvent.REGISTER,
        source=source,
        target=document.state,
        actor=actor,
        comment=symbol,
    )


def event_label(name: str) -> str:
    try:
        return str(DocumentEvent(name).label)
    except ValueError:
        return name
