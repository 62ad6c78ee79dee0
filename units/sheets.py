"""Reading a spreadsheet of reorganisation events (a whole province's reform), row by row.

Columns (header row, Vietnamese or English): loai/kind, hieu_luc/effective, can_cu/basis,
don_vi/units, ke_thua/into (successors, or the new parent for a move), ten_moi/name.
Every bad row is named; nothing is applied unless every row reads.
"""

from __future__ import annotations

import datetime as dt

import tablib
from django.db import transaction

from core.errors import ApplicationError, DomainError
from core.text import fold

from .models import Membership, Reorganisation, Unit
from .reorganisation import EventSpec

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


# ----- units and people, for the coordinator's screens ------------------------------------

UNIT_COLUMNS = {
    "code": ("ma", "ma don vi", "code"),
    "name": ("ten", "ten day du", "name"),
    "short_name": ("ten ngan", "short name"),
    "symbol": ("ky hieu", "symbol"),
    "kind": ("loai", "kind"),
    "parent": ("ma cap tren", "don vi cap tren", "parent code", "parent"),
    "head": ("lanh dao duyet", "lanh dao duyet bao cao", "requires head approval"),
}
PEOPLE_COLUMNS = {
    "username": ("ten dang nhap", "username"),
    "full_name": ("ho ten", "ho va ten", "full name"),
    "email": ("thu dien tu", "email"),
    "unit": ("ma don vi", "don vi", "unit code"),
    "role": ("vai tro", "role"),
}
MSG_NO_ROWS = "Bảng tính không có dòng nào."
MSG_RENAME = "tên khác với tên hiện tại của {code}; đổi tên bằng sự kiện «Đổi tên» (giữ tên cũ)."
MSG_KIND_UNKNOWN = "loại «{value}» không có; chỉ nhận: {choices}."
MSG_PARENT = "không có đơn vị cấp trên mã {code}."
YES = {"1", "co", "x", "true", "yes"}
KIND_BY_LABEL = {fold(str(label)): value for value, label in Unit.Kind.choices} | {
    v: v for v in Unit.Kind.values
}


def _find_columns(headers, wanted: dict, required: tuple[str, ...]) -> dict[str, int]:
    folded = [fold(str(h or "")).replace("_", " ") for h in headers]
    found = {}
    for key, names in wanted.items():
        for index, header in enumerate(folded):
            if header in names:
                found[key] = index
                break
    missing = [wanted[key][0] for key in required if key not in found]
    if missing:
        raise ApplicationError(MSG_COLUMNS.format(columns=", ".join(missing)))
    return found


def _rows(content: bytes, filename: str, wanted: dict, required: tuple[str, ...]):
    data = _dataset(content, filename)
    if len(data) > MAX_ROWS:
        raise ApplicationError(MSG_TOO_MANY.format(limit=MAX_ROWS))
    cols = _find_columns(data.headers or [], wanted, required)
    rows = []
    for number, row in enumerate(data, start=2):
        values = {
            key: str(row[i] if i < len(row) and row[i] is not None else "").strip() for key, i in cols.items()
        }
        if any(values.values()):
            rows.append((number, values))
    if not rows:
        raise ApplicationError(MSG_NO_ROWS)
    return rows


def _all_or_nothing(rows, apply_row, dry_run: bool) -> list[str]:
    """Apply every row in one transaction; any bad row (named) or a dry run rolls all back."""
    done, problems = [], []
    with transaction.atomic():
        for number, values in rows:
            try:
                with transaction.atomic():
                    done.append(MSG_ROW.format(row=number, problem=apply_row(values)))
            except (DomainError, ValueError) as error:
                problems.append(MSG_ROW.format(row=number, problem=getattr(error, "message", str(error))))
        if problems:
            transaction.set_rollback(True)
            raise ApplicationError(MSG_FAILED_ROWS.format(count=len(problems)), problems=problems)
        if dry_run:
            transaction.set_rollback(True)
    return done


MSG_FAILED_ROWS = "Bảng tính có {count} dòng sai; chưa thay đổi gì."


def units_sheet_apply(*, content: bytes, filename: str, actor, dry_run: bool) -> list[str]:
    """Add units (and set short names, symbols, head approval of existing ones) from a sheet."""
    from .services import unit_create, unit_update

    def apply_row(values) -> str:
        code = values["code"].upper()
        existing = Unit.objects.filter(code=code).first()
        head = fold(values.get("head", "")) in YES
        if existing:
            if values.get("name") and values["name"] != existing.name:
                raise ValueError(MSG_RENAME.format(code=code))
            aliases = list(existing.aliases.values_list("text", flat=True))
            unit_update(
                actor=actor,
                unit=existing,
                short_name=values.get("short_name") or existing.short_name,
                symbol=values.get("symbol") or existing.symbol,
                requires_head_approval=head,
                aliases=aliases,
            )
            return f"cập nhật {existing}"
        kind = KIND_BY_LABEL.get(fold(values.get("kind") or "office"))
        if kind is None:
            raise ValueError(
                MSG_KIND_UNKNOWN.format(value=values["kind"], choices=", ".join(Unit.Kind.values))
            )
        parent = Unit.objects.filter(code=values.get("parent", "").upper()).first()
        if values.get("parent") and parent is None:
            raise ValueError(MSG_PARENT.format(code=values["parent"]))
        unit = unit_create(
            actor=actor,
            parent=parent,
            code=code,
            name=values.get("name", ""),
            kind=kind,
            short_name=values.get("short_name", ""),
            symbol=values.get("symbol", ""),
            requires_head_approval=head,
        )
        return f"thêm {unit}"

    rows = _rows(content, filename, UNIT_COLUMNS, ("code", "name", "parent"))
    return _all_or_nothing(rows, apply_row, dry_run)


def people_sheet_apply(*, content: bytes, filename: str, actor, dry_run: bool) -> list[str]:
    """Create accounts (without a password) and give them roles, from a sheet."""
    from django.contrib.auth import get_user_model

    from .services import membership_grant, person_create

    roles = {fold(str(label)): value for value, label in Membership.Role.choices} | {
        v: v for v in Membership.Role.values
    }

    def apply_row(values) -> str:
        unit = Unit.objects.filter(code=values.get("unit", "").upper()).first()
        if unit is None:
            raise ValueError(MSG_CODE.format(code=values.get("unit", "")))
        role = roles.get(fold(values.get("role", "")))
        if role is None:
            raise ValueError(f"vai trò «{values.get('role', '')}» không có.")
        username = values.get("username", "").lower()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            person_create(
                actor=actor,
                username=username,
                full_name=values.get("full_name", ""),
                email=values.get("email", ""),
                unit=unit,
                role=role,
            )
            return f"tạo tài khoản {username} — {Membership.Role(role).label} — {unit}"
        membership_grant(actor=actor, user=user, unit=unit, role=role)
        return f"giao vai trò cho {username} — {Membership.Role(role).label} — {unit}"

    rows = _rows(content, filename, PEOPLE_COLUMNS, ("username", "full_name", "unit", "role"))
    return _all_or_nothing(rows, apply_row, dry_run)
