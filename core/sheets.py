"""Spreadsheets a user downloads: what someone typed comes back as the text they typed.

A task written as ``=HYPERLINK("http://…")`` or ``=cmd|' /C calc'!A0`` would run as a formula when an
officer opens the file, and a vertical tab pasted from Word is a character an .xlsx may not hold at
all (the export failed). Every .xlsx and .csv export writes its cells through here: in a workbook
text is stored as text whatever it starts with, in a CSV a text that starts like a formula gets a
leading apostrophe (what spreadsheet programs read as "this is text"), and in both the characters no
spreadsheet may hold are dropped.
"""

from __future__ import annotations

import csv
import io

from import_export.formats.base_formats import CSV, XLSX
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font

# What a spreadsheet program may take for the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def sheet_value(value):
    """The value without the control characters an .xlsx cannot hold; other values as they are."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def csv_value(value):
    """The value for a CSV cell: text that starts like a formula is marked as text."""
    value = sheet_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _keep_text(cell):
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl would store "=…" as a formula
    return cell


def text_cell(sheet, row: int, column: int, value):
    """Write one cell of a workbook; text stays text, even when it starts like a formula."""
    return _keep_text(sheet.cell(row=row, column=column, value=sheet_value(value)))


def sheet_cell(sheet, value) -> Cell:
    """A cell to hand to ``sheet.append`` (in a normal or a write-only workbook), text kept as text."""
    return _keep_text(Cell(sheet, row=1, column=1, value=sheet_value(value)))  # as WriteOnlyCell


def append_row(sheet, values) -> None:
    """``sheet.append`` with every cell written as ``text_cell`` writes it."""
    sheet.append([sheet_cell(sheet, value) for value in values])


def dataset_xlsx(dataset, *, title: str = "") -> bytes:
    """A tablib dataset as a workbook: bold header row, frozen below it, text kept as text."""
    book = Workbook()
    sheet = book.active
    sheet.title = (title or dataset.title or "Bang")[:31]
    if dataset.headers:
        append_row(sheet, dataset.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for row in dataset:
        append_row(sheet, row)
    return workbook_bytes(book)


def dataset_csv(dataset) -> str:
    """A tablib dataset as CSV text, each cell through ``csv_value``."""
    out = io.StringIO()
    writer = csv.writer(out)
    if dataset.headers:
        writer.writerow([csv_value(value) for value in dataset.headers])
    for row in dataset:
        writer.writerow([csv_value(value) for value in row])
    return out.getvalue()


def workbook_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class SafeXLSX(XLSX):
    """django-import-export's .xlsx format, written through ``dataset_xlsx``."""

    def export_data(self, dataset, **kwargs):
        return dataset_xlsx(dataset)


class SafeCSV(CSV):
    """django-import-export's .csv format, written through ``dataset_csv``."""

    def export_data(self, dataset, **kwargs):
        return dataset_csv(dataset)
