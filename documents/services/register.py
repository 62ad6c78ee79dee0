"""The outgoing register (sổ văn bản đi): numbers handed out once, and registering a draft."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import can_proceed

from core.errors import ApplicationError
from tasks.services.lifecycle import plan_register_number
from units.models import Unit

from ..events import document_registered_event
from ..kinds.base import references_refreshed, with_number
from ..models import GeneratedDocument, Kind, RegisterCounter, RegisterEntry
from .common import check_producer, sha256
from .generation import document_filename, document_preview_queue, render_stored

MSG_ALREADY_REGISTERED = "Văn bản đã vào sổ với số {symbol}."
MSG_NUMBER_TAKEN = "Số {number} năm {year} của {issuer} đã được cấp cho văn bản khác."


def register_allocate(*, issuer: Unit, year: int, series: str = "") -> int:
    """The next number of the issuer's register for ``year``; the counter row is locked until commit."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(issuer=issuer, year=year, series=series)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update().get(issuer=issuer, year=year, series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def register_record(
    *,
    issuer: Unit,
    year: int,
    number: int,
    symbol: str,
    date: dt.date,
    summary: str,
    actor=None,
    series: str = "",
) -> RegisterEntry:
    """Write a number given outside the product (an existing document) so the register continues after it."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(issuer=issuer, year=year, series=series)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update().get(issuer=issuer, year=year, series=series)
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    try:
        with transaction.atomic():
            return RegisterEntry.objects.create(
                issuer=issuer,
                year=year,
                series=series,
                number=number,
                symbol=symbol,
                date=date,
                summary=summary,
                registered_by=actor,
            )
    except IntegrityError as exc:
        raise ApplicationError(MSG_NUMBER_TAKEN.format(number=number, year=year, issuer=issuer)) from exc


def _plan_number(document: GeneratedDocument) -> tuple[int, dt.date] | None:
    """A Kế hoạch whose plan already carries a number keeps it: the document is that plan's copy."""
    plan = document.plan
    if document.kind == Kind.PLAN and plan is not None and plan.number and plan.date:
        return plan.number, plan.date
    return None


def _entry_for(locked: GeneratedDocument, *, number: int | None, date: dt.date, actor) -> RegisterEntry:
    """The register line of the document: a new number, or the one given (recorded if not yet)."""
    # Summary and symbol come from the database row, never from what a template rendered.
    if number is None:
        number = register_allocate(issuer=locked.issuer, year=date.year)
        return RegisterEntry.objects.create(
            issuer=locked.issuer,
            year=date.year,
            number=number,
            symbol=f"{number:02d}/{locked.code}",
            date=date,
            summary=locked.summary,
            registered_by=actor,
        )
    entry = RegisterEntry.objects.filter(issuer=locked.issuer, year=date.year, number=number).first()
    if entry is None or hasattr(entry, "document"):
        entry = register_record(
            issuer=locked.issuer,
            year=date.year,
            number=number,
            symbol=f"{number:02d}/{locked.code}",
            date=date,
            summary=locked.summary,
            actor=actor,
        )
    return entry


@transaction.atomic
def document_register(
    *, document: GeneratedDocument, actor, number: int | None = None, date: dt.date | None = None
) -> GeneratedDocument:
    """Give the draft its number from the issuer's register, render it again with number and date, log it.

    ``number`` and ``date`` are for recording documents numbered before the product (demo data).
    """
    check_producer(actor, document.issuer)
    locked = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if not can_proceed(locked.register):
        raise ApplicationError(MSG_ALREADY_REGISTERED.format(symbol=locked.symbol))
    existing = _plan_number(locked) if number is None else None
    if existing:
        number, date = existing
    date = date or timezone.localdate()
    # A plan cited by the draft may have been numbered since: the registered copy names its number.
    refreshed = references_refreshed(locked.context)
    locked.summary = refreshed["doc"]["summary"]
    entry = _entry_for(locked, number=number, date=date, actor=actor)
    context = with_number(refreshed, number=entry.number, date=date)
    data = render_stored(locked.template, context)
    source = locked.state
    locked.register()
    locked.context = context
    locked.number, locked.date, locked.year = entry.number, date, date.year
    locked.symbol = entry.symbol
    locked.register_entry = entry
    locked.sha256 = sha256(data)
    locked.filename = document_filename(locked.kind, context)
    locked.file.save(locked.filename, ContentFile(data), save=False)
    locked.save(
        update_fields=[
            "state",
            "summary",
            "context",
            "number",
            "date",
            "year",
            "symbol",
            "register_entry",
            "sha256",
            "filename",
            "file",
        ]
    )
    document_registered_event(document=locked, source=source, actor=actor, symbol=entry.symbol)
    document_preview_queue(document=locked, actor=actor)
    _plan_take_number(locked, actor)
    return locked


def _plan_take_number(document: GeneratedDocument, actor) -> None:
    """A registered Kế hoạch gives its number and date to a plan that had none."""
    if document.kind != Kind.PLAN or document.plan_id is None:
        return
    plan_register_number(plan=document.plan, number=document.number, date=document.date, actor=actor)
