"""A preview that looks like the page: the .docx drawn as page images, or as clean HTML.

With LibreOffice installed (``soffice``) the document is converted to PDF and each page drawn as a
PNG by poppler's ``pdftoppm``: landscape appendices, page numbers and line breaks are what the clerk
will print. Without it (or with ``DOCUMENT_PREVIEW = "html"``) mammoth turns the .docx into HTML:
headings, bold and italic, lists and tables, but no pages. The page says which one it shows.

The work runs as the "document_preview" background job (documents.jobs) with a time limit; its
files are kept under ``previews/<document>/<sha256 of the .docx>/``, so a document rendered again
(registered, re-rendered) gets a new preview and an old one is never shown for new content.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import mammoth
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.errors import ApplicationError

from .models import GeneratedDocument
from .services.common import check_producer
from .services.generation import document_bytes
from .services.pdf import docx_to_pdf, soffice_path

PAGES, HTML = "pages", "html"
MSG_PAGES_FAILED = "Không vẽ được trang văn bản: {detail}."
MSG_TOO_MANY_PAGES = "Văn bản có hơn {limit} trang: bản xem trước chỉ vẽ {limit} trang đầu."
DPI = 96  # A4 at 96 dpi: 794 × 1123 px, legible on a screen and light enough for a phone
HREF = re.compile(r"\s(?:href|src)=\"(?!data:image/)[^\"]*\"")


@dataclass
class Preview:
    kind: str  # PAGES or HTML
    pages: list[bytes] = field(default_factory=list)
    html: str = ""
    notes: list[str] = field(default_factory=list)


def preview_kind() -> str:
    """Which preview this server makes: page images when LibreOffice and poppler are here."""
    if settings.DOCUMENT_PREVIEW == HTML or soffice_path() is None or shutil.which("pdftoppm") is None:
        return HTML
    return PAGES


def pdf_to_pngs(pdf: bytes, *, timeout: int, max_pages: int) -> list[bytes]:
    with tempfile.TemporaryDirectory(prefix="kehoach-preview-") as tmp:
        folder = Path(tmp)
        (folder / "van-ban.pdf").write_bytes(pdf)
        command = ["pdftoppm", "-png", "-r", str(DPI), "-l", str(max_pages), "van-ban.pdf", "trang"]
        try:
            subprocess.run(command, cwd=folder, check=True, capture_output=True, timeout=timeout)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ApplicationError(MSG_PAGES_FAILED.format(detail=type(exc).__name__)) from exc
        # pdftoppm pads the page number to the width of the last one: sorting the names keeps the order.
        return [path.read_bytes() for path in sorted(folder.glob("trang-*.png"))]


def docx_to_html(data: bytes) -> str:
    """mammoth's HTML; links and external sources are dropped (the template may be a user's upload)."""
    result = mammoth.convert_to_html(io.BytesIO(data))
    return HREF.sub("", result.value)


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def preview_make(data: bytes) -> Preview:
    """Page images when the server can draw them, else HTML; either within the time limit."""
    if preview_kind() == HTML:
        return Preview(kind=HTML, html=docx_to_html(data))
    timeout, limit = settings.DOCUMENT_PREVIEW_TIMEOUT, settings.DOCUMENT_PREVIEW_MAX_PAGES
    pdf = docx_to_pdf(data, timeout=timeout)
    notes = [MSG_TOO_MANY_PAGES.format(limit=limit)] if _page_count(pdf) > limit else []
    return Preview(kind=PAGES, pages=pdf_to_pngs(pdf, timeout=timeout, max_pages=limit), notes=notes)


def _folder(document: GeneratedDocument) -> str:
    return f"previews/{document.pk}/{document.sha256}"


def document_preview_make(*, document: GeneratedDocument, actor) -> dict:
    """Make and keep the preview of the document as it stands; the job's result says where it is.

    ``actor`` is None when generation queued the drawing itself, after checking who generated.
    """
    if actor is not None:
        check_producer(actor, document.issuer)
    preview = preview_make(document_bytes(document=document))
    folder = _folder(document)
    pages = [
        default_storage.save(f"{folder}/trang-{number:02d}.png", ContentFile(png))
        for number, png in enumerate(preview.pages, start=1)
    ]
    html = (
        default_storage.save(f"{folder}/van-ban.html", ContentFile(preview.html.encode()))
        if preview.html
        else ""
    )
    return {
        "document_id": document.pk,
        "sha256": document.sha256,
        "kind": preview.kind,
        "pages": pages,
        "html": html,
        "notes": preview.notes,
    }
