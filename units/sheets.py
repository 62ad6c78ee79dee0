"""Reading a spreadsheet of reorganisation events (a whole province's reform), row by row.

Columns (header row, Vietnamese or English): loai/kind, hieu_luc/effective, can_cu/basis,
don_vi/units, ke_thua/into (successors, or the new parent for a move), ten_moi/name.
Every bad row is named; nothing is applied unless every row reads.
"""

from __future__ import annotations

import datetime as dt

import tablib

from project.errors import ApplicationError

from .models import Reorganisation, Unit
from .reorganisation import EventSpec
from .text import fold

Kind = Reorganisation.Kind
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MSG_TOO_BIG = "Tệp quá lớn (tối đa 2 MB)."
MSG_TOO_MANY = "Tệp có quá nhiều dòng (tối đa {limit})."
MSG_UNREADABLE = "Không đọc được tệp: hãy dùng .xlsx hoặc .csv (UTF-8) có dòng tiêu đề."
MSG_COLUMNS = "Thiếu cột: {columns}."
MSG_ROW = "Dòng {row}: {problem}"
MSG_KIND = "loại «{value}» không rõ (đổi tên, hợp nhất, chia tách, giải thể, chuyển)."
MSG_DATE = "ngày hiệu lực «{value}» không đúng dạng dd/mm/yyyy."
MSG_CODE = "không có đơn vị mã {code}."
MSG_FAILED = "Bảng tính có {count} dòng sai; chưa áp dụng sự kiện nào."

COLUMNS = {
    "kind": ("loai", "kind", "loai su kien"),
    "effective": ("hieu luc", "hieu_luc", "effective", "ngay hieu luc"),
    "basis": ("can cu", "can_cu", "basis", "can cu phap ly"),
    "units": ("don vi", "don_vi", "units", "ma don vi"),
    "into": ("ke thua", "ke_thua", "into", "don vi ke thua", "cap tren moi", "parent"),
    "name": ("ten moi", "ten_moi", "name"),
}
KINDS = {
    "doi ten": Kind.RENAME,
    "rename": Kind.RENAME,
    "hop nhat": Kind.MERGE,
    "sap nhap": Kind.MERGE,
    "merge": Kind.MERGE,
    "chia tach": Kind.SPLIT,
    "split": Kind.SPLIT,
    "giai the": Kind.DISSOLVE,
    "dissolve": Kind.DISSOLVE,
    "chuyen": Kind.MOVE,
    "move": Kind.MOVE,
}


def _dataset(content: bytes, filename: str) -> tablib.Dataset:
    if len(content) > MAX_BYTES:
        raise ApplicationError(MSG_TOO_BIG)
    try:
        if filename.lower().endswith(".csv"):
            return tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        return tablib.Dataset().load(content, format="xlsx")
    except Exception:
        raise ApplicationError(MSG_UNREADABLE) from None


def _columns(headers) -> dict[str, int]:
    folded = [fold(str(h or "")).replace("_", " ") for h in headers]
    found = {}
    for key, names in COLUMNS.items():
        for index, header in enumerate(folded):
            if header in {n.replace("_", " ") for n in names}:
                found[key] = index
                break
    missing = [COLUMNS[key][0] for key in ("kind", "effective", "basis", "units") if key not in found]
    if missing:
        raise ApplicationError(MSG_COLUMNS.format(columns=", ".join(missing)))
    return found


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(MSG_DATE.format(value=text))


def _codes(text) -> list[str]:
    return [code.strip() for code in str(text or "").replace(";", ",").split(",") if code.strip()]


def _row_spec(row, cols: dict[str, int], units: dict[str, Unit], new_codes: set[str]) -> EventSpec:
    cell = lambda key: row[cols[key]] if key in cols and cols[key] < len(row) else ""  # noqa: E731
    kind = KINDS.get(fold(str(cell("kind") or "")))
    if kind is None:
        raise ValueError(MSG_KIND.format(value=cell("kind")))
    effective = _date(cell("effective"))
    sources, targets = _codes(cell("units")), _codes(cell("into"))
    name = str(cell("name") or "").strip()
    spec = EventSpec(
        kind=kind, effective_on=effective, basis=str(cell("basis") or ""), sources=[], new_name=name
    )
    if kind == Kind.MERGE and len(targets) == 1 and targets[0] not in units and name:
        spec.new_code = targets[0]
        new_codes.add(targets[0])
        targets = []
    for code in [*sources, *targets]:
        if code not in units and code not in new_codes:
            raise ValueError(MSG_CODE.format(code=code))
    spec.sources = [units.get(code) or Unit(code=code) for code in sources]
    spec.targets = [units.get(code) or Unit(code=code) for code in targets]
    return spec


def reorganisation_sheet_read(content: bytes, filename: str) -> list[EventSpec]:
    """Return the events of a spreadsheet, in row order; name every bad row."""
    data = _dataset(content, filename)
    if len(data) > MAX_ROWS:
        raise ApplicationError(MSG_TOO_MANY.format(limit=MAX_ROWS))
    cols = _columns(data.headers or [])
    units = {unit.code: unit for unit in Unit.objects.all()}
    specs, problems, new_codes = [], [], set()
    for number, row in enumerate(data, start=2):
        if not any(str(value or "").strip() for value in row):
            continue
        try:
            specs.append(_row_spec(row, cols, units, new_codes))
        except ValueError as error:
            problems.append(MSG_ROW.format(row=number, problem=error))
    if problems:
        raise ApplicationError(MSG_FAILED.format(count=len(problems)), problems=problems)
    return specs
