"""The web flow of a plan import: upload → preview (map unknown units) → confirm or discard.

The file is read at upload and again only when a unit name is mapped; the preview is kept with
the upload, and confirming (``lifecycle.plan_import_confirm``) creates the plan from it.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.errors import AccessDenied, ApplicationError
from core.text import fold
from plans.importing.limits import check_size
from units.matching import unit_alias_remember
from units.models import Unit
from units.selectors import access_for
from units.services import unit_create

from ..importing import MSG_HAS_ERRORS, ImportPreview, issuer_tree, plan_import_read
from ..models import PlanImport

MSG_NOT_ALLOWED = "Bạn không có quyền nhập kế hoạch cho {issuer}."
MSG_DONE = "Tệp này đã được xử lý ({state})."
MSG_UNIT_OUTSIDE = "Đơn vị được chọn không thuộc cây đơn vị của {issuer}."


def _check(actor, issuer: Unit) -> None:
    if not access_for(actor).can_manage_issuer(issuer.pk):
        raise AccessDenied(MSG_NOT_ALLOWED.format(issuer=issuer))


def plan_import_upload(*, issuer: Unit, actor, upload, year: int | None = None) -> PlanImport:
    """Keep the uploaded file once it reads as a plan; a broken file is refused and nothing is kept."""
    _check(actor, issuer)
    name = PurePath(upload.name or "ke-hoach").name
    check_size(name=name, size=upload.size)
    data = upload.read()
    preview = plan_import_read(data=data, name=name, issuer=issuer, year=year)  # raises if unreadable
    digest = hashlib.sha256(data).hexdigest()
    batch = PlanImport(
        issuer=issuer,
        uploaded_by=actor,
        original_name=name,
        sha256=digest,
        year=year,
        preview=preview.to_dict(),
    )
    batch.file.save(name, ContentFile(data), save=False)
    batch.save()
    return batch


def _read_again(batch: PlanImport) -> ImportPreview:
    with batch.file.open("rb") as handle:
        data = handle.read()
    preview = plan_import_read(data=data, name=batch.original_name, issuer=batch.issuer, year=batch.year)
    batch.preview = preview.to_dict()
    PlanImport.objects.filter(pk=batch.pk).update(preview=batch.preview)
    return preview


def plan_import_preview(batch: PlanImport) -> ImportPreview:
    """The preview kept with the upload (read from the file once, for uploads kept before it was)."""
    if not batch.preview:
        return _read_again(batch)
    return ImportPreview.from_dict(batch.preview)


def plan_import_map_unit(*, batch: PlanImport, actor, text: str, units: list[Unit]) -> None:
    """Remember what an unrecognised name means, for this preview and every later import."""
    _check(actor, batch.issuer)
    allowed = {unit.pk for unit in issuer_tree(batch.issuer)}
    if any(unit.pk not in allowed for unit in units):
        raise ApplicationError(MSG_UNIT_OUTSIDE.format(issuer=batch.issuer))
    for unit in units:
        unit_alias_remember(unit=unit, text=text)
    _read_again(batch)  # the new name is recognised in this preview too


def plan_import_add_unit(*, batch: PlanImport, actor, text: str, parent: Unit, **fields) -> Unit:
    """Add a unit the plan names but the tree lacks, then read the preview again with it.

    The unit goes under ``parent`` in the issuer's tree, through ``unit_create`` (which checks
    that the actor coordinates ``parent``); the plan's wording is kept as its alias when it
    differs from the unit's name, so this and later imports recognise it.
    """
    _check(actor, batch.issuer)
    if parent.pk not in {unit.pk for unit in issuer_tree(batch.issuer)}:
        raise ApplicationError(MSG_UNIT_OUTSIDE.format(issuer=batch.issuer))
    with transaction.atomic():
        unit = unit_create(actor=actor, parent=parent, **fields)
        if fold(text) != fold(unit.name):
            unit_alias_remember(unit=unit, text=text)
    _read_again(batch)
    return unit


def plan_import_check(*, batch: PlanImport, actor) -> ImportPreview:
    """What confirming would refuse, before a job is queued for it."""
    _check(actor, batch.issuer)
    if batch.state != PlanImport.State.PREVIEWED:
        raise ApplicationError(MSG_DONE.format(state=batch.get_state_display()))
    preview = plan_import_preview(batch)
    if not preview.ok:
        raise ApplicationError(MSG_HAS_ERRORS.format(count=len(preview.errors)), problems=preview.errors)
    return preview


def plan_import_decide(batch: PlanImport, decision: str) -> PlanImport:
    """Lock the upload and mark it confirmed or discarded, once; call inside a transaction."""
    locked = PlanImport.objects.select_for_update().get(pk=batch.pk)
    if locked.state != PlanImport.State.PREVIEWED:
        raise ApplicationError(MSG_DONE.format(state=locked.get_state_display()))
    getattr(locked, decision)()
    locked.decided_at = timezone.now()
    return locked


def plan_import_discard(*, batch: PlanImport, actor) -> None:
    _check(actor, batch.issuer)
    with transaction.atomic():
        locked = plan_import_decide(batch, "discard")
        locked.save(update_fields=["state", "decided_at"])
