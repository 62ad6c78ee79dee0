"""A plan's progress as a workbook to send upward: matrix, obligations and ranking on named sheets."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.sheets import text_cell, workbook_bytes

from .models import Deliverable, Task
from .progress import progress_ranking

State = Deliverable.State

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


def _header(sheet, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        text_cell(sheet, 1, column, name).font = Font(bold=True)
    sheet.freeze_panes = "A2"


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
    return (
        Deliverable.objects.filter(task__plan=plan)
        .select_related("task__section", "unit")
        .order_by("task__section__position", "task__position", "task_id", "unit__name", "due_date", "id")
    )


def _matrix_sheet(sheet, plan, items: list[Deliverable], today: dt.date) -> None:
    units = sorted({item.unit for item in items}, key=lambda unit: unit.name)
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("section")
        .order_by("section__position", "position", "id")
    )
    cells: dict[tuple[int, int], list[Deliverable]] = {}
    for item in items:
        cells.setdefault((item.task_id, item.unit_id), []).append(item)
    _header(sheet, ["Stt", "Nhiệm vụ", *[unit.name for unit in units]])
    for row, task in enumerate(tasks, start=2):
        text_cell(sheet, row, 1, task.full_label)
        text_cell(sheet, row, 2, task.content).alignment = Alignment(wrap_text=True, vertical="top")
        for column, unit in enumerate(units, start=3):
            found = cells.get((task.pk, unit.pk))
            if found:
                text_cell(sheet, row, column, _cell_summary(found, today))
    sheet.column_dimensions["B"].width = 60


def _items_sheet(sheet, items: list[Deliverable], today: dt.date) -> None:
    _header(sheet, ITEM_COLUMNS)
    for row, item in enumerate(items, start=2):
        values = [
            item.task.full_label,
            item.task.content,
            item.unit.name,
            item.period_label,
            item.original_due_date,
            item.due_date,
            "Quá hạn" if item.is_overdue(today) else item.get_state_display(),
            timezone.localdate(item.submitted_at) if item.submitted_at else None,
            item.get_timeliness_display() if item.timeliness else "",
            days_late(item, today),
        ]
        for column, value in enumerate(values, start=1):
            cell = text_cell(sheet, row, column, value)
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 32


def _ranking_sheet(sheet, plan, today: dt.date) -> None:
    _header(sheet, RANKING_COLUMNS)
    ranking = progress_ranking(Deliverable.objects.filter(task__plan=plan), today)
    for row, unit in enumerate(ranking, start=2):
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
        for column, value in enumerate(values, start=1):
            text_cell(sheet, row, column, value)
    sheet.column_dimensions["B"].width = 40


def progress_workbook(*, plan, user, today: dt.date) -> bytes:
    """The plan's progress on three named sheets; the caller has checked the user may read the plan."""
    items = list(_items(plan))
    book = Workbook()
    matrix = book.active
    matrix.title = SHEET_MATRIX
    _matrix_sheet(matrix, plan, items, today)
    _items_sheet(book.create_sheet(SHEET_ITEMS), items, today)
    _ranking_sheet(book.create_sheet(SHEET_RANKING), plan, today)
    return workbook_bytes(book)
