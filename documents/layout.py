"""The Decree 30/2020/NĐ-CP layout in python-docx: the parts every built-in template is made of.

Each document kind (documents/kinds/) builds its template from these parts; documents/builtin.py
writes the files. Layout (Phụ lục I): A4 portrait, Times New Roman, margins top and
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

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
FIXED_TIME = dt.datetime(2020, 3, 5)  # Decree 30/2020/NĐ-CP; keeps the files byte-for-byte reproducible
TEXT_WIDTH_CM = 16.5  # 210 mm − 30 mm − 15 mm
LEFT_COL_CM = 6.3
RIGHT_COL_CM = TEXT_WIDTH_CM - LEFT_COL_CM

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


# ----- low-level helpers --------------------------------------------------------------------


def new_document() -> Document:
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
    page_numbers(doc)
    clear_properties(doc)
    return doc


def clear_properties(doc) -> None:
    props = doc.core_properties
    props.author = props.last_modified_by = "kehoach"
    props.title = props.subject = props.comments = props.keywords = ""
    props.created = props.modified = FIXED_TIME
    props.revision = 1


def page_numbers(doc) -> None:
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


def para(
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
        add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def add_run(paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.name = FONT
    return run


def tag_paragraph(container, tag: str):
    """A paragraph holding only a ``{%p … %}`` tag: docxtpl removes it when rendering."""
    return para(container, tag, after=0, spacing=1.0)


def rule_line(container, *, indent_cm: float, size: float = 2, before: float = 0):
    """A solid rule: an empty paragraph with a bottom border, shortened by equal indents."""
    paragraph = para(container, after=0, before=before, spacing=1.0, align=CENTER)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Cm(indent_cm)
    run = add_run(paragraph, "", size=size)
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


def page_break(doc):
    paragraph = doc.add_paragraph()
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def fixed_widths(table, widths_cm: list[float]) -> None:
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


def cell_text(cell, text: str = "", **kwargs):
    """Write the first paragraph of a cell (python-docx creates one), then add more with _para."""
    paragraph = cell.paragraphs[0]
    kwargs.setdefault("after", 0)
    kwargs.setdefault("spacing", 1.0)
    paragraph.alignment = kwargs.pop("align", CENTER)
    fmt = paragraph.paragraph_format
    fmt.space_after, fmt.line_spacing = Pt(kwargs.pop("after")), kwargs.pop("spacing")
    if text:
        add_run(paragraph, text, **kwargs)
    return paragraph


def two_columns(doc, left_cm: float = LEFT_COL_CM):
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, [left_cm, TEXT_WIDTH_CM - left_cm])
    return table.rows[0].cells


# ----- document parts -------------------------------------------------------------------------


def header(doc, *, dispatch: bool = False) -> None:
    """Boxes 1–4 (and 5b for a công văn) of Decree 30's layout."""
    left, right = two_columns(doc)
    cell_text(left, "{{ doc.parent_agency }}", size=13)
    para(left, "{{ doc.agency }}", size=13, bold=True, align=CENTER, after=0, spacing=1.0)
    rule_line(left, indent_cm=2.0)
    para(left, "Số: {{ doc.number_text }}/{{ doc.code }}", size=13, align=CENTER, before=4, after=0)
    if dispatch:
        para(left, "V/v {{ doc.summary }}", size=12, align=CENTER, before=6, after=0, spacing=1.0)
    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER, after=0, spacing=1.0)
    rule_line(right, indent_cm=2.1)
    para(right, "{{ doc.place|date_line(doc.date, doc.year) }}", italic=True, align=CENTER, before=4, after=0)


def title(doc, type_name: str, summary: str = "{{ doc.summary }}", *, rule: bool = True) -> None:
    """Box 5a: type name and summary, centred, bold, with a short rule underneath."""
    para(doc, type_name, bold=True, align=CENTER, before=18, after=0, spacing=1.0)
    para(doc, summary, bold=True, align=CENTER, after=0, spacing=1.0)
    if rule:
        rule_line(doc, indent_cm=6.0, before=3)
    para(doc, after=6)


def addressees(doc) -> None:
    """Box 9a: one addressee on the same line; several on "- …;" lines under the colon."""
    tag_paragraph(doc, "{%p if doc.addressees|length == 1 %}")
    para(doc, "Kính gửi: {{ doc.addressees[0] }}", align=CENTER, before=6, after=6)
    tag_paragraph(doc, "{%p else %}")
    para(doc, "Kính gửi:", align=CENTER, before=6, after=0)
    tag_paragraph(doc, "{%p for name in doc.addressees %}")
    paragraph = para(doc, "- {{ name }}", align=LEFT, after=0)
    paragraph.paragraph_format.left_indent = Cm(4.5)
    tag_paragraph(doc, "{%p endfor %}")
    tag_paragraph(doc, "{%p endif %}")
    para(doc, after=6)


def body_paragraphs(doc, items: str = "doc.body") -> None:
    tag_paragraph(doc, f"{{%p for text in {items} %}}")
    para(doc, "{{ text }}", indent=True)
    tag_paragraph(doc, "{%p endfor %}")


def signature(doc, *, recipients: bool = True) -> None:
    """Boxes 7 and 9b: Nơi nhận on the left, authority / position / name on the right."""
    para(doc, after=0)
    left, right = two_columns(doc, 7.3)
    if recipients:
        cell_text(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
        tag_paragraph(left, "{%p for line in doc.recipients %}")
        para(left, "- {{ line }}", size=11, align=LEFT, after=0, spacing=1.0)
        tag_paragraph(left, "{%p endfor %}")
    cell_text(right, "{{ doc.signer.authority_line }}", size=14, bold=True)
    tag_paragraph(right, "{%p if doc.signer.position %}")
    para(right, "{{ doc.signer.position }}", bold=True, align=CENTER, after=0, spacing=1.0)
    tag_paragraph(right, "{%p endif %}")
    for _ in range(4):
        para(right, after=0)
    para(right, "{{ doc.signer.name }}", bold=True, align=CENTER, after=0)


def grid_table(doc, headers: list[str], widths: list[float], *, size: float = 12):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell_text(cell, text, size=size, bold=True)
    mark_header_row(table.rows[0])
    return table


def mark_header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    tr_pr.append(element)


def add_row(table, texts: list[str], *, size: float = 12, bold: bool = False, aligns=None):
    row = table.add_row()
    for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
        align = aligns[index] if aligns else CENTER
        cell_text(cell, text, size=size, bold=bold, align=align)
    return row


def control_row(table, tag: str):
    """A row whose only content is a ``{%tr … %}`` tag; docxtpl replaces the row by the tag."""
    row = table.add_row()
    cell_text(row.cells[0], tag, size=12)
    return row


def finish_table(table, widths: list[float]) -> None:
    fixed_widths(table, widths)


def appendix_heading(doc, label: str, heading: str, attached_to: str) -> None:
    """Decree 30 III.1: "Phụ lục" line 14 bold, the title upper-case bold, then the italic reference."""
    para(doc, label, size=14, bold=True, align=CENTER, after=0, spacing=1.0)
    para(doc, heading, bold=True, align=CENTER, after=0, spacing=1.0)
    para(doc, attached_to, italic=True, align=CENTER, after=0, spacing=1.0)
    rule_line(doc, indent_cm=6.0, before=3)
    para(doc, after=6)


def rich_paragraph(container, runs: str, *, size: float = 14, **kwargs):
    """A paragraph whose runs come from the data (``{"text", "bold", "italic"}`` each), styled run by run.

    docxtpl's ``{%r %}`` tags stand in runs of their own and vanish when rendering; each branch is a
    run carrying its style, so one loop writes bold, italic and plain pieces in order.
    """
    paragraph = para(container, **kwargs)
    add_run(paragraph, f"{{%r for run in {runs} %}}", size=size)
    branches = (
        ("{%r if run.bold and run.italic %}", True, True),
        ("{%r elif run.bold %}", True, False),
        ("{%r elif run.italic %}", False, True),
        ("{%r else %}", False, False),
    )
    for tag, bold, italic in branches:
        add_run(paragraph, tag, size=size)
        add_run(paragraph, "{{ run.text }}", size=size, bold=bold, italic=italic)
    add_run(paragraph, "{%r endif %}", size=size)
    add_run(paragraph, "{%r endfor %}", size=size)
    return paragraph


A4_LONG_MM, A4_SHORT_MM = 297, 210
LANDSCAPE_TEXT_WIDTH_CM = 25.2  # 297 mm − 30 mm − 15 mm


def new_section(doc, *, landscape: bool, restart_numbering: bool):
    """Start a section on a new page: the appendices are set landscape and numbered from 1 (Decree 30,
    Phụ lục I §I: "each appendix is paginated separately"). The header with the page number is
    inherited from the first section, so is "no number on the first page" (titlePg is copied)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Mm(A4_LONG_MM), Mm(A4_SHORT_MM)
    section.page_width, section.page_height = (
        (long_side, short_side) if landscape else (short_side, long_side)
    )
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    if restart_numbering:
        numbering = OxmlElement("w:pgNumType")
        numbering.set(qn("w:start"), "1")
        # CT_SectPr keeps a child order; pgNumType goes before the columns and titlePg elements.
        anchor = sect_pr.find(qn("w:cols"))
        if anchor is not None:
            anchor.addprevious(numbering)
        else:
            sect_pr.append(numbering)
    return section
