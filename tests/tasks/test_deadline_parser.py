"""Reading the deadline column of plans: every form in the seed plans and the ways people vary them."""

import datetime as dt

import pytest

from core.periods import Frequency
from tasks.deadline_parser import parse_deadline
from tasks.deadlines import DeadlinePart, Kind, due_dates

D = dt.date
UNPARSED = "unparsed"
QUARTER_ENDS_2021 = [D(2021, 3, 31), D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31)]
HALF_ENDS_2021 = [D(2021, 6, 30), D(2021, 12, 31)]
MONTH_ENDS_2021 = [
    D(2021, 1, 31),
    D(2021, 2, 28),
    D(2021, 3, 31),
    D(2021, 4, 30),
    D(2021, 5, 31),
    D(2021, 6, 30),
    D(2021, 7, 31),
    D(2021, 8, 31),
    D(2021, 9, 30),
    D(2021, 10, 31),
    D(2021, 11, 30),
    D(2021, 12, 31),
]
MONTH_ENDS_2020_FROM_FEB = [
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
]
DAY_15_2021_BEFORE = [D(2021, month, 14) for month in range(1, 13)]
DAY_25_2021 = [D(2021, month, 25) for month in range(1, 13)]


def row(text, year, kind, dates, span=None):
    """One phrasing: the span defaults to the whole plan year (2021 when the year is unknown)."""
    span_year = year or 2021
    span = span or (D(span_year, 1, 1), D(span_year, 12, 31))
    return pytest.param(text, year, kind, dates, span, id=repr(text)[1:-1] + (f"@{year}" if year else ""))


# (text as written, plan year, kind, due dates over the span)
PHRASINGS = [
    # one-off dates
    row("15/01/2021", 2021, "date", [D(2021, 1, 15)]),
    row("15-01-2021", 2021, "date", [D(2021, 1, 15)]),
    row("15.01.2021", 2021, "date", [D(2021, 1, 15)]),
    row("15/1/2021", None, "date", [D(2021, 1, 15)]),
    row("ngày 15/01/2021", 2021, "date", [D(2021, 1, 15)]),
    row("ngày 15 tháng 01 năm 2021", 2021, "date", [D(2021, 1, 15)]),
    row("ngay 15 thang 1 nam 2021", 2021, "date", [D(2021, 1, 15)]),
    row("Trước ngày 15/01/2021", 2021, "date", [D(2021, 1, 14)]),
    row("Trước ngày 15/01/2021.", 2021, "date", [D(2021, 1, 14)]),
    row("TRƯỚC NGÀY 15/01/2021", 2021, "date", [D(2021, 1, 14)]),
    row("truoc ngay 15/01/2021", 2021, "date", [D(2021, 1, 14)]),
    row("Trước  ngày\u00a015/01/2021", 2021, "date", [D(2021, 1, 14)]),
    row("trước 15/11", 2021, "date", [D(2021, 11, 14)]),
    row("trước ngày 15-11", 2022, "date", [D(2022, 11, 14)]),
    row("trước ngày 01/03/2021", 2021, "date", [D(2021, 2, 28)]),
    row("chậm nhất ngày 30/6/2022", 2022, "date", [D(2022, 6, 30)]),
    row("chậm nhất là ngày 30/6/2022", 2022, "date", [D(2022, 6, 30)]),
    row("Chậm nhất là ngày 30 tháng 6 năm 2022", 2022, "date", [D(2022, 6, 30)]),
    row("không quá ngày 30/6/2022", 2022, "date", [D(2022, 6, 30)]),
    row("29/02/2024", 2024, "date", [D(2024, 2, 29)]),
    # months
    row("Tháng 01/2021", 2021, "month", [D(2021, 1, 31)]),
    row("tháng 1/2021", 2021, "month", [D(2021, 1, 31)]),
    row("THÁNG 01/2021", 2021, "month", [D(2021, 1, 31)]),
    row("thang 01/2021", 2021, "month", [D(2021, 1, 31)]),
    row("Tháng  1 / 2021", 2021, "month", [D(2021, 1, 31)]),
    row("tháng 1 năm 2021", 2021, "month", [D(2021, 1, 31)]),
    row("Tháng 01 năm 2021", None, "month", [D(2021, 1, 31)]),
    row("Tháng 11/2021", 2021, "month", [D(2021, 11, 30)]),
    row("trong tháng 3/2015", 2015, "month", [D(2015, 3, 31)]),
    row("Tháng 4/2015", 2015, "month", [D(2015, 4, 30)]),
    row("Tháng 2/2024", 2024, "month", [D(2024, 2, 29)]),
    row("Tháng 11", 2021, "month", [D(2021, 11, 30)]),
    row("Tháng 8, 9 và tháng 10 năm 2021", 2021, "months", [D(2021, 8, 31), D(2021, 9, 30), D(2021, 10, 31)]),
    row("tháng 8, 9 và tháng 10 năm 2021", None, "months", [D(2021, 8, 31), D(2021, 9, 30), D(2021, 10, 31)]),
    row("Tháng 8,9,10/2021", 2021, "months", [D(2021, 8, 31), D(2021, 9, 30), D(2021, 10, 31)]),
    row("tháng 8 và tháng 9", 2021, "months", [D(2021, 8, 31), D(2021, 9, 30)]),
    # quarters, halves, years
    row("Quý I/2023", 2023, "quarter", [D(2023, 3, 31)]),
    row("quý 1 năm 2023", 2023, "quarter", [D(2023, 3, 31)]),
    row("QUÝ I NĂM 2023", 2023, "quarter", [D(2023, 3, 31)]),
    row("quy 1/2023", 2023, "quarter", [D(2023, 3, 31)]),
    row("Quý IV/2023", 2023, "quarter", [D(2023, 12, 31)]),
    row("quý 4/2023", 2023, "quarter", [D(2023, 12, 31)]),
    row("Quý II và quý III năm 2023", 2023, "quarter", [D(2023, 6, 30), D(2023, 9, 30)]),
    row("quý 2 và quý 3 năm 2023", 2023, "quarter", [D(2023, 6, 30), D(2023, 9, 30)]),
    row("Quý I, II/2023", 2023, "quarter", [D(2023, 3, 31), D(2023, 6, 30)]),
    row("trong quý III", 2023, "quarter", [D(2023, 9, 30)]),
    row("6 tháng đầu năm", 2022, "half", [D(2022, 6, 30)]),
    row("6 tháng đầu năm 2022", 2022, "half", [D(2022, 6, 30)]),
    row("6 tháng cuối năm 2022", 2022, "half", [D(2022, 12, 31)]),
    row("sáu tháng cuối năm", 2022, "half", [D(2022, 12, 31)]),
    row("Năm 2022", 2022, "year", [D(2022, 12, 31)]),
    row("trong năm 2022", 2022, "year", [D(2022, 12, 31)]),
    row("NĂM 2022", None, "year", [D(2022, 12, 31)]),
    # recurrences
    row("Thường xuyên", 2021, "recurring", QUARTER_ENDS_2021),
    row("thuong xuyen", 2021, "recurring", QUARTER_ENDS_2021),
    row("THƯỜNG XUYÊN.", 2021, "recurring", QUARTER_ENDS_2021),
    row("Thường xuyên", None, "recurring", QUARTER_ENDS_2021),
    row("Hàng tháng", 2021, "recurring", MONTH_ENDS_2021),
    row("hằng tháng", 2021, "recurring", MONTH_ENDS_2021),
    row("định kỳ hàng tháng", 2021, "recurring", MONTH_ENDS_2021),
    row("Hàng quý", 2021, "recurring", QUARTER_ENDS_2021),
    row("hằng quý", 2021, "recurring", QUARTER_ENDS_2021),
    row("định kỳ hàng quý", 2021, "recurring", QUARTER_ENDS_2021),
    row("Hàng quý trong năm", 2021, "recurring", QUARTER_ENDS_2021),
    row("ít nhất 01 lần/quý", 2021, "recurring", QUARTER_ENDS_2021),
    row("it nhat 1 lan / quy", 2021, "recurring", QUARTER_ENDS_2021),
    row("Định kỳ năm", 2021, "recurring", [D(2021, 12, 31)]),
    row("hàng năm", 2021, "recurring", [D(2021, 12, 31)]),
    row("hằng năm", 2021, "recurring", [D(2021, 12, 31)]),
    row("6 tháng/lần", 2021, "recurring", HALF_ENDS_2021),
    row("định kỳ 6 tháng", 2021, "recurring", HALF_ENDS_2021),
    row("02 lần/năm", 2021, "recurring", HALF_ENDS_2021),
    row("ngày 01 tháng 11 hàng năm", 2021, "recurring", [D(2021, 11, 1)]),
    row("Định kỳ vào ngày 01 tháng 11 hàng năm", 2021, "recurring", [D(2021, 11, 1)]),
    row("dinh ky vao ngay 1 thang 11 hang nam", 2021, "recurring", [D(2021, 11, 1)]),
    row("trước ngày 15 tháng 11 hàng năm", 2021, "recurring", [D(2021, 11, 14)]),
    row(
        "trước ngày 15 tháng 11 hằng năm",
        None,
        "recurring",
        [D(2021, 11, 14), D(2022, 11, 14)],
        span=(D(2021, 1, 1), D(2022, 12, 31)),
    ),
    row("Tháng 11 hàng năm", 2021, "recurring", [D(2021, 11, 30)]),
    row("trước ngày 15 hàng tháng", 2021, "recurring", DAY_15_2021_BEFORE),
    row("Hàng tháng vào ngày 25", 2021, "recurring", DAY_25_2021),
    row(
        "hàng tháng từ tháng 2 đến tháng 12/2020",
        2020,
        "recurring",
        MONTH_ENDS_2020_FROM_FEB,
        span=(D(2020, 2, 1), D(2020, 12, 31)),
    ),
    # combinations
    row(
        "Định kỳ năm\nThường xuyên",
        2022,
        "combined",
        [D(2022, 3, 31), D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)],
    ),
    row("Định kỳ năm / Thường xuyên", 2021, "combined", QUARTER_ENDS_2021),
    row("- Định kỳ năm\r\n- Thường xuyên", 2021, "combined", QUARTER_ENDS_2021),
    row("Thời gian thực hiện: Hàng quý trong năm.", 2021, "recurring", QUARTER_ENDS_2021),
    row("Định kỳ năm Thường xuyên", 2021, "combined", QUARTER_ENDS_2021),
    row("Tháng 01/2021; Quý II/2021", 2021, "combined", [D(2021, 1, 31), D(2021, 6, 30)]),
    row("Tháng 01/2021 và 15/03/2021", 2021, "combined", [D(2021, 1, 31), D(2021, 3, 15)]),
    # periods in days, counted from the span start (01/01/2021 is a Friday and a holiday)
    row("trong 15 ngày làm việc", 2021, "working_days", [D(2021, 1, 22)]),
    row("15 ngày làm việc kể từ ngày ban hành", 2021, "working_days", [D(2021, 1, 22)]),
    row(
        "trong 15 ngày làm việc",
        2026,
        "working_days",
        [D(2026, 3, 10)],
        span=(D(2026, 2, 10), D(2026, 12, 31)),
    ),
    row("trong 30 ngày", 2021, "days", [D(2021, 2, 1)]),  # 31/01/2021 is a Sunday
    row("Trong vòng 10 ngày kể từ ngày ký", 2021, "days", [D(2021, 1, 11)]),
    # refused: never a silent guess
    row("Sau khi có ý kiến của UBND tỉnh", 2021, UNPARSED, []),
    row("Theo tiến độ", 2021, UNPARSED, []),
    row("", 2021, UNPARSED, []),
    row("   ", 2021, UNPARSED, []),
    row("31/02/2021", 2021, UNPARSED, []),
    row("32/01/2021", 2021, UNPARSED, []),
    row("Tháng 13/2021", 2021, UNPARSED, []),
    row("Tháng 0/2021", 2021, UNPARSED, []),
    row("Quý V/2021", 2021, UNPARSED, []),
    row("quý 5 năm 2021", 2021, UNPARSED, []),
    row("trước 15/11", None, UNPARSED, []),
    row("Tháng 11", None, UNPARSED, []),
    row("6 tháng đầu năm", None, UNPARSED, []),
    row("Kịp thời", 2021, UNPARSED, []),
    row("Định kỳ", 2021, UNPARSED, []),
    row("Hàng tuần", 2021, UNPARSED, []),
    row("15/01/21", 2021, UNPARSED, []),
    row("3 lần/năm", 2021, UNPARSED, []),
    row("0 ngày làm việc", 2021, UNPARSED, []),
    row("ngày 30 tháng 02 hàng năm", 2021, UNPARSED, []),
    row("Tháng 01/2022; còn lại: theo chỉ đạo", 2022, UNPARSED, []),
    row("Thường xuyên (báo cáo quý)", 2021, UNPARSED, []),
]


@pytest.mark.parametrize(("text", "year", "kind", "expected", "span"), PHRASINGS)
def test_each_phrasing_gives_its_kind_and_due_dates(text, year, kind, expected, span):
    """A deadline as a plan writes it reads as the kind and due dates a reader of the plan expects."""
    # when
    parsed = parse_deadline(text, year=year)
    dates = due_dates(parsed.parts, span_start=span[0], span_end=span[1])

    # then
    assert parsed.kind == kind
    assert dates == expected
    assert parsed.text == text
    assert parsed.readable == (kind != UNPARSED)


def test_there_are_enough_phrasings_and_refusals():
    """The table covers at least 80 phrasings, 10 of them refused."""
    refused = [p for p in PHRASINGS if p.values[2] == UNPARSED]
    assert len(PHRASINGS) >= 80
    assert len(refused) >= 10


@pytest.mark.parametrize(
    "text",
    ["Sau khi có ý kiến của UBND tỉnh", "31/02/2021", "Tháng 13/2021", "Quý V/2021", ""],
)
def test_unreadable_text_gives_no_parts_and_a_vietnamese_warning(text):
    """What cannot be read is left for a person, with a message saying so."""
    # when
    parsed = parse_deadline(text, year=2021)

    # then
    assert parsed.parts == []
    assert not parsed.readable
    assert len(parsed.warnings) == 1
    assert "cần người nhập" in parsed.warnings[0]


def test_impossible_date_is_named_in_the_warning():
    # when
    parsed = parse_deadline("31/02/2021", year=2021)

    # then
    assert parsed.warnings == [
        "Không đọc được thời hạn «31/02/2021»: không có ngày 31/02/2021; cần người nhập."
    ]


def test_year_taken_from_the_plan_is_reported_once():
    """ "trước 15/11" in a 2021 plan means 15/11/2021, and the user is told where the year came from."""
    # when
    parsed = parse_deadline("trước 15/11 và Quý I", year=2021)

    # then
    assert parsed.parts == [
        DeadlinePart(Kind.DATE, date=D(2021, 11, 15), before=True),
        DeadlinePart(Kind.QUARTER, year=2021, quarters=(1,)),
    ]
    assert parsed.warnings == ["Không ghi năm; lấy năm của kế hoạch (2021)."]


def test_missing_year_without_a_plan_year_is_refused():
    # when
    parsed = parse_deadline("Quý II", year=None)

    # then
    assert parsed.parts == []
    assert "không ghi năm" in parsed.warnings[0]


def test_written_year_wins_over_the_plan_year_without_warning():
    # when
    parsed = parse_deadline("Tháng 01/2021", year=2030)

    # then
    assert parsed.parts == [DeadlinePart(Kind.MONTH, year=2021, month=1)]
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Thường xuyên", DeadlinePart(Kind.RECURRING, frequency=Frequency.ONGOING)),
        ("ít nhất 01 lần/quý", DeadlinePart(Kind.RECURRING, frequency=Frequency.QUARTERLY)),
        ("6 tháng/lần", DeadlinePart(Kind.RECURRING, frequency=Frequency.HALF_YEARLY)),
        (
            "ngày 01 tháng 11 hàng năm",
            DeadlinePart(Kind.RECURRING, frequency=Frequency.YEARLY, day=1, month_of_year=11),
        ),
        (
            "trước ngày 15 tháng 11 hàng năm",
            DeadlinePart(Kind.RECURRING, frequency=Frequency.YEARLY, day=15, month_of_year=11, before=True),
        ),
        (
            "trước ngày 15 hàng tháng",
            DeadlinePart(Kind.RECURRING, frequency=Frequency.MONTHLY, day=15, before=True),
        ),
        ("Tháng 8, 9 và tháng 10 năm 2021", DeadlinePart(Kind.MONTHS, year=2021, months=(8, 9, 10))),
        ("Quý II và quý III năm 2023", DeadlinePart(Kind.QUARTER, year=2023, quarters=(2, 3))),
        ("6 tháng cuối năm 2022", DeadlinePart(Kind.HALF, year=2022, half=2)),
        ("chậm nhất ngày 30/6/2022", DeadlinePart(Kind.DATE, date=D(2022, 6, 30))),
        ("15 ngày làm việc kể từ ngày ban hành", DeadlinePart(Kind.WORKING_DAYS, days=15)),
        ("trong 30 ngày", DeadlinePart(Kind.DAYS, days=30)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_structured_form_of_seed_phrases(text, part):
    """The parts are those the task form and the importer store."""
    assert parse_deadline(text, year=2021).parts == [part]


def test_two_clauses_give_two_parts():
    # when
    parsed = parse_deadline("Định kỳ năm / Thường xuyên", year=2022)

    # then
    assert parsed.kind == "combined"
    assert [part.frequency for part in parsed.parts] == [Frequency.YEARLY, Frequency.ONGOING]


def test_monthly_over_a_span_suggests_the_plan_span():
    """The months in "hàng tháng từ tháng 2 đến tháng 12/2020" belong to the plan, not the task."""
    # when
    parsed = parse_deadline("hàng tháng từ tháng 2 đến tháng 12/2020", year=2020)

    # then
    assert parsed.parts == [DeadlinePart(Kind.RECURRING, frequency=Frequency.MONTHLY)]
    assert len(parsed.warnings) == 1
    assert "từ 01/02/2020 đến 31/12/2020" in parsed.warnings[0]


def test_days_without_a_starting_point_say_they_count_from_the_plan_start():
    # when
    parsed = parse_deadline("trong 15 ngày làm việc", year=2021)

    # then
    assert parsed.warnings == ["Không ghi mốc tính 15 ngày; tính từ ngày bắt đầu kế hoạch."]


def test_parts_survive_a_round_trip_through_a_dict():
    """Working-day parts are stored as JSON like the others."""
    # given
    part = parse_deadline("trong 15 ngày làm việc", year=2021).parts[0]

    # when
    data = part.to_dict()

    # then
    assert data == {"kind": "working_days", "days": 15}
    assert DeadlinePart.from_dict(data) == part


def test_long_prose_is_refused_quickly():
    """A paragraph pasted into the deadline cell is left for a person, not scanned phrase by phrase."""
    # when
    parsed = parse_deadline("Tháng 8 và tháng 9 và " * 30, year=2021)

    # then
    assert parsed.parts == []
    assert "cần người nhập" in parsed.warnings[0]


def test_text_is_kept_as_written():
    text = "  Trước ngày 15/01/2021. "
    assert parse_deadline(text, year=2021).text == text
