"""Every render is bounded: the sandbox caps what a template may ask for, the .docx's XML is read safely
and counted, and the render runs in a child process with memory and time limits. Each case was an
audit finding (issue 15): a request held for seconds or minutes, gigabytes of memory, or an HTTP 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from core.errors import ApplicationError
from documents import rendering, services
from documents.kinds import sample_context
from documents.models import DocumentTemplate, Kind, RegisterEntry
from tests.documents.conftest import docx_with

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _with_body(body: bytes) -> bytes:
    """A .docx whose word/document.xml is ``body``."""
    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(
                info, body if info.filename == "word/document.xml" else source.read(info.filename)
            )
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<w:document xmlns:w="'
    + W.encode()
    + b'"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'
)
EMPTY_PARAGRAPHS = (
    b'<?xml version="1.0"?><w:document xmlns:w="'
    + W.encode()
    + b'"><w:body>'
    + b"<w:p/>" * 40_000
    + b"</w:body></w:document>"
)

CAPPED = [
    ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}", "lượt lặp"),
    ("{% for i in range(100000) %}{% endfor %}", "range với 100.000 phần tử"),
    ("{{ 'A'*2000000 }}", "chuỗi dài 2.000.000 ký tự"),
    ("{{ 'A' + 'B'*999999 + 'C'*999999 }}", "chuỗi dài"),
    ("{{ 'A'*600000 ~ 'B'*600000 }}", "chuỗi dài 1.200.000 ký tự"),
    ("{{ 'A'|center(2000000) }}", "chuỗi dài"),
    ("{{ 'A'.ljust(2000000) }}", "chuỗi dài"),
    ("{{ '%02000000d' % 1 }}", "độ rộng quá lớn"),
    ("{{ range(10**9)|length }}", "range với 1.000.000.000 phần tử"),
    ("{{ (10**30000)|words }}", "số nguyên quá lớn"),
    ("{{ 10**100 }}", "số nguyên quá lớn"),
]


@pytest.mark.parametrize(("payload", "says"), CAPPED)
def test_the_sandbox_caps_what_a_template_may_ask_for(payload, says):
    with pytest.raises(ApplicationError) as caught:
        rendering.render_docx(docx_with(payload), sample_context(Kind.PLAN))
    assert says in caught.value.message and caught.value.message.startswith("Mẫu văn bản")


def test_what_stays_under_the_caps_renders():
    context = sample_context(Kind.PLAN)
    data = rendering.render_docx(docx_with("{{ 'A'*1000 }}{% for i in range(500) %}.{% endfor %}"), context)
    assert rendering.docx_text(data)[0] == "A" * 1000 + "." * 500


@pytest.mark.parametrize(
    ("body", "says"),
    [(BILLION_LAUGHS, "DOCTYPE/ENTITY"), (EMPTY_PARAGRAPHS, "quá nhiều đoạn văn")],
)
def test_a_hostile_xml_body_is_refused_before_it_is_parsed(body, says):
    with pytest.raises(ApplicationError, match=says):
        rendering.render_docx(_with_body(body), sample_context(Kind.PLAN))


def test_a_template_cannot_change_the_data_it_is_given():
    """`doc.update(...)` rewrote the summary that went into the register: the sandbox is immutable."""
    context = sample_context(Kind.PLAN)
    payload = "{% set x = doc.update({'summary': 'Bị sửa', 'code': 'XX'}) %}{{ doc.summary }}"
    with pytest.raises(ApplicationError, match="không được phép"):
        rendering.render_docx(docx_with(payload), context)
    assert context["doc"]["summary"] == "Trích yếu mẫu"
    with pytest.raises(ApplicationError, match="không được phép"):
        rendering.render_docx(docx_with("{{ plan.rows.append(1) }}{{ plan.rows.pop() }}"), context)
    assert len(context["plan"]["rows"]) == 2


def test_the_register_takes_its_fields_from_the_database(org, draft_plan, media):
    """Even a template that printed another summary leaves the register line as the record says."""
    template = DocumentTemplate(kind=Kind.REPORT, issuer=org.district, name="khác", sha256="y" * 64)
    template.file.save(
        "khac.docx", io.BytesIO(docx_with("{{ doc.summary|upper }} {{ doc.code }}")), save=False
    )
    template.save()
    document = services.document_create_for_plan(
        kind=Kind.REPORT, plan=draft_plan, actor=org.clerk, today=draft_plan.period_start, template=template
    )
    registered = services.document_register(document=document, actor=org.clerk)
    entry = RegisterEntry.objects.get(pk=registered.register_entry_id)
    assert entry.summary == document.summary and entry.symbol == f"{registered.number:02d}/{document.code}"


def test_a_render_past_its_time_is_stopped_with_a_message(settings):
    settings.DOCUMENT_RENDER_SECONDS = 1
    slow = (
        "{% for i in range(10000) %}{% for j in range(19) %}"
        "{% if ('x'*900000).upper() %}{% endif %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(ApplicationError, match="quá 1 giây"):
        rendering.render_docx(docx_with(slow), sample_context(Kind.PLAN))


def test_a_render_past_its_memory_is_stopped_with_a_message(settings):
    settings.DOCUMENT_RENDER_MEMORY_MB = 80
    big = "{% for i in range(200) %}{{ 'x'*900000 }}{% endfor %}"
    with pytest.raises(ApplicationError, match="bộ nhớ"):
        rendering.render_docx(docx_with(big), sample_context(Kind.PLAN))


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (docx_with("{{ range(10**9)|length }}"), "range với"),
        (docx_with("{{ (10**30000)|words }}"), "số nguyên quá lớn"),
        (_with_body(BILLION_LAUGHS), "DOCTYPE/ENTITY"),
        (_with_body(EMPTY_PARAGRAPHS), "quá nhiều đoạn văn"),
    ],
)
def test_an_upload_that_gave_500_is_refused_with_a_message(org, client, data, says):
    client.force_login(org.clerk)
    response = client.post(
        reverse("template_upload"),
        {
            "kind": Kind.PLAN,
            "issuer": org.district.pk,
            "name": "thử",
            "file": SimpleUploadedFile("mau.docx", data),
        },
    )
    assert response.status_code == 400 and says in response.content.decode()
    assert not DocumentTemplate.objects.exists()
