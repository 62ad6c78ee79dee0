"""Vietnamese formatting for documents: plain functions, registered as template filters.

Dates follow Decree 30/2020/NĐ-CP (Phụ lục I, II.4): days below 10 and the months
1 and 2 take a leading zero, other months do not ("ngày 04 tháng 01", "ngày 29 tháng 6").
Amounts use "." for thousands and "," for decimals; amounts in words come from a small
speller (num2words and vietnam-number get 1.005 and 2.000.000.021 wrong).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
ODD_WORDS = {"linh": "linh", "lẻ": "lẻ", "le": "lẻ"}
ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
BILLION = 10**9


# ----- dates ------------------------------------------------------------------------------


def as_date(value) -> dt.date | None:
    """Accept a date, a datetime or an ISO string (the stored context keeps ISO strings)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero, the others do not (Decree 30)."""
    return f"{month:02d}" if month < 3 else str(month)


def date_vn(value, *, pad: bool = False) -> str:
    """04/3/2015 as Decree 30 writes it; ``pad=True`` gives strict dd/mm/yyyy (04/03/2015)."""
    day = as_date(value)
    if day is None:
        return ""
    month = f"{day.month:02d}" if pad else month_text(day.month)
    return f"{day_text(day.day)}/{month}/{day.year}"


def date_long(value) -> str:
    """ "ngày 04 tháng 01 năm 2021"."""
    day = as_date(value)
    if day is None:
        return ""
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def date_line(place: str, value=None, year: int | None = None) -> str:
    """The place-and-date line: "Vinh Mỹ, ngày 04 tháng 01 năm 2021".

    Without a date (a draft), the blanks are left for the clerk: "Cam Lâm, ngày   tháng   năm 2022".
    """
    day = as_date(value)
    if day is None:
        tail = f"ngày     tháng     năm {year or ''}".rstrip()
        return f"{place}, {tail}"
    return f"{place}, {date_long(day)}"


def quarter_name(value, year: int | None = None) -> str:
    """ "Quý I/2023" from a date, or from a quarter number and a year."""
    if isinstance(value, int | str) and str(value).isdigit() and int(value) <= 4:
        quarter = int(value)
    else:
        day = as_date(value)
        quarter, year = (day.month - 1) // 3 + 1, day.year
    name = f"Quý {roman(quarter)}"
    return f"{name}/{year}" if year else name


# ----- numbers ----------------------------------------------------------------------------


def roman(value) -> str:
    number = int(value)
    if not 0 < number < 4000:
        raise ValueError(f"{number} không viết được bằng số La Mã.")
    out = []
    for arabic, letters in ROMAN:
        count, number = divmod(number, arabic)
        out.append(letters * count)
    return "".join(out)


def _decimal(value) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"«{value}» không phải là số.") from exc


def number_vn(value, decimals: int | None = None) -> str:
    """1234567.5 → "1.234.567,5": "." between thousands, "," before decimals."""
    if value in (None, ""):
        return ""
    number = _decimal(value)
    if decimals is not None:
        number = round(number, decimals)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def money(value) -> str:
    """Whole đồng with thousands separators: 567500000 → "567.500.000"."""
    if value in (None, ""):
        return ""
    return number_vn(int(_decimal(value)))


def percent(value, decimals: int = 1) -> str:
    """83.456 → "83,5%"; 83 → "83%"."""
    if value in (None, ""):
        return ""
    number = round(_decimal(value), decimals)
    text = number_vn(number)
    return f"{text}%"


def _three(number: int, *, full: bool, odd: str, four: str) -> list[str]:
    """Spell 0–999; ``full`` reads an inner group's hundreds even when zero ("không trăm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(odd)
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
        return words
    words += [DIGITS[tens], "mươi"]
    if units:
        words.append({1: "mốt", 4: four, 5: "lăm"}.get(units, DIGITS[units]))
    return words


def _below_billion(number: int, *, leading: bool, odd: str, four: str) -> list[list[str]]:
    groups = [(number // 10**6, "triệu"), (number // 1000 % 1000, "nghìn"), (number % 1000, "")]
    spoken: list[list[str]] = []
    for value, scale in groups:
        if not value:
            continue
        words = _three(value, full=not (leading and not spoken), odd=odd, four=four)
        spoken.append(words + ([scale] if scale else []))
    return spoken


def _groups(number: int, *, leading: bool, odd: str, four: str) -> list[list[str]]:
    if number < BILLION:
        return _below_billion(number, leading=leading, odd=odd, four=four)
    high, low = divmod(number, BILLION)
    head = _groups(high, leading=leading, odd=odd, four=four)
    head[-1] = [*head[-1], "tỷ"]
    return head + _below_billion(low, leading=False, odd=odd, four=four)


def number_to_words(value, *, odd: str = "linh", four: str = "bốn", comma: bool = False) -> str:
    """Spell a whole number in Vietnamese: 1005 → "một nghìn không trăm linh năm".

    ``odd`` is "linh" (Northern, the default) or "lẻ" (Southern) for a zero tens digit;
    ``four`` is "bốn" or "tư" after "mươi"; ``comma`` separates the spoken groups
    ("năm trăm sáu mươi bảy triệu, năm trăm nghìn").
    """
    number = int(value)
    if number < 0:
        return "âm " + number_to_words(-number, odd=odd, four=four, comma=comma)
    if number == 0:
        return DIGITS[0]
    if odd not in ODD_WORDS:
        raise ValueError("Chọn «linh» hoặc «lẻ».")
    groups = _groups(number, leading=True, odd=ODD_WORDS[odd], four=four)
    return (", " if comma else " ").join(" ".join(words) for words in groups)


def amount_in_words(value, *, odd: str = "linh", four: str = "bốn") -> str:
    """ "Năm trăm sáu mươi bảy triệu, năm trăm nghìn đồng": capitalised, groups separated by commas."""
    if value in (None, ""):
        return ""
    words = number_to_words(int(_decimal(value)), odd=odd, four=four, comma=True)
    return f"{words[0].upper()}{words[1:]} đồng"


def lines(value) -> list[str]:
    """Split a multi-line text field into its non-empty lines."""
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [line.strip() for line in str(value).splitlines() if line.strip()]


FILTERS = {
    "date_vn": date_vn,
    "date_long": date_long,
    "date_line": date_line,
    "quarter": quarter_name,
    "roman": roman,
    "number_vn": number_vn,
    "money": money,
    "percent": percent,
    "words": number_to_words,
    "money_words": amount_in_words,
    "lines": lines,
}
