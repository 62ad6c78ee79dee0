"""The year at a glance: completion and timeliness figures read as database aggregates.

Every figure here is one GROUP BY over the user's obligations (never a loop over rows), so the
dashboard, the plan's progress workbook and the quarterly report read the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from units.models import Unit

from .models import Deliverable, Task
from .selectors import deliverable_list_for_user

State = Deliverable.State
IN_TIME = (Deliverable.Timeliness.EARLY, Deliverable.Timeliness.ON_TIME)


def progress_scope(*, user, plan_id: int | None = None, year: int | None = None):
    """The user's obligations, narrowed to one plan and to the due dates of one year."""
    queryset = deliverable_list_for_user(user)
    if plan_id:
        queryset = queryset.filter(task__plan_id=plan_id)
    if year:
        queryset = queryset.filter(due_date__gte=dt.date(year, 1, 1), due_date__lte=dt.date(year, 12, 31))
    return queryset


def _figures(today: dt.date) -> dict:
    open_q = Q(state__in=Deliverable.OPEN_STATES)
    return {
        "total": Count("id"),
        "waived": Count("id", filter=Q(state=State.WAIVED)),
        "accepted": Count("id", filter=Q(state=State.ACCEPTED)),
        "submitted": Count("id", filter=Q(state=State.SUBMITTED)),
        "open": Count("id", filter=open_q),
        "overdue": Count("id", filter=open_q & Q(due_date__lt=today)),
        "reported": Count("id", filter=~Q(timeliness="")),
        "in_time": Count("id", filter=Q(timeliness__in=IN_TIME)),
        "late": Count("id", filter=Q(timeliness=Deliverable.Timeliness.LATE)),
    }


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Figures:
    total: int = 0
    waived: int = 0
    accepted: int = 0
    submitted: int = 0
    open: int = 0
    overdue: int = 0
    reported: int = 0  # sent at least once, so on time or late is known
    in_time: int = 0  # sent before or on the due date
    late: int = 0

    @property
    def owed(self) -> int:
        """Obligations that count: a waived one is owed by nobody."""
        return self.total - self.waived

    @property
    def completion(self) -> float | None:
        """Share of owed obligations accepted by Nội vụ (%)."""
        return _percent(self.accepted, self.owed)

    @property
    def on_time(self) -> float | None:
        """Share of sent reports that were sent by their due date (%)."""
        return _percent(self.in_time, self.reported)


@dataclass
class UnitFigures(Figures):
    unit_id: int = 0
    name: str = ""
    rank: int = 0


def progress_totals(queryset, today: dt.date) -> Figures:
    return Figures(**queryset.order_by().aggregate(**_figures(today)))


def progress_ranking(queryset, today: dt.date) -> list[UnitFigures]:
    """Units ranked by completion, then on-time rate, then fewest overdue (one GROUP BY)."""
    rows = list(queryset.order_by().values("unit_id").annotate(**_figures(today)))
    names = dict(Unit.objects.filter(id__in=[row["unit_id"] for row in rows]).values_list("id", "name"))
    units = [UnitFigures(name=names.get(row["unit_id"], ""), **row) for row in rows]
    units.sort(key=lambda u: (-(u.completion or 0), -(u.on_time or 0), u.overdue, u.name))
    for rank, unit in enumerate(units, start=1):
        unit.rank = rank
    return units


@dataclass
class MonthFigures:
    year: int
    month: int
    due: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)


def progress_by_month(queryset, today: dt.date) -> list[MonthFigures]:
    """Obligations due per month and how many of them are done.

    Grouped by due date and state in SQL (a few hundred groups a year), folded into months here:
    date truncation in the ORM runs once per row on SQLite.
    """
    rows = queryset.order_by().values_list("due_date", "state").annotate(n=Count("id"))
    months: dict[tuple[int, int], MonthFigures] = {}
    for due, state, n in rows:
        month = months.setdefault((due.year, due.month), MonthFigures(due.year, due.month))
        month.due += n
        if state == State.ACCEPTED:
            month.done += n
        elif state in Deliverable.OPEN_STATES and due < today:
            month.overdue += n
    return [months[key] for key in sorted(months)]


# ----- a plan's timeline ---------------------------------------------------------------------

# The worst state at one due date of one task decides the mark's colour.
MARK_ORDER = ("overdue", "returned", "pending", "awaiting_approval", "submitted", "accepted", "waived")


@dataclass
class Mark:
    due_date: dt.date
    counts: dict = field(default_factory=dict)

    @property
    def css(self) -> str:
        return next(key for key in MARK_ORDER if self.counts.get(key))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class GanttRow:
    task: Task
    marks: list[Mark]


def plan_gantt_rows(plan, today: dt.date) -> list[GanttRow]:
    """One row per task of the plan, a mark per due date with its counts per state (one GROUP BY)."""
    tasks = list(
        Task.objects.filter(plan=plan)
        .select_related("section")
        .order_by("section__position", "position", "id")
    )
    rows = (
        Deliverable.objects.filter(task__plan=plan)
        .order_by()
        .values_list("task_id", "due_date", "state")
        .annotate(n=Count("id"))
    )
    marks: dict[int, dict[dt.date, Mark]] = {}
    for task_id, due, state, n in rows:
        mark = marks.setdefault(task_id, {}).setdefault(due, Mark(due))
        key = "overdue" if state in Deliverable.OPEN_STATES and due < today else state
        mark.counts[key] = mark.counts.get(key, 0) + n
    return [
        GanttRow(task=task, marks=[marks[task.pk][due] for due in sorted(marks.get(task.pk, {}))])
        for task in tasks
    ]
