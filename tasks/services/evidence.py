"""Evidence files: checked by size, extension and content before anything is stored."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from core.errors import ApplicationError

from ..models import Contribution, Deliverable, Evidence, Report

# Extension → accepted leading bytes. Office formats are zip (new) or OLE (old) containers.
_ZIP, _OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0",)
ALLOWED = {
    ".pdf": (b"%PDF",),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}

MSG_TOO_BIG = "Tệp «{name}» có dung lượng {size}, vượt mức cho phép {limit}."
MSG_BAD_TYPE = "Tệp «{name}»: chỉ nhận PDF, Word, Excel, PowerPoint, ODF, JPG hoặc PNG."
MSG_BAD_CONTENT = "Tệp «{name}» không đúng định dạng {ext} (nội dung tệp không khớp phần mở rộng)."
MSG_EMPTY = "Tệp «{name}» rỗng."


def evidence_check(upload: UploadedFile) -> str:
    """Raise ApplicationError naming the file and the reason; return its extension."""
    name = PurePath(upload.name or "").name
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ApplicationError(
            MSG_TOO_BIG.format(name=name, size=filesizeformat(upload.size), limit=filesizeformat(limit))
        )
    if upload.size == 0:
        raise ApplicationError(MSG_EMPTY.format(name=name))
    ext = PurePath(name).suffix.lower()
    if ext not in ALLOWED:
        raise ApplicationError(MSG_BAD_TYPE.format(name=name))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(ALLOWED[ext]):
        raise ApplicationError(MSG_BAD_CONTENT.format(name=name, ext=ext))
    return ext


def evidence_check_all(uploads: list[UploadedFile]) -> None:
    for upload in uploads:
        evidence_check(upload)


def evidence_store(
    *,
    upload: UploadedFile,
    deliverable: Deliverable,
    actor,
    report: Report | None = None,
    contribution: Contribution | None = None,
) -> Evidence:
    ext = evidence_check(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = Evidence(
        deliverable=deliverable,
        report=report,
        contribution=contribution,
        original_name=PurePath(upload.name).name[:255],
        size=upload.size,
        content_type=CONTENT_TYPES[ext],
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    evidence.file.save(f"{evidence.sha256[:8]}{ext}", upload, save=False)
    evidence.save()
    return evidence
