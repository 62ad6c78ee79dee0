# ruff: noqa: E501  -- the documents' sentences are kept whole, one string each, so they can be grepped.
"""Word (.docx) copies of the five seed plans, for testing the plan importer.

Each public function builds one document with python-docx, the way the seed in
/work/shared/seeds/ shows it and laid out as Decree 30/2020/NĐ-CP lays out an
administrative document, and returns the .docx as ``bytes``:

* a borderless 2×2 header table: row 1 = issuing authority | national motto,
  row 2 = "Số: …" (plus the "V/v …" summary for a dispatch) | italic place-date line;
* centred bold "KẾ HOẠCH" and the title (trích yếu), the legal basis, the body
  (headings and "- " bullets as plain paragraphs, as civil servants type them);
* the task table(s) with borders ("Table Grid"), the header row marked to repeat on
  each page (w:tblHeader), cell lines as separate paragraphs;
* the closing paragraph and a borderless 1×2 signature table: "Nơi nhận:" and its
  "- …;" lines on the left, authority lines, blank lines and the signer on the right.

Conventions an importer test can rely on:

* Where the seed shows ``<ul style="list-style-type: none"> - a - b`` in a cell, the
  items are paragraphs in Word's "List Bullet" style and their text does NOT start
  with "- " (Word draws the bullet). Everywhere else a "- " or "+ " bullet is
  literal text at the start of a plain paragraph.
* Inline emphasis in the strings below: ⟨…⟩ is an italic run, ⟦…⟧ a bold run.
* Numbers and dates left blank in the seed stay blank with spaces
  ("Số:      /KH-UBND", "Cam Lâm, ngày      tháng      năm 2022").
* Paragraphs the seed cut at a page boundary ("dịch" / "vụ hành chính") are joined.
* The seeds' wording is kept as is, typos included ("Giám độc Sở", "- - Giám đốc, PGĐ Sở;",
  "đủ đủ"); only the stray "H" after the dispatch's "Nơi nhận:" is left out.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
TEXT_WIDTH_CM = 21.0 - 3.0 - 1.5  # A4 less the left and right margins

LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

_MARKUP = re.compile(r"(⟨[^⟩]*⟩|⟦[^⟧]*⟧)")
_ROMAN = re.compile(r"[IVX]+")


# --- cell contents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bullets:
    """Paragraphs in Word's "List Bullet" style (the seed's <ul>); the text carries no "- "."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Breaks:
    """One paragraph whose lines are separated by soft line breaks (Shift+Enter)."""

    lines: tuple[str, ...]


def bullets(*items: str) -> Bullets:
    return Bullets(items)


def breaks(*lines: str) -> Breaks:
    return Breaks(lines)


# A cell is a string (each "\n" starts a new paragraph), Bullets, Breaks, or a list of those.
Cell = str | Bullets | Breaks | list


# --- building blocks --------------------------------------------------------------------------


def _runs(paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None):
    for piece in _MARKUP.split(text):
        if not piece:
            continue
        run_bold, run_italic = bold, italic
        if piece.startswith("⟨"):
            piece, run_italic = piece[1:-1], True
        elif piece.startswith("⟦"):
            piece, run_bold = piece[1:-1], True
        run = paragraph.add_run(piece)
        run.bold = run_bold or None
        run.italic = run_italic or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _widths(table, widths_cm: Sequence[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    tr_pr.append(element)


class _Builder:
    """A document in progress, with the house style of an administrative document."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.0)
        section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        r_pr = normal.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        for attr in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        r_pr.append(lang)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.0

    # paragraphs

    def para(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        align=JUSTIFY,
        indent: bool = True,
        size: float | None = None,
    ):
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        if indent and align == JUSTIFY:
            paragraph.paragraph_format.first_line_indent = Cm(1.0)
        return _runs(paragraph, text, bold=bold, italic=italic, size=size)

    def paras(self, *texts: str) -> None:
        for text in texts:
            self.para(text)

    def heading(self, text: str) -> None:
        """A section heading as typed in these documents: a bold justified paragraph."""
        self.para(text, bold=True)

    def center(self, *lines: str, bold: bool = True, italic: bool = False, size: float | None = None):
        """One centred paragraph; several lines are joined by soft line breaks."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        for i, line in enumerate(lines):
            if i:
                paragraph.runs[-1].add_break()
            _runs(paragraph, line, bold=bold, italic=italic, size=size)
        return paragraph

    def title(self, kind: str, *lines: str) -> None:
        self.para()
        self.center(kind, size=BODY_PT)
        self.center(*lines, size=BODY_PT)
        self.para()

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # the two borderless tables every document has

    def header(
        self,
        *,
        parent: str,
        issuer: str,
        number: str,
        place_date: str,
        parent_bold: bool = False,
        summary: Sequence[str] = (),
    ) -> None:
        table = self.doc.add_table(rows=2, cols=2)
        _no_borders(table)
        _widths(table, (6.5, TEXT_WIDTH_CM - 6.5))
        authority, nation = table.cell(0, 0), table.cell(0, 1)
        _cell_lines(authority, [(parent, parent_bold), (issuer, True)])
        _cell_lines(nation, [(NATION, True), (MOTTO, True)])
        number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
        _runs(number_cell.paragraphs[0], number, size=TABLE_PT).alignment = CENTER
        for line in summary:
            _runs(number_cell.add_paragraph(), line, size=12).alignment = CENTER
        _runs(date_cell.paragraphs[0], place_date, italic=True, size=BODY_PT).alignment = CENTER
        for cell in (*table.rows[0].cells, *table.rows[1].cells):
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
        number_cell.paragraphs[0].paragraph_format.space_before = Pt(6)
        date_cell.paragraphs[0].paragraph_format.space_before = Pt(6)

    def signature(
        self,
        *,
        recipients: Sequence[str],
        authority: Sequence[str],
        signer: str | None,
        recipients_note: str = "",
        blank_lines: int = 4,
    ) -> None:
        self.para()
        table = self.doc.add_table(rows=1, cols=2)
        _no_borders(table)
        _widths(table, (8.0, TEXT_WIDTH_CM - 8.0))
        left, right = table.cell(0, 0), table.cell(0, 1)
        first = left.paragraphs[0]
        _runs(first, "Nơi nhận:", bold=True, italic=True, size=12)
        if recipients_note:
            _runs(first, recipients_note, size=12)
        for line in recipients:
            _runs(left.add_paragraph(), line, size=11)
        lines = [(line, True) for line in authority] + [("", False)] * blank_lines
        if signer:
            lines.append((signer, True))
        _cell_lines(right, lines, size=BODY_PT)
        for cell in (left, right):
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)

    # bordered tables

    def table(
        self,
        header: Sequence[Cell],
        rows: Sequence[Sequence[Cell]],
        widths_cm: Sequence[float],
        *,
        center_columns: Sequence[int] = (0,),
        header_rows: int = 1,
    ):
        """A bordered table: ``header`` (one row) then ``rows``; a row whose first cell is
        a Roman numeral is a section row and is set bold."""
        table = self.doc.add_table(rows=header_rows + len(rows), cols=len(widths_cm))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _widths(table, widths_cm)
        for row in table.rows[:header_rows]:
            _repeat_header(row)
        if header:
            for cell, value in zip(table.rows[0].cells, header, strict=True):
                _fill(cell, value, bold=True, align=CENTER)
        for row, values in zip(table.rows[header_rows:], rows, strict=True):
            bold = bool(isinstance(values[0], str) and _ROMAN.fullmatch(values[0]))
            for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                _fill(cell, value, bold=bold, align=CENTER if i in center_columns else JUSTIFY)
        return table

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _cell_lines(cell, lines: Sequence[tuple[str, bool]], *, size: float = TABLE_PT) -> None:
    """Centred lines, one paragraph each, ``(text, bold)``."""
    for i, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = CENTER
        _runs(paragraph, text, bold=bold, size=size)


def _fill(cell, value: Cell, *, bold: bool = False, align=JUSTIFY) -> None:
    """Write ``value`` into an empty cell, one paragraph per line."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if align == CENTER else None
    pieces = value if isinstance(value, list) else [value]
    fresh = [cell.paragraphs[0]]

    def next_paragraph(style: str | None = None):
        paragraph = fresh.pop() if fresh else cell.add_paragraph()
        if style:
            paragraph.style = cell.part.document.styles[style]
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(3)
        return paragraph

    for piece in pieces:
        if isinstance(piece, Bullets):
            for item in piece.items:
                _runs(next_paragraph("List Bullet"), item, bold=bold, size=TABLE_PT)
        elif isinstance(piece, Breaks):
            paragraph = next_paragraph()
            for i, line in enumerate(piece.lines):
                if i:
                    paragraph.runs[-1].add_break()
                _runs(paragraph, line, bold=bold, size=TABLE_PT)
        else:
            for line in piece.split("\n"):
                _runs(next_paragraph(), line, bold=bold, size=TABLE_PT)


# --- 000 Vinh Mỹ: Kế hoạch 09/KH-UBND ngày 04/01/2021 -------------------------------------------

VINHMY_TASK_HEADER = (
    "TT",
    "Nội dung công việc",
    "Thời gian hoàn thành",
    "Bộ phận chủ trì",
    "Bộ phận phối hợp",
)


def vinhmy_2021() -> bytes:
    """Plan 09/KH-UBND of UBND xã Vinh Mỹ.

    Two bordered tables: a 2-column survey-size table in section II.2 (not a task table)
    and the task table "1. Tiến độ thực hiện" in section III, 5 data rows, no merges.
    """
    b = _Builder()
    b.header(
        parent="ỦY BAN NHÂN DÂN",
        issuer="XÃ VINH MỸ",
        number="Số: 09/KH-UBND",
        place_date="Vinh Mỹ, ngày 04 tháng 01 năm 2021",
    )
    b.title(
        "KẾ HOẠCH",
        "Khảo sát mức độ hài lòng của người dân, tổ chức đối với dịch vụ hành chính công tại Bộ phận Tiếp nhận và trả kết quả của Ủy ban nhân dân xã năm 2021",
    )
    b.paras(
        "Thực hiện Quyết định số 2709/QĐ-UBND ngày 17/11/2017 của Ủy ban nhân dân tỉnh Thừa Thiên Huế ban hành quy định khảo sát lấy ý kiến mức độ hài lòng trong giải quyết thủ tục hành chính ở các cơ quan, đơn vị trên địa bàn tỉnh; Công văn số 2945/UBND-CCHC của UBND huyện Phú Lộc về việc triển khai thực hiện quy định khảo sát lấy ý kiến mức độ hài lòng trong giải quyết thủ tục hành chính; Kế hoạch số 01/KH-UBND ngày 04 tháng 01 năm 2021 của UBND xã về Công tác cải cách hành chính năm 2021.",
        "Ủy ban nhân dân xã ban hành Kế hoạch Khảo sát mức độ hài lòng của người dân, tổ chức đối với dịch vụ hành chính công tại Bộ phận Tiếp nhận và trả kết quả của Ủy ban nhân dân xã năm 2021 như sau:",
    )
    b.heading("I. MỤC ĐÍCH, YÊU CẦU")
    b.heading("1. Mục đích:")
    b.paras(
        "- Giúp Ủy ban nhân dân xã nắm được chất lượng cung cấp dịch vụ hành chính công và năng lực, đạo đức của công chức làm việc tại Bộ phận Tiếp nhận và trả kết quả xã.",
        "- Thu thập ý kiến của tổ chức và người dân làm cơ sở để định hướng các giải pháp cải thiện chất lượng, hiệu quả giải quyết thủ tục hành chính và nâng cao tinh thần, thái độ phục vụ người dân, tổ chức của đội ngũ cán bộ, công chức tại Bộ phận Tiếp nhận và trả kết quả xã; đồng thời làm cơ sở đánh giá mức độ hoàn thành nhiệm vụ của mỗi cán bộ, công chức tại bộ phận TN&TKQ xã.",
    )
    b.heading("2. Yêu cầu:")
    b.paras(
        "- Phải bảo đảm khách quan, trung thực, dân chủ và minh bạch; phản ánh đúng thực tế kết quả đánh giá của người dân, tổ chức về hoạt động cung ứng dịch vụ hành chính công tại Bộ phận TN&TKQ xã để có các giải pháp khắc phục.",
        "- Thực hiện thường xuyên thông qua khảo sát bằng phiếu đánh giá báo cáo gửi về Phòng Nội vụ, hàng quý văn phòng HĐND & UBND xã có thông báo kết quả khảo sát đến các cơ quan, đơn vị và công khai trên trang thông tin điện tử của xã.",
    )
    b.heading("II. QUY ĐỊNH TIẾN HÀNH VIỆC KHẢO SÁT LẤY Ý KIẾN")
    b.para("⟦1. Giai đoạn thực hiện :⟧ Triển khai nhân rộng trên địa bàn xã.")
    b.paras(
        "- Thời gian thực hiện: Hàng quý trong năm.",
        "- Đơn vị chủ trì thực hiện khảo sát: UBND xã Vinh Mỹ",
        "- Cách thức thực hiện:",
        "+ Tự tổ chức triển khai khảo sát lấy ý kiến mức độ hài lòng theo hình thức phiếu khảo sát đánh giá mức độ hài lòng tại đơn vị.",
        "+ Định kỳ tự công bố mức độ hài lòng tại Bộ phận Tiếp nhận và trả kết quả ít nhất 01 lần/quý (với hình thức sử dụng phiếu khảo sát).",
        "+ Định kỳ vào ngày 01 tháng 11 hàng năm: UBND xã công bố kết quả khảo sát của UBND xã.",
        "+ Báo cáo tình hình thực hiện và kết quả khảo sát về UBND huyện (thông qua Phòng Nội vụ) trước ngày 15 tháng 11 hàng năm để tổng hợp, xác định mức độ hài lòng trên phạm vi toàn huyện.",
    )
    b.para(
        "⟦2. Số lượng phiếu khảo sát:⟧ Số lượng ý kiến khảo sát cần đảm bảo tỷ lệ nhất định phù hợp với số lượng hồ sơ giải quyết ở địa phương trong năm:"
    )
    # Not a task table: the importer must pass over it.
    b.table(
        ("Số lượt giao dịch của tổ chức, cá nhân/năm", "Số lượng phiếu khảo sát thu về tối thiểu"),
        [
            ("Dưới 100 hồ sơ", "100% số lượng phiếu khảo sát"),
            ("Từ 100 đến dưới 1.000 hồ sơ", "Từ 100 phiếu trở lên"),
            ("Từ 1.000 đến dưới 5.000 hồ sơ", "Từ 200 phiếu trở lên"),
            ("Từ 5.000 hồ sơ trở lên", "Từ 500 phiếu trở lên"),
        ],
        (8.25, 8.25),
        center_columns=(0, 1),
    )
    b.para()
    b.para(
        "Trường hợp, chưa đảm bảo số phiếu theo quy định thì đơn vị chủ trì phải tổ chức khảo sát bổ sung để bảo đảm chất lượng và số lượng ý kiến tham gia đánh giá."
    )
    b.heading("3. Xác định kết quả khảo sát")
    b.para(
        "Mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ của cơ quan, đơn vị và cán bộ, công chức, viên chức được xác định tại câu hỏi chung ⟨theo 3 mức⟩: “Rất hài lòng”, “Hài lòng”, “Không hài lòng” và “đúng hẹn”, “chậm hẹn nhưng chấp nhận được” và “không đúng hẹn”."
    )
    b.heading("III. TỔ CHỨC THỰC HIỆN")
    b.heading("1. Tiến độ thực hiện")
    b.table(
        VINHMY_TASK_HEADER,
        [
            (
                "1",
                "Xây dựng kế hoạch khảo sát",
                "Tháng 01/2021",
                "Văn phòng - Thống kê",
                "Văn hóa và Thông tin",
            ),
            (
                "2",
                "Hội nghị tổ chức triển khai",
                "Trước ngày 15/01/2021",
                "UBND xã",
                "Văn phòng - Thống kê, Văn hóa và Thông tin",
            ),
            (
                "3",
                "Triển khai phiếu đánh giá tại Bộ phận TN và TKQ của xã.",
                "Tháng 01/2021",
                "Văn phòng - Thống kê",
                "Văn hóa và Thông tin, Công chức tại Bộ phận TN và TKQ xã.",
            ),
            (
                "4",
                "Báo cáo sơ kết thực hiện",
                "Tháng 11/2021",
                "Văn phòng- Thống kê, Văn hóa và Thông tin",
                "Văn phòng - Thống kê, Văn hóa và Thông tin, Bộ phận TN và TKQ xã.",
            ),
            (
                "5",
                "Hoàn chỉnh các văn bản hướng dẫn, đề xuất các giải pháp và triển khai thực hiện",
                "Tháng 11/2021",
                "Văn phòng- Thống kê",
                "Công chức tại Bộ phận TN và TKQ xã.",
            ),
        ],
        (1.0, 5.5, 3.0, 3.5, 3.5),
        center_columns=(0, 2),
    )
    b.para()
    b.heading("2. UBND xã:")
    b.paras(
        "- Tổ chức các hoạt động tuyên truyền trên các phương tiện truyền thông của xã, thông báo rộng rãi về hoạt động khảo sát đến các tổ chức, cá nhân có thực hiện giao dịch hành chính công đối với đơn vị.",
        "- Bố trí công chức hướng dẫn khảo sát ý kiến tổ chức, cá nhân trên phiếu khảo sát tại Bộ phận Tiếp nhận và trả kết quả.",
        "- Chỉ đạo bộ phận chuyên môn thường xuyên theo dõi số lượng và kết quả đánh giá của tổ chức, cá nhân được thực hiện trên phiếu khảo sát, đảm bảo số lượng khảo sát đạt yêu cầu theo quy định.",
        "- Thông báo kịp thời, đầy đủ danh sách tổ chức, cá nhân có thực hiện giao dịch hành chính với cơ quan, đơn vị để xác định số lượng ý kiến cần khảo sát (Phiếu khảo sát phải thực hiện có số dư hợp lý để đảm bảo số lượng ý kiến tham gia khảo sát tốt thiểu theo quy định).",
    )
    b.heading("3. Công chức Văn phòng- Thống kê")
    b.paras(
        "- Hướng dẫn, kiểm tra, đôn đốc việc triển khai thực hiện khảo sát ý kiến, tổ chức, công dân đến giao dịch thủ tục hành chính tại đơn vị đúng mục đích, yêu cầu.",
        "- Tổng hợp, theo dõi, báo cáo kết quả khảo sát đến UBND huyện.",
        "- Tham mưu đề xuất UBND xã khen thưởng đối với công chức được tổ chức, cá nhân đánh giá tốt dựa trên kết quả khảo sát.",
    )
    b.heading("4. Kế toán- Ngân sách")
    b.para(
        "Hướng dẫn, kiểm tra công tác lập dự toán, bố trí và sử dụng theo đúng quy định trình UBND xã xem xét, quyết định, đảm bảo các nguồn lực tài chính cần thiết để triển khai thực hiện kế hoạch đạt hiệu quả."
    )
    b.heading("5. Văn hóa và Thông tin")
    b.para(
        "Phổ biến, tuyên truyền nội dung, mục đích, hình thức và kết quả khảo sát đến tổ chức, cá nhân trên địa bàn xã. Trong thời gian thực hiện đánh giá (tháng 8, 9 và tháng 10 năm 2021) bố trí thời gian tuyên truyền, phổ biến rộng rãi để các cá nhân, tổ chức hiểu được mục đích ý nghĩa của việc khảo sát và đề công tác điều tra, khảo sát đảm bảo tính khách quan, thực chất."
    )
    b.heading("6. Kinh phí thực hiện")
    b.paras(
        "Văn phòng - Thống kê dự trù kinh phí triển khai thực hiện tại kế hoạch này, gửi Kế toán - Ngân sách xã tham mưu trình UBND xã theo quy định.",
        "Kinh phí phục vụ tại Kế hoạch này được bố trí trong dự toán ngân sách về CCHC hàng năm của địa phương.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, cán bộ, công chức phản ánh trực tiếp về Ủy ban nhân dân xã qua Văn phòng- Thống kê để hướng dẫn thực hiện hoặc xem xét sửa đổi cho phù hợp./.",
    )
    b.signature(
        recipients=(
            "- Phòng Nội vụ;",
            "- Thường vụ Đảng ủy;",
            "- Thường trực HĐND xã;",
            "- CT và các PCT UBND xã;",
            "- Bộ phận TN & TKQ;",
            "- Lưu VP.",
        ),
        authority=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        signer="Phan Như Ý",
    )
    return b.to_bytes()


# --- 001 Bình Phước: Kế hoạch (chưa số)/KH-SCT năm 2023 -----------------------------------------

BINHPHUOC_RATING_HEADER = ("Nội dung", "Ý kiến đánh giá (đánh dấu X vào ô chọn)")
BINHPHUOC_RATING_SCALE = ("Rất tốt", "Tốt", "Trung bình", "Kém", "Rất kém")


def binhphuoc_2023() -> bytes:
    """Plan /KH-SCT of Sở Công Thương Bình Phước: no task table.

    Its only bordered table is the questionnaire's rating grid in the Phụ lục (6 columns:
    "Nội dung" merged down over the two header rows, "Ý kiến đánh giá …" merged across
    the five rating columns). It is not a task table and must be ignored.
    """
    b = _Builder()
    b.header(
        parent="UBND TỈNH BÌNH PHƯỚC",
        issuer="SỞ CÔNG THƯƠNG",
        number="Số:      /KH-SCT",
        place_date="Bình Phước, ngày      tháng      năm 2023",
    )
    b.title(
        "KẾ HOẠCH",
        "Phối hợp với Trung tâm phục vụ hành chính công tỉnh khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của Sở Công Thương trong giải quyết các thủ tục hành chính năm 2023",
    )
    b.paras(
        "Căn cứ Quyết định số 2735/QĐ-UBND ngày 01/12/2015 của UBND tỉnh về việc ban hành Quy định về khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trong giải quyết thủ tục hành chính trên địa bàn tỉnh Bình Phước; Công văn số 2522/UBND-NC ngày 01/8/2017 của UBND tỉnh về việc khảo sát sự hài lòng của người dân, tổ chức trong giải quyết thủ tục hành chính;",
        "Sở Công Thương xây dựng Kế hoạch phối hợp với Trung tâm phục vụ hành chính công khảo sát sự hài lòng của người dân, tổ chức trong giải quyết thủ tục hành chính trong năm 2023, cụ thể như sau:",
    )
    b.heading("I. Mục đích, yêu cầu")
    b.heading("1. Mục đích")
    b.paras(
        "- Khảo sát, ghi nhận ý kiến nhận xét, đánh giá về sự hài lòng của người dân, tổ chức đối với sự phục vụ của Sở Công Thương trong giải quyết thủ tục hành chính công, năng lực và thái độ phục vụ của công chức tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công và công chức giải quyết hồ sơ tại Sở Công Thương.",
        "- Thông qua khảo sát, nắm bắt được yêu cầu, nguyện vọng của người dân, tổ chức để đề ra những giải pháp cải thiện chất lượng, hiệu quả giải quyết thủ tục hành chính và nâng cao ý thức trách nhiệm, thái độ phục vụ của công chức nhằm đáp ứng ngày càng tốt hơn nhu cầu và lợi ích của người dân và tổ chức.",
        "- Kết quả khảo sát sự hài lòng của người dân, tổ chức là tiêu chí để xem xét đánh giá, xếp hạng Chỉ số cải cách hành chính và bình xét thi đua - khen thưởng đối với tập thể, cá nhân.",
    )
    b.heading("2. Yêu cầu")
    b.paras(
        "- Việc lấy ý kiến khảo sát phải bảo đảm khách quan, khoa học, công khai, minh bạch, phản ánh trung thực kết quả đánh giá của người dân, tổ chức về hoạt động cung ứng dịch vụ hành chính công tại Bộ phận Tiếp nhận và trả kết quả.",
        "- Kết quả khảo sát phải được công bố đầy đủ, kịp thời, công khai theo quy định và là căn cứ để đề ra các giải pháp cải thiện, nâng cao chất lượng cung ứng dịch vụ hành chính công của Sở.",
        "- Phương pháp khảo sát được thực hiện dưới nhiều hình thức, đảm bảo thuận lợi cho người dân, tổ chức tham gia, đồng thời tiết kiệm kinh phí và thời gian tổ chức thực hiện.",
    )
    b.heading("II. Nội dung thực hiện")
    b.heading("1. Nội dung khảo sát")
    b.para(
        "Các nội dung khảo sát được lập thành câu hỏi tại Phiếu khảo sát ban hành kèm theo kế hoạch này. ⟨(Có phụ lục kèm theo)⟩"
    )
    b.heading("2. Thực hiện khảo sát")
    b.paras(
        "- Tiến hành khảo sát đối với người dân, tổ chức khi đến nhận kết quả tại Trung tâm Phục vụ hành chính công. Việc khảo sát được tiến hành thông qua hình thức sau:",
        "- Sau khi trả kết quả giải quyết thủ tục hành chính, công chức trả kết quả tại Trung tâm Phục vụ hành chính công sẽ phát Phiếu khảo sát trực tiếp và hướng dẫn người được khảo sát đánh giá và nhận lại Phiếu khảo sát.",
        "- Số lượng khảo sát: Phải đạt ít nhất 10% lượt giao dịch/năm áp dụng cho tất cả các phòng, đơn vị có giao dịch giải quyết thủ tục hành chính theo cơ chế một cửa.",
    )
    b.heading("3. Thời gian khảo sát")
    b.para(
        "Việc khảo sát tiến hành thường xuyên trong năm đối với người dân, tổ chức đã giao dịch giải quyết thủ tục hành chính."
    )
    b.heading("4. Xử lý kết quả rà soát")
    b.paras(
        "- Sở Công Thương phối hợp với Trung tâm Phục vụ hành chính công định kỳ tiến hành tổng hợp thu thập phiếu khảo sát đảm bảo số lượng, mẫu phiếu theo quy định, phân tích và báo cáo kết quả khảo sát theo định kỳ quý I, quý II, quý III, quý IV (phiếu khảo sát được lưu tại Trung tâm Phục vụ hành chính công).",
        "- Kết quả lấy ý kiến khảo sát là kênh thông tin để phục vụ công tác chuyên môn, đánh giá công chức và công tác chỉ đạo, điều hành của lãnh đạo đối với công tác cải cách hành chính của Sở.",
    )
    b.heading("III. Tổ chức thực hiện")
    b.paras(
        "1. Sở Công Thương có trách nhiệm phối hợp với Trung tâm Phục vụ hành chính công tổ chức lấy ý kiến trực tiếp của người dân, tổ chức, thực hiện các thủ tục hành chính. Việc tổ chức lấy ý kiến phải được thực hiện công khai, minh bạch, tuyệt đối không làm sai lệch kết quả lấy ý kiến, kết quả lấy ý kiến sẽ được Trung tâm Phục vụ hành chính công lưu trữ, tổng hợp.",
        "2. Văn phòng Sở tổ chức thực hiện các nội dung của Kế hoạch, báo cáo Giám độc Sở về kết quả khảo sát và tham mưu chỉ đạo giải quyết các kiến nghị, đề xuất của các tổ chức cá nhân.",
        "Trên đây là kế hoạch phối hợp với Trung tâm Phục vụ hành chính công khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của Sở Công Thương trong giải quyết các thủ tục hành chính năm 2023. Giám đốc Sở yêu cầu các phòng, đơn vị liên quan nghiêm túc triển khai thực hiện Kế hoạch này./.",
    )
    b.signature(
        recipients=(
            "- UBND tỉnh;",
            "- Sở Nội vụ;",
            "- Trung tâm HCC;",
            "- - Giám đốc, PGĐ Sở;",
            "- Các phòng CM, ĐVTT;",
            "- Bộ phận một cửa;",
            "- Lưu: VT, VP (Dung).",
        ),
        authority=("GIÁM ĐỐC",),
        signer=None,  # the seed has no name under the title
    )

    b.page_break()
    b.center("PHỤ LỤC", size=BODY_PT)
    b.center("PHIẾU KHẢO SÁT LẤY Ý KIẾN VỀ VIỆC THỰC HIỆN THỦ TỤC HÀNH CHÍNH", size=BODY_PT)
    b.para()
    b.paras(
        "Để cải thiện chất lượng phục vụ đối với người dân, tổ chức, doanh nghiệp của cơ quan, xin ông (bà) vui lòng cho ý kiến đánh giá về việc thực hiện thủ tục hành chính. Thông tin cá nhân của người góp ý (nếu có) sẽ được bảo mật.",
        "1. Thủ tục ông (bà) đề nghị giải quyết:.....",
        "2. Đơn vị tiếp nhận hồ sơ:.....",
        "3. Nhận xét của ông (bà) về việc giải quyết thủ tục của cơ quan (đánh dấu X vào ô chọn):",
        "3.1. Ông/Bà tìm hiểu thông tin để giải quyết hồ sơ qua hình thức nào?",
    )
    for choice in (
        "Qua phương tiện thông tin đại chúng (báo , đài, mạng điện tử...)",
        "Đọc bảng niêm yết tại nơi tiếp nhận hồ sơ",
        "Nhờ người quen hướng dẫn",
        "Qua công chức tiếp nhận hướng dẫn",
        "Hình thức khác",
    ):
        b.para(choice, align=LEFT, indent=False)
    # The rating grid: two header rows; "Nội dung" is merged down over both, the
    # question "Ý kiến đánh giá …" is merged across the five rating columns.
    table = b.table(
        (),
        [
            ("", "", "", "", "", ""),
            ("3.2. Việc hướng dẫn niêm yết thông tin", "", "□", "", "", ""),
            (
                "3.3. Thái độ phục vụ của cán bộ, nhân viên",
                "Rất tốt",
                "Tốt □",
                "Trung bình",
                "Kém",
                "Rất kém",
            ),
            (
                "3.4. Các hồ sơ giấy tờ, biểu mẫu để thực hiện thủ tục",
                "Rất gọn",
                "Gọn □",
                "Trung bình",
                "Rườm rà",
                "Rất Rườm rà",
            ),
            (
                "3.5. Thời gian giải quyết thủ tục hành chính",
                "Rất nhanh",
                "Nhanh",
                "Trung bình",
                "Chậm",
                "Rất Chậm",
            ),
            (
                "3.6. Chất lượng các thiết bị phục vụ (bàn ghế chờ, giấy bút, nước uống...)",
                "Rất tốt",
                "Tốt □",
                "Trung bình □",
                "Kém □",
                "Rất kém □",
            ),
        ],
        (5.5, 2.2, 2.2, 2.2, 2.2, 2.2),
        center_columns=(1, 2, 3, 4, 5),
    )
    _repeat_header(table.rows[1])
    content = table.cell(0, 0).merge(table.cell(1, 0))
    _fill(content, BINHPHUOC_RATING_HEADER[0], bold=True, align=CENTER)
    opinion = table.cell(0, 1).merge(table.cell(0, 5))
    _fill(opinion, BINHPHUOC_RATING_HEADER[1], bold=True, align=CENTER)
    for i, label in enumerate(BINHPHUOC_RATING_SCALE, start=1):
        _fill(table.cell(1, i), label, bold=True, align=CENTER)
    b.para()
    b.paras(
        "3.7. Trong quá trình thực hiện thủ tục, ông (bà) có phải bổ sung thêm các loại giấy tờ khác ngoài các loại giấy tờ đã quy định hay không?",
        "Có Không",
        "3.8. Ông (bà) có trả thêm khoản phí nào khác ngoài quy định hay không?",
        "Có Không",
        "3.9. Kết quả thời gian giải quyết thủ tục của ông (bà):",
        "Trước hẹn Đúng hẹn Trễ hẹn",
        "3.10. Đánh giá chung mức độ hài lòng của ông (bà) đối với việc giải quyết thủ",
        "Rất hài lòng Hài lòng Bình thường Không hài lòng Rất không hài lòng",
        "4. Các góp ý, đánh giá khác (nếu có, xin vui lòng ghi rõ):",
        "5. Thông tin người góp ý (tùy chọn, có thể điền hoặc không):",
        "Tên cá nhân, tổ chức:.....",
        "Địa chỉ:Điện thoại:.....",
        "Xin trân trọng cảm ơn quý ông (bà) đã dành thời gian trả lời phiếu khảo sát./.",
    )
    return b.to_bytes()


# --- 002 Cam Lâm: Kế hoạch (chưa số)/KH-UBND tháng 6/2022 ----------------------------------------

CAMLAM_TASK_HEADER = ("Stt", "Nội dung công việc", "Trách nhiệm thực hiện", "Tiến độ thực hiện", "Kết quả")
CAMLAM_TASK_WIDTHS = (1.1, 5.0, 4.4, 2.2, 3.8)

_CL_UNITS_DO_OFFICE_CHECKS = bullets(
    "Các cơ quan, đơn vị có giải quyết TTHC thực hiện.",
    "Văn phòng UBND HĐND và UBND huyện theo dõi, kiểm tra.",
)

# The appendix as the seed splits it: each list is one Word table that starts with the
# header row again (the seed repeats the header at every page). Row III.1's
# "Trách nhiệm thực hiện" cell runs over into table 3 as a row with empty Stt and content.
CAMLAM_APPENDIX: list[list[tuple[Cell, Cell, Cell, Cell, Cell]]] = [
    [
        ("I", "Tiêu chí Tiếp cận dịch vụ", "", "", ""),
        (
            "1",
            [
                "- Công khai đầy đủ, minh bạch các TTHC thuộc thẩm quyền giải quyết của UBND cấp huyện, UBND cấp xã trên Cổng Thông tin điện tử huyện và tại Bộ phận Tiếp nhận và Trả kết quả huyện.",
                "- Thường xuyên kiểm tra, rà soát để niêm yết mới hoặc sửa đổi, bổ sung, bãi bỏ niêm yết các TTHC theo Quyết định công bố TTHC của UBND tỉnh Khánh Hòa mới ban hành.",
            ],
            [
                "- Các cơ quan, đơn vị thực hiện niêm yết tại Bộ phận Tiếp nhận và Trả kết quả các TTHC thuộc lĩnh vực phân công phụ trách.",
                "- Văn phòng HĐND và UBND huyện thực hiện niêm yết trên Cổng thông tin điện tử; kiểm tra, theo dõi việc niêm yết của các cơ quan, đơn vị.",
            ],
            "Thường xuyên",
            [
                "- Các TTHC được niêm yết, công khai đầy đủ, kịp thời; bố trí các bộ hồ sơ mẫu tại quầy giao dịch, tại Bàn hướng dẫn.",
                "- Các thông tin được cung cấp đầy đủ, rõ ràng, cụ thể đảm bảo cá nhân, tổ chức dễ tiếp cận, tra cứu.",
            ],
        ),
        (
            "2",
            "Đẩy mạnh tuyên truyền về Trung tâm Dịch vụ hành chính công trực tuyến tỉnh: Địa chỉ và cách thức truy cập; tạo tài khoản đăng nhập; cách thức tạo lập và nộp hồ sơ trực tuyến mức độ 3, 4; thanh toán trực tuyến, phí, lệ phí, nghĩa vụ tài chính; đăng ký sử dụng dịch vụ bưu chính công ích; các tiện ích hỗ trợ, giải đáp vướng mắc trực tuyến; tin nhắn SMS tự động, email thông báo tự động; tra cứu thông tin hồ sơ bằng tin nhắn SMS, mã QR, tra cứu trên Cổng.",
            [
                "- Phòng Nội vụ chủ trì phối hợp Văn phòng HĐND và UBND huyện, Phòng Văn hóa và Thông tin, Trung tâm Văn hóa-Thông tin và Thể thao, các cơ quan liên quan thực hiện tuyên truyền.",
                "- Thủ trưởng các cơ quan, đơn vị chỉ đạo, hướng dẫn CBCCVC thực hiện tuyên truyền cho cá nhân, tổ chức đến giao dịch hồ sơ TTHC.",
            ],
            "Thường xuyên",
            "Tuyên truyền qua hệ thống truyền thanh huyện, Cổng thông tin điện tử huyện, mạng xã hội...; tuyên truyền trực quan như pano, áp phích, video, tờ rơi... Nội dung tuyên truyền phong phú, phù hợp tình hình, đặc điểm, thực tiễn của huyện; đảm bảo cá nhân, tổ chức nắm được cách thức thực hiện và tăng cường thực hiện nộp hồ sơ trực tuyến mức độ 3, 4, thanh toán trực tuyến, phí, lệ phí, nghĩa vụ tài chính, dịch vụ bưu chính công ích...",
        ),
    ],
    [
        (
            "3",
            "Công khai, minh bạch các văn bản quy phạm pháp luật, các thông tin về cơ chế, chính sách, quy hoạch, kế hoạch, ngân sách, quy định TTHC có liên quan trực tiếp đến đời sống, hoạt động sản xuất, kinh doanh của người dân, tổ chức và doanh nghiệp.",
            "Phòng Văn hóa và Thông tin, Trung tâm Văn hóa - Thông tin và Thể thao, các cơ quan, đơn vị, địa phương thực hiện tuyên truyền.",
            "Thường xuyên",
            "Các thông tin được cung cấp đầy đủ, kịp thời phục vụ nhu cầu của người dân, tổ chức và doanh nghiệp.",
        ),
        ("II", "Tiêu chí Điều kiện tiếp đón và phục vụ", "", "", ""),
        (
            "1",
            bullets(
                "Bố trí đầy đủ văn phòng phẩm tại các quầy giao dịch và bàn hướng dẫn.",
                "Đảm bảo đầy đủ các trang thiết bị cần thiết như máy tính, máy photocopy, máy scan...; thường xuyên kiểm tra máy móc, thiết bị để sửa chữa, thay thế.",
            ),
            "Văn phòng HĐND và UBND huyện chủ trì, phối hợp với các cơ quan có liên quan thực hiện.",
            "Thường xuyên",
            "Văn phòng phẩm, trang thiết bị cần thiết được bố trí đầy đủ tại Bộ phận Tiếp nhận và trả kết quả huyện đảm bảo nhu cầu của người dân.",
        ),
        (
            "2",
            "Đảm bảo không gian giao tiếp rộng rãi, có máy điều hòa, wifi; chỗ ngồi chờ, bàn hướng dẫn được bố trí phù hợp.",
            "Văn phòng HĐND và UBND huyện.",
            "Thường xuyên",
            "Bộ phận Tiếp nhận và Trả kết quả bố trí đầy đủ đủ trang thiết bị, văn phòng phẩm; đảm bảo không gian giao tiếp, khu vực ngồi chờ rộng rãi, thoáng mát tạo sự thoải mái, hài lòng cho cá nhân, tổ chức.",
        ),
        ("III", "Tiêu chí Thủ tục hành chính", "", "", ""),
        (
            "1",
            bullets(
                "Thực hiện nghiêm việc rà soát, đánh giá, đơn giản hóa TTHC hàng năm theo quy định.",
                "Kịp thời giải quyết các vướng mắc, bất cập trong quá trình giải quyết TTHC hoặc kiến nghị cấp có thẩm quyền giải quyết.",
            ),
            bullets(
                "Các cơ quan chuyên môn, địa phương thực hiện rà soát, đánh giá, đơn giản hóa TTHC định kỳ năm; đồng thời, thường xuyên rà soát, báo cáo kịp thời các vướng mắc, bất cập trong quá trình giải quyết TTHC.",
                "Văn phòng HĐND và UBND huyện tổng hợp, tham mưu UBND huyện báo cáo kết quả rà soát về Văn phòng UBND tỉnh và các kiến nghị, vướng",
            ),
            "Định kỳ năm Thường xuyên",
            "Báo cáo rà soát; các kiến nghị đơn giản hóa TTHC và văn bản báo cáo, kiến nghị vướng mắc bất cập (nếu có).",
        ),
    ],
    [
        # the rest of row III.1's "Trách nhiệm thực hiện", carried over the page break
        ("", "", "mắc trong giải quyết TTHC cho cấp có thẩm quyền.", "", ""),
        (
            "2",
            "Thực hiện nghiêm việc tiếp nhận và giải quyết hồ sơ TTHC theo cơ chế một cửa, một cửa liên thông quy định tại Nghị định số 61/2018/NĐ-CP, Nghị định 107/2021/NĐ-CP; Thông tư số 01/2018/TT-VPCP. Hướng dẫn hồ sơ đầu vào, tiếp nhận hồ sơ bổ sung hồ sơ, từ chối giải quyết hồ sơ, xin lỗi và hẹn lại thời gian trả kết quả hồ sơ trễ hạn đúng quy định.",
            _CL_UNITS_DO_OFFICE_CHECKS,
            "Thường xuyên",
            "Việc tiếp nhận, giải quyết TTHC được thực hiện đúng quy định; không để xảy ra tình trạng nhận dư thành phần hồ sơ, không đúng thành phần hồ sơ, hoặc đưa ra các quy trình, trình tự, hồ sơ không đúng quy định.",
        ),
        (
            "3",
            "Hướng dẫn, giải đáp kịp thời những vướng mắc, khó khăn của cá nhân, tổ chức về cách thức thực hiện TTHC và các nội dung liên quan.",
            _CL_UNITS_DO_OFFICE_CHECKS,
            "Thường xuyên",
            "Cá nhân, tổ chức nắm rõ được cách thức thực hiện TTHC và các nội dung liên quan.",
        ),
        ("IV", "Tiêu chí Sự phục vụ của cán bộ, công chức", "", "", ""),
        (
            "1",
            "Cán bộ, công chức, viên chức thực hiện tiếp nhận và trả kết quả thủ tục hành chính; cán bộ, công chức tham gia quy trình giải quyết TTHC thực hiện nghiêm Quy chế tổ chức và hoạt động của Bộ phận Một cửa trên địa bàn huyện ban hành kèm theo Quyết định số 1666/QĐ-UBND ngày 11/10/2021 của UBND huyện Cam Lâm.",
            _CL_UNITS_DO_OFFICE_CHECKS,
            "Thường xuyên",
            "CBCCVC thực hiện nghiêm quy định về văn hóa công sở; thực hiện tiếp nhận, trả kết quả, giải quyết hồ sơ TTHC đúng thời gian, trình tự thủ tục quy định.",
        ),
        (
            "2",
            "Bố trí CBCCVC làm việc tại Bộ phận Tiếp nhận và Trả kết quả huyện có năng lực chuyên môn và phẩm chất đạo đức tốt, tinh thần trách nhiệm cao; có tác phong, thái độ giao tiếp cư xử lịch sự, hòa nhã, thân thiện, chuẩn mực, đúng quy chế văn hóa công sở.",
            _CL_UNITS_DO_OFFICE_CHECKS,
            "Thường xuyên",
            "CBCCVC tại Bộ phận Tiếp nhận và Trả kết quả huyện hoàn thành tốt nhiệm vụ được giao; được cá nhân, tổ chức đánh giá tốt (⟨thể hiện qua Phiếu lấy ý kiến người dân của từng hồ sơ TTHC⟩).",
        ),
    ],
    [
        (
            "3",
            "Thực hiện nghiêm việc đánh giá CBCCVC tham gia giải quyết TTHC theo cơ chế 1 cửa, 1 cửa liên thông (theo chỉ đạo của UBND tỉnh Khánh Hòa tại Công văn số 3382/UBND-KSTT ngày 26/4/2021 về kiểm soát TTHC, triển khai cơ chế một cửa, một cửa liên thông và thực hiện TTHC trên môi trường điện tử) để làm cơ sở, căn cứ thực hiện đánh giá, phân loại cán bộ, công chức, viên chức và người đứng đầu, bình xét thi đua - khen thưởng theo Chỉ thị số 12/CT-UBND ngày 26/5/2017 của UBND tỉnh.",
            "Các cơ quan, đơn vị có giải quyết TTHC tổ chức họp đánh giá hàng tháng và tổng hợp kết quả Phiếu lấy ý kiến người dân hàng quý; Văn phòng UBND HĐND và UBND huyện theo dõi, kiểm tra, tổng hợp kết quả, tham mưu UBND huyện báo cáo.",
            "Thường xuyên",
            "Báo cáo kết quả đánh giá định kỳ hàng quý của các cơ quan có tham gia giải quyết TTHC, của UBND huyện.",
        ),
        (
            "4",
            "Tăng cường kiểm tra công vụ, việc thực hiện giải quyết TTHC; chỉ đạo chấn chỉnh, xử lý nghiêm các trường hợp vi phạm quy tắc ứng xử, có hành vi gây phiền hà, nhũng nhiễu, tiêu cực... khi tiếp nhận, giải quyết hồ sơ của cá nhân, tổ chức.",
            bullets(
                "Thủ trưởng các cơ quan có giải quyết TTHC thường xuyên chỉ đạo, nhắc nhở, kiểm tra việc thực hiện.",
                "Phòng Nội vụ, Văn phòng UBND HĐND và UBND huyện tham mưu UBND huyện tổ chức kiểm tra, xử lý các trường hợp vi phạm.",
            ),
            "Thường xuyên",
            "CBCCVC chấp hành nghiêm kỷ luật, kỷ cương hành chính; không có tình trạng CBCCVC tiếp nhận, giải quyết hồ sơ, TTHC không đúng quy định, nhũng nhiễu, gây phiền hà cho cá nhân, tổ chức.",
        ),
        ("V", "Tiêu chí Kết quả, tiến độ giải quyết công việc", "", "", ""),
        (
            "1",
            [
                "Thường xuyên theo dõi, kiểm tra, chấn chỉnh kịp thời các trường hợp hồ sơ giải quyết trễ hạn; phấn đấu tăng số lượng hồ sơ sớm hạn; không để xảy ra hồ sơ trễ hạn.",
                "Kiểm điểm, xử lý trách nhiệm đối với bộ phận, cán bộ, công chức liên quan nếu hồ sơ trễ hạn xuất phát từ lỗi của cán bộ, công chức; xem xét thay thế, điều chuyển đối với cán bộ, công chức để xảy ra nhiều hồ sơ trễ hạn.",
            ],
            bullets(
                "Thủ trưởng các cơ quan có giải quyết TTHC thường xuyên chỉ đạo, nhắc nhở, kiểm tra việc thực hiện, xử lý các trường hợp vi phạm.",
                "Văn phòng UBND HĐND và UBND huyện theo dõi, kiểm tra, tổng hợp kết quả; phối hợp Phòng Nội vụ tham mưu UBND huyện có biện pháp xử lý các đơn vị để xảy ra hồ sơ trễ hạn.",
            ),
            "Thường xuyên",
            bullets(
                "Tỷ lệ hồ sơ giải quyết sớm hạn tăng so với năm 2021. Tỷ lệ hồ sơ trễ hạn trên các lĩnh vực: đất đai, môi trường, đầu tư, xây dựng, nhà ở, lao động, thương binh và xã hội giảm xuống dưới 2%.",
                "Biên bản hoặc Quyết định xử lý CBCC vi phạm (nếu có).",
            ),
        ),
    ],
    [
        (
            "2",
            "Tất cả hồ sơ được tiếp nhận tại Bộ phận một cửa phải được cập nhật trên Phần mềm một cửa điện tử theo quy định; cập nhật đầy đủ thông tin khách hàng, thông tin quá trình giải quyết hồ sơ trên Phần mềm một cửa điện tử đồng bộ với hồ sơ giấy; cập nhật các văn bản, tài liệu phát sinh qua từng bước xử lý của quy trình, kết quả giải quyết TTHC của công dân để tạo lập cơ sở dữ liệu kết quả giải quyết TTHC.",
            _CL_UNITS_DO_OFFICE_CHECKS,
            "Thường xuyên",
            "Hồ sơ, văn bản, tài liệu được cập nhật theo đúng quy trình quy định để cá nhân, tổ chức yêu cầu giải quyết TTHC và các cơ quan, đơn vị liên quan thuận tiện theo dõi quá trình tiếp nhận, giải quyết TTHC.",
        ),
        (
            "3",
            "Thực hiện tốt việc chuyển trả hồ sơ giấy và hồ sơ điện tử đồng bộ, đúng thời hạn để đảm bảo khi nhận được tin nhắn thông báo trả kết quả giải quyết hồ sơ TTHC, cá nhân, tổ chức đến nhận có kết quả ngay, không phải đi lại nhiều lần.",
            "Văn phòng UBND HĐND và UBND huyện theo dõi, kiểm tra việc thực hiện của CBCCVV Bộ phận tiếp nhận và Trả kết quả.",
            "Thường xuyên",
            "Việc trả kết quả cho cá nhân, tổ chức đúng thời hạn; được thực hiện đồng bộ cả hồ sơ giấy và hồ sơ điện tử.",
        ),
        ("VI", "Tiêu chí Tiếp nhận và xử lý thông tin phản hồi", "", "", ""),
        (
            "1",
            bullets(
                "Niêm yết công khai địa chỉ cơ quan, số điện thoại chuyên dùng, địa chỉ email của Văn phòng UBND tỉnh tại Bộ phận Tiếp nhận và Trả kết quả huyện và đăng công khai trên Trang thông tin điện tử huyện.",
                "Thực hiện tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức, báo cáo xử lý phản ánh kiến nghị về quy định hành chính, về hành vi hành chính trên Cổng dịch vụ công Quốc gia và công khai kết quả giải quyết phản ánh kiến nghị theo đúng quy định.",
            ),
            bullets(
                "Văn phòng HĐND và UBND huyện tham mưu UBND huyện phân công cơ quan liên quan tiếp nhận, xử lý và trả lời các phản ánh, kiến nghị; công bố công khai nội dung trả lời phản ánh kiến nghị theo đúng quy định.",
                "Các đơn vị, địa phương có liên quan tham mưu UBND huyện trả lời phản ánh kiến nghị của cá nhân, tổ chức thực hiện theo đúng thời gian, nội dung yêu cầu.",
            ),
            "Thường xuyên",
            "Các phản ánh, kiến nghị của cá nhân tổ chức về quy định hành chính được giải quyết kịp thời và đúng thẩm quyền theo quy định.",
        ),
    ],
    [
        (
            "2",
            "Công khai địa chỉ tiếp nhận các thông tin về CCHC tại Bộ phận Tiếp nhận và Trả kết quả huyện, Cổng thông tin điện tử huyện, số điện thoại các cơ quan: Sở Nội vụ, Văn phòng UBND tỉnh, Chủ tịch UBND huyện; Chánh Văn phòng HĐND và UBND huyện; Bộ phận Tiếp nhận và Trả kết quả huyện; Phòng Nội vụ (CCHC); Văn phòng HĐND và UBND huyện (TTHC)",
            "Văn phòng HĐND và UBND huyện.",
            "Thường xuyên",
            "Bảng công khai niêm yết tại Bộ phận Tiếp nhận và Trả kết quả huyện, Cổng thông tin điện tử huyện.",
        ),
        (
            "3",
            "Phân công cán bộ, công chức, viên chức tiếp nhận, giải đáp, hướng dẫn cụ thể cho cá nhân, tổ chức về những nội dung liên quan đến TTHC, quá trình thực hiện và kết quả giải quyết TTHC.",
            # one <p> holding two "- " items in the seed: a soft line break between them
            breaks(
                "- Văn phòng HĐND và UBND huyện thực hiện.",
                "- Thủ trưởng các cơ quan, đơn vị chỉ đạo CBCCVC tiếp nhận hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả huyện phải hướng dẫn, giải đáp cụ thể, rõ ràng cho cá nhân, tổ chức khi có vướng mắc liên quan đến tiếp nhận và giải quyết hồ sơ TTHC.",
            ),
            "Thường xuyên",
            "Mọi yêu cầu, vướng mắc của cá nhân, tổ chức được CBCCVC Bộ phận Tiếp nhận và Trả kết quả hướng dẫn, giải đáp kịp thời, đảm bảo sự hài lòng của cá nhân, tổ chức.",
        ),
    ],
]


def camlam_2022() -> bytes:
    """Plan /KH-UBND of UBND huyện Cam Lâm (June 2022).

    The tasks are in the Phụ lục: six bordered tables (the seed repeats the header six
    times), each starting with the header row CAMLAM_TASK_HEADER; no merged cells.
    """
    b = _Builder()
    b.header(
        parent="ỦY BAN NHÂN DÂN",
        issuer="HUYỆN CAM LÂM",
        number="Số:      /KH-UBND",
        place_date="Cam Lâm, ngày      tháng      năm 2022",
    )
    b.title(
        "KẾ HOẠCH",
        "Nâng cao Chỉ số hài lòng của cá nhân, tổ chức",
        "đối với sự phục vụ của UBND huyện Cam Lâm năm 2022",
    )
    b.para(
        "Căn cứ Quyết định số 308/QĐ-UBND ngày 27/01/2022 của UBND huyện Cam Lâm về việc ban hành Kế hoạch cải cách hành chính huyện giai đoạn 2021-2030; Quyết định số 149/QĐ-UBND ngày 25/02/2022 của UBND huyện Cam Lâm về việc ban hành Kế hoạch cải cách hành chính huyện năm 2022; UBND huyện Cam Lâm xây dựng kế hoạch nâng cao Chỉ số hài lòng của cá nhân, tổ chức đối với sự phục vụ của UBND huyện năm 2022 như sau:"
    )
    b.heading("I. MỤC ĐÍCH, YÊU CẦU")
    b.heading("1. Mục đích")
    b.paras(
        "- Tiếp tục tạo sự chuyển biến mạnh mẽ, nâng cao ý thức trách nhiệm, tinh thần phục vụ Nhân dân của cán bộ, công chức, viên chức các cơ quan, đơn vị, địa phương trên địa bàn huyện; nâng cao trách nhiệm của người đứng đầu các cơ quan, đơn vị và cán bộ, công chức, viên chức trong nỗ lực cải thiện Chỉ số cải cách hành chính, Chỉ số hài lòng của UBND huyện Cam Lâm.",
        "- Thực hiện các giải pháp để khắc phục những tồn tại, hạn chế và cải thiện, nâng cao chất lượng dịch vụ công trong năm 2022; đảm bảo mức độ hài lòng của cá nhân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn huyện năm 2022 đạt trên 83%, đối với sự phục vụ của đơn vị sự nghiệp công lập đạt trên 83%.",
    )
    b.heading("2. Yêu cầu")
    b.paras(
        "- Việc thực hiện kế hoạch nâng cao Chỉ số hài lòng phải được thực hiện đồng bộ với Kế hoạch cải cách hành chính của huyện năm 2022.",
        "- Cải thiện và nâng cao chỉ số hài lòng là nhiệm vụ thường xuyên, lâu dài, kiên trì, liên tục của các cơ quan, đơn vị thuộc huyện và của mỗi cán bộ, công chức, viên chức.",
        "- Các cơ quan, đơn vị đánh giá đúng thực trạng, kết quả thực hiện các nội dung liên quan đến việc xác định chỉ số hài lòng; tổ chức triển khai thực hiện nghiêm túc, có hiệu quả kế hoạch của UBND huyện.",
    )
    b.heading("II. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN")
    b.para("(Theo Phụ lục đính kèm)", italic=True)
    b.heading("III. TỔ CHỨC THỰC HIỆN")
    b.paras(
        "1. Thủ trưởng các cơ quan, đơn vị, địa phương tập trung chỉ đạo, tổ chức thực hiện các nhiệm vụ, giải pháp đề ra tại Kế hoạch này, bảo đảm kết quả thực chất, đem lại tác động rõ rệt, nâng cao Chỉ số hài lòng của cá nhân, tổ chức đối với sự phục vụ của UBND huyện; báo cáo kết quả thực hiện về UBND huyện (⟨thông qua Phòng Nội vụ⟩) trong các báo cáo CCHC định kỳ để tổng hợp, theo dõi.",
        "2. Phòng Nội vụ có trách nhiệm theo dõi, đôn đốc, tổng hợp việc thực hiện Kế hoạch này của các cơ quan, đơn vị, địa phương. Chủ trì, phối hợp với các cơ quan liên quan tăng cường kiểm tra việc thực hiện tại các cơ quan, đơn vị; kết hợp lồng ghép nhiều phương thức kiểm tra (⟨định kỳ, đột xuất, chuyên đề⟩) để kịp thời phát hiện những hạn chế, thiếu sót tại từng cơ quan, đơn vị, tham mưu UBND huyện biện pháp khắc phục.",
        "3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh trực tiếp về Phòng Nội vụ để tổng hợp trình UBND huyện giải quyết./.",
    )
    b.signature(
        recipients_note=" (VBĐT)",
        recipients=(
            "- UBND tỉnh K/Hòa (b/c);",
            "- Sở Nội vụ tỉnh K/Hòa (b/c);",
            "- TT. HU, TT. HĐND huyện (b/c);",
            "- Các cơ quan, đơn vị thuộc huyện;",
            "- VPĐĐ CN Cam Lâm;",
            "- UBND các xã, thị trấn;",
            "- Cổng thông tin điện tử huyện (đưa tin);",
            "- Lưu: VT, PNV.",
        ),
        authority=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        signer="Ngô Văn Bảo",
    )

    b.page_break()
    b.center("PHỤ LỤC", size=BODY_PT)
    b.center("Nội dung nhiệm vụ, giải pháp thực hiện", size=BODY_PT)
    b.center(
        "(Ban hành Kèm theo Kế hoạch số      /KH-UBND ngày      /6/2022 của UBND huyện)",
        bold=False,
        italic=True,
        size=BODY_PT,
    )
    b.para()
    for i, rows in enumerate(CAMLAM_APPENDIX):
        if i:
            # Without a paragraph between them Word would join two tables into one.
            b.page_break()
        b.table(CAMLAM_TASK_HEADER, rows, CAMLAM_TASK_WIDTHS, center_columns=(0, 3))
    return b.to_bytes()


# --- 003 Cà Mau: Quyết định 308/QĐ-UBND ngày 04/3/2015 and the plan it issues --------------------

CAMAU_TASK_HEADER = (
    "TT",
    "Nội dung",
    "Cơ quan chủ trì thực hiện",
    "Cơ quan phối hợp thực hiện",
    "Thời gian thực hiện",
)
_CM_ALL_LEVELS = "UBND các huyện, thành phố, UBND các xã, phường, thị trấn được chọn điều tra"
CAMAU_TASK_ROWS: list[tuple[Cell, Cell, Cell, Cell, Cell]] = [
    (
        "1",
        "Lập danh sách UBND các xã, phường, thị trấn được chọn để tiến hành điều tra",
        "UBND các huyện, thành phố được chọn điều tra",
        "Sở Nội vụ",
        "Tháng 3/2015",
    ),
    (
        "2",
        "Hướng dẫn các cơ quan, đơn vị lập danh sách thống kê tổng số giao dịch của dịch vụ sẽ điều tra đã thực hiện trong năm 2014",
        "Sở Nội vụ",
        _CM_ALL_LEVELS,
        "Tháng 4/2015",
    ),
    (
        "3",
        "Xác định quy mô điều tra và lập danh sách người dân, tổ chức được chọn để tiến hành điều tra",
        "",  # merged into row 2's lead cell
        _CM_ALL_LEVELS,
        "Tháng 4/2015",
    ),
    ("4", "Xây dựng bộ câu hỏi điều tra xã hội học", "", "UBND các huyện, thành phố", "Tháng 4/2015"),
    ("5", "Tổ chức tập huấn điều tra xã hội học", "Sở Nội vụ", "", "Tháng 5/2015"),
    (
        "6",
        "Tổ chức điều tra xã hội học:\n"
        "- Đối tượng điều tra: Người dân đã sử dụng dịch vụ hành chính trong năm 2014.\n"
        "- Số lượng mẫu dự kiến điều tra:\n"
        "+ Đối với 03 dịch vụ thực hiện tại cấp huyện: 03 huyện * 03 dịch vụ * 70 mẫu = 630 mẫu.\n"
        "+ Đối với 03 dịch vụ thực hiện tại cấp xã: 10 xã/phường/thị trấn * 03 dịch vụ * 80 mẫu = 2.400 mẫu",
        "Sở Nội vụ",
        _CM_ALL_LEVELS,
        "Tháng 5/2015",
    ),
    ("7", "Tổng hợp, xử lý số liệu điều tra", "Sở Nội vụ", "", "Tháng 6/2015"),
    (
        "8",
        "Báo cáo kết quả điều tra, dự thảo quyết định công bố Chỉ số hài lòng về sự phục vụ hành chính",
        "Sở Nội vụ",
        "",
        "Tháng 7/2015",
    ),
    (
        "9",
        "Tổ chức công bố Chỉ số hài lòng về sự phục vụ hành chính",
        "Sở Nội vụ",
        "Văn phòng UBND tỉnh, các cơ quan, đơn vị có liên quan",
        "Tháng 9/2015",
    ),
]


def camau_2015() -> bytes:
    """Decision 308/QĐ-UBND of the Chairman of UBND tỉnh Cà Mau, then the plan it issues.

    One document: the decision (header table, Điều 1–3, signature table), a page break,
    then the plan (no header table, no signature) with one task table of 9 data rows.
    """
    b = _Builder()
    b.header(
        parent="ỦY BAN NHÂN DÂN",
        issuer="TỈNH CÀ MAU",
        number="Số: 308/QĐ-UBND",
        place_date="Cà Mau, ngày 04 tháng 3 năm 2015",
    )
    b.para()
    b.center("QUYẾT ĐỊNH", size=BODY_PT)
    b.center(
        "BAN HÀNH KẾ HOẠCH TRIỂN KHAI XÁC ĐỊNH CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC ĐỐI VỚI SỰ PHỤC VỤ CỦA CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC TRÊN ĐỊA BÀN TỈNH CÀ MAU NĂM 2014",
        size=BODY_PT,
    )
    b.para()
    b.center("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", size=BODY_PT)
    b.para()
    for basis in (
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
        "Căn cứ Quyết định số 962/QĐ-UBND ngày 19 tháng 6 năm 2014 của Chủ tịch Ủy ban nhân dân tỉnh Cà Mau ban hành Kế hoạch triển khai xác định Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh Cà Mau;",
        "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 53/TTr-SNV ngày 26 tháng 02 năm 2015,",
    ):
        b.para(basis, italic=True)
    b.para()
    b.center("QUYẾT ĐỊNH:", size=BODY_PT)
    b.para()
    b.paras(
        "⟦Điều 1.⟧ Ban hành kèm theo Quyết định này Kế hoạch triển khai xác định Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh Cà Mau năm 2014.",
        "⟦Điều 2.⟧ Quyết định này có hiệu lực kể từ ngày ký.",
        "⟦Điều 3.⟧ Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành tỉnh có liên quan và Chủ tịch Ủy ban nhân dân các huyện, thành phố Cà Mau, Chủ tịch Ủy ban nhân dân xã, phường, thị trấn được chọn điều tra chịu trách nhiệm thi hành Quyết định này./.",
    )
    b.signature(
        recipients=(
            "- Như Điều 3;",
            "- Đ/d Văn phòng Bộ Nội vụ tại Tp. HCM;",
            "- Thường trực Tỉnh ủy (b/c);",
            "- Thường trực HĐND tỉnh (b/c);",
            "- CT, PCT UBND tỉnh;",
            "- Cổng Thông tin điện tử tỉnh;",
            "- NC (N);",
            "- Lưu: VT, Ktr08/3.",
        ),
        authority=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        signer="Trần Hồng Quân",
    )

    b.page_break()
    b.center("KẾ HOẠCH", size=BODY_PT)
    b.center(
        "TRIỂN KHAI XÁC ĐỊNH CHỈ SỐ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC ĐỐI VỚI SỰ PHỤC VỤ CỦA CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC TRÊN ĐỊA BÀN TỈNH CÀ MAU NĂM 2014",
        size=BODY_PT,
    )
    b.center(
        "(Ban hành kèm theo Quyết định số 308/QĐ-UBND ngày 04/3/2015 của Chủ tịch Ủy ban nhân dân tỉnh)",
        bold=False,
        italic=True,
        size=BODY_PT,
    )
    b.para()
    b.heading("I. MỤC TIÊU, YÊU CẦU")
    b.heading("1. Mục tiêu")
    b.para(
        "Xác định được Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của các cơ quan hành chính nhà nước trên địa bàn tỉnh nhằm đánh giá khách quan chất lượng cung cấp dịch vụ công. Qua đó giúp các cơ quan hành chính nhà nước nắm bắt được yêu cầu, mong muốn của người dân, tổ chức để có biện pháp cải thiện chất lượng phục vụ và cung cấp dịch vụ cho người dân, tổ chức."
    )
    b.heading("2. Yêu cầu")
    b.paras(
        "- Tổ chức triển khai xác định Chỉ số hài lòng về sự phục vụ hành chính phải trên cơ sở kết quả điều tra, xử lý, phân tích và tổng hợp số liệu điều tra đầy đủ, khách quan, khoa học và chính xác kết quả đánh giá của người dân, tổ chức về sự phục vụ của cơ quan hành chính nhà nước; đề xuất được những biện pháp thiết thực để cải thiện chất lượng phục vụ và cung cấp dịch vụ của cơ quan quản lý nhà nước trên địa bàn tỉnh.",
        "- Có sự phối hợp chặt chẽ giữa các cơ quan liên quan trong quá trình triển khai, bảo đảm nghiêm túc, khách quan và đúng tiến độ.",
    )
    b.heading("II. NỘI DUNG TRIỂN KHAI")
    b.heading("1. Dịch vụ điều tra")
    b.paras(
        "- Các dịch vụ hành chính được thực hiện ở cấp huyện: Cấp giấy Chứng minh nhân dân, cấp giấy Chứng nhận quyền sử dụng đất, cấp Giấy phép xây dựng.",
        "- Các dịch vụ hành chính được thực hiện ở cấp xã: Chứng thực, cấp Giấy khai sinh, cấp Giấy đăng ký kết hôn.",
    )
    b.heading("2. Đơn vị được chọn điều tra")
    b.paras(
        "- Cấp huyện gồm Ủy ban nhân dân các huyện: Năm Căn, Phú Tân và thành phố Cà Mau.",
        "- Cấp xã: Ủy ban nhân dân các huyện Năm Căn, Phú Tân và thành phố Cà Mau tiến hành chọn và lập danh sách các xã, phường, thị trấn để tiến hành điều tra theo quy định tại điểm b, mục 1.3, phần II Quyết định số 962/QĐ-UBND ngày 19/6/2014 của Chủ tịch Ủy ban nhân dân tỉnh.",
    )
    b.heading("3. Nội dung cụ thể")
    table = b.table(CAMAU_TASK_HEADER, CAMAU_TASK_ROWS, (1.0, 5.6, 3.3, 4.1, 2.5), center_columns=(0, 2, 4))
    # Vertical merge: "Sở Nội vụ" leads rows 2, 3 and 4 and is written once, in one cell
    # merged down over the three rows (table rows 2..4, the header being row 0). Only the
    # top cell holds text (the w:vMerge "continue" cells of rows 3 and 4 are empty), so the
    # importer must give each of rows 2, 3 and 4 the lead unit "Sở Nội vụ".
    # python-docx's row.cells returns the top cell for rows 3 and 4.
    lead = table.cell(2, 2).merge(table.cell(4, 2))
    for paragraph in lead.paragraphs[1:]:  # merge() keeps the empty cells' paragraphs
        paragraph._p.getparent().remove(paragraph._p)
    b.para()
    b.heading("III. TỔ CHỨC THỰC HIỆN")
    b.heading("1. Trách nhiệm của sở Nội vụ")
    b.paras(
        "- Chủ trì, phối hợp với Sở Tài chính lập dự toán kinh phí triển khai xác định Chỉ số hài lòng về sự phục vụ hành chính.",
        "- Theo dõi, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch xác định Chỉ số hài lòng về sự phục vụ hành chính năm 2014 của tỉnh.",
        "- Chủ trì việc điều tra xã hội học; tổng hợp, xử lý số liệu kết quả điều tra; báo cáo kết quả điều tra và tham mưu Ủy ban nhân dân tỉnh công bố đúng thời gian quy định.",
        "- Phối hợp với các ngành có liên quan, tổ chức thông tin, tuyên truyền về kết quả xác định Chỉ số hài lòng về sự phục vụ hành chính năm 2014 của tỉnh.",
    )
    b.heading("2. Sở Tài chính")
    b.para(
        "Tổng hợp dự toán kinh phí điều tra xác định Chỉ số hài lòng về sự phục vụ hành chính để tham mưu, trình cấp có thẩm quyền theo quy định."
    )
    b.heading("3. Trách nhiệm của Ủy ban nhân dân các huyện, thành phố thuộc tỉnh")
    b.paras(
        "- Lập danh sách số đơn vị hành chính cấp xã để khảo sát theo quy định.",
        "- Triển khai công việc xác định Chỉ số hài lòng về sự phục vụ hành chính trong phạm vi trách nhiệm của cơ quan, đơn vị theo hướng dẫn của Sở Nội vụ.",
        "- Phối hợp với Sở Nội vụ trong việc triển khai công tác điều tra xã hội học trên địa bàn.",
        "- Thông tin, báo cáo Sở Nội vụ các vấn đề phát sinh trong quá trình triển khai thực hiện để phối hợp giải quyết kịp thời./.",
    )
    return b.to_bytes()


# --- 004 Đồng Nai: Kế hoạch 1036/KH-UBND ngày 10/02/2020, and Sở Tư pháp's dispatch 376/STP-VP ----

DONGNAI_BUDGET_HEADER = ("STT", "Nội dung chi", "Đơn giá", "Số lượng", "Thành tiền", "Ghi chú")


def dongnai_2020() -> bytes:
    """Plan 1036/KH-UBND of the Chairman of UBND tỉnh Đồng Nai: no task table.

    Section VI "Tổ chức thực hiện" is prose. The only bordered table is the budget
    appendix (DONGNAI_BUDGET_HEADER, 5 rows and a "Tổng cộng" row whose first four
    cells are merged across).
    """
    b = _Builder()
    b.header(
        parent="ỦY BAN NHÂN DÂN",
        issuer="TỈNH ĐỒNG NAI",
        parent_bold=True,
        number="Số: 1036 /KH-UBND",
        place_date="Đồng Nai, ngày 10 tháng 02 năm 2020",
    )
    b.title(
        "KẾ HOẠCH",
        "Khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh Đồng Nai năm 2020",
    )
    b.paras(
        "Căn cứ Đề án của Ban Thường vụ Tỉnh ủy về tăng cường cải cách thủ tục hành chính, nâng cao năng lực cạnh tranh cấp tỉnh và mức độ hài lòng của người dân phê duyệt tại Văn bản số 576-KL/TU ngày 26/7/2018;",
        "Thực hiện Kế hoạch cải cách hành chính của tỉnh năm 2020 (số 15122/KH-UBND ngày 27/12/2019);",
        "Chủ tịch Ủy ban nhân dân tỉnh ban hành kế hoạch khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước năm 2020, như sau:",
    )
    b.heading("I. Mục đích, yêu cầu")
    b.heading("1. Mục đích")
    b.paras(
        "Đo lường một cách khách quan, chính xác mức độ hài lòng của người dân, tổ chức về sự phục vụ và chất lượng cung cấp dịch vụ công của cơ quan hành chính nhà nước trên địa bàn tỉnh Đồng Nai. Trên cơ sở đó:",
        "- Đánh giá hiệu quả công tác giải quyết thủ tục hành chính cho người dân của các Sở, ban ngành, UBND cấp huyện, cấp xã và các cơ quan ngành dọc;",
        "- Các cơ quan hành chính nhà nước nắm bắt được yêu cầu, mong muốn của người dân, tổ chức để có những biện pháp cải thiện chất lượng phục vụ và cung ứng dịch vụ của mình, nâng cao hơn nữa sự hài lòng của người dân, tổ chức;",
        "- Phát huy vai trò giám sát và tham gia thiết thực vào công tác cải cách hành chính của người dân, tổ chức, góp phần cải thiện hình ảnh cơ quan nhà nước, môi trường kinh doanh và môi trường văn hóa của tỉnh Đồng Nai.",
        "- Làm một căn cứ đánh giá trách nhiệm người đứng đầu trong triển khai các giải pháp cải cách hành chính, nâng cao mức độ hài lòng của người dân, doanh nghiệp; đồng thời đánh giá chỉ số cải cách hành chính, công vụ hàng năm.",
    )
    b.heading("2. Yêu cầu")
    b.paras(
        "- Việc lấy ý kiến phải bảo đảm tính chính xác, khách quan, trung thực và phản ánh theo thời gian thực, liên kết chặt chẽ với quy trình và trách nhiệm của các cá nhân, tập thể giải quyết hồ sơ thủ tục hành chính và giải quyết phản ánh kiến nghị của người dân, doanh nghiệp; giúp các cơ quan hành chính xác định được tồn tại hạn chế, có giải pháp kịp thời để nâng cao chất lượng phục vụ người dân, tổ chức;",
        "- Việc triển khai và kết quả được thông tin chính xác, đầy đủ, kịp thời, dễ tiếp cận, dễ sử dụng đối với mọi đối tượng;",
        "- Việc triển khai đảm bảo đúng kế hoạch, phương pháp, nguồn lực được phân bổ; tiết kiệm và đạt kết quả, mục tiêu đề ra.",
        "- Tăng cường ứng dụng công nghệ thông tin để nâng cao hiệu quả, tính chính xác, nhanh chóng trong thu thập và tổng hợp ý kiến đánh giá của người dân, doanh nghiệp.",
    )
    b.heading("II. Phạm vi, đối tượng, mẫu và thời gian khảo sát")
    b.heading("1. Phạm vi")
    b.paras(
        "Khảo sát, đánh giá mức độ hài lòng của tổ chức, cá nhân đối với chất lượng dịch vụ hành chính công, quá trình giải quyết thủ tục hành chính thuộc trách nhiệm, thẩm quyền của các cơ quan, đơn vị sau:",
        "- Các Sở, ban ngành;",
        "- Ủy ban nhân dân các huyện, Thành phố Long Khánh, Biên Hòa;",
        "- Ủy ban nhân dân các xã, phường, thị trấn;",
        "- Các cơ quan ngành dọc trên địa bàn tỉnh, gồm: thuế, bảo hiểm xã hội, công an.",
        "⟦2. Đối tượng lấy ý kiến⟧ là tổ chức, người dân, người đại diện cho tổ chức có giao dịch TTHC, đã hoàn tất hoặc đang xử lý hồ sơ thủ tục hành chính tại các cơ quan hành chính trong kỳ đánh giá.",
    )
    b.heading("3. Thời gian thực hiện khảo sát")
    b.para("Việc khảo sát được tiến hành định kỳ hàng tháng, xuyên suốt từ tháng 2 đến tháng 12/2020.")
    b.heading(
        "III. Các tiêu chí đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh"
    )
    b.para(
        "Các yếu tố, tiêu chí thực hiện khảo sát, đo lường sự hài lòng của người dân, tổ chức là các yếu tố cơ bản đánh giá chất lượng dịch vụ hành chính công của các cơ quan hành chính nhà nước. Nội dung cụ thể của phiếu khảo sát được thay đổi linh hoạt phù hợp với từng giai đoạn triển khai các nội dung cải cách hành chính trên địa bàn tỉnh, thuộc các các tiêu chí sau:"
    )
    b.heading("1. Phân loại đối tượng khảo sát:")
    b.paras(
        "- Người dân trực tiếp nộp hồ sơ;",
        "- Đại diện doanh nghiệp;",
        "- Người được ủy quyền thực hiện nộp hồ sơ thủ tục hành chính cho người dân, doanh nghiệp.",
    )
    b.heading("2. Mức độ hài lòng về sự phục vụ của công chức, viên chức tiếp nhận và xử lý hồ sơ")
    b.paras(
        "- Thái độ giao tiếp khi hướng dẫn, tiếp nhận - trả kết quả TTHC;",
        "- Năng lực hướng dẫn thực hiện thủ tục hành chính cho người dân, doanh nghiệp;",
        "- Tình trạng gây phiền hà, nhũng nhiễu, đòi tiền phí ngoài quy định",
        "- Xác định được cụ thể trách nhiệm công chức tiếp nhận hồ sơ hay xử lý hồ sơ trong trường hợp người dân, doanh nghiệp đánh giá không hài lòng và các yếu tố trên.",
    )
    b.heading("3. Mức độ hài lòng chung về cả quá trình giải quyết thủ tục hành chính")
    b.paras(
        "- Thành phần hồ sơ và thời gian giải quyết của cơ quan hành chính nhà nước;",
        "- Các chi phí không chính thức phát sinh trong quá trình giải quyết hồ sơ thủ tục hành chính;",
        "- Thông tin về tình trạng giải quyết hồ sơ (biên nhận hồ sơ, ngày hẹn trả, thư xin lỗi về hồ sơ trễ hẹn, hướng dẫn hồ sơ bổ sung...).",
    )
    b.heading("4. Mức độ hài lòng về việc tiếp nhận và xử lý phản ánh, kiến nghị")
    b.paras(
        "- Khả năng sử dụng các phương tiện gửi phản ánh, kiến nghị (niêm yết công khai các đầu mối tiếp nhận phản ánh, dễ dàng hay khó khăn trong việc gửi phản ánh);",
        "- Việc xử lý phản ánh kiến nghị của người dân, tổ chức về thủ tục hành chính (nhanh chóng, tích cực, chậm trễ, không tích cực...)",
    )
    b.heading("5. Mức độ tiếp cận thông tin về dịch vụ hành chính công")
    b.paras(
        "- Việc sử dụng các tiện ích cải cách hành chính (dịch vụ công trực tuyến, dịch vụ bưu chính,...);",
        "- Mức độ hài lòng của người dân, doanh nghiệp về các tiện ích;",
        "- Khó khăn của người dân, doanh nghiệp khi sử dụng, tiếp cận các tiện ích.",
    )
    b.heading("6. Ý kiến góp ý của người dân để cải thiện chất lượng phục vụ của cơ quan hành chính nhà nước")
    b.para(
        "Nguồn cung cấp thông tin thuận tiện cho người dân, thái độ giao tiếp của công chức, viên chức, đơn giản hóa thủ tục hành chính, cắt giảm thời gian giải quyết thủ tục, tăng cường ứng dụng công nghệ thông tin cung cấp tiện ích cho người dân..."
    )
    b.heading("IV. Cách chọn mẫu khảo sát và phương thức khảo sát")
    b.heading("1. Chọn mẫu khảo sát")
    b.paras(
        "- Được lựa chọn ngẫu nhiên từ:",
        "+ Danh sách người dân, tổ chức từng giải quyết thủ tục hành chính tại các cơ quan hành chính nhà nước;",
        "+ Người dân, tổ chức đến thực hiện TTHC tại Trung tâm Hành chính công, Bộ phận Một cửa của đơn vị, địa phương.",
        "- Số phiếu khảo sát cả năm trên địa bàn toàn tỉnh là 14.500 phiếu, được phân bố phù hợp theo tỉ lệ số lượng hồ sơ TTHC của mỗi đơn vị.",
    )
    b.heading("2. Cách thức tiến hành khảo sát")
    b.paras(
        "a) Phương thức khảo sát: Việc tổ chức lấy ý kiến khảo sát mức độ hài lòng của người dân, tổ chức được thực hiện qua 02 phương thức sau:",
        "- Phòng vấn trực tiếp: Điều tra viên phỏng vấn trực tiếp đối tượng tại nhà, trụ sở tổ chức hoặc Trung tâm Hành chính công tỉnh, Bộ phận Một cửa cấp huyện, xã.",
        "- Phòng vấn qua điện thoại: Điều tra viên sẽ phỏng vấn qua điện thoại đối tượng chọn từ mẫu khảo sát.",
        "b) Công cụ khảo sát: Việc phỏng vấn, thu thập và tổng hợp ý kiến đánh giá của người dân được thực hiện trên phần mềm trong đó đáp ứng các yêu cầu:",
        "- Đảm bảo chính xác đối tượng được khảo sát;",
        "- Thao tác ghi nhận, tổng hợp ý kiến người dân được thực hiện nhanh chóng theo thời gian thực; có khả năng cảnh báo kịp thời các thông tin đánh giá tiêu cực của người dân;",
        "- Thông tin tổng hợp được lưu trữ khoa học, dễ dàng truy vấn, đáp ứng công tác phúc tra.",
    )
    b.heading("3. Báo cáo kết quả khảo sát")
    b.paras(
        "Giao Sở Nội vụ, trên cơ sở kết quả tổng hợp ý kiến đánh giá của người dân, xây dựng báo cáo kết quả khảo sát mức độ hài lòng của người dân về sự phục vụ của cơ quan hành chính nhà nước năm 2020; thông báo tới các đơn vị, địa phương kết quả khảo sát hàng tháng.",
        "Kết quả khảo sát được sử dụng vào đánh giá chỉ số cải cách hành chính của các đơn vị, địa phương và xem xét trách nhiệm người đứng đầu đơn vị, địa phương trong triển khai công tác cải cách hành chính.",
    )
    b.heading("V. Kinh phí thực hiện")
    b.para(
        "Kinh phí được cấp từ nguồn kinh phí không tự chủ ngoài khoán cho Sở Nội vụ đảm bảo thực hiện hiệu quả Kế hoạch ⟨(chi tiết phụ lục kèm theo)⟩."
    )
    b.heading("VI. Tổ chức thực hiện")
    b.heading("1. Sở Nội vụ")
    b.paras(
        "- Chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện Kế hoạch này;",
        "- Chủ trì tổ chức triển khai nâng cấp, sử dụng phần mềm khảo sát ý kiến người dân, đáp ứng các yêu cầu của Kế hoạch và ký kết hợp đồng với đơn vị thực hiện khảo sát.",
        "- Theo dõi kết quả khảo sát, định kỳ thông báo, công khai kết quả khảo sát hàng tháng; kịp thời thông báo về các ý kiến đánh giá bất thường tới các đơn vị, địa phương để xử lý kịp thời;",
        "- Báo cáo kết quả khảo sát ý kiến người dân năm 2020 theo đúng Kế hoạch này.",
    )
    b.heading("2. Sở Tài chính")
    b.para(
        "Thẩm định, cấp kinh phí cho đơn vị chủ trì tổ chức thực hiện; hướng dẫn đơn vị lập dự toán, thanh quyết toán kinh phí theo quy định."
    )
    b.heading("3. Sở Thông tin và Truyền thông")
    b.para(
        "Hỗ trợ các vấn đề liên quan đến trích xuất, kết nối, chia sẻ dữ liệu đối tượng khảo sát trên Hệ thống Một cửa điện tử; đảm bảo khai thác hiệu quả phần mềm khảo sát."
    )
    b.heading("4. Văn phòng UBND tỉnh")
    b.para(
        "Phối hợp rà soát kết quả khảo sát định kỳ, làm căn cứ đánh giá chất lượng giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông và nghiên cứu đề xuất các giải pháp nâng cao hiệu quả giải quyết TTHC, cải thiện mức độ hài lòng của người dân, doanh nghiệp."
    )
    b.heading("5. Các đơn vị cung cấp dịch vụ khảo sát")
    b.paras(
        "- Xây dựng phần mềm khảo sát đáp ứng các yêu cầu của Kế hoạch; hỗ trợ tập huấn sử dụng cho điều tra viên và hỗ trợ bảo trì vận hành phần mềm;",
        "- Bố trí điều tra viên, tổ chức hoạt động khảo sát hiệu quả, khách quan, minh bạch, trung thực và chính xác.",
    )
    b.heading("6. Các đơn vị được khảo sát")
    b.paras(
        "Phối hợp Sở Nội vụ thực hiện, bảo đảm tiến độ và nội dung công việc; theo đó căn cứ tình hình thực tiễn tại đơn vị, địa phương, đề xuất các TTHC được khảo sát, số lượng, nội dung trọng tâm được khảo sát của mỗi đơn vị, địa phương. Đồng thời, trên cơ sở kết quả khảo sát, các cơ quan, đơn vị xem xét, đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính, báo cáo UBND tỉnh (thông qua Sở Nội vụ) phương án cải thiện chất lượng dịch vụ hành chính công cung cấp tại đơn vị nhằm nâng cao mức độ hài lòng của người dân, tổ chức.",
        "Chủ tịch UBND tỉnh yêu cầu các đơn vị, địa phương nghiêm túc thực hiện/.",
    )
    b.signature(
        recipients=(
            "- Bộ Nội vụ;",
            "- Thường trực Tỉnh uỷ, Thường trực HĐND;",
            "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
            "- Chánh, Phó VP UBND tỉnh;",
            "- Các Sở ban ngành;",
            "- Cục Thuế tỉnh, Công an tỉnh, BHXH tỉnh;",
            "- Cục Hải quan;",
            "- UBND cấp huyện;",
            "- Trung tâm Hành chính công tỉnh;",
            "- Lưu: VT, HCC, KTNS, Sở Nội vụ (2b).",
        ),
        authority=("CHỦ TỊCH",),
        signer="Cao Tiến Dũng",
    )

    b.page_break()
    b.center("PHỤ LỤC", size=BODY_PT)
    b.center(
        "KINH PHÍ TRIỂN KHAI KHẢO SÁT SỰ HÀI LÒNG CỦA NGƯỜI DÂN,",
        "DOANH NGHIỆP ĐỐI VỚI CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC",
        size=BODY_PT,
    )
    b.center(
        "(Kèm theo Kế hoạch số 1036 /KH-UBND ngày 10 / 02 / 2020)", bold=False, italic=True, size=BODY_PT
    )
    b.para()
    table = b.table(
        DONGNAI_BUDGET_HEADER,
        [
            ("1", "Phần mềm khảo sát", "150.000.000", "01 phần mềm", "150.000.000", ""),
            (
                "2",
                "Chi phí phỏng vấn đối tượng qua điện thoại",
                "40.000 đồng/ phiếu",
                "6000 phiếu",
                "240.000.000",
                "",
            ),
            (
                "3",
                "Chi phí phỏng vấn trực tiếp đối tượng",
                "15.000 đồng/ phiếu",
                "8.500 phiếu",
                "127.500.000",
                "",
            ),
            ("4", "Chi phí lập báo cáo kết quả khảo sát", "10.000.000", "01 báo cáo", "10.000.000", ""),
            ("5", "Chi phí đấu thầu", "40.000.000", "01 gói thầu", "40.000.000", ""),
            ("", "", "", "", "567.500.000 (Năm trăm sáu mươi bảy triệu, năm trăm nghìn đồng)", ""),
        ],
        (1.2, 4.9, 2.6, 2.6, 3.5, 1.7),
        center_columns=(0, 2, 3, 4),
    )
    # "Tổng cộng" spans STT, Nội dung chi, Đơn giá and Số lượng (w:gridSpan="4").
    total = table.cell(6, 0).merge(table.cell(6, 3))
    for paragraph in total.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    _fill(total, "Tổng cộng", bold=True, align=CENTER)
    return b.to_bytes()


def dongnai_stp_dispatch_2020() -> bytes:
    """Dispatch 376/STP-VP of Sở Tư pháp Đồng Nai passing plan 1036/KH-UBND on.

    Not a plan: no "KẾ HOẠCH" title, no bordered table at all.
    """
    b = _Builder()
    b.header(
        parent="UBND TỈNH ĐỒNG NAI",
        issuer="SỞ TƯ PHÁP",
        number="Số: ⟨376⟩ /STP-VP",
        summary=("V/v triển khai Kế hoạch số", "1036/KH-UBND ngày 10/02/2020", "của Chủ tịch UBND tỉnh"),
        place_date="Đồng Nai, ngày 13 tháng 02 năm 2020",
    )
    b.para()
    b.para("Kính gửi:", align=CENTER)
    for line in (
        "- Các phòng chuyên môn và tương đương;",
        "- Các đơn vị sự nghiệp trực thuộc Sở;",
        "- Phòng Tư pháp các huyện, thành phố Long Khánh, thành phố Biên Hòa.",
    ):
        b.para(line, align=LEFT, indent=False).paragraph_format.left_indent = Cm(4.0)
    b.para()
    b.paras(
        "Sở Tư pháp nhận được Kế hoạch số 1036/KH-UBND ngày 10/02/2020 của Chủ tịch UBND tỉnh về việc khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh Đồng Nai năm 2020. Về việc này, Giám đốc Sở Tư pháp yêu cầu:",
        "Trưởng các phòng chuyên môn và tương đương, các đơn vị sự nghiệp trực thuộc sở, Phòng Tư pháp các huyện, thành phố Long Khánh, thành phố Biên Hòa triển khai, tiếp tục tăng cường nâng cao chất lượng phục vụ, đảm bảo sự hài lòng tối đa của người dân của cơ quan hành chính nhà nước trên địa bàn tỉnh năm 2020.",
        "Kế hoạch số 1036/KH-UBND ngày 10/02/2020 của Chủ tịch UBND tỉnh về việc khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh Đồng Nai năm 2020 được đăng tải trên trang thông tin điện tử của Sở Tư pháp tại địa chỉ: http://stp.dongnai.gov.vn, mục văn bản điều hành. /",
    )
    b.signature(
        recipients=(
            "- Như trên;",
            "- Chủ tịch UBND tỉnh (b/c);",
            "- Văn phòng UBND tỉnh;",
            "- Sở Nội vụ;",
            "- Giám đốc, các Phó Giám đốc STP;",
            "- UBND các huyện, TP.LK, BH;",
            "- Trang TTĐT STP;",
            "- Lưu: VT, VP.",
        ),
        authority=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        signer="Ngô Văn Toàn",
    )
    return b.to_bytes()


# --- all of them ------------------------------------------------------------------------------

ALL: dict[str, Callable[[], bytes]] = {
    "vinhmy_2021": vinhmy_2021,
    "binhphuoc_2023": binhphuoc_2023,
    "camlam_2022": camlam_2022,
    "camau_2015": camau_2015,
    "dongnai_2020": dongnai_2020,
    "dongnai_stp_dispatch_2020": dongnai_stp_dispatch_2020,
}


def write_all(folder: Path) -> list[Path]:
    """Write every document as ``<name>.docx`` into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in ALL.items():
        path = folder / f"{name}.docx"
        path.write_bytes(build())
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m tests.plans.docx_fixtures [folder]
    import sys

    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(written)
