"""Fixtures for documents: the demo data with the seed documents regenerated, and a clean media folder."""

import datetime as dt

import pytest

from documents.demo import load_demo as load_documents_demo
from tasks.demo import load_demo

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo(db):
    load_demo(TODAY)
    return load_documents_demo(TODAY)


def docx_with(*paragraphs: str) -> bytes:
    """A small .docx whose paragraphs are the given template text."""
    import io

    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_macro(data: bytes) -> bytes:
    """The same .docx carrying a vbaProject.bin part, as a macro-enabled file would."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return out.getvalue()
