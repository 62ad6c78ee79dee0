"""Reading a plan written in Word: its heading, task table(s), signer and recipients."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from core.errors import ApplicationError

from .heading import Heading, read_heading
from .limits import check_office_xml, check_office_zip
from .table import RawTable, header_map, rows_from_grid
from .text import read_plan_text

MSG_NO_TABLE = (
    "Không tìm thấy bảng nhiệm vụ trong «{name}»: cần một bảng có dòng tiêu đề gồm Stt/TT, "
    "Nội dung và Cơ quan/Bộ phận chủ trì hoặc Trách nhiệm thực hiện."
)
MSG_UNREADABLE = "Không đọc được tệp Word «{name}»: {error}"


@dataclass
class PlanFile:
    """What a plan document says, as text."""

    heading: Heading
    table: RawTable
    problems: list[str] = field(default_factory=list)


def _paragraph_text(paragraph: Paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    # Read the style id from the XML: resolving paragraph.style searches every style, per paragraph.
    ppr = paragraph._p.pPr
    style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else ""
    numbered = ppr is not None and ppr.numPr is not None
    if ("List" in style_id or numbered) and not text.startswith(("-", "+", "•")):
        return f"- {text}"
    return text


def _cell_text(cell) -> str:
    return "\n".join(filter(None, (_paragraph_text(p) for p in cell.paragraphs)))


def table_grid(table: Table) -> list[list[str]]:
    """Cell texts by grid column; a merged cell's text appears once.

    Across a horizontal merge the text stays in the first column. Down a vertical
    merge it repeats (a lead unit written once for several rows leads each), except
    when the row's first cell is itself merged from above: that row continues the
    previous one, so its merged cells are left empty.
    """
    grid, above = [], []
    for row in table.rows:
        cells = list(row.cells)
        tcs = [cell._tc for cell in cells]
        texts, seen = [], set()
        for cell in cells:
            if cell._tc in seen:
                texts.append("")
                continue
            seen.add(cell._tc)
            texts.append(_cell_text(cell))
        merged_down = [i < len(above) and tc is above[i] for i, tc in enumerate(tcs)]
        if merged_down and merged_down[0]:
            texts = ["" if down else text for text, down in zip(texts, merged_down, strict=True)]
        grid.append(texts)
        above = tcs
    return grid


def read_tables(tables: list[Table]) -> RawTable:
    """Read every task table; a table without a header continues the previous one."""
    result = RawTable()
    mapping, width, line = None, 0, 0
    for table in tables:
        grid = table_grid(table)
        if not grid:
            continue
        found = header_map(grid[0])
        if found:
            mapping, width = found, len(grid[0])
            rows_from_grid(grid[1:], mapping, result, first_line=line + 2)
        elif mapping and len(grid[0]) == width:
            rows_from_grid(grid, mapping, result, first_line=line + 1)
        else:
            mapping = None
        line += len(grid)
    return result


def read_docx(data: bytes, *, name: str) -> PlanFile:
    check_office_zip(data, name=name, kind="docx")
    check_office_xml(data, name=name)  # bounded elements and paragraphs before python-docx builds a tree
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on broken parts
        raise ApplicationError(MSG_UNREADABLE.format(name=name, error=error)) from None
    blocks = list(document.iter_inner_content())
    tables = [block for block in blocks if isinstance(block, Table)]
    table = read_tables(tables)
    heading = read_heading(blocks, table_grid)
    read_plan_text(blocks).fill(heading)
    problems = list(table.problems)
    if not table.rows:
        problems.insert(0, MSG_NO_TABLE.format(name=name))
    return PlanFile(heading=heading, table=table, problems=problems)
