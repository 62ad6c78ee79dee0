"""The PDF copy of a document, made by LibreOffice headless in a background job."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile

from core.errors import ApplicationError

from ..models import GeneratedDocument
from .common import check_producer, sha256
from .generation import document_bytes

MSG_NO_SOFFICE = "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF."
MSG_PDF_FAILED = "Không chuyển được văn bản sang PDF: {detail}."
PDF_TIMEOUT_SECONDS = 120


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = PDF_TIMEOUT_SECONDS) -> bytes:
    """Convert with LibreOffice headless, in a temporary directory and profile."""
    binary = soffice_path()
    if binary is None:
        raise ApplicationError(MSG_NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "van-ban.docx"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ApplicationError(MSG_PDF_FAILED.format(detail=type(exc).__name__)) from exc
        target = folder / "van-ban.pdf"
        if not target.exists():
            raise ApplicationError(MSG_PDF_FAILED.format(detail="không có tệp kết quả"))
        return target.read_bytes()


def document_check_pdf(*, document: GeneratedDocument, actor) -> None:
    """Refuse early, before a job is queued: who asks, and whether LibreOffice is there."""
    check_producer(actor, document.issuer)
    if soffice_path() is None:
        GeneratedDocument.objects.filter(pk=document.pk).update(
            pdf_status=GeneratedDocument.PdfStatus.UNAVAILABLE
        )
        raise ApplicationError(MSG_NO_SOFFICE)


def document_convert_pdf(*, document: GeneratedDocument, actor) -> GeneratedDocument:
    """Make the PDF copy; run as the "document_pdf" background job (documents.jobs)."""
    document_check_pdf(document=document, actor=actor)
    try:
        pdf = docx_to_pdf(document_bytes(document=document))
    except ApplicationError:
        GeneratedDocument.objects.filter(pk=document.pk).update(pdf_status=GeneratedDocument.PdfStatus.FAILED)
        raise
    document.pdf_file.save(document.filename.replace(".docx", ".pdf"), ContentFile(pdf), save=False)
    document.pdf_sha256 = sha256(pdf)
    document.pdf_status = GeneratedDocument.PdfStatus.DONE
    document.save(update_fields=["pdf_file", "pdf_sha256", "pdf_status"])
    return document
