"""The year at a glance: completion and timeliness figures read as database aggregates.

Every figure here is one GROUP BY over the user's obligations (never a loop over rows), so the
dashboard, the plan's progress workbook and the quarterly report read the same numbers. The
all-plans overview reads the same figures from the summaries (``DeliverableTally`` per plan, unit
and due year; ``DeliverableMonth``), kept exact by the writers of obligations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from units.models import Unit
from units.selectors import access_for

from .models import Deliverable, DeliverableMonth, DeliverableTally, Task
from .selectors import _remainder, _tally_scope, deliverable_list_for_user, units_named
from .services.summaries import deliverable_summaries_ensure_current

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
    return _ranked({row.pop("unit_id"): row for row in rows})


FIGURE_FIELDS = ("total", "waived", "accepted", "submitted", "open", "overdue", "reported", "in_time", "late")


def _ranked(by_unit: dict[int, dict]) -> list[UnitFigures]:
    # A unit that ended keeps its row, named "…, nay là …" (its finished work stays on record).
    names = units_named(Unit.objects.filter(id__in=list(by_unit)))
    units = [UnitFigures(unit_id=key, name=names.get(key, ""), **row) for key, row in by_unit.items()]
    units.sort(key=lambda u: (-(u.completion or 0), -(u.on_time or 0), u.overdue, u.name))
    for rank, unit in enumerate(units, start=1):
        unit.rank = rank
    return units


def _narrowed(queryset, *, plan_field: str, plan_id: int | None, year: int | None, year_field: str):
    if plan_id:
        queryset = queryset.filter(**{plan_field: plan_id})
    if year:
        queryset = queryset.filter(**{year_field: year})
    return queryset


def _tally_figures(access, plan_id: int | None, year: int | None) -> dict[int, dict]:
    # The tally calls "open" obligations "pending"; every other figure has the same name.
    sums = {name: Sum("pending" if name == "open" else name) for name in FIGURE_FIELDS}
    tallies = _narrowed(
        DeliverableTally.objects.filter(_tally_scope(access)),
        plan_field="plan_id",
        plan_id=plan_id,
        year=year,
        year_field="year",
    )
    return {row.pop("unit_id"): row for row in tallies.values("unit_id").annotate(**sums).order_by()}


def _remainder_narrowed(access, plan_id: int | None, year: int | None):
    """The user's own work in plans outside their tree, which no summary of theirs counts."""
    remainder = _remainder(access)
    if remainder is None:
        return None
    return _narrowed(
        remainder, plan_field="task__plan_id", plan_id=plan_id, year=year, year_field="due_date__year"
    )


def progress_ranking_for_user(*, user, plan_id: int | None, year: int | None, today: dt.date):
    """The ranking of ``progress_ranking(progress_scope(...))``, read from the summaries.

    A bounded number of queries whatever the number of obligations: one GROUP BY over the tallies,
    plus the user's own work in other trees counted live (a unit's handful).
    """
    access = access_for(user)
    deliverable_summaries_ensure_current(today)
    by_unit = _tally_figures(access, plan_id, year)
    remainder = _remainder_narrowed(access, plan_id, year)
    if remainder is not None:
        for row in remainder.order_by().values("unit_id").annotate(**_figures(today)):
            counted = by_unit.setdefault(row.pop("unit_id"), dict.fromkeys(FIGURE_FIELDS, 0))
            for name in FIGURE_FIELDS:
                counted[name] += row[name]
    return _ranked(by_unit)


def figures_total(units: list[Figures]) -> Figures:
    """The sum of the units' figures (each obligation belongs to exactly one unit)."""
    return Figures(**{name: sum(getattr(unit, name) for unit in units) for name in FIGURE_FIELDS})


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


def progress_by_month_for_user(*, user, plan_id: int | None, year: int | None, today: dt.date):
    """The months of ``progress_by_month(progress_scope(...))``, read from the monthly summary."""
    access = access_for(user)
    deliverable_summaries_ensure_current(today)
    rows = _narrowed(
        DeliverableMonth.objects.filter(_tally_scope(access)),
        plan_field="plan_id",
        plan_id=plan_id,
        year=year,
        year_field="month__year",
    )
    months: dict[tuple[int, int], MonthFigures] = {}
    summed = rows.values_list("month", "state").annotate(n=Sum("count"), late=Sum("overdue")).order_by()
    for first, state, n, late in summed:
        month = months.setdefault((first.year, first.month), MonthFigures(first.year, first.month))
        month.due += n
        month.done += n if state == State.ACCEPTED else 0
        month.overdue += late
    remainder = _remainder_narrowed(access, plan_id, year)
    for extra in progress_by_month(remainder, today) if remainder is not None else []:
        month = months.setdefault((extra.year, extra.month), MonthFigures(extra.year, extra.month))
        month.due, month.done, month.overdue = (
            month.due + extra.due,
            month.done + extra.done,
            month.overdue + extra.overdue,
        )
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
    task_id: int
    label: str  # the task's full label, "I.2"
    content: str
    marks: list[Mark]


def plan_gantt_rows(plan, today: dt.date) -> list[GanttRow]:
    """One row per task of the plan, a mark per due date with its counts per state (one GROUP BY).

    A row needs the task's label and words only: plain values, not 400 tasks and their sections."""
    tasks = (
        Task.objects.filter(plan=plan)
        .order_by("section__position", "position", "id")
        .values_list("id", "section_id", "section__label", "order_label", "content")
    )
    rows = (
        Deliverable.objects.filter(task__plan=plan)
        .order_by()
        .values_list("task_id", "due_date", "state")
        .annotate(n=Count("id"))
    )
    open_states = set(Deliverable.OPEN_STATES)
    marks: dict[int, dict[dt.date, Mark]] = {}
    for task_id, due, state, n in rows:
        mark = marks.setdefault(task_id, {}).setdefault(due, Mark(due))
        key = "overdue" if state in open_states and due < today else state
        mark.counts[key] = mark.counts.get(key, 0) + n
    return [
        GanttRow(
            task_id=task_id,
            label=f"{section_label}.{order_label}" if section_id else order_label,
            content=content,
            marks=[by_day[due] for due in sorted(by_day)] if (by_day := marks.get(task_id)) else [],
        )
        for task_id, section_id, section_label, order_label, content in tasks
    ]
