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


# ----- the XML inside: no DTD or entities, a bounded number of elements -------------------------------

MSG_XML_DTD = (
    "Tệp «{name}» có khai báo DOCTYPE/ENTITY trong phần {part}; tệp Office không có khai báo này "
    "(có thể là tệp độc hại)."
)
MSG_XML_BROKEN = "Tệp «{name}» có phần {part} không đọc được (XML hỏng)."
MSG_XML_ELEMENTS = (
    "Tệp «{name}» có quá nhiều phần tử trong {part} (hơn {limit}); có thể là tệp hỏng hoặc tệp độc hại."
)
MSG_XML_PARAGRAPHS = "Tệp «{name}» có quá nhiều đoạn văn (hơn {limit}); hãy chia nhỏ tệp."
XML_MAX_ELEMENTS = 400_000
XML_MAX_PARAGRAPHS = 30_000
PARAGRAPH_TAGS = {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"}


def _xml_parts(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [e for e in archive.infolist() if e.filename.endswith((".xml", ".rels")) and not e.is_dir()]


def check_office_xml(
    data: bytes, *, name: str, max_elements: int | None = None, skip: frozenset[str] = frozenset()
) -> int:
    """Read every XML part as a stream, safely: no DTD (so no entity expansion, no billion laughs), no
    network, and stop at a fixed number of elements and paragraphs, before any library builds a tree.

    Call after ``check_office_zip`` (or an equal zip check); the limits are settings
    (``IMPORT_MAX_XML_ELEMENTS``, ``IMPORT_MAX_PARAGRAPHS``) with the defaults above; a reader
    whose files are large tables (the survey import) passes its own ``max_elements``. Parts named in
    ``skip`` are left to a reader that checks them the same way as it reads them (the survey import's
    sheet, ``xlsx_stream``); the elements counted are returned, for that reader to go on counting.
    """
    from lxml import etree

    if max_elements is None:
        max_elements = getattr(settings, "IMPORT_MAX_XML_ELEMENTS", XML_MAX_ELEMENTS)
    max_paragraphs = getattr(settings, "IMPORT_MAX_PARAGRAPHS", XML_MAX_PARAGRAPHS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = _xml_parts(archive)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ApplicationError(MSG_NOT_ZIP.format(name=name, kind="Office")) from None
    elements = paragraphs = 0
    for entry in parts:
        if entry.filename in skip:
            continue
        with archive.open(entry) as stream:
            events = etree.iterparse(
                stream,
                events=("start", "end"),
                resolve_entities=False,
                load_dtd=False,
                no_network=True,
                huge_tree=False,
            )
            try:
                for event, element in events:
                    if event == "start":
                        if element.getparent() is None and element.getroottree().docinfo.doctype:
                            raise ApplicationError(MSG_XML_DTD.format(name=name, part=entry.filename))
                        elements += 1
                        paragraphs += element.tag in PARAGRAPH_TAGS
                        if elements > max_elements:
                            raise ApplicationError(
                                MSG_XML_ELEMENTS.format(name=name, part=entry.filename, limit=max_elements)
                            )
                        if paragraphs > max_paragraphs:
                            raise ApplicationError(MSG_XML_PARAGRAPHS.format(name=name, limit=max_paragraphs))
                    elif element.getparent() is not None:
                        element.clear()  # keep memory flat: what was counted is not kept
            except etree.XMLSyntaxError as exc:
                if "Entity" in str(exc) or "DOCTYPE" in str(exc):
                    raise ApplicationError(MSG_XML_DTD.format(name=name, part=entry.filename)) from None
                raise ApplicationError(MSG_XML_BROKEN.format(name=name, part=entry.filename)) from None
    return elements
