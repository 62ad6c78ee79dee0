"""Templates: the built-in ones installed as rows, an issuer's own upload (checked), choosing one."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction

from core.errors import ApplicationError, unique_or_conflict
from core.history import update_with_history
from plans.importing.limits import check_office_xml
from units.models import Unit

from .. import builtin, rendering
from ..kinds import REGISTRY, sample_context
from ..models import DocumentTemplate, Kind
from ..selectors import template_choices
from .common import check_producer, read_file, sha256

MSG_NOT_DOCX = "Tệp «{name}» không phải là văn bản Word (.docx)."
MSG_MACRO = "Tệp «{name}» có chứa macro (.docm); chỉ nhận mẫu .docx không có macro."
MSG_TOO_BIG = "Tệp mẫu lớn hơn {limit} MB."
MSG_UPLOADED_MEANWHILE = (
    "Một mẫu {kind} khác của đơn vị vừa được tải lên cùng lúc; hãy tải lại trang, xem mẫu mới rồi thử lại."
)
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def builtin_template_sync(*, kind: str) -> DocumentTemplate:
    """The built-in template for ``kind`` as a row; a changed file becomes a new version."""
    data = builtin.builtin_path(kind).read_bytes()
    digest = sha256(data)
    current = DocumentTemplate.objects.filter(kind=kind, issuer=None).order_by("-version").first()
    if current and current.sha256 == digest:
        return current
    with transaction.atomic():
        update_with_history(DocumentTemplate.objects.filter(kind=kind, issuer=None), active=False)
        template = DocumentTemplate(
            kind=kind,
            issuer=None,
            name=f"{Kind(kind).label} (mẫu chung theo Nghị định 30/2020/NĐ-CP)",
            version=(current.version + 1) if current else 1,
            sha256=digest,
            variables=sorted(rendering.template_inspect(data).variables),
        )
        template.file.save(REGISTRY[kind].builtin_file, ContentFile(data), save=False)
        template.save()
    return template


def builtin_templates_sync() -> list[DocumentTemplate]:
    """Install (or update) every built-in template: run by load_demo, the install command and on first use."""
    return [builtin_template_sync(kind=kind) for kind in REGISTRY]


def template_resolve(
    *, kind: str, issuer: Unit, template: DocumentTemplate | None = None
) -> DocumentTemplate:
    """The template a document of ``kind`` is drafted with, the same way for plans and surveys.

    The one the clerk chose, or else the issuer's own active copy, or else the built-in one (installed
    here, on the POST that needs it, when it was not yet; a regenerated built-in file becomes the
    next version).
    """
    if template is not None:
        return template
    builtin_template_sync(kind=kind)
    return template_choices(kind=kind, issuer=issuer).first()


def template_check(*, data: bytes, name: str, kind: str) -> rendering.TemplateCheck:
    """Refuse what is not a plain .docx, what does not parse or render, and unknown variables."""
    if len(data) > TEMPLATE_MAX_BYTES:
        raise ApplicationError(MSG_TOO_BIG.format(limit=TEMPLATE_MAX_BYTES // (1024 * 1024)))
    suffix = PurePath(name).suffix.lower()
    if suffix in {".docm", ".dotm"}:
        raise ApplicationError(MSG_MACRO.format(name=name))
    if suffix != ".docx" or not data.startswith(b"PK\x03\x04"):
        raise ApplicationError(MSG_NOT_DOCX.format(name=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ApplicationError(MSG_NOT_DOCX.format(name=name)) from exc
    if any(n.lower().endswith("vbaproject.bin") for n in names) or "macroEnabled" in types:
        raise ApplicationError(MSG_MACRO.format(name=name))
    if DOCX_MIME not in types:
        raise ApplicationError(MSG_NOT_DOCX.format(name=name))
    check_office_xml(data, name=name)  # before anything parses it: no DTD, bounded elements
    check = rendering.template_inspect(data)
    if check.problems:
        raise ApplicationError(check.problems[0], problems=check.problems)
    rendering.render_docx(data, sample_context(kind))
    return check


def template_upload(*, kind: str, issuer: Unit, name: str, upload, actor) -> DocumentTemplate:
    """An issuer's own template, checked and rendered against sample data; older copies stay for history."""
    check_producer(actor, issuer)
    data = upload.read()
    filename = PurePath(upload.name or "mau.docx").name
    check = template_check(data=data, name=filename, kind=kind)
    with unique_or_conflict(MSG_UPLOADED_MEANWHILE.format(kind=Kind(kind).label.lower())):
        previous = (
            DocumentTemplate.objects.select_for_update()
            .filter(kind=kind, issuer=issuer)
            .order_by("-version")
            .first()
        )
        previous_versions = DocumentTemplate.objects.filter(kind=kind, issuer=issuer)
        update_with_history(previous_versions, active=False, actor=actor)
        template = DocumentTemplate(
            kind=kind,
            issuer=issuer,
            name=name or filename,
            version=(previous.version + 1) if previous else 1,
            sha256=sha256(data),
            variables=sorted(check.variables),
            uploaded_by=actor,
        )
        template.file.save(filename, ContentFile(data), save=False)
        template.save()
    return template


def template_preview(*, template: DocumentTemplate) -> list[str]:
    """The template rendered against sample data, as text lines."""
    data = read_file(template.file)
    return rendering.docx_text(rendering.render_docx(data, sample_context(template.kind)))
