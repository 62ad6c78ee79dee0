"""Vietnamese working days, for deadlines written in days ("trong 15 ngày làm việc").

Built on the ``holidays`` package's VN calendar, which knows the statutory
holidays, their observed days and the Saturdays the government swaps into
working days (``weekend_workdays``; e.g. Sat 26/04/2025 worked for Fri 02/05/2025).
Annual notices arrive late and the package lags, so extra days off and extra
working days can be layered on top (the admin-editable overrides table feeds
them in). Plain Python: no Django imports.

Counting follows the Civil Code 2015: a period counted in days starts the day
after the triggering day (art. 147); if its last day is not a working day, the
period ends on the next working day (art. 148).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

import holidays


class WorkCalendar:
    """Saturdays, Sundays and VN public holidays are days off, except swapped-in
    working Saturdays; ``extra_days_off`` wins over ``extra_working_days``."""

    def __init__(
        self,
        extra_days_off: Iterable[dt.date] = (),
        extra_working_days: Iterable[dt.date] = (),
    ) -> None:
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)
        # The package fills in each year on first lookup, so no year list is needed.
        self._holidays = holidays.VN(language="vi")

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_days_off:
            return False
        if day in self.extra_working_days:
            return True
        return self._holidays.is_working_day(day)

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday's Vietnamese name, for telling users why a day is skipped."""
        return self._holidays.get(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """Return ``day`` itself if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """Return the n-th working day after ``start`` (``start`` itself is not counted)."""
        if n < 0:
            raise ValueError("Số ngày làm việc không được âm.")
        day, counted = start, 0
        while counted < n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def add_days(self, start: dt.date, n: int) -> dt.date:
        """Return the last day of an n-calendar-day period after ``start``,
        moved to the next working day when it falls on a day off."""
        if n < 0:
            raise ValueError("Số ngày không được âm.")
        return self.next_working_day(start + dt.timedelta(days=n))

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count working days after ``start`` up to and including ``end``."""
        days = (end - start).days
        return sum(self.is_working_day(start + dt.timedelta(days=i)) for i in range(1, days + 1))


@cache
def default_calendar() -> WorkCalendar:
    """The package's calendar without overrides, shared because building it is not free."""
    return WorkCalendar()
