"""Templates run sandboxed: injection payloads are refused with a clear message and nothing is generated."""

import pytest
from django.core.files.base import ContentFile

from core.errors import ApplicationError
from documents import rendering, services
from documents.kinds import sample_context
from documents.models import DocumentTemplate, GeneratedDocument, Kind
from tests.documents.conftest import docx_with

PAYLOADS = [
    "{{ ''.__class__.__mro__ }}",
    "{{ config }}",
    "{{ self._TemplateReference__context }}",
    "{{ cycler.__init__.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{% extends '/etc/passwd' %}",
    "{{ ''|attr('__class__') }}",
    "{{ doc|attr('__class__') }}",
    "{{ doc.items.__self__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ namespace.__init__ }}",
    "{{ doc['__class__'] }}",
    "{{ range.__self__ }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_refuses_injection_payloads(payload):
    """Each payload raises ApplicationError with a Vietnamese message; no output is produced."""
    # given
    data = docx_with("Số: {{ doc.number_text }}", payload)
    # when / then
    with pytest.raises(ApplicationError) as caught:
        rendering.render_docx(data, sample_context(Kind.PLAN))
    assert caught.value.message.startswith("Mẫu văn bản")
    assert "passwd" not in caught.value.message or "include" in caught.value.message


@pytest.mark.parametrize("payload", PAYLOADS)
def test_document_create_with_a_hostile_template_generates_nothing(payload, org, draft_plan, media):
    """A hostile template stored for the issuer cannot produce a document."""
    # given
    template = DocumentTemplate(kind=Kind.PLAN, issuer=org.district, name="độc hại", sha256="x" * 64)
    template.file.save("doc-hai.docx", ContentFile(docx_with(payload)), save=False)
    template.save()
    # when
    with pytest.raises(ApplicationError):
        services.document_create_for_plan(
            kind=Kind.PLAN, plan=draft_plan, actor=org.clerk, today=draft_plan.period_start, template=template
        )
    # then
    assert GeneratedDocument.objects.count() == 0


def test_values_are_escaped_so_ampersands_do_not_break_the_docx():
    """Autoescape: "&" and "<" in the data still give a valid .docx with the text intact."""
    context = sample_context(Kind.PLAN)
    context["doc"]["summary"] = "Văn hóa & Thông tin <b>thử</b>"
    out = rendering.render_docx(docx_with("{{ doc.summary }}"), context)
    assert "Văn hóa & Thông tin <b>thử</b>" in rendering.docx_text(out)


def test_the_sandbox_blocks_unsafe_attributes_at_run_time():
    """Even past the static check, the environment refuses underscore attributes."""
    template = rendering.ENV.from_string("{{ x|attr('__class__') }}")
    with pytest.raises(Exception, match=r"unsafe|access"):
        template.render(x="")
