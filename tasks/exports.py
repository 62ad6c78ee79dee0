"""A plan's progress as a workbook to send upward: matrix, obligations and ranking on named sheets.

Written in openpyxl's write-only mode, row by row from a database cursor: the memory it takes is
one task's obligations at a time, however large the plan (a province's plan: 100 000 rows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.sheets import sheet_cell
from units.models import Unit
from units.selectors import UnitNames

from .models import Deliverable, Task
from .progress import progress_ranking
from .selectors import deliverable_unit_label

State = Deliverable.State
CHUNK = 2000  # rows fetched at a time, and how often the job reports progress
SHEET_MATRIX = "Ma trận đơn vị × nhiệm vụ"
SHEET_ITEMS = "Nghĩa vụ"
SHEET_RANKING = "Xếp hạng đơn vị"
ITEM_COLUMNS = [
    "Stt",
    "Nhiệm vụ",
    "Đơn vị",
    "Kỳ",
    "Hạn ban đầu",
    "Hạn đang áp dụng",
    "Trạng thái",
    "Ngày gửi",
    "Tiến độ khi gửi",
    "Số ngày trễ",
]
RANKING_COLUMNS = [
    "Hạng",
    "Đơn vị",
    "Số nghĩa vụ",
    "Được miễn",
    "Đã hoàn thành",
    "Tỷ lệ hoàn thành (%)",
    "Đã gửi báo cáo",
    "Gửi trước hoặc đúng hạn",
    "Tỷ lệ đúng hạn (%)",
    "Đang quá hạn",
]


BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def text_cell(sheet, value, *, font=None, alignment=None):
    """A write-only cell; text stays text even when it starts like a formula ("=SUM(…)", "+84…"),
    without the control characters an .xlsx cannot hold (``core.sheets``)."""
    cell = sheet_cell(sheet, value)
    if isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    if font:
        cell.font = font
    if alignment:
        cell.alignment = alignment
    return cell


def _header(sheet, names: list[str], widths: dict[str, int]) -> None:
    # Write-only sheets take their layout before the first row.
    sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.append([text_cell(sheet, name, font=BOLD) for name in names])


def days_late(item: Deliverable, today: dt.date) -> int:
    """Days past the due date: at sending for a sent report, up to today for an open one."""
    if item.submitted_at:
        return max((timezone.localdate(item.submitted_at) - item.due_date).days, 0)
    if item.state in Deliverable.OPEN_STATES:
        return max((today - item.due_date).days, 0)
    return 0


def _cell_summary(items: list[Deliverable], today: dt.date) -> str:
    if len(items) == 1:
        item = items[0]
        text = f"{item.get_state_display()} — hạn {item.due_date:%d/%m/%Y}"
        late = days_late(item, today)
        return f"{text}, trễ {late} ngày" if late else text
    done = sum(1 for item in items if item.state == State.ACCEPTED)
    overdue = sum(1 for item in items if item.is_overdue(today))
    text = f"{done}/{len(items)} hoàn thành"
    return f"{text}, {overdue} quá hạn" if overdue else text


def _items(plan):
    """The plan's obligations task by task (the tasks' own order), then by unit and due date."""
    return (
        Deliverable.objects.filter(task__plan=plan)
        .select_related("task__section", "unit", "original_unit")
        .order_by("task__section__position", "task__position", "task_id", "unit__name", "due_date", "id")
    )


class _Progress:
    """Counts rows written and tells the caller every ``CHUNK`` rows."""

    def __init__(self, report: Callable[[int], None] | None):
        self.report, self.done = report, 0

    def step(self) -> None:
        self.done += 1
        if self.report and self.done % CHUNK == 0:
            self.report(self.done)


def _plan_units(plan):
    """The units that owe something in the plan: the matrix's columns."""
    return Unit.objects.filter(id__in=Deliverable.objects.filter(task__plan=plan).values("unit_id"))


def _plan_names(plan) -> UnitNames:
    """The plan's units and those its moved obligations came from, read once for the workbook."""
    owed = Deliverable.objects.filter(task__plan=plan)
    return UnitNames(
        Unit.objects.filter(Q(id__in=owed.values("unit_id")) | Q(id__in=owed.values("original_unit_id")))
    )


def _matrix_sheet(sheet, plan, today: dt.date, counter: _Progress, names: UnitNames) -> None:
    units = [(unit.pk, names.label(unit, plan.date)) for unit in _plan_units(plan).order_by("name")]
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("section")
        .order_by("section__position", "position", "id")
    )
    _header(sheet, ["Stt", "Nhiệm vụ", *[name for _, name in units]], {"B": 60})
    by_task = groupby(_items(plan).iterator(chunk_size=CHUNK), key=lambda item: item.task_id)
    current = next(by_task, None)
    for task in tasks:  # a plan has tens or hundreds of tasks; their obligations stream
        cells: dict[int, list[Deliverable]] = {}
        if current is not None and current[0] == task.pk:
            for item in current[1]:
                cells.setdefault(item.unit_id, []).append(item)
                counter.step()
            current = next(by_task, None)
        row = [text_cell(sheet, task.full_label), text_cell(sheet, task.content, alignment=WRAP)]
        for unit_id, _ in units:
            found = cells.get(unit_id)
            row.append(text_cell(sheet, _cell_summary(found, today)) if found else None)
        sheet.append(row)


def _items_sheet(sheet, plan, today: dt.date, counter: _Progress, names: UnitNames) -> None:
    _header(sheet, ITEM_COLUMNS, {"B": 60, "C": 32})
    for item in _items(plan).iterator(chunk_size=CHUNK):
        values = [
            item.task.full_label,
            item.task.content,
            deliverable_unit_label(names, item),  # as on the record's date, "…, nay là …"
            item.period_label,
            item.original_due_date,
            item.due_date,
            "Quá hạn" if item.is_overdue(today) else item.get_state_display(),
            timezone.localdate(item.submitted_at) if item.submitted_at else None,
            item.get_timeliness_display() if item.timeliness else "",
            days_late(item, today),
        ]
        sheet.append([text_cell(sheet, value) for value in values])
        counter.step()


def _ranking_sheet(sheet, plan, today: dt.date) -> None:
    _header(sheet, RANKING_COLUMNS, {"B": 40})
    ranking = progress_ranking(Deliverable.objects.filter(task__plan=plan), today)
    for unit in ranking:
        values = [
            unit.rank,
            unit.name,
            unit.total,
            unit.waived,
            unit.accepted,
            unit.completion,
            unit.reported,
            unit.in_time,
            unit.on_time,
            unit.overdue,
        ]
        sheet.append([text_cell(sheet, value) for value in values])


def progress_workbook_write(
    *, plan, today: dt.date, target, progress: Callable[[int], None] | None = None
) -> int:
    """Write the plan's progress on three named sheets to ``target`` (a path or a binary file).

    Each obligation is read twice (matrix, then its own row); ``progress`` hears the rows done so far.
    The caller has checked the user may read the plan. Return the number of obligations.
    """
    book = Workbook(write_only=True)
    counter = _Progress(progress)
    names = _plan_names(plan)
    _matrix_sheet(book.create_sheet(SHEET_MATRIX), plan, today, counter, names)
    _items_sheet(book.create_sheet(SHEET_ITEMS), plan, today, counter, names)
    _ranking_sheet(book.create_sheet(SHEET_RANKING), plan, today)
    book.save(target)
    return counter.done // 2
