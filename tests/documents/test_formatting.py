"""Vietnamese formatting filters: amounts in words, dates by Decree 30, numbers, quarters, percentages."""

import datetime as dt

import pytest

from documents import formatting

# vn-domain.md §4, plus the cases num2words and vietnam-number get wrong.
SPELLER = [
    (0, "không"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (25, "hai mươi lăm"),
    (55, "năm mươi lăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (2_025, "hai nghìn không trăm hai mươi lăm"),
    (14_500, "mười bốn nghìn năm trăm"),
    (150_000_000, "một trăm năm mươi triệu"),
    (567_500_000, "năm trăm sáu mươi bảy triệu năm trăm nghìn"),
    (1_000_000_000, "một tỷ"),
    (2_000_000_021, "hai tỷ không trăm hai mươi mốt"),
    (1_000_021, "một triệu không trăm hai mươi mốt"),
    (5_025_110, "năm triệu không trăm hai mươi lăm nghìn một trăm mười"),
    (1_000_000_000_000, "một nghìn tỷ"),
]


@pytest.mark.parametrize(("number", "words"), SPELLER)
def test_speller_reads_numbers_the_formal_way(number, words):
    """Whole numbers are spelled with mười/mươi, mốt, lăm, linh and "không trăm" for inner groups."""
    assert formatting.number_to_words(number) == words


@pytest.mark.parametrize(
    ("number", "linh", "le"),
    [
        (101, "một trăm linh một", "một trăm lẻ một"),
        (1_005, "một nghìn không trăm linh năm", "một nghìn không trăm lẻ năm"),
        (3_000_007, "ba triệu không trăm linh bảy", "ba triệu không trăm lẻ bảy"),
    ],
)
def test_speller_offers_linh_or_le(number, linh, le):
    """A zero tens digit reads "linh" (default) or "lẻ" — never "lẽ"."""
    assert formatting.number_to_words(number) == linh
    assert formatting.number_to_words(number, odd="lẻ") == le


def test_speller_says_tu_only_when_asked():
    """Four after "mươi" is "bốn" by default and "tư" on request; 14 is always "mười bốn"."""
    assert formatting.number_to_words(24) == "hai mươi bốn"
    assert formatting.number_to_words(24, four="tư") == "hai mươi tư"
    assert formatting.number_to_words(14, four="tư") == "mười bốn"


def test_speller_refuses_other_odd_words():
    with pytest.raises(ValueError, match="linh"):
        formatting.number_to_words(105, odd="lẽ")


def test_amount_in_words_is_capitalised_with_commas_and_dong():
    """The budget total reads as in Đồng Nai's appendix."""
    assert formatting.amount_in_words(567_500_000) == "Năm trăm sáu mươi bảy triệu, năm trăm nghìn đồng"
    assert formatting.amount_in_words(0) == "Không đồng"
    assert formatting.amount_in_words(1_005) == "Một nghìn, không trăm linh năm đồng"


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (dt.date(2020, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2020"),
        (dt.date(2019, 6, 29), "Hà Nội, ngày 29 tháng 6 năm 2019"),
        (dt.date(2020, 2, 13), "Hà Nội, ngày 13 tháng 02 năm 2020"),
        (dt.date(2015, 3, 4), "Hà Nội, ngày 04 tháng 3 năm 2015"),
        (dt.date(2021, 12, 10), "Hà Nội, ngày 10 tháng 12 năm 2021"),
    ],
)
def test_date_line_follows_the_leading_zero_rule(day, line):
    """Days below 10 and the months 1 and 2 take a leading zero; other months do not."""
    assert formatting.date_line("Hà Nội", day) == line


def test_date_line_of_a_draft_leaves_blanks_for_the_clerk():
    assert formatting.date_line("Cam Lâm", None, 2022) == "Cam Lâm, ngày     tháng     năm 2022"


def test_date_line_accepts_iso_strings_from_stored_data():
    assert formatting.date_line("Vinh Mỹ", "2021-01-04") == "Vinh Mỹ, ngày 04 tháng 01 năm 2021"


def test_short_dates():
    """dd/mm/yyyy with Decree 30's month rule by default; strictly padded on request."""
    assert formatting.date_vn(dt.date(2015, 3, 4)) == "04/3/2015"
    assert formatting.date_vn(dt.date(2020, 2, 10)) == "10/02/2020"
    assert formatting.date_vn(dt.date(2015, 3, 4), pad=True) == "04/03/2015"
    assert formatting.date_vn(None) == ""


def test_numbers_money_and_percentages_use_vietnamese_separators():
    assert formatting.money(567_500_000) == "567.500.000"
    assert formatting.number_vn("1234.56") == "1.234,56"
    assert formatting.number_vn(-1500) == "-1.500"
    assert formatting.percent(83.456) == "83,5%"
    assert formatting.percent(83) == "83%"
    assert formatting.percent("96.45", 2) == "96,45%"


def test_roman_numerals_and_quarters():
    assert [formatting.roman(n) for n in (1, 4, 9, 14, 40, 2024)] == ["I", "IV", "IX", "XIV", "XL", "MMXXIV"]
    assert formatting.quarter_name(1, 2023) == "Quý I/2023"
    assert formatting.quarter_name(dt.date(2023, 11, 2)) == "Quý IV/2023"
    with pytest.raises(ValueError, match="La Mã"):
        formatting.roman(0)
