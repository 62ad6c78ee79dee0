"""Generated documents are kept byte for byte; uploaded templates are checked before they are accepted."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import AccessDenied, ApplicationError
from documents import builtin, rendering, services
from documents.kinds import sample_context
from documents.models import DocumentTemplate, GeneratedDocument, Kind
from tests.documents.conftest import docx_with, with_macro


def _upload(data: bytes, name: str = "mau.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_document_keeps_template_version_data_and_hash(org, draft_plan):
    """The draft records its template and version, the data, author, file name and SHA-256."""
    document = services.document_create_for_plan(
        kind=Kind.PLAN, plan=draft_plan, actor=org.clerk, today=draft_plan.period_start
    )
    data = services.document_bytes(document=document)
    assert document.template.is_builtin and document.template_version == document.template.version
    assert (
        document.template_sha256 == hashlib.sha256(builtin.builtin_path(Kind.PLAN).read_bytes()).hexdigest()
    )
    assert document.context["plan"]["title"] == draft_plan.title
    assert document.author == org.clerk
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def test_redownloading_gives_the_same_bytes(org, draft_plan, client):
    """Two downloads return identical bytes whose SHA-256 is the recorded one."""
    document = services.document_create_for_plan(
        kind=Kind.PLAN, plan=draft_plan, actor=org.clerk, today=draft_plan.period_start
    )
    client.force_login(org.clerk)
    url = f"/van-ban/{document.pk}/tai-ve/"
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and first.content == second.content
    assert hashlib.sha256(first.content).hexdigest() == document.sha256 == first["X-Content-SHA256"]


def test_rendering_the_stored_data_again_gives_the_same_bytes(org, draft_plan):
    """Same template and same data give the same file (fixed zip times), so the archive can be checked."""
    document = services.document_create_for_plan(
        kind=Kind.PLAN, plan=draft_plan, actor=org.clerk, today=draft_plan.period_start
    )
    again = rendering.render_docx(builtin.builtin_path(Kind.PLAN).read_bytes(), document.context)
    assert hashlib.sha256(again).hexdigest() == document.sha256


def test_a_tampered_file_is_refused(org, draft_plan):
    document = services.document_create_for_plan(
        kind=Kind.PLAN, plan=draft_plan, actor=org.clerk, today=draft_plan.period_start
    )
    with open(document.file.path, "ab") as handle:
        handle.write(b"x")
    with pytest.raises(ApplicationError, match="SHA-256"):
        services.document_bytes(document=document)


def test_the_builtin_templates_are_reproducible(tmp_path):
    """Running documents/builtin.py gives byte-identical files to the committed ones."""
    written = builtin.write_all(tmp_path)
    for path in written:
        assert path.read_bytes() == (builtin.OUT_DIR / path.name).read_bytes(), path.name


@pytest.mark.parametrize("kind", Kind.values)
def test_every_builtin_template_renders_its_sample_data(kind):
    rendering.render_docx(builtin.builtin_path(kind).read_bytes(), sample_context(kind))


# ----- upload checks ---------------------------------------------------------------------------------

GOOD = docx_with("{{ doc.agency }}", "Số: {{ doc.number_text }}/{{ doc.code }}", "{{ doc.summary|upper }}")


def test_a_good_template_is_accepted_versioned_and_previewed(org):
    """A plain .docx using known variables becomes version 1, then 2; the older copy is kept inactive."""
    first = services.template_upload(
        kind=Kind.PLAN, issuer=org.district, name="Mẫu KH", upload=_upload(GOOD), actor=org.clerk
    )
    second = services.template_upload(
        kind=Kind.PLAN, issuer=org.district, name="Mẫu KH", upload=_upload(GOOD), actor=org.clerk
    )
    first.refresh_from_db()
    assert (first.version, first.active, second.version, second.active) == (1, False, 2, True)
    assert second.variables == ["doc"]
    assert "Số: 01/KH-UBND".replace("01", "      ") in services.template_preview(template=second)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.4 not a docx", "mau.pdf", "không phải là văn bản Word"),
        (b"PK\x03\x04broken", "mau.docx", "không phải là văn bản Word"),
        (GOOD, "mau.docm", "macro"),
        (with_macro(GOOD), "mau.docx", "macro"),
        (docx_with("{% if doc.summary %}chưa đóng"), "mau.docx", "sai cú pháp"),
        (docx_with("{{ doc.summary }", "x"), "mau.docx", "sai cú pháp"),
        (docx_with("{{ ke_hoach.ten }} {{ so_van_ban }}"), "mau.docx", "ke_hoach, so_van_ban"),
        (docx_with("{{ ''.__class__ }}"), "mau.docx", "không được phép"),
        (docx_with("{{ doc.khong_co }}"), "mau.docx", "không tạo được|biến không có"),
    ],
)
def test_a_bad_template_is_refused_with_the_reason(org, data, name, message):
    """Not a docx, macro-enabled, broken Jinja, unknown variables or unsafe tags: refused, nothing stored."""
    with pytest.raises(ApplicationError, match=message):
        services.template_upload(
            kind=Kind.PLAN, issuer=org.district, name="", upload=_upload(data, name), actor=org.clerk
        )
    assert not DocumentTemplate.objects.filter(issuer=org.district).exists()


def test_only_producers_may_upload_for_an_issuer(org):
    with pytest.raises(AccessDenied):
        services.template_upload(
            kind=Kind.PLAN, issuer=org.district, name="", upload=_upload(GOOD), actor=org.viewer
        )


def test_an_issuer_template_is_used_for_its_documents(org, draft_plan):
    template = services.template_upload(
        kind=Kind.PLAN, issuer=org.district, name="Mẫu riêng", upload=_upload(GOOD), actor=org.clerk
    )
    document = services.document_create_for_plan(
        kind=Kind.PLAN, plan=draft_plan, actor=org.clerk, today=draft_plan.period_start
    )
    assert document.template == template
    assert rendering.docx_text(services.document_bytes(document=document))[0] == "UBND HUYỆN CAM LÂM"


def test_upload_page_lists_unknown_variables(org, client):
    client.force_login(org.clerk)
    response = client.post(
        "/van-ban/mau/tai-len/",
        {"kind": Kind.PLAN, "issuer": org.district.pk, "name": "", "file": _upload(docx_with("{{ abc }}"))},
    )
    assert response.status_code == 400
    assert "abc" in response.content.decode()
    assert GeneratedDocument.objects.count() == 0
