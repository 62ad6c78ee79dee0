"""``manage.py parse_deadline``: try the deadline reader from the command line."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(capsys, *args):
    """Run the command; return (exit status, stdout)."""
    try:
        call_command("parse_deadline", *args)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    except CommandError as error:
        status = error.returncode
    return status, capsys.readouterr().out


def test_json_has_text_kind_due_dates_and_warnings(capsys):
    # when
    status, out = run(capsys, "Quý II và quý III năm 2023", "--year", "2023", "--json")

    # then exactly one JSON object, Vietnamese kept as is
    assert status == 0
    assert json.loads(out) == {
        "text": "Quý II và quý III năm 2023",
        "kind": "quarter",
        "due_dates": ["2023-06-30", "2023-09-30"],
        "warnings": [],
    }
    assert "Quý" in out


def test_ongoing_reports_on_the_given_frequency_over_the_given_span(capsys):
    # when
    status, out = run(
        capsys,
        "Thường xuyên",
        "--year=2022",
        "--start=2022-01-01",
        "--end=2022-08-15",
        "--frequency=half_yearly",
        "--json",
    )

    # then
    assert status == 0
    assert json.loads(out)["due_dates"] == ["2022-06-30", "2022-08-15"]


def test_year_from_the_option_is_reported(capsys):
    # when
    status, out = run(capsys, "trước 15/11", "--year", "2021", "--json")

    # then
    assert status == 0
    data = json.loads(out)
    assert data["kind"] == "date"
    assert data["due_dates"] == ["2021-11-14"]
    assert data["warnings"] == ["Không ghi năm; lấy năm của kế hoạch (2021)."]


def test_text_output_shows_kind_dates_and_warnings(capsys):
    # when
    status, out = run(capsys, "6 tháng đầu năm", "--year", "2022")

    # then
    assert status == 0
    assert "Loại: half" in out
    assert "30/06/2022" in out
    assert "Cảnh báo: Không ghi năm" in out


@pytest.mark.parametrize("text", ["Sau khi có ý kiến của UBND tỉnh", "Quý V/2021", ""])
def test_unreadable_text_exits_with_status_2_after_printing_json(capsys, text):
    # when
    status, out = run(capsys, text, "--year", "2021", "--json")

    # then
    assert status == 2
    data = json.loads(out)
    assert data["kind"] == "unparsed"
    assert data["due_dates"] == []
    assert data["warnings"]


def test_unreadable_text_exits_with_status_2_in_text_mode(capsys):
    status, out = run(capsys, "Theo tiến độ", "--year", "2021")
    assert status == 2
    assert "Không đọc được" in out


def test_inverted_span_is_a_usage_error(capsys):
    with pytest.raises(CommandError, match="trước ngày bắt đầu"):
        call_command("parse_deadline", "Thường xuyên", "--start=2022-12-31", "--end=2022-01-01")
