"""A file that is not a plan is refused with a message naming it, and nothing is created."""

import io
import re
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import ApplicationError
from plans.models import Plan
from tasks.importing import plan_import_read
from tasks.models import PlanImport


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _read(data: bytes, name: str, org):
    return plan_import_read(data=data, name=name, issuer=org.district)


def test_a_text_file_named_docx_is_refused(org):
    with pytest.raises(ApplicationError, match=re.escape("«ke-hoach.docx» không phải tệp Word")):
        _read(b"Day khong phai tep Word", "ke-hoach.docx", org)


def test_an_unsupported_extension_is_refused(org):
    with pytest.raises(ApplicationError, match="chỉ nhận Word"):
        _read(b"%PDF-1.4", "ke-hoach.pdf", org)


def test_a_zip_without_a_document_part_is_refused(org):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(ApplicationError, match="không phải tệp Word"):
        _read(out.getvalue(), "ke-hoach.docx", org)


def test_a_macro_enabled_document_is_refused(org):
    data = _docx(lambda d: d.add_paragraph("KẾ HOẠCH"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/vbaProject.bin", b"\x00" * 64)
    with pytest.raises(ApplicationError, match="có chứa macro"):
        _read(out.getvalue(), "ke-hoach.docx", org)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(org, settings):
    """A small file that would unpack to hundreds of megabytes is refused."""
    settings.IMPORT_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/padding.xml", b"0" * (60 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ApplicationError, match="khi giải nén quá lớn"):
        _read(data, "ke-hoach.docx", org)


def test_a_50_mb_upload_is_refused_and_nothing_kept(client, org):
    client.force_login(org.coordinator)
    big = SimpleUploadedFile("ke-hoach.docx", b"0" * (50 * 1024 * 1024))
    response = client.post(reverse("import_upload"), {"issuer": org.district.pk, "file": big})
    assert response.status_code == 400
    assert "vượt mức cho phép" in response.content.decode()
    assert not PlanImport.objects.exists()
    assert not Plan.objects.exists()


def test_a_document_without_a_task_table_reports_it(org):
    data = _docx(lambda d: (d.add_paragraph("KẾ HOẠCH"), d.add_table(rows=2, cols=3)))
    preview = _read(data, "ke-hoach.docx", org)
    assert not preview.ok
    assert "Không tìm thấy bảng nhiệm vụ" in preview.errors[0]
    assert "Stt/TT, Nội dung" in preview.errors[0]


def test_confirming_a_file_with_errors_creates_nothing(client, org):
    data = _docx(lambda d: d.add_paragraph("KẾ HOẠCH"))
    client.force_login(org.coordinator)
    upload = SimpleUploadedFile("ke-hoach.docx", data)
    response = client.post(reverse("import_upload"), {"issuer": org.district.pk, "file": upload})
    batch = PlanImport.objects.get()
    assert response.url == reverse("import_preview", args=[batch.pk])
    response = client.post(reverse("import_decide", args=[batch.pk, "confirm"]), follow=True)
    assert "chưa tạo gì" in response.content.decode()
    assert not Plan.objects.exists()
    batch = PlanImport.objects.get(pk=batch.pk)
    assert batch.state == PlanImport.State.PREVIEWED


def test_a_unit_officer_cannot_import(client, org):
    client.force_login(org.officer_a)
    response = client.get(reverse("import_upload"))
    assert response.status_code == 403


def test_a_utf8_csv_in_the_template_layout_imports(org):
    text = (
        "Stt,Nội dung công việc,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Kết quả\n"
        "1,Xây dựng kế hoạch khảo sát,Văn phòng HĐND và UBND huyện,"
        "Phòng Văn hóa và Thông tin,Tháng 01/2022,Kế hoạch\n"
    )
    preview = _read(text.encode("utf-8"), "ke-hoach.csv", org)
    assert preview.ok
    row = preview.tasks[0]
    assert (row.lead_units, row.coordinating_units, row.due_dates) == (["CL-VP"], ["CL-VHTT"], ["2022-01-31"])


def test_a_csv_not_in_utf8_is_refused_with_the_reason(org):
    data = "Stt,Nội dung công việc\n1,Xây dựng\n".encode("cp1258", errors="replace")
    with pytest.raises(ApplicationError, match="bảng mã UTF-8"):
        _read(data, "ke-hoach.csv", org)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _empty_paragraphs_docx(megabytes: int) -> bytes:
    """A small upload whose document part unpacks to ``megabytes`` MB of empty paragraphs."""
    paragraphs = b"<w:p/>" * (megabytes * 1024 * 1024 // 6)
    body = b'<w:document xmlns:w="' + W.encode() + b'"><w:body>' + paragraphs + b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", body)
    return out.getvalue()


def test_21_mb_of_empty_paragraphs_is_refused_before_word_reads_it(org, monkeypatch):
    """The paragraph limit stops the count early: python-docx never builds the 3.5-million-paragraph tree."""
    data = _empty_paragraphs_docx(21)
    assert len(data) < 1024 * 1024
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("python-docx read the file"))
    with pytest.raises(ApplicationError, match=re.escape("«ke-hoach.docx» có quá nhiều đoạn văn")):
        _read(data, "ke-hoach.docx", org)
    assert not Plan.objects.exists()


def test_a_spreadsheet_with_too_many_elements_is_refused(org, settings):
    settings.IMPORT_MAX_XML_ELEMENTS = 1000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<sheetData>" + b"<row/>" * 5000 + b"</sheetData>")
    with pytest.raises(ApplicationError, match=re.escape("«ke-hoach.xlsx» có quá nhiều phần tử")):
        _read(out.getvalue(), "ke-hoach.xlsx", org)
