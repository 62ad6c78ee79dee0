"""From a grid of cell texts to task rows: headers, sections, continuations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text import fold

# Column → folded header phrases that name it, most specific first.
HEADERS = {
    "order": ("stt", "tt", "so tt", "so thu tu"),
    "lead": ("co quan chu tri", "bo phan chu tri", "don vi chu tri", "chu tri"),
    "coordinating": ("co quan phoi hop", "bo phan phoi hop", "don vi phoi hop", "phoi hop"),
    "responsibility": ("trach nhiem thuc hien", "trach nhiem", "co quan thuc hien", "don vi thuc hien"),
    "deadline": ("thoi gian", "tien do", "thoi han", "thoi gian hoan thanh"),
    "result": ("ket qua", "san pham"),
    "content": ("noi dung", "cong viec", "nhiem vu", "giai phap"),
    "section": ("muc",),
}
# A section row has a Roman number and a title, nothing in these columns.
TASK_ONLY_COLUMNS = ("lead", "responsibility", "deadline", "result")
MSG_ORPHAN = "Dòng {line}: có nội dung nhưng không có số thứ tự và không có dòng trước."
# "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in one cell: a Roman number, then the section's title.
NUMBERED_TITLE = re.compile(r"^(?P<label>[IVXLC]+)\s*[.):]\s*(?P<title>\S.*)$", re.DOTALL)
ROMAN = re.compile(r"^(?=[ivxlc]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


@dataclass
class RawRow:
    """One task row as written, before units and deadlines are read."""

    line: int  # row number in the source table(s), for messages
    order: str = ""
    section: str | None = None
    content: str = ""
    lead: str = ""
    coordinating: str = ""
    responsibility: str = ""
    deadline: str = ""
    result: str = ""


@dataclass
class RawTable:
    sections: list[tuple[str, str]] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _column_for(header: str) -> str | None:
    text = fold(header)
    for column, phrases in HEADERS.items():
        if any(text == phrase or text.startswith(phrase + " ") for phrase in phrases):
            return column
    for column, phrases in HEADERS.items():
        if any(phrase in text for phrase in phrases if len(phrase) > 3):
            return column
    return None


def header_map(cells: list[str]) -> dict[int, str] | None:
    """Map column index → field when ``cells`` is a task-table header row."""
    mapping = {}
    for index, cell in enumerate(cells):
        column = _column_for(cell) if cell.strip() else None
        if column and column not in mapping.values():
            mapping[index] = column
    has_units = {"lead", "responsibility"} & set(mapping.values())
    if "content" in mapping.values() and "order" in mapping.values() and (has_units or len(mapping) >= 4):
        return mapping
    return None


def is_roman(text: str) -> bool:
    return bool(text) and bool(ROMAN.match(fold(text).replace(" ", "")))


def _is_header_again(cells: list[str], mapping: dict[int, str]) -> bool:
    """A header row repeated on a new page: its Stt cell reads "Stt"/"TT"."""
    order_index = next(index for index, column in mapping.items() if column == "order")
    order = fold(cells[order_index]) if order_index < len(cells) else ""
    return order in HEADERS["order"] and header_map(cells) == mapping


def _values(cells: list[str], mapping: dict[int, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for index, column in mapping.items():
        if index < len(cells):
            values[column] = cells[index].strip()
    return values


def _append(row: RawRow, values: dict[str, str]) -> None:
    for column, text in values.items():
        if text and column != "order":
            current = getattr(row, column)
            # A sentence cut by a page break goes on; anything else starts a new line.
            joiner = " " if current and current[-1] not in ".;:!?" and text[:1].islower() else "\n"
            setattr(row, column, f"{current}{joiner}{text}" if current else text)


def _section_title(values: dict[str, str], cells: list[str]) -> str:
    title = values.get("content") or ""
    if not title:
        title = next((c.strip() for c in cells if c.strip() and not is_roman(c.strip())), "")
    return title


def _merged_section(cells: list[str]) -> tuple[str, str] | None:
    """A section row written as one cell merged across the table: its label and title."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) != 1:
        return None
    match = NUMBERED_TITLE.match(filled[0])
    if not match or not is_roman(match.group("label")):
        return None
    return match.group("label").upper(), " ".join(match.group("title").split())


def rows_from_grid(grid: list[list[str]], mapping: dict[int, str], table: RawTable, *, first_line: int = 1):
    """Add the rows of one grid (already past its header) to ``table``."""
    current_section = table.sections[-1][0] if table.sections else None
    for offset, cells in enumerate(grid):
        line = first_line + offset
        if not any(c.strip() for c in cells) or _is_header_again(cells, mapping):
            continue
        merged = _merged_section(cells)
        if merged:
            current_section = merged[0]
            table.sections.append(merged)
            continue
        values = _values(cells, mapping)
        order = values.get("order", "").rstrip(".")
        if is_roman(order) and not any(
            values.get(k) for k in ("lead", "responsibility", "deadline", "result")
        ):
            current_section = order.upper()
            table.sections.append((current_section, _section_title(values, cells)))
            continue
        if not order:
            if table.rows:
                _append(table.rows[-1], values)  # a row split across pages, or a continued cell
            else:
                table.problems.append(
                    f"Dòng {line}: có nội dung nhưng không có số thứ tự và không có dòng trước."
                )
            continue
        row = RawRow(line=line, order=order, section=values.get("section") or current_section)
        _append(row, values)
        table.rows.append(row)
