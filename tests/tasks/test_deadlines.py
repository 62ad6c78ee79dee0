"""Due dates produced by every deadline form written in the seed plans (/work/shared/seeds)."""

import datetime as dt

import pytest

from core.periods import Frequency
from tasks.deadline_parser import parse_deadline
from tasks.deadlines import (
    DeadlineError,
    DeadlinePart,
    Kind,
    due_dates,
    part_due_dates,
    plan_span,
    validate_part,
)

D = dt.date
Q = Frequency.QUARTERLY
YEAR_2021 = (D(2021, 1, 1), D(2021, 12, 31))
YEAR_2022 = (D(2022, 1, 1), D(2022, 12, 31))
QUARTER_ENDS_2022 = [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)]
MONTH_ENDS_2022 = [
    D(2022, 1, 31),
    D(2022, 2, 28),
    D(2022, 3, 31),
    D(2022, 4, 30),
    D(2022, 5, 31),
    D(2022, 6, 30),
    D(2022, 7, 31),
    D(2022, 8, 31),
    D(2022, 9, 30),
    D(2022, 10, 31),
    D(2022, 11, 30),
    D(2022, 12, 31),
]


def recurring(frequency=Frequency.ONGOING, **fields):
    return DeadlinePart(Kind.RECURRING, frequency=frequency, **fields)


# (text as written in a plan, parts, span, report frequency, expected due dates)
CASES = [
    # Vinh Mỹ 2021 (000_…): the task table.
    ("Tháng 01/2021", [DeadlinePart(Kind.MONTH, year=2021, month=1)], YEAR_2021, Q, [D(2021, 1, 31)]),
    (
        "Trước ngày 15/01/2021",
        [DeadlinePart(Kind.DATE, date=D(2021, 1, 15), before=True)],
        YEAR_2021,
        Q,
        [D(2021, 1, 14)],
    ),
    ("15/01/2021", [DeadlinePart(Kind.DATE, date=D(2021, 1, 15))], YEAR_2021, Q, [D(2021, 1, 15)]),
    ("Tháng 11/2021", [DeadlinePart(Kind.MONTH, year=2021, month=11)], YEAR_2021, Q, [D(2021, 11, 30)]),
    (
        "Tháng 8, 9 và tháng 10 năm 2021",
        [DeadlinePart(Kind.MONTHS, year=2021, months=(8, 9, 10))],
        YEAR_2021,
        Q,
        [D(2021, 8, 31), D(2021, 9, 30), D(2021, 10, 31)],
    ),
    ("Hàng quý trong năm", [recurring(Frequency.QUARTERLY)], YEAR_2022, Frequency.MONTHLY, QUARTER_ENDS_2022),
    ("ít nhất 01 lần/quý", [recurring(Frequency.QUARTERLY)], YEAR_2022, Frequency.YEARLY, QUARTER_ENDS_2022),
    (
        "ngày 01 tháng 11 hàng năm",
        [recurring(Frequency.YEARLY, day=1, month_of_year=11)],
        YEAR_2021,
        Q,
        [D(2021, 11, 1)],
    ),
    (
        "trước ngày 15 tháng 11 hàng năm",
        [recurring(Frequency.YEARLY, day=15, month_of_year=11, before=True)],
        YEAR_2021,
        Q,
        [D(2021, 11, 14)],
    ),
    # Cam Lâm 2022 (002_…): "Thường xuyên" follows the plan's reporting period.
    ("Thường xuyên (báo cáo quý)", [recurring()], YEAR_2022, Q, QUARTER_ENDS_2022),
    ("Thường xuyên (báo cáo tháng)", [recurring()], YEAR_2022, Frequency.MONTHLY, MONTH_ENDS_2022),
    (
        "Thường xuyên (báo cáo 6 tháng)",
        [recurring()],
        YEAR_2022,
        Frequency.HALF_YEARLY,
        [D(2022, 6, 30), D(2022, 12, 31)],
    ),
    ("Định kỳ năm", [recurring(Frequency.YEARLY)], YEAR_2022, Q, [D(2022, 12, 31)]),
    (
        "Định kỳ năm / Thường xuyên",
        [recurring(Frequency.YEARLY), recurring()],
        YEAR_2022,
        Q,
        QUARTER_ENDS_2022,
    ),
    (
        "Hàng tháng vào ngày 25",
        [recurring(Frequency.MONTHLY, day=25)],
        (D(2022, 1, 1), D(2022, 3, 31)),
        Q,
        [D(2022, 1, 25), D(2022, 2, 25), D(2022, 3, 25)],
    ),
    # Cà Mau 2015 (003_…).
    ("Tháng 3/2015", [DeadlinePart(Kind.MONTH, year=2015, month=3)], YEAR_2022, Q, [D(2015, 3, 31)]),
    ("Tháng 4/2015", [DeadlinePart(Kind.MONTH, year=2015, month=4)], YEAR_2022, Q, [D(2015, 4, 30)]),
    ("Tháng 9/2015", [DeadlinePart(Kind.MONTH, year=2015, month=9)], YEAR_2022, Q, [D(2015, 9, 30)]),
    # Đồng Nai 2020 (004_…): monthly from February; 2020 is a leap year.
    (
        "hàng tháng từ tháng 2 đến tháng 12/2020",
        [recurring(Frequency.MONTHLY)],
        (D(2020, 2, 1), D(2020, 12, 31)),
        Q,
        [
            D(2020, 2, 29),
            D(2020, 3, 31),
            D(2020, 4, 30),
            D(2020, 5, 31),
            D(2020, 6, 30),
            D(2020, 7, 31),
            D(2020, 8, 31),
            D(2020, 9, 30),
            D(2020, 10, 31),
            D(2020, 11, 30),
            D(2020, 12, 31),
        ],
    ),
    # Bình Phước 2023 (001_…) and other one-off periods.
    (
        "Quý II và quý III năm 2023",
        [DeadlinePart(Kind.QUARTER, year=2023, quarters=(2, 3))],
        YEAR_2022,
        Q,
        [D(2023, 6, 30), D(2023, 9, 30)],
    ),
    ("Quý I/2023", [DeadlinePart(Kind.QUARTER, year=2023, quarters=(1,))], YEAR_2022, Q, [D(2023, 3, 31)]),
    ("6 tháng đầu năm 2022", [DeadlinePart(Kind.HALF, year=2022, half=1)], YEAR_2022, Q, [D(2022, 6, 30)]),
    ("6 tháng cuối năm 2022", [DeadlinePart(Kind.HALF, year=2022, half=2)], YEAR_2022, Q, [D(2022, 12, 31)]),
    ("Năm 2022", [DeadlinePart(Kind.YEAR, year=2022)], YEAR_2022, Q, [D(2022, 12, 31)]),
    # A plan that ends mid-quarter: the last period is cut short by the plan's end.
    (
        "Thường xuyên, kế hoạch đến 15/8/2022",
        [recurring()],
        (D(2022, 1, 1), D(2022, 8, 15)),
        Q,
        [D(2022, 3, 31), D(2022, 6, 30), D(2022, 8, 15)],
    ),
    # A plan that starts mid-quarter still reports at the end of that quarter.
    (
        "Thường xuyên, từ 10/02/2022",
        [recurring()],
        (D(2022, 2, 10), D(2022, 6, 30)),
        Q,
        QUARTER_ENDS_2022[:2],
    ),
    ("Kịp thời", [DeadlinePart(Kind.UNPARSED, note="Kịp thời")], YEAR_2022, Q, []),
    (
        "Tháng 01/2022; còn lại: theo chỉ đạo",
        [DeadlinePart(Kind.MONTH, year=2022, month=1), DeadlinePart(Kind.UNPARSED, note="theo chỉ đạo")],
        YEAR_2022,
        Q,
        [D(2022, 1, 31)],
    ),
]


@pytest.mark.parametrize(
    ("text", "parts", "span", "report_frequency", "expected"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_due_dates_for_each_deadline_form_in_the_seed_plans(text, parts, span, report_frequency, expected):
    """Every way the seed plans write a deadline produces the due dates a reader of the plan expects."""
    # given a deadline as structured from the plan's text
    start, end = span

    # when the plan is issued over its span
    dates = due_dates(parts, span_start=start, span_end=end, report_frequency=report_frequency)

    # then one due date per obligation, sorted and without duplicates
    assert dates == expected


def test_two_parts_sharing_a_date_give_it_once():
    """A plan saying "Định kỳ năm / Thường xuyên" does not ask for two reports on 31/12."""
    # given
    parts = [recurring(Frequency.YEARLY), recurring()]

    # when
    dates = due_dates(parts, span_start=D(2022, 1, 1), span_end=D(2022, 12, 31))

    # then
    assert dates.count(D(2022, 12, 31)) == 1
    assert len(dates) == 4


def test_part_due_dates_of_a_one_off_date_ignore_the_plan_span():
    """A fixed date written in the plan is kept even if it lies outside the plan's span."""
    # given
    part = DeadlinePart(Kind.DATE, date=D(2021, 1, 15), before=True)

    # when
    dates = part_due_dates(part, span_start=D(2022, 1, 1), span_end=D(2022, 12, 31))

    # then
    assert dates == [D(2021, 1, 14)]


def test_yearly_on_a_day_outside_the_span_gives_nothing_that_year():
    """A yearly "ngày 01 tháng 11" task in a plan running Jan–Jun gives no due date."""
    # given
    part = recurring(Frequency.YEARLY, day=1, month_of_year=11)

    # when
    dates = part_due_dates(part, span_start=D(2022, 1, 1), span_end=D(2022, 6, 30))

    # then
    assert dates == []


def test_yearly_over_two_years_gives_one_date_per_year():
    """A two-year plan asks for the 01/11 report once in each year."""
    # given
    part = recurring(Frequency.YEARLY, day=1, month_of_year=11)

    # when
    dates = part_due_dates(part, span_start=D(2021, 1, 1), span_end=D(2022, 12, 31))

    # then
    assert dates == [D(2021, 11, 1), D(2022, 11, 1)]


def test_yearly_end_of_february_follows_leap_years():
    """February reports ("Tháng 2 hàng năm") fall on 29/02 in a leap year, even in a plan
    that starts in a common year."""
    # given
    part = recurring(Frequency.YEARLY, month_of_year=2)

    # when
    dates = part_due_dates(part, span_start=D(2023, 1, 1), span_end=D(2024, 12, 31))

    # then
    assert dates == [D(2023, 2, 28), D(2024, 2, 29)]


def test_recurring_over_an_inverted_span_is_refused():
    """A plan whose end precedes its start cannot produce recurring due dates."""
    # given
    part = recurring()

    # when / then
    with pytest.raises(DeadlineError, match="không hợp lệ"):
        part_due_dates(part, span_start=D(2022, 12, 31), span_end=D(2022, 1, 1))


@pytest.mark.parametrize(
    ("part", "message"),
    [
        (DeadlinePart(Kind.MONTH, year=2021, month=13), "Tháng không hợp lệ"),
        (DeadlinePart(Kind.MONTH, year=2021, month=0), "Tháng không hợp lệ"),
        (DeadlinePart(Kind.MONTHS, year=2021, months=(8, 13)), "tháng không hợp lệ"),
        (DeadlinePart(Kind.QUARTER, year=2023, quarters=(5,)), "Quý phải từ I đến IV"),
        (DeadlinePart(Kind.HALF, year=2022, half=3), "Nửa năm phải là 1"),
    ],
    ids=["month 13", "month 0", "months with 13", "quarter 5", "half 3"],
)
def test_validate_part_rejects_out_of_range_values_with_a_vietnamese_message(part, message):
    """The task form tells the user in Vietnamese which value is out of range,
    not Python's calendar error ("bad month number 13; must be 1-12")."""
    # when / then
    with pytest.raises(DeadlineError, match=message):
        validate_part(part)


@pytest.mark.parametrize(
    ("part", "message"),
    [
        (DeadlinePart(Kind.MONTH, month=1), "Thiếu năm"),
        (DeadlinePart(Kind.QUARTER, quarters=(2,)), "Thiếu năm"),
        (DeadlinePart(Kind.MONTH, year=2021), "Thiếu tháng"),
        (DeadlinePart(Kind.MONTHS, year=2021), "Thiếu danh sách tháng"),
        (DeadlinePart(Kind.QUARTER, year=2021), "Thiếu quý"),
        (DeadlinePart(Kind.HALF, year=2021), "Thiếu nửa năm"),
        (DeadlinePart(Kind.DATE), "Thiếu ngày"),
    ],
    ids=[
        "month without year",
        "quarter without year",
        "no month",
        "no months",
        "no quarter",
        "no half",
        "no date",
    ],
)
def test_validate_part_rejects_incomplete_parts(part, message):
    """A part missing what its kind needs is refused with a message naming what is missing."""
    # when / then
    with pytest.raises(DeadlineError, match=message):
        validate_part(part)


@pytest.mark.parametrize(
    "part",
    [
        DeadlinePart(Kind.MONTH, year=2021, month=1),
        DeadlinePart(Kind.DATE, date=D(2021, 1, 15), before=True),
        DeadlinePart(Kind.MONTHS, year=2021, months=(8, 9, 10)),
        DeadlinePart(Kind.QUARTER, year=2023, quarters=(2, 3)),
        DeadlinePart(Kind.HALF, year=2022, half=1),
        DeadlinePart(Kind.YEAR, year=2022),
        recurring(),
        recurring(Frequency.YEARLY, day=15, month_of_year=11, before=True),
        DeadlinePart(Kind.UNPARSED, note="Theo chỉ đạo của UBND huyện"),
    ],
    ids=lambda part: str(part.kind),
)
def test_validate_part_accepts_complete_parts(part):
    """Every complete form passes validation (nothing raised)."""
    validate_part(part)


@pytest.mark.parametrize(
    "part",
    [
        DeadlinePart(Kind.DATE, date=D(2021, 1, 15), before=True, note="Trước ngày 15/01/2021"),
        DeadlinePart(Kind.MONTHS, year=2021, months=(8, 9, 10)),
        DeadlinePart(Kind.QUARTER, year=2023, quarters=(2, 3)),
        recurring(Frequency.YEARLY, day=1, month_of_year=11),
        recurring(),
        DeadlinePart(Kind.UNPARSED, note="Kịp thời"),
    ],
    ids=lambda part: str(part.kind),
)
def test_deadline_part_survives_a_round_trip_through_a_dict(part):
    """A deadline stored as JSON comes back identical, note included."""
    # when
    data = part.to_dict()
    restored = DeadlinePart.from_dict(data)

    # then
    assert restored == part
    assert restored.note == part.note
    assert data["kind"] == str(part.kind)
    assert all(isinstance(value, (str, int, bool, list)) for value in data.values())


def test_a_plan_signed_mid_year_runs_from_its_signing_day():
    """Signed on 18/7/2025, "Trước ngày 15 hàng tháng" is owed from August, not from January."""
    # given
    parts = parse_deadline("Trước ngày 15 hàng tháng", year=2025).parts
    start, end = plan_span(year=2025, signed=dt.date(2025, 7, 18))

    # when
    dates = due_dates(parts, span_start=start, span_end=end)

    # then
    assert dates == [dt.date(2025, month, 14) for month in range(8, 13)]


def test_an_undated_plan_or_one_signed_the_year_before_runs_from_january():
    assert plan_span(year=2025)[0] == dt.date(2025, 1, 1)
    assert plan_span(year=2025, signed=dt.date(2024, 12, 20)) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
