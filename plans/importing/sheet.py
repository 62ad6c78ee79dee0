"""Reading a plan's task table from a spreadsheet (.xlsx or .csv), via django-import-export's formats."""

from __future__ import annotations

import datetime as dt

from import_export.formats.base_formats import CSV, XLSX

from core.errors import ApplicationError

from .docx import MSG_NO_TABLE, PlanFile
from .heading import Heading
from .limits import check_office_xml, check_office_zip, check_size
from .table import RawTable, header_map, rows_from_grid

MSG_UNREADABLE = "Không đọc được bảng tính «{name}»: {error}"
MSG_ENCODING = "Tệp CSV «{name}» phải được lưu với bảng mã UTF-8."


def _dataset(data: bytes, *, name: str):
    if name.lower().endswith(".csv"):
        check_size(name=name, size=len(data))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ApplicationError(MSG_ENCODING.format(name=name)) from None
        return CSV().create_dataset(text)
    check_office_zip(data, name=name, kind="xlsx")
    check_office_xml(data, name=name)  # bounded elements before openpyxl builds a tree
    return XLSX().create_dataset(data)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def read_sheet(data: bytes, *, name: str) -> PlanFile:
    """The first sheet's header row names the columns, as in the template the product offers."""
    try:
        dataset = _dataset(data, name=name)
    except ApplicationError:
        raise
    except Exception as error:  # openpyxl and csv raise many kinds on broken files
        raise ApplicationError(MSG_UNREADABLE.format(name=name, error=error)) from None
    headers = [str(h or "") for h in (dataset.headers or [])]
    table = RawTable()
    mapping = header_map(headers)
    if mapping:
        grid = [[_text(value) for value in row] for row in dataset]
        rows_from_grid(grid, mapping, table, first_line=2)
    problems = list(table.problems)
    if not table.rows:
        problems.insert(0, MSG_NO_TABLE.format(name=name))
    return PlanFile(heading=Heading(), table=table, problems=problems)
