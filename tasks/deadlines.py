"""The structured form of a plan's deadline and the due dates it produces.

No database access, so the parser, the importer, the task form and the
tests share one definition. A task's deadline is a list of ``DeadlinePart``;
plans write combinations such as "Định kỳ năm / Thường xuyên", which become
two parts whose due dates are merged.

Deadlines counted in days ("trong 15 ngày làm việc", "trong 30 ngày") run from
the plan's span start, which stands in for the day the plan is issued; working
days come from ``core.workdays`` (Civil Code art. 147–148).
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from core.periods import Frequency
from core.workdays import WorkCalendar, default_calendar


class Kind(StrEnum):
    DATE = "date"  # "15/01/2021", "Trước ngày 15/01/2021" (before=True)
    MONTH = "month"  # "Tháng 01/2021": end of that month
    MONTHS = "months"  # "Tháng 8, 9 và tháng 10 năm 2021": end of each listed month
    QUARTER = "quarter"  # "Quý I/2023", "Quý II và quý III năm 2023": end of each
    HALF = "half"  # "6 tháng đầu năm 2022": 30/6 (half 1) or 31/12 (half 2)
    YEAR = "year"  # "Năm 2022": 31/12
    RECURRING = "recurring"  # "Thường xuyên", "Hàng quý", "ngày 01 tháng 11 hàng năm"
    WORKING_DAYS = "working_days"  # "trong 15 ngày làm việc": counted from the span start
    DAYS = "days"  # "trong 30 ngày": calendar days from the span start
    UNPARSED = "unparsed"  # kept as written, for a person to resolve


_MONTHS_PER_PERIOD = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.YEARLY: 12,
}


class DeadlineError(ValueError):
    """A deadline part that cannot produce due dates (message in Vietnamese)."""


@dataclass(frozen=True)
class DeadlinePart:
    kind: Kind
    date: dt.date | None = None
    before: bool = False  # "trước ngày X": the last day on time is X - 1
    year: int | None = None
    month: int | None = None
    months: tuple[int, ...] = ()
    quarters: tuple[int, ...] = ()
    half: int | None = None
    frequency: Frequency | None = None
    day: int | None = None  # recurring on a fixed day: of the month, or with month
    month_of_year: int | None = None  # yearly on day/month: "ngày 01 tháng 11 hàng năm"
    days: int | None = None  # WORKING_DAYS / DAYS: length of the period
    note: str = field(default="", compare=False)

    def to_dict(self) -> dict:
        data = {key: value for key, value in asdict(self).items() if value not in (None, (), "", False)}
        data["kind"] = str(self.kind)
        if self.date:
            data["date"] = self.date.isoformat()
        if self.frequency:
            data["frequency"] = str(self.frequency)
        for key in ("months", "quarters"):
            if key in data:
                data[key] = list(data[key])
        return data

    @classmethod
    def from_dict(cls, data: dict) -> DeadlinePart:
        values = dict(data)
        values["kind"] = Kind(values["kind"])
        if values.get("date"):
            values["date"] = dt.date.fromisoformat(values["date"])
        if values.get("frequency"):
            values["frequency"] = Frequency(values["frequency"])
        for key in ("months", "quarters"):
            values[key] = tuple(values.get(key) or ())
        return cls(**values)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, monthrange(year, month)[1])


def plan_span(*, year: int, signed: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The span a plan's recurring deadlines run over when the plan does not state one.

    A plan takes effect from the day it is signed: one signed on 18/7 owes nothing
    monthly for January to June. Undated, or signed the year before for this year, it
    runs from 1 January. It ends on 31 December of its year.
    """
    start = dt.date(year, 1, 1)
    if signed is not None and signed.year == year:
        start = signed
    return start, dt.date(year, 12, 31)


def _clamped(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, monthrange(year, month)[1]))


def _need(value, message: str):
    if value is None:
        raise DeadlineError(message)
    return value


def _period_ends(*, start: dt.date, end: dt.date, step: int) -> list[dt.date]:
    """Return the last day of each ``step``-month period (aligned to January)
    that overlaps the span; a period cut short by the span ends with it."""
    dates = []
    year, month = start.year, ((start.month - 1) // step + 1) * step
    while True:
        period_end = month_end(year, month)
        dates.append(min(period_end, end))
        if period_end >= end:
            return dates
        month += step
        if month > 12:
            year, month = year + 1, month - 12


def _fixed_days(*, start: dt.date, end: dt.date, step: int, day: int) -> list[dt.date]:
    """Return the given day of every ``step``-th month inside the span."""
    dates = []
    year, month = start.year, ((start.month - 1) // step + 1) * step
    while (year, month) <= (end.year, end.month):
        due = _clamped(year, month, day)
        if start <= due <= end:
            dates.append(due)
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    return dates


def _recurring_dates(
    part: DeadlinePart, *, start: dt.date, end: dt.date, report_frequency: Frequency
) -> list[dt.date]:
    frequency = part.frequency or Frequency.ONGOING
    if frequency == Frequency.ONGOING:
        frequency = report_frequency
    if frequency == Frequency.YEARLY and part.month_of_year:
        # No day means the month's end, whose length depends on each year (29/02).
        day = part.day or 31
        dates = [_clamped(year, part.month_of_year, day) for year in range(start.year, end.year + 1)]
        if part.before:
            dates = [due - dt.timedelta(days=1) for due in dates]
        return [due for due in dates if start <= due <= end]
    step = _MONTHS_PER_PERIOD[frequency]
    if part.day:
        dates = _fixed_days(start=start, end=end, step=step, day=part.day)
    else:
        dates = _period_ends(start=start, end=end, step=step)
    if part.before:
        dates = [due - dt.timedelta(days=1) for due in dates]
    return dates


def _days_due(part: DeadlinePart, *, start: dt.date, calendar: WorkCalendar) -> dt.date:
    days = _need(part.days, "Thiếu số ngày của thời hạn.")
    if days < 1:
        raise DeadlineError("Số ngày của thời hạn phải từ 1 trở lên.")
    if part.kind == Kind.WORKING_DAYS:
        return calendar.add_working_days(start, days)
    return calendar.add_days(start, days)


def part_due_dates(
    part: DeadlinePart,
    *,
    span_start: dt.date,
    span_end: dt.date,
    report_frequency: Frequency = Frequency.QUARTERLY,
    calendar: WorkCalendar | None = None,
) -> list[dt.date]:
    """Return the due dates one deadline part produces, in order.

    A one-off deadline yields its own date whatever the plan's span; a
    recurrence yields one date per period that ends inside the span; a
    period in days ends that many days after the span start.
    """
    kind = part.kind
    if kind in (Kind.WORKING_DAYS, Kind.DAYS):
        return [_days_due(part, start=span_start, calendar=calendar or default_calendar())]
    if kind == Kind.DATE:
        due = _need(part.date, "Thiếu ngày của thời hạn.")
        return [due - dt.timedelta(days=1) if part.before else due]
    if kind == Kind.UNPARSED:
        return []
    if kind == Kind.RECURRING:
        if span_end < span_start:
            raise DeadlineError("Thời gian thực hiện của kế hoạch không hợp lệ.")
        return _recurring_dates(part, start=span_start, end=span_end, report_frequency=report_frequency)
    year = _need(part.year, "Thiếu năm của thời hạn.")
    if kind == Kind.MONTH:
        return [month_end(year, _need(part.month, "Thiếu tháng của thời hạn."))]
    if kind == Kind.MONTHS:
        if not part.months:
            raise DeadlineError("Thiếu danh sách tháng của thời hạn.")
        return [month_end(year, month) for month in sorted(set(part.months))]
    if kind == Kind.QUARTER:
        if not part.quarters:
            raise DeadlineError("Thiếu quý của thời hạn.")
        return [month_end(year, quarter * 3) for quarter in sorted(set(part.quarters))]
    if kind == Kind.HALF:
        return [month_end(year, 6 if _need(part.half, "Thiếu nửa năm.") == 1 else 12)]
    if kind == Kind.YEAR:
        return [dt.date(year, 12, 31)]
    raise DeadlineError(f"Loại thời hạn không được hỗ trợ: {kind}")


def due_dates(
    parts: list[DeadlinePart],
    *,
    span_start: dt.date,
    span_end: dt.date,
    report_frequency: Frequency = Frequency.QUARTERLY,
    calendar: WorkCalendar | None = None,
) -> list[dt.date]:
    """Return the sorted, distinct due dates of all parts of a deadline."""
    calendar = calendar or default_calendar()
    dates: set[dt.date] = set()
    for part in parts:
        dates.update(
            part_due_dates(
                part,
                span_start=span_start,
                span_end=span_end,
                report_frequency=report_frequency,
                calendar=calendar,
            )
        )
    return sorted(dates)


def validate_part(part: DeadlinePart) -> None:
    """Raise DeadlineError when the part lacks what its kind needs."""
    # Range checks first: computing dates with month 13 would raise a
    # calendar error in English instead of these messages.
    _check_ranges(part)
    part_due_dates(part, span_start=dt.date(2000, 1, 1), span_end=dt.date(2000, 12, 31))


def _check_ranges(part: DeadlinePart) -> None:
    if part.month is not None and not 1 <= part.month <= 12:
        raise DeadlineError(f"Tháng không hợp lệ: {part.month}.")
    if any(not 1 <= month <= 12 for month in part.months):
        raise DeadlineError("Danh sách tháng có tháng không hợp lệ.")
    if any(not 1 <= quarter <= 4 for quarter in part.quarters):
        raise DeadlineError("Quý phải từ I đến IV.")
    if part.half is not None and part.half not in (1, 2):
        raise DeadlineError("Nửa năm phải là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm).")
    if part.month_of_year is not None and not 1 <= part.month_of_year <= 12:
        raise DeadlineError(f"Tháng không hợp lệ: {part.month_of_year}.")
    if part.day is not None and not 1 <= part.day <= 31:
        raise DeadlineError(f"Ngày không hợp lệ: {part.day}.")
    if part.days is not None and part.days < 1:
        raise DeadlineError("Số ngày của thời hạn phải từ 1 trở lên.")
