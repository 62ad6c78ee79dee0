"""The Vietnamese working-day calendar behind deadlines written in days (vn-domain.md §5)."""

import datetime as dt

import pytest

from core.workdays import WorkCalendar, default_calendar
from tasks.deadlines import DeadlineError, DeadlinePart, Kind, due_dates, part_due_dates, validate_part

D = dt.date


@pytest.fixture
def cal():
    return WorkCalendar()


@pytest.mark.parametrize(
    "day",
    [
        D(2025, 1, 1),
        D(2025, 1, 27),  # Tết 2025, in place of Sat 01/02
        D(2025, 1, 29),  # mùng 1
        D(2025, 1, 31),
        D(2025, 4, 7),  # Giỗ Tổ 2025
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),  # swapped for Sat 26/04/2025
        D(2025, 9, 1),
        D(2025, 9, 2),
        D(2026, 1, 1),
        D(2026, 2, 16),  # Tết 2026: eve
        D(2026, 2, 17),  # mùng 1
        D(2026, 2, 18),
        D(2026, 2, 19),
        D(2026, 2, 20),
        D(2026, 4, 27),  # Giỗ Tổ 2026 falls on Sunday 26/04, observed Monday
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 9, 2),
    ],
)
def test_public_holidays_are_days_off(cal, day):
    assert not cal.is_working_day(day)


def test_swapped_saturday_is_a_working_day(cal):
    """Sat 26/04/2025 was worked in exchange for Fri 02/05/2025."""
    assert cal.is_working_day(D(2025, 4, 26))
    assert not cal.is_working_day(D(2025, 4, 19))  # an ordinary Saturday


def test_ordinary_weekdays_work_and_weekends_rest(cal):
    assert cal.is_working_day(D(2026, 2, 23))  # Monday after Tết
    assert not cal.is_working_day(D(2026, 2, 21))  # Saturday
    assert not cal.is_working_day(D(2026, 2, 22))  # Sunday


def test_working_days_across_tet_2026_skip_the_whole_week(cal):
    """From Fri 13/02/2026, the 1st working day is Mon 23/02: Tết runs 16–20/02."""
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert cal.add_working_days(D(2026, 2, 10), 15) == D(2026, 3, 10)
    assert cal.working_days_between(D(2026, 2, 1), D(2026, 2, 28)) == 15


def test_period_starts_the_day_after(cal):
    """Civil Code art. 147: the triggering day itself is not counted."""
    assert cal.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert cal.add_working_days(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_calendar_days_ending_on_a_day_off_move_to_the_next_working_day(cal):
    """Civil Code art. 148: 10 days from 06/02/2026 end on Mon 16/02 (Tết), so on Mon 23/02."""
    assert cal.add_days(D(2026, 2, 6), 10) == D(2026, 2, 23)
    assert cal.add_days(D(2026, 3, 2), 3) == D(2026, 3, 5)


def test_extra_day_off_is_skipped():
    # given a day off the package does not know yet
    cal = WorkCalendar(extra_days_off={D(2026, 3, 3)})

    # then
    assert not cal.is_working_day(D(2026, 3, 3))
    assert cal.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 4)


def test_extra_working_day_is_counted():
    # given a Saturday worked by a notice the package does not know yet
    cal = WorkCalendar(extra_working_days={D(2026, 2, 14)})

    # then
    assert cal.is_working_day(D(2026, 2, 14))
    assert cal.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)


def test_extra_day_off_wins_over_extra_working_day():
    cal = WorkCalendar(extra_days_off={D(2026, 3, 3)}, extra_working_days={D(2026, 3, 3)})
    assert not cal.is_working_day(D(2026, 3, 3))


def test_holiday_names_are_in_vietnamese(cal):
    assert cal.holiday_name(D(2026, 2, 17)) and cal.holiday_name(D(2026, 2, 17)) != "Lunar New Year"
    assert cal.holiday_name(D(2026, 3, 3)) is None


def test_default_calendar_is_shared():
    assert default_calendar() is default_calendar()


def test_negative_counts_are_refused(cal):
    with pytest.raises(ValueError):
        cal.add_working_days(D(2026, 1, 5), -1)


def test_working_day_deadline_counts_from_the_span_start_with_the_given_calendar():
    """A plan issued on Fri 13/02/2026 with "trong 5 ngày làm việc" is due Fri 27/02/2026."""
    # given
    part = DeadlinePart(Kind.WORKING_DAYS, days=5)
    span = {"span_start": D(2026, 2, 13), "span_end": D(2026, 12, 31)}

    # then
    assert part_due_dates(part, **span) == [D(2026, 2, 27)]
    extra = WorkCalendar(extra_days_off={D(2026, 2, 23)})
    assert due_dates([part], calendar=extra, **span) == [D(2026, 3, 2)]


def test_calendar_day_deadline_moves_off_a_holiday():
    part = DeadlinePart(Kind.DAYS, days=30)
    assert part_due_dates(part, span_start=D(2026, 1, 17), span_end=D(2026, 12, 31)) == [D(2026, 2, 23)]


@pytest.mark.parametrize(
    ("part", "message"),
    [
        (DeadlinePart(Kind.WORKING_DAYS), "Thiếu số ngày"),
        (DeadlinePart(Kind.DAYS, days=0), "từ 1 trở lên"),
        (DeadlinePart(Kind.WORKING_DAYS, days=-3), "từ 1 trở lên"),
    ],
)
def test_validate_part_checks_the_number_of_days(part, message):
    with pytest.raises(DeadlineError, match=message):
        validate_part(part)
