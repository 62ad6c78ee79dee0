"""Importing a plan's task table: read the file, recognise units and deadlines, preview, create.

``plan_import_read`` never writes; the preview it returns is kept with the upload
(``ImportPreview.to_dict``) so that confirming does not read the file again, and
``tasks.services.lifecycle.plan_import_create`` creates the draft plan from it.
Unrecognised unit names and unreadable deadlines are kept as written and listed row
by row for a person to resolve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from core.calendar import work_calendar
from core.errors import ApplicationError
from core.workdays import WorkCalendar
from plans.importing.docx import PlanFile, read_docx
from plans.importing.pasted import read_pasted
from plans.importing.responsibility import read_responsibility
from plans.importing.sheet import read_sheet
from units.matching import UnitMatcher
from units.models import Unit
from units.selectors import unit_descendant_ids

from .deadline_parser import parse_deadline
from .deadlines import DeadlinePart, Kind, due_dates, plan_span

MSG_KIND = "Tệp «{name}»: chỉ nhận Word (.docx), Excel (.xlsx) hoặc CSV (.csv)."
MSG_HAS_ERRORS = "Tệp có {count} lỗi; chưa tạo gì. Sửa tệp rồi tải lên lại."
MSG_UNIT = "Dòng {line} (Stt {order}): chưa nhận ra đơn vị «{name}»."
MSG_NO_LEAD = "Dòng {line} (Stt {order}): chưa có đơn vị chủ trì."
MSG_DEADLINE = "Dòng {line} (Stt {order}): {warning}"
MSG_NO_CONTENT = "Dòng {line} (Stt {order}): thiếu nội dung công việc."
MSG_GENERIC = "Dòng {line} (Stt {order}): bỏ qua «{name}» (không chỉ rõ đơn vị)."


@dataclass
class ImportRow:
    line: int
    order: str
    section: str | None
    content: str
    expected_result: str
    responsibility_text: str
    deadline_text: str
    lead_units: list[str] = field(default_factory=list)
    coordinating_units: list[str] = field(default_factory=list)
    unmatched_units: list[str] = field(default_factory=list)
    # Of those, the names written as coordinating: the preview keeps them in that column.
    unmatched_coordinating: list[str] = field(default_factory=list)
    deadline: list[dict] = field(default_factory=list)
    due_dates: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    name: str
    issuer: str
    heading: dict
    sections: list[dict]
    tasks: list[ImportRow]
    errors: list[str]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        """Everything, to be kept as JSON and read back by ``from_dict``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ImportPreview:
        return cls(**(data | {"tasks": [ImportRow(**row) for row in data["tasks"]]}))

    def as_json(self) -> dict:
        tasks = [
            {key: value for key, value in asdict(row).items() if key not in ("line", "deadline")}
            for row in self.tasks
        ]
        return self.heading | {
            "issuer": self.issuer,
            "sections": self.sections,
            "tasks": tasks,
            "errors": self.errors,
            "warnings": self.warnings,
        }

    def as_plan_data(self) -> dict:
        heading = self.heading
        year = heading.get("year") or dt.date.today().year
        dates = [dt.date.fromisoformat(d) for row in self.tasks for d in row.due_dates]
        start, end = _span(year, heading.get("date"))
        start, end = min([start, *dates]), max([end, *dates])
        return heading | {
            "issuer": self.issuer,
            "year": year,
            "place": heading.get("place") or "—",
            "title": heading.get("title") or PurePath(self.name).stem,
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "sections": self.sections,
            "tasks": [
                asdict(row) | {"order": row.order, "expected_result": row.expected_result}
                for row in self.tasks
            ],
        }


def _read_file(data: bytes, name: str) -> PlanFile:
    suffix = PurePath(name).suffix.lower()
    if suffix == ".docx":
        return read_docx(data, name=name)
    if suffix in (".xlsx", ".csv"):
        return read_sheet(data, name=name)
    raise ApplicationError(MSG_KIND.format(name=name))


def _units(names: list[str], matcher: UnitMatcher, *, unmatched: list[str]) -> list[str]:
    codes = []
    for name in names:
        found = matcher.match(name)
        if not found:
            unmatched.append(name)
        codes.extend(unit.code for unit in found if unit.code not in codes)
    return codes


def _span(year: int | None, signed: str | None) -> tuple[dt.date, dt.date]:
    return plan_span(
        year=year or dt.date.today().year, signed=dt.date.fromisoformat(signed) if signed else None
    )


def _deadline(row: ImportRow, *, year: int | None, span, warnings: list[str], calendar: WorkCalendar) -> None:
    parsed = parse_deadline(row.deadline_text, year=year)
    label = {"line": row.line, "order": row.order}
    warnings.extend(MSG_DEADLINE.format(warning=w, **label) for w in parsed.warnings)
    parts = parsed.parts if parsed.readable else [DeadlinePart(kind=Kind.UNPARSED)]
    row.deadline = [part.to_dict() for part in parts]
    dates = due_dates(parts, span_start=span[0], span_end=span[1], calendar=calendar)
    row.due_dates = [d.isoformat() for d in dates]


def _row(
    raw, matcher: UnitMatcher, *, year, span, errors: list[str], warnings: list[str], calendar
) -> ImportRow:
    row = ImportRow(
        line=raw.line,
        order=raw.order,
        section=raw.section,
        content=raw.content.strip(),
        expected_result=raw.result.strip(),
        deadline_text=raw.deadline.strip(),
        responsibility_text=raw.responsibility.strip()
        or "; ".join(
            filter(
                None,
                (
                    f"Chủ trì: {raw.lead}" if raw.lead else "",
                    f"Phối hợp: {raw.coordinating}" if raw.coordinating else "",
                ),
            )
        ),
    )
    label = {"line": row.line, "order": row.order}
    who = read_responsibility(
        responsibility="" if (raw.lead or raw.coordinating) else raw.responsibility,
        lead=raw.lead,
        coordinating=raw.coordinating,
    )
    row.lead_units = _units(who.leads, matcher, unmatched=row.unmatched_units)
    coordinating = _units(who.coordinating, matcher, unmatched=row.unmatched_coordinating)
    row.coordinating_units = [c for c in coordinating if c not in row.lead_units]
    row.unmatched_units.extend(row.unmatched_coordinating)
    warnings.extend(MSG_GENERIC.format(name=name, **label) for name in who.generic)
    warnings.extend(MSG_UNIT.format(name=name, **label) for name in row.unmatched_units)
    if not row.lead_units:
        warnings.append(MSG_NO_LEAD.format(**label))
    if not row.content:
        errors.append(MSG_NO_CONTENT.format(**label))
    _deadline(row, year=year, span=span, warnings=warnings, calendar=calendar)
    return row


def issuer_tree(issuer: Unit) -> list[Unit]:
    """The units a plan of ``issuer`` may name: the whole tree of its top unit."""
    top = issuer
    while top.parent_id:
        top = top.parent
    return list(Unit.objects.filter(id__in=unit_descendant_ids({top.id}), is_active=True))


def plan_import_read(*, data: bytes, name: str, issuer: Unit, year: int | None = None) -> ImportPreview:
    """Read a plan file into a preview; nothing is written."""
    plan_file = _read_file(data, name)
    heading = plan_file.heading.as_data()
    year = year or heading.get("year")
    heading["year"] = year
    matcher = UnitMatcher(issuer_tree(issuer))
    errors, warnings = list(plan_file.problems), []
    calendar = work_calendar()
    rows = [
        _row(
            raw,
            matcher,
            year=year,
            span=_span(year, heading.get("date")),
            errors=errors,
            warnings=warnings,
            calendar=calendar,
        )
        for raw in plan_file.table.rows
    ]
    sections = [{"label": label, "title": title} for label, title in plan_file.table.sections]
    return ImportPreview(
        name=name,
        issuer=issuer.code,
        heading=heading,
        sections=sections,
        tasks=rows,
        errors=errors,
        warnings=warnings,
    )


@dataclass
class PastedRows:
    rows: list[dict]
    sections: list[tuple[str, str]]
    errors: list[str]
    warnings: list[str]


def plan_paste_read(*, text: str, plan) -> PastedRows:
    """Read rows pasted into a draft plan: units and deadlines recognised as in a file import."""
    table = read_pasted(text)
    matcher = UnitMatcher(issuer_tree(plan.issuer))
    errors, warnings = list(table.problems), []
    calendar = work_calendar()
    span = (plan.period_start, plan.period_end)
    rows = [
        _row(raw, matcher, year=plan.year, span=span, errors=errors, warnings=warnings, calendar=calendar)
        for raw in table.rows
    ]
    data = [asdict(row) | {"order": row.order} for row in rows]
    return PastedRows(rows=data, sections=table.sections, errors=errors, warnings=warnings)
