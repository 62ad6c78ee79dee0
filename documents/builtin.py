"""Writes the built-in .docx templates (Decree 30/2020/NĐ-CP layout) with python-docx.

    .venv/bin/python -m documents.builtin        # rewrites templates/documents/docx/*.docx

The files are committed; this script is how they are made, so a change of layout is a
change of this file. Layout (Phụ lục I): A4 portrait, Times New Roman, margins top and
bottom 20 mm, left 30 mm, right 15 mm; header as a borderless two-column table (agency,
number and symbol on the left; Quốc hiệu, Tiêu ngữ and the italic place-and-date line on
the right); signature block as a borderless two-column table ("Nơi nhận" 12 pt bold
italic and the recipients 11 pt on the left; authority, position and name on the right);
page numbers centred in the top margin from page 2.

Jinja tags are written whole inside one run, so docxtpl sees them intact; ``{%p %}`` and
``{%tr %}`` tags get paragraphs and table rows of their own.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .rendering import normalize_zip

OUT_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents" / "docx"
FONT = "Times New Roman"
FIXED_TIME = dt.datetime(2020, 3, 5)  # Decree 30/2020/NĐ-CP; keeps the files byte-for-byte reproducible
TEXT_WIDTH_CM = 16.5  # 210 mm − 30 mm − 15 mm
LEFT_COL_CM = 6.3
RIGHT_COL_CM = TEXT_WIDTH_CM - LEFT_COL_CM

FILES = {
    "KH": "ke_hoach.docx",
    "QD": "quyet_dinh_ban_hanh_ke_hoach.docx",
    "CV": "cong_van_trien_khai.docx",
    "BC": "bao_cao_ket_qua.docx",
    "DD": "cong_van_don_doc.docx",
    "KS": "bao_cao_khao_sat.docx",
}

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


# ----- low-level helpers --------------------------------------------------------------------


def _new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    _page_numbers(doc)
    _clear_properties(doc)
    return doc


def _clear_properties(doc) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "kehoach"
    props.title = props.subject = props.comments = props.keywords = ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1


def _page_numbers(doc) -> None:
    """Arabic page number centred in the top margin, none on page 1 (Decree 30, I.1)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _para(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align=JUSTIFY,
    indent: bool = False,
    after: float = 6,
    before: float = 0,
    spacing: float = 1.15,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.space_before, fmt.line_spacing = Pt(after), Pt(before), spacing
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _run(paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.name = FONT
    return run


def _tag(container, tag: str):
    """A paragraph holding only a ``{%p … %}`` tag: docxtpl removes it when rendering."""
    return _para(container, tag, after=0, spacing=1.0)


def _rule(container, *, indent_cm: float, size: float = 2, before: float = 0):
    """A solid rule: an empty paragraph with a bottom border, shortened by equal indents."""
    paragraph = _para(container, after=0, before=before, spacing=1.0, align=CENTER)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(indent_cm)
    run = _run(paragraph, "", size=size)
    run.font.size = Pt(size)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)
    marker = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    marker.append(sz)
    ppr.append(marker)
    return paragraph


def _page_break(doc):
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _fixed_widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _cell(cell, text: str = "", **kwargs):
    """Write the first paragraph of a cell (python-docx creates one), then add more with _para."""
    paragraph = cell.paragraphs[0]
    kwargs.setdefault("after", 0)
    kwargs.setdefault("spacing", 1.0)
    paragraph.alignment = kwargs.pop("align", CENTER)
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.line_spacing = Pt(kwargs.pop("after")), kwargs.pop("spacing")
    if text:
        _run(paragraph, text, **kwargs)
    return paragraph


def _two_columns(doc, left_cm: float = LEFT_COL_CM):
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed_widths(table, [left_cm, TEXT_WIDTH_CM - left_cm])
    return table.rows[0].cells


# ----- document parts -------------------------------------------------------------------------


def header(doc, *, dispatch: bool = False) -> None:
    """Boxes 1–4 (and 5b for a công văn) of Decree 30's layout."""
    left, right = _two_columns(doc)
    _cell(left, "{{ doc.parent_agency }}", size=13)
    _para(left, "{{ doc.agency }}", size=13, bold=True, align=CENTER, after=0, spacing=1.0)
    _rule(left, indent_cm=2.0)
    _para(left, "Số: {{ doc.number_text }}/{{ doc.code }}", size=13, align=CENTER, before=4, after=0)
    if dispatch:
        _para(left, "V/v {{ doc.summary }}", size=12, align=CENTER, before=6, after=0, spacing=1.0)
    _cell(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER, after=0, spacing=1.0)
    _rule(right, indent_cm=2.1)
    _para(
        right, "{{ doc.place|date_line(doc.date, doc.year) }}", italic=True, align=CENTER, before=4, after=0
    )


def title(doc, type_name: str, summary: str = "{{ doc.summary }}", *, rule: bool = True) -> None:
    """Box 5a: type name and summary, centred, bold, with a short rule underneath."""
    _para(doc, type_name, bold=True, align=CENTER, before=18, after=0, spacing=1.0)
    _para(doc, summary, bold=True, align=CENTER, after=0, spacing=1.0)
    if rule:
        _rule(doc, indent_cm=6.0, before=3)
    _para(doc, after=6)


def addressees(doc) -> None:
    """Box 9a: one addressee on the same line; several on "- …;" lines under the colon."""
    _tag(doc, "{%p if doc.addressees|length == 1 %}")
    _para(doc, "Kính gửi: {{ doc.addressees[0] }}", align=CENTER, before=6, after=6)
    _tag(doc, "{%p else %}")
    _para(doc, "Kính gửi:", align=CENTER, before=6, after=0)
    _tag(doc, "{%p for name in doc.addressees %}")
    paragraph = _para(doc, "- {{ name }}", align=LEFT, after=0)
    paragraph.paragraph_format.left_indent = Cm(4.5)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _para(doc, after=6)


def body_paragraphs(doc, items: str = "doc.body") -> None:
    _tag(doc, f"{{%p for text in {items} %}}")
    _para(doc, "{{ text }}", indent=True)
    _tag(doc, "{%p endfor %}")


def signature(doc, *, recipients: bool = True) -> None:
    """Boxes 7 and 9b: Nơi nhận on the left, authority / position / name on the right."""
    _para(doc, after=0)
    left, right = _two_columns(doc, 7.3)
    if recipients:
        _cell(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
        _tag(left, "{%p for line in doc.recipients %}")
        _para(left, "- {{ line }}", size=11, align=LEFT, after=0, spacing=1.0)
        _tag(left, "{%p endfor %}")
    _cell(right, "{{ doc.signer.authority_line }}", size=14, bold=True)
    _tag(right, "{%p if doc.signer.position %}")
    _para(right, "{{ doc.signer.position }}", bold=True, align=CENTER, after=0, spacing=1.0)
    _tag(right, "{%p endif %}")
    for _ in range(4):
        _para(right, after=0)
    _para(right, "{{ doc.signer.name }}", bold=True, align=CENTER, after=0)


def _table(doc, headers: list[str], widths: list[float], *, size: float = 12):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, text, size=size, bold=True)
    _mark_header_row(table.rows[0])
    return table


def _mark_header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    tr_pr.append(element)


def _row(table, texts: list[str], *, size: float = 12, bold: bool = False, aligns=None):
    row = table.add_row()
    for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        align = aligns[index] if aligns else CENTER
        _cell(cell, text, size=size, bold=bold, align=align)
    return row


def _control_row(table, tag: str):
    """A row whose only content is a ``{%tr … %}`` tag; docxtpl replaces the row by the tag."""
    row = table.add_row()
    _cell(row.cells[0], tag, size=12)
    return row


def _finish_table(table, widths: list[float]) -> None:
    _fixed_widths(table, widths)


def appendix_heading(doc, label: str, heading: str, attached_to: str) -> None:
    """Decree 30 III.1: "Phụ lục" line 14 bold, the title upper-case bold, then the italic reference."""
    _para(doc, label, size=14, bold=True, align=CENTER, after=0, spacing=1.0)
    _para(doc, heading, bold=True, align=CENTER, after=0, spacing=1.0)
    _para(doc, attached_to, italic=True, align=CENTER, after=0, spacing=1.0)
    _rule(doc, indent_cm=6.0, before=3)
    _para(doc, after=6)


def plan_body(doc, *, preamble: bool = True) -> None:
    """Legal bases and intro (not repeated in a plan attached to its decision), purposes, requirements,
    targets, the pointer to the task appendix, budget, organisation."""
    if preamble:
        _tag(doc, "{%p for text in plan.legal_bases %}")
        _para(doc, "{{ text }}", italic=True, indent=True)
        _tag(doc, "{%p endfor %}")
        _tag(doc, "{%p if plan.intro %}")
        _para(doc, "{{ plan.intro }}", indent=True)
        _tag(doc, "{%p endif %}")
    _para(doc, "{{ plan.parts.purposes }}. MỤC ĐÍCH, YÊU CẦU", bold=True, indent=True)
    _para(doc, "1. Mục đích", bold=True, indent=True)
    body_paragraphs(doc, "plan.purposes")
    _para(doc, "2. Yêu cầu", bold=True, indent=True)
    body_paragraphs(doc, "plan.requirements")
    _tag(doc, "{%p if plan.targets %}")
    _para(doc, "{{ plan.parts.targets }}. CHỈ TIÊU", bold=True, indent=True)
    body_paragraphs(doc, "plan.targets")
    _tag(doc, "{%p endif %}")
    _para(doc, "{{ plan.parts.tasks }}. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN", bold=True, indent=True)
    _para(doc, "Chi tiết tại {{ plan.task_appendix }} kèm theo Kế hoạch này.", indent=True)
    _tag(doc, "{%p if plan.budget.lines %}")
    _para(doc, "{{ plan.parts.budget }}. KINH PHÍ THỰC HIỆN", bold=True, indent=True)
    _para(
        doc,
        "Tổng kinh phí thực hiện Kế hoạch là {{ plan.budget.total|money }} đồng "
        "({{ plan.budget.total|money_words }}), chi tiết tại {{ plan.budget_appendix }} kèm theo.",
        indent=True,
    )
    _tag(doc, "{%p endif %}")
    _para(doc, "{{ plan.parts.organisation }}. TỔ CHỨC THỰC HIỆN", bold=True, indent=True)
    body_paragraphs(doc, "plan.organisation")


TASK_WIDTHS = [1.1, 5.0, 2.8, 2.8, 2.3, 2.5]


def task_appendix(doc, attached_to: str) -> None:
    appendix_heading(
        doc, "{{ plan.task_appendix|upper }}", "NỘI DUNG NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN", attached_to
    )
    headers = [
        "Stt",
        "Nội dung công việc",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Kết quả",
    ]
    table = _table(doc, headers, TASK_WIDTHS)
    _control_row(table, "{%tr for row in plan.rows %}")
    _control_row(table, "{%tr if row.is_section %}")
    _row(
        table,
        ["{{ row.order }}", "{{ row.content }}", "", "", "", ""],
        bold=True,
        aligns=[CENTER, LEFT] * 3,
    )
    _control_row(table, "{%tr else %}")
    _row(
        table,
        [
            "{{ row.order }}",
            "{{ row.content }}",
            "{{ row.leads }}",
            "{{ row.coordinating }}",
            "{{ row.deadline }}",
            "{{ row.result }}",
        ],
        aligns=[CENTER, JUSTIFY, LEFT, LEFT, CENTER, LEFT],
    )
    _control_row(table, "{%tr endif %}")
    _control_row(table, "{%tr endfor %}")
    _finish_table(table, TASK_WIDTHS)


BUDGET_WIDTHS = [1.3, 5.0, 2.6, 2.4, 2.9, 2.3]


def budget_appendix(doc, attached_to: str) -> None:
    _tag(doc, "{%p if plan.budget.lines %}")
    _page_break(doc)
    appendix_heading(doc, "{{ plan.budget_appendix|upper }}", "KINH PHÍ THỰC HIỆN KẾ HOẠCH", attached_to)
    headers = ["STT", "Nội dung chi", "Đơn giá (đồng)", "Số lượng", "Thành tiền (đồng)", "Ghi chú"]
    table = _table(doc, headers, BUDGET_WIDTHS)
    _control_row(table, "{%tr for line in plan.budget.lines %}")
    _row(
        table,
        [
            "{{ loop.index }}",
            "{{ line.content }}",
            "{{ line.unit_price_text }}",
            "{{ line.quantity_text }}",
            "{{ line.amount|money }}",
            "{{ line.note }}",
        ],
        aligns=[CENTER, LEFT, WD_ALIGN_PARAGRAPH.RIGHT, CENTER, WD_ALIGN_PARAGRAPH.RIGHT, LEFT],
    )
    _control_row(table, "{%tr endfor %}")
    _row(table, ["", "Tổng cộng", "", "", "{{ plan.budget.total|money }}", ""], bold=True)
    _finish_table(table, BUDGET_WIDTHS)
    _para(
        doc,
        "Bằng chữ: {{ plan.budget.total|money_words }}.",
        italic=True,
        before=6,
        indent=True,
    )
    _tag(doc, "{%p endif %}")


# ----- the built-in templates -------------------------------------------------------------------


def build_plan() -> Document:
    doc = _new_document()
    header(doc)
    title(doc, "KẾ HOẠCH")
    plan_body(doc)
    signature(doc)
    _page_break(doc)
    attached = (
        "(Kèm theo Kế hoạch số {{ doc.number_text }}/{{ doc.code }} {{ doc.date_phrase }} "
        "của {{ doc.agency_name }})"
    )
    task_appendix(doc, attached)
    budget_appendix(doc, attached)
    return doc


def build_decision() -> Document:
    doc = _new_document()
    header(doc)
    title(doc, "QUYẾT ĐỊNH")
    _para(doc, "{{ decision.authority }}", bold=True, align=CENTER, after=12)
    _tag(doc, "{%p for text in decision.bases %}")
    _para(doc, "{{ text }}", italic=True, indent=True)
    _tag(doc, "{%p endfor %}")
    _para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=12)
    _tag(doc, "{%p for text in decision.articles %}")
    paragraph = _para(doc, indent=True)
    _run(paragraph, "Điều {{ loop.index }}. ", bold=True)
    _run(paragraph, "{{ text }}")
    _tag(doc, "{%p endfor %}")
    signature(doc)
    _page_break(doc)
    _para(doc, "KẾ HOẠCH", bold=True, align=CENTER, after=0, spacing=1.0)
    _para(doc, "{{ plan.title|upper }}", bold=True, align=CENTER, after=0, spacing=1.0)
    _para(
        doc,
        "(Ban hành kèm theo Quyết định số {{ doc.number_text }}/{{ doc.code }} {{ doc.date_phrase }} "
        "của {{ decision.signed_by }})",
        italic=True,
        align=CENTER,
        after=0,
    )
    _rule(doc, indent_cm=6.0)
    _para(doc, after=6)
    plan_body(doc, preamble=False)
    _page_break(doc)
    attached = "(Kèm theo Kế hoạch ban hành kèm theo Quyết định số {{ doc.number_text }}/{{ doc.code }})"
    task_appendix(doc, attached)
    budget_appendix(doc, attached)
    return doc


def build_dispatch() -> Document:
    doc = _new_document()
    header(doc, dispatch=True)
    _para(doc, after=6)
    addressees(doc)
    body_paragraphs(doc)
    signature(doc)
    return doc


REPORT_WIDTHS = [0.9, 4.0, 2.4, 2.3, 2.1, 1.7, 3.1]


def build_report() -> Document:
    doc = _new_document()
    header(doc)
    title(doc, "BÁO CÁO")
    body_paragraphs(doc, "report.intro")
    _para(doc, "I. KẾT QUẢ CHUNG", bold=True, indent=True)
    _tag(doc, "{%p for text in report.summary %}")
    _para(doc, "- {{ text }}", indent=True)
    _tag(doc, "{%p endfor %}")
    _para(doc, "II. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ", bold=True, indent=True)
    headers = [
        "Stt",
        "Nội dung công việc",
        "Đơn vị thực hiện",
        "Hạn",
        "Tình trạng",
        "Tiến độ",
        "Kết quả báo cáo",
    ]
    table = _table(doc, headers, REPORT_WIDTHS, size=11)
    _control_row(table, "{%tr for row in report.rows %}")
    _row(
        table,
        [
            "{{ row.order }}",
            "{{ row.task }}",
            "{{ row.unit }}",
            "{{ row.due|date_vn }}",
            "{{ row.state }}",
            "{{ row.timeliness }}",
            "{{ row.reports }}",
        ],
        size=11,
        aligns=[CENTER, LEFT, LEFT, CENTER, LEFT, CENTER, LEFT],
    )
    _control_row(table, "{%tr endfor %}")
    _finish_table(table, REPORT_WIDTHS)
    _para(doc, after=6)
    _para(doc, "III. ĐÁNH GIÁ, ĐỀ XUẤT", bold=True, indent=True)
    body_paragraphs(doc, "report.closing")
    signature(doc)
    return doc


REMINDER_WIDTHS = [1.0, 8.0, 2.6, 2.4, 2.5]


def build_reminder() -> Document:
    doc = _new_document()
    header(doc, dispatch=True)
    _para(doc, after=6)
    addressees(doc)
    body_paragraphs(doc, "reminder.intro")
    headers = ["Stt", "Nội dung công việc còn nợ", "Hạn", "Số ngày quá hạn", "Kỳ"]
    table = _table(doc, headers, REMINDER_WIDTHS)
    _control_row(table, "{%tr for row in reminder.rows %}")
    _control_row(table, "{%tr if row.is_unit %}")
    _row(
        table,
        ["{{ row.order }}", "{{ row.unit }}", "", "", ""],
        bold=True,
        aligns=[CENTER, LEFT, CENTER] + [CENTER] * 2,
    )
    _control_row(table, "{%tr else %}")
    _row(
        table,
        [
            "{{ row.order }}",
            "{{ row.task }}",
            "{{ row.due|date_vn }}",
            "{{ row.days_late }}",
            "{{ row.period }}",
        ],
        aligns=[CENTER, JUSTIFY, CENTER, CENTER, CENTER],
    )
    _control_row(table, "{%tr endif %}")
    _control_row(table, "{%tr endfor %}")
    _finish_table(table, REMINDER_WIDTHS)
    _para(doc, after=6)
    body_paragraphs(doc, "reminder.closing")
    signature(doc)
    return doc


SAMPLE_WIDTHS = [1.0, 5.3, 2.2, 2.0, 2.0, 1.8, 2.2]
INDEX_WIDTHS = [1.0, 4.9, 1.6, 2.3, 2.3, 2.2, 2.2]
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _index_table(doc, first: str, rows: str, *, total: str | None = None) -> None:
    """Index with its number of answers, the previous period and the target, one row per unit or criterion."""
    headers = [
        "Stt",
        first,
        "Số ý kiến",
        "{{ survey.period_name }} (%)",
        "Kỳ trước: {{ survey.previous_name }} (%)",
        "Tăng, giảm (điểm %)",
        "So với chỉ tiêu",
    ]
    table = _table(doc, headers, INDEX_WIDTHS, size=11)
    _control_row(table, f"{{%tr for row in {rows} %}}")
    cells = ["{{ row.order }}", "{{ row.name }}", "{{ row.n }}", "{{ row.index }}"]
    cells += ["{{ row.previous }}", "{{ row.change }}", "{{ row.met }}"]
    _row(table, cells, size=11, aligns=[CENTER, LEFT, RIGHT, RIGHT, RIGHT, RIGHT, CENTER])
    _control_row(table, "{%tr endfor %}")
    if total:
        cells = ["", f"{{{{ {total}.name }}}}", f"{{{{ {total}.n }}}}", f"{{{{ {total}.index }}}}"]
        cells += [f"{{{{ {total}.previous }}}}", f"{{{{ {total}.change }}}}", f"{{{{ {total}.met }}}}"]
        _row(table, cells, size=11, bold=True, aligns=[CENTER, LEFT, RIGHT, RIGHT, RIGHT, RIGHT, CENTER])
    _finish_table(table, INDEX_WIDTHS)


def build_survey_report() -> Document:
    """Báo cáo / Thông báo kết quả khảo sát: the type name is the clerk's choice, carried in the data."""
    doc = _new_document()
    header(doc)
    title(doc, "{{ doc.type_name }}")
    body_paragraphs(doc, "survey.intro")
    _para(doc, "I. SỐ PHIẾU KHẢO SÁT", bold=True, indent=True)
    _para(doc, "{{ survey.method }}", indent=True)
    headers = ["Stt", "Đơn vị", "Số phiếu tối thiểu", "Thu trong kỳ", "Lũy kế", "Tỷ lệ đạt (%)", "Đánh giá"]
    table = _table(doc, headers, SAMPLE_WIDTHS, size=11)
    _control_row(table, "{%tr for row in survey.sample_rows %}")
    _row(
        table,
        [
            "{{ row.order }}",
            "{{ row.unit }}",
            "{{ row.required|number_vn }}",
            "{{ row.in_period|number_vn }}",
            "{{ row.cumulative|number_vn }}",
            "{{ row.percent }}",
            "{{ row.status }}",
        ],
        size=11,
        aligns=[CENTER, LEFT, RIGHT, RIGHT, RIGHT, RIGHT, CENTER],
    )
    _control_row(table, "{%tr endfor %}")
    _row(
        table,
        [
            "",
            "Tổng cộng",
            "{{ survey.sample_total.required|number_vn }}",
            "{{ survey.sample_total.in_period|number_vn }}",
            "{{ survey.sample_total.cumulative|number_vn }}",
            "",
            "",
        ],
        size=11,
        bold=True,
        aligns=[CENTER, LEFT, RIGHT, RIGHT, RIGHT, RIGHT, CENTER],
    )
    _finish_table(table, SAMPLE_WIDTHS)
    _para(doc, "{{ survey.sample_note }}", size=12, italic=True, before=3, indent=True)
    _para(doc, "II. CHỈ SỐ HÀI LÒNG", bold=True, indent=True)
    _tag(doc, "{%p for text in survey.summary %}")
    _para(doc, "- {{ text }}", indent=True)
    _tag(doc, "{%p endfor %}")
    _para(doc, "1. Chỉ số hài lòng theo đơn vị", bold=True, indent=True)
    _index_table(doc, "Đơn vị", "survey.unit_rows", total="survey.unit_total")
    _para(doc, after=6)
    _para(doc, "2. Chỉ số hài lòng theo tiêu chí", bold=True, indent=True)
    _index_table(doc, "Tiêu chí", "survey.criterion_rows")
    _para(doc, after=6)
    _para(doc, "III. ĐÁNH GIÁ, ĐỀ XUẤT", bold=True, indent=True)
    body_paragraphs(doc, "survey.closing")
    signature(doc)
    return doc


BUILDERS = {
    "KH": build_plan,
    "QD": build_decision,
    "CV": build_dispatch,
    "BC": build_report,
    "DD": build_reminder,
    "KS": build_survey_report,
}


def builtin_path(kind: str) -> Path:
    return OUT_DIR / FILES[kind]


def write_all(out_dir: Path = OUT_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, build in BUILDERS.items():
        path = out_dir / FILES[kind]
        buffer = io.BytesIO()
        build().save(buffer)
        path.write_bytes(normalize_zip(buffer.getvalue()))
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all():
        print(written_path)
