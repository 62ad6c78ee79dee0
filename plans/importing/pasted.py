"""Rows copied from a Word or Excel table and pasted into a text box: tab-separated lines."""

from __future__ import annotations

from .table import RawTable, header_map, rows_from_grid

# Without a header line, the columns are those of the usual task table.
MAX_ROWS = 500
DEFAULT_COLUMNS = {0: "order", 1: "content", 2: "lead", 3: "coordinating", 4: "deadline", 5: "result"}
MSG_TOO_MANY = "Chỉ dán tối đa {limit} dòng một lần."
MSG_EMPTY = "Chưa có dòng nào: hãy dán các dòng đã chép từ bảng Word hoặc Excel."


def read_pasted(text: str) -> RawTable:
    """Read pasted lines; a first line of column names ("Stt", "Nội dung"…) says which is which."""
    grid = [line.split("\t") for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]
    table = RawTable()
    if not grid:
        table.problems.append(MSG_EMPTY)
        return table
    if len(grid) > MAX_ROWS:
        table.problems.append(MSG_TOO_MANY.format(limit=MAX_ROWS))
        return table
    mapping = header_map(grid[0])
    first_line = 1
    if mapping:
        grid, first_line = grid[1:], 2
    rows_from_grid(grid, mapping or DEFAULT_COLUMNS, table, first_line=first_line)
    if not table.rows and not table.problems:
        table.problems.append(MSG_EMPTY)
    return table
