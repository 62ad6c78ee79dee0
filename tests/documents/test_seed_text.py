"""Cam Lâm's and Đồng Nai's plans regenerated from kehoach read like the signed ones: the same sections
line by line, the same appendix headings, signer and recipients, appendices landscape and numbered apart.

The seeds are the plans' text as published (/work/shared/seeds/); their lines are compared with the
regenerated .docx after normalising what plain text cannot carry: emphasis marks, spacing, and lines
the published copy broke at a page end (a line that starts in lower case continues the one before).
"""

import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from documents.builtin import builtin_path
from documents.kinds.plan import plan_document_context
from documents.models import Kind
from documents.rendering import docx_text, render_docx
from plans.models import Plan

SEEDS = Path("/work/shared/seeds")
SEED_FILES = {"CAMLAM-UBND": "002_49e2cc4a93360f95.txt", "DONGNAI-UBND": "004_b5af615fd5614745.txt"}
# Where each plan's own text starts in its seed (Đồng Nai's file opens with the Sở's dispatch).
PLAN_STARTS = {"CAMLAM-UBND": "KẾ HOẠCH", "DONGNAI-UBND": "KẾ HOẠCH"}

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="the seed texts are not on this machine")


def _normal(line: str) -> str:
    line = line.replace("*", "").replace("\t", " ")
    line = re.sub(r"\s*/\s*", "/", line)
    line = re.sub(r"\s+", " ", line).strip()
    return re.sub(r"^- \+ ", "+ ", line)


def _joined(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in (_normal(line) for line in lines):
        if not line:
            continue
        if out and line[0].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _seed(code: str) -> list[str]:
    lines = (SEEDS / SEED_FILES[code]).read_text(encoding="utf-8").splitlines()
    start = lines.index(PLAN_STARTS[code])
    return _joined(lines[start:])


def _between(lines: list[str], first: str, stop) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i in range(start, len(lines)) if stop(lines[i]))
    return lines[start:end]


def _regenerated(code: str) -> bytes:
    plan = Plan.objects.get(issuer__code=code)
    return render_docx(builtin_path(Kind.PLAN).read_bytes(), plan_document_context(plan))


def _signature(data: bytes) -> tuple[list[str], list[str]]:
    for table in Document(io.BytesIO(data)).tables:
        left, right = table.rows[0].cells[:2]
        if left.text.startswith("Nơi nhận"):
            texts = [_normal(p.text) for p in left.paragraphs], [_normal(p.text) for p in right.paragraphs]
            return [t for t in texts[0] if t], [t for t in texts[1] if t]
    raise AssertionError("no signature table")


@pytest.mark.parametrize("code", ["CAMLAM-UBND", "DONGNAI-UBND"])
def test_the_plan_sections_read_as_the_seed_line_by_line(demo, code):
    """From "I. Mục đích, yêu cầu" to the closing line, every line of the seed, in order."""
    # given
    seed = _seed(code)
    # when
    text = _joined(docx_text(_regenerated(code)))
    # then
    expected = _between(seed, "I. ", lambda line: line.startswith("Nơi nhận"))
    produced = _between(text, "I. ", lambda line: line.startswith("Nơi nhận"))
    assert produced == expected


def _intro(lines: list[str]) -> str:
    return lines[next(i for i, line in enumerate(lines) if line.startswith("I. ")) - 1]


@pytest.mark.parametrize("code", ["CAMLAM-UBND", "DONGNAI-UBND"])
def test_the_intro_line_is_the_signed_one(demo, code):
    """The sentence before part I as signed; Cam Lâm's carries its bases, which are not written twice."""
    seed = _seed(code)
    text = _joined(docx_text(_regenerated(code)))
    assert _intro(text) == _intro(seed)
    assert _intro(text).endswith("như sau:")
    assert sum(line.startswith("Căn cứ") for line in text) == sum(line.startswith("Căn cứ") for line in seed)


@pytest.mark.parametrize(
    ("code", "signer"),
    [
        ("CAMLAM-UBND", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Ngô Văn Bảo"]),
        ("DONGNAI-UBND", ["CHỦ TỊCH", "Cao Tiến Dũng"]),
    ],
)
def test_signer_and_recipients_are_the_seeds(demo, code, signer):
    seed = _seed(code)
    recipients, signed = _signature(_regenerated(code))
    seed_recipients = _between(seed, "Nơi nhận", lambda line: not line.startswith(("Nơi nhận", "- ")))
    assert recipients[0] == "Nơi nhận:" and seed_recipients[0].startswith("Nơi nhận:")
    assert recipients[1:] == seed_recipients[1:]
    assert signed == signer
    after_recipients = seed[seed.index(seed_recipients[-1]) + 1 :]
    assert after_recipients[: len(signer)] == signer


def _appendix_heading(lines: list[str]) -> list[str]:
    """Label, title (a title set on two lines is one), and the "(Kèm theo …)" line."""
    start = lines.index("PHỤ LỤC")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("("))
    return [lines[start], " ".join(lines[start + 1 : end]), lines[end]]


@pytest.mark.parametrize(
    ("code", "reference_parts"),
    [
        # Cam Lâm's copy was not yet numbered: the blank number and date stay blank.
        ("CAMLAM-UBND", ["(Kèm theo Kế hoạch số/KH-UBND ngày tháng năm 2022", "Cam Lâm)"]),
        ("DONGNAI-UBND", ["(Kèm theo Kế hoạch số 1036/KH-UBND ngày 10/02/2020"]),
    ],
)
def test_the_appendix_heading_is_the_seeds(demo, code, reference_parts):
    """One appendix: "PHỤ LỤC", its title (upper case, as Decree 30 sets it), "(Kèm theo Kế hoạch số …)"."""
    label, title, reference = _appendix_heading(_joined(docx_text(_regenerated(code))))
    seed_label, seed_title, seed_reference = _appendix_heading(_seed(code))
    assert label == seed_label == "PHỤ LỤC"
    assert title == seed_title.upper()
    assert all(part in reference for part in reference_parts)
    if code == "DONGNAI-UBND":
        assert reference.startswith(seed_reference.rstrip(")"))


@pytest.mark.parametrize("code", ["CAMLAM-UBND", "DONGNAI-UBND"])
def test_the_appendix_is_a_landscape_section_numbered_from_one(demo, code):
    sections = Document(io.BytesIO(_regenerated(code))).sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    appendix = sections[1]
    assert appendix.page_width > appendix.page_height
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert sections[0]._sectPr.find(qn("w:pgNumType")) is None
    assert appendix.different_first_page_header_footer  # no number on the appendix's first page


def test_a_plan_without_appendices_ends_on_its_last_page_of_text(demo):
    """No task appendix and no budget: no empty landscape page after the signature."""
    # given
    plan = Plan.objects.get(issuer__code="CAMLAM-UBND")
    plan.budget_lines.all().delete()
    Plan.objects.filter(pk=plan.pk).update(tasks_in_appendix=False)
    # when
    data = _regenerated("CAMLAM-UBND")
    # then
    document = Document(io.BytesIO(data))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT]
    section = document.sections[0]
    assert section.different_first_page_header_footer and not section.header.is_linked_to_previous
    assert "PAGE" in section.header._element.xml  # the page number from page 2 stays
    assert "PHỤ LỤC" not in _joined(docx_text(data))
