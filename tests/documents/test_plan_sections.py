"""The plan's pages: appendices in landscape sections of their own, and no section left empty."""

import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from documents.builtin import builtin_path
from documents.kinds.plan import plan_document_context, sample_context
from documents.models import Kind
from documents.rendering import docx_text, render_docx

PORTRAIT, LANDSCAPE = WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE


def _sections(task_appendix: str, budget_appendix: str):
    context = sample_context()
    context["plan"] |= {"task_appendix": task_appendix, "budget_appendix": budget_appendix}
    data = render_docx(builtin_path(Kind.PLAN).read_bytes(), context)
    document = Document(io.BytesIO(data))
    return [s.orientation for s in document.sections], docx_text(data), document


@pytest.mark.parametrize(
    ("task_appendix", "budget_appendix", "orientations"),
    [
        ("", "", [PORTRAIT]),
        ("Phụ lục", "", [PORTRAIT, LANDSCAPE]),
        ("", "Phụ lục", [PORTRAIT, LANDSCAPE]),
        ("Phụ lục I", "Phụ lục II", [PORTRAIT, LANDSCAPE, LANDSCAPE]),
    ],
)
def test_one_landscape_section_per_appendix_and_none_empty(task_appendix, budget_appendix, orientations):
    found, text, _ = _sections(task_appendix, budget_appendix)
    assert found == orientations
    assert any(line.startswith("Tổ chức thực hiện mẫu") for line in text)


def test_without_appendices_the_last_page_is_the_signature_with_page_numbers_kept():
    _, text, document = _sections("", "")
    assert not any(line.startswith("(Kèm theo Kế hoạch") for line in text)
    section = document.sections[-1]
    assert section.page_height > section.page_width
    assert "PAGE" in section.header._element.xml  # numbered from page 2, as before
    assert section.different_first_page_header_footer


def test_a_plan_without_a_signed_intro_gets_the_usual_sentence_after_its_bases(draft_plan):
    from plans.models import LegalBasis

    LegalBasis.objects.create(plan=draft_plan, position=0, text="Căn cứ Quyết định số 1/QĐ-UBND")
    context = plan_document_context(draft_plan)["plan"]
    assert context["intro"] == f"{draft_plan.issuer.name} ban hành Kế hoạch {draft_plan.title} như sau:"
    assert context["legal_bases"] == ["Căn cứ Quyết định số 1/QĐ-UBND."]


def test_a_signed_intro_is_written_as_signed_and_one_opening_with_bases_replaces_them(draft_plan):
    from plans.models import LegalBasis, Plan

    LegalBasis.objects.create(plan=draft_plan, position=0, text="Căn cứ Quyết định số 1/QĐ-UBND")
    signed = "Căn cứ Quyết định số 1/QĐ-UBND; UBND huyện xây dựng kế hoạch như sau:"
    Plan.objects.filter(pk=draft_plan.pk).update(intro=signed)
    context = plan_document_context(Plan.objects.get(pk=draft_plan.pk))
    data = render_docx(builtin_path(Kind.PLAN).read_bytes(), context)
    lines = [line for line in docx_text(data) if line.strip()]
    assert context["plan"]["legal_bases"] == []
    assert lines.count(signed) == 1
    assert lines[lines.index(signed) + 1].startswith("I. ")
    assert not any(line == "Căn cứ Quyết định số 1/QĐ-UBND." for line in lines)
