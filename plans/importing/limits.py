"""Refuse files that are not what they claim, too large, or built to exhaust memory."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from core.errors import ApplicationError

MSG_TOO_BIG = "Tệp «{name}» có dung lượng {size}, vượt mức cho phép {limit}."
MSG_NOT_ZIP = "Tệp «{name}» không phải tệp {kind} hợp lệ (không mở được)."
MSG_WRONG_KIND = "Tệp «{name}» không phải tệp {kind}."
MSG_MACRO = "Tệp «{name}» có chứa macro; hãy lưu lại dưới dạng {kind} thường rồi tải lên."
MSG_BOMB = "Tệp «{name}» khi giải nén quá lớn ({size}); có thể là tệp hỏng hoặc tệp độc hại."
MSG_EMPTY = "Tệp «{name}» rỗng."

KINDS = {
    "docx": ("Word (.docx)", "word/document.xml"),
    "xlsx": ("Excel (.xlsx)", "xl/workbook.xml"),
}


def check_size(*, name: str, size: int) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size == 0:
        raise ApplicationError(MSG_EMPTY.format(name=name))
    if size > limit:
        raise ApplicationError(
            MSG_TOO_BIG.format(name=name, size=filesizeformat(size), limit=filesizeformat(limit))
        )


def check_office_zip(data: bytes, *, name: str, kind: str) -> None:
    """An Office file is a zip: check its parts and their unpacked size before reading it."""
    label, required = KINDS[kind]
    check_size(name=name, size=len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ApplicationError(MSG_NOT_ZIP.format(name=name, kind=label)) from None
    names = {entry.filename for entry in entries}
    if required not in names:
        raise ApplicationError(MSG_WRONG_KIND.format(name=name, kind=label))
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ApplicationError(MSG_MACRO.format(name=name, kind=label))
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES or len(entries) > 5000:
        raise ApplicationError(MSG_BOMB.format(name=name, size=filesizeformat(unpacked)))
