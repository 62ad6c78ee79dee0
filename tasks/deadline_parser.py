"""Read the deadline column of a plan ("Thời gian hoàn thành") into ``DeadlinePart``s.

Plain Python, no Django. ``parse_deadline("Quý II và quý III năm 2023")`` gives one
QUARTER part with quarters (2, 3); "Định kỳ năm / Thường xuyên" gives two parts.

How it reads:

* The text is folded first: Unicode-normalised, non-breaking spaces and line
  breaks made plain spaces, lower-cased, accents and "đ" removed, a trailing
  "." dropped. So "THÁNG 01/2021", "thang 1/2021" and "Tháng  1 / 2021" read alike.
* The folded text is then covered, left to right, by the phrases below. Between
  phrases only separators may stand (",", ";", "/", "+", "-", "và", "hoặc",
  "trong năm"); anything else left over makes the whole text unreadable. When a
  phrase can be read several ways, the longest reading that lets the rest be read
  wins ("tháng 8, 9 và tháng 10 năm 2021" is one list, not three clauses).
* Nothing is guessed. Unknown words, impossible dates ("31/02/2021", "Tháng 13",
  "Quý V") and a missing year when the plan's year is unknown all give no parts
  and a warning asking a person to enter the deadline. A year taken from the
  plan is reported in a warning.

Choices a reader of the plans might make differently:

* "Tháng 8, 9 và tháng 10 năm 2021" is kind MONTHS, due at the end of each listed
  month: plans list months when the work (e.g. a survey) runs in each of them, and
  each month's share is due when that month ends.
* "Tháng 01/2021", "Quý I/2023", "6 tháng đầu năm", "Năm 2022" are due at the end of
  the period; "trước ngày X" is due on the day before X (``before=True``);
  "chậm nhất (là) ngày X" and "không quá ngày X" are due on X.
* "hàng tháng từ tháng 2 đến tháng 12/2020" is MONTHLY; the span belongs to the
  plan, so a warning suggests setting the plan's span to it.
* "trong 15 ngày làm việc" / "15 ngày làm việc kể từ ngày ban hành" are WORKING_DAYS
  and "trong 30 ngày" is DAYS, both counted from the plan's span start.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from core.periods import Frequency
from core.text import fold_phrase

from .deadlines import DeadlineError, DeadlinePart, Kind, month_end, validate_part

MSG_UNREADABLE = "Không đọc được thời hạn «{text}»; cần người nhập."
MSG_EMPTY = "Chưa ghi thời hạn; cần người nhập."
MSG_YEAR_FROM_PLAN = "Không ghi năm; lấy năm của kế hoạch ({year})."
MSG_NO_YEAR = "Không đọc được thời hạn «{text}»: không ghi năm và chưa biết năm của kế hoạch; cần người nhập."
MSG_BAD_VALUE = "Không đọc được thời hạn «{text}»: {reason}; cần người nhập."
MSG_PLAN_SPAN = (
    "Khoảng «{span}» là thời gian thực hiện của kế hoạch, không phải của thời hạn; "
    "nên đặt thời gian thực hiện kế hoạch từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}."
)
MSG_TOO_LONG = "Thời hạn quá dài để đọc tự động; cần người nhập."
# A deadline cell is a phrase or two; longer text is prose, and scanning it
# phrase by phrase could exhaust the recursion limit.
MAX_LENGTH = 300
MSG_FROM_SPAN_START = "Không ghi mốc tính {days} ngày; tính từ ngày bắt đầu kế hoạch."


@dataclass
class ParsedDeadline:
    text: str  # as written, untouched
    parts: list[DeadlinePart]  # empty when unreadable
    warnings: list[str] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return bool(self.parts) and all(part.kind != Kind.UNPARSED for part in self.parts)

    @property
    def kind(self) -> str:
        if not self.readable:
            return str(Kind.UNPARSED)
        if len(self.parts) > 1:
            return "combined"
        return str(self.parts[0].kind)


class _Refused(Exception):
    """A phrase was recognised but its value is impossible; the text is unreadable."""


@dataclass
class _Found:
    parts: list[DeadlinePart]
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Values


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class _Context:
    def __init__(self, text: str, year: int | None) -> None:
        self.text = text
        self.plan_year = year

    def refuse(self, reason: str) -> _Refused:
        return _Refused(MSG_BAD_VALUE.format(text=self.text, reason=reason))

    def year(self, written: str | None, found: _Found) -> int:
        """The written year, else the plan's year (reported), else refuse."""
        if written:
            year = int(written)
            if not 1900 <= year <= 2100:
                raise self.refuse(f"năm {year} không hợp lệ")
            return year
        if self.plan_year is None:
            raise _Refused(MSG_NO_YEAR.format(text=self.text))
        found.warnings.append(MSG_YEAR_FROM_PLAN.format(year=self.plan_year))
        return self.plan_year

    def month(self, written: str) -> int:
        month = int(written)
        if not 1 <= month <= 12:
            raise self.refuse(f"không có tháng {month}")
        return month

    def quarter(self, written: str) -> int:
        quarter = _ROMAN.get(written) or (int(written) if written.isdigit() else 0)
        if not 1 <= quarter <= 4:
            raise self.refuse(f"không có quý {written.upper()}")
        return quarter

    def day(self, written: str) -> int:
        day = int(written)
        if not 1 <= day <= 31:
            raise self.refuse(f"không có ngày {day}")
        return day

    def date(self, day: str, month: str, year: int) -> dt.date:
        try:
            return dt.date(year, int(month), int(day))
        except ValueError:
            raise self.refuse(f"không có ngày {int(day):02d}/{int(month):02d}/{year}") from None


# ---------------------------------------------------------------------------
# Phrases. Patterns run on folded text; each builder turns a match into parts.

_DAY = r"(?P<day>\d{1,2})"
_MONTH = r"(?P<month>\d{1,2})"
_YEAR = r"(?P<year>\d{4})"
# "/2021", "-2021", ".2021", " năm 2021", ", năm 2021"
_OF_YEAR = rf"(?:\s*[/.-]\s*|,?\s*nam\s+){_YEAR}"
_QUARTER_NO = r"(?:[ivx]+|\d{1,2})(?![a-z0-9])"
_BEFORE = r"(?:(?P<before>truoc)|cham nhat(?: la)?|khong qua|khong muon hon|han|den|vao)"
_YEARLY = r"(?:hang|moi) nam"
_MONTHLY = r"(?:hang|moi) thang"
_DINH_KY = r"(?:theo\s+)?dinh ky\s+"


def _group(m: re.Match, name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group."""
    return m.groupdict().get(name)


def _one(part: DeadlinePart) -> _Found:
    return _Found([part])


def _date(m: re.Match, ctx: _Context) -> _Found:
    found = _Found([])
    year = ctx.year(m["year"], found)
    date = ctx.date(m["day"], m["month"], year)
    found.parts.append(DeadlinePart(Kind.DATE, date=date, before=bool(m["before"])))
    return found


def _month(m: re.Match, ctx: _Context) -> _Found:
    found = _Found([])
    month = ctx.month(m["month"])
    found.parts.append(DeadlinePart(Kind.MONTH, year=ctx.year(m["year"], found), month=month))
    return found


def _months(m: re.Match, ctx: _Context) -> _Found:
    found = _Found([])
    months = tuple(ctx.month(n) for n in re.findall(r"\d{1,2}", m["list"]))
    if len(set(months)) != len(months):
        raise ctx.refuse("một tháng được ghi hai lần")
    found.parts.append(DeadlinePart(Kind.MONTHS, year=ctx.year(m["year"], found), months=months))
    return found


def _quarters(m: re.Match, ctx: _Context) -> _Found:
    found = _Found([])
    quarters = tuple(ctx.quarter(q) for q in re.findall(_QUARTER_NO, m["list"]))
    if len(set(quarters)) != len(quarters):
        raise ctx.refuse("một quý được ghi hai lần")
    found.parts.append(DeadlinePart(Kind.QUARTER, year=ctx.year(m["year"], found), quarters=quarters))
    return found


def _half(m: re.Match, ctx: _Context) -> _Found:
    found = _Found([])
    half = 1 if m["which"] == "dau" else 2
    found.parts.append(DeadlinePart(Kind.HALF, year=ctx.year(m["year"], found), half=half))
    return found


def _year(m: re.Match, ctx: _Context) -> _Found:
    found = _Found([])
    found.parts.append(DeadlinePart(Kind.YEAR, year=ctx.year(m["year"], found)))
    return found


def _every(frequency: Frequency) -> Callable[[re.Match, _Context], _Found]:
    return lambda m, ctx: _one(DeadlinePart(Kind.RECURRING, frequency=frequency))


def _times_a_year(m: re.Match, ctx: _Context) -> _Found:
    per_period = {"thang": Frequency.MONTHLY, "quy": Frequency.QUARTERLY, "6 thang": Frequency.HALF_YEARLY}
    if m["period"] in per_period and int(m["count"]) == 1:
        return _one(DeadlinePart(Kind.RECURRING, frequency=per_period[m["period"]]))
    per_year = {1: Frequency.YEARLY, 2: Frequency.HALF_YEARLY, 4: Frequency.QUARTERLY, 12: Frequency.MONTHLY}
    if m["period"] == "nam" and int(m["count"]) in per_year:
        return _one(DeadlinePart(Kind.RECURRING, frequency=per_year[int(m["count"])]))
    period = {"thang": "tháng", "quy": "quý", "6 thang": "6 tháng", "nam": "năm"}[m["period"]]
    raise ctx.refuse(f"không quy được {int(m['count'])} lần/{period} về một kỳ báo cáo")


def _yearly_on(m: re.Match, ctx: _Context) -> _Found:
    month = ctx.month(m["month"])
    day = ctx.day(m["day"]) if _group(m, "day") else None
    # 29/02 is allowed (it falls back to 28/02 in other years); 30/02 is not.
    if day and day > month_end(2000, month).day:
        raise ctx.refuse(f"không có ngày {day:02d}/{month:02d}")
    part = DeadlinePart(
        Kind.RECURRING,
        frequency=Frequency.YEARLY,
        day=day,
        month_of_year=month,
        before=bool(_group(m, "before")),
    )
    return _one(part)


def _monthly_on(m: re.Match, ctx: _Context) -> _Found:
    day = ctx.day(m["day"])
    return _one(DeadlinePart(Kind.RECURRING, frequency=Frequency.MONTHLY, day=day, before=bool(m["before"])))


def _monthly_over(m: re.Match, ctx: _Context) -> _Found:
    found = _Found([DeadlinePart(Kind.RECURRING, frequency=Frequency.MONTHLY)])
    first, last = ctx.month(m["first"]), ctx.month(m["month"])
    year = ctx.year(m["year"], found)
    start_year = int(m["first_year"]) if m["first_year"] else year
    start, end = dt.date(start_year, first, 1), month_end(year, last)
    if start > end:
        raise ctx.refuse("tháng bắt đầu sau tháng kết thúc")
    # Quote the span rebuilt in Vietnamese: the match itself is accent-free.
    span = f"từ tháng {first}/{start.year} đến tháng {last}/{end.year}"
    found.warnings.append(MSG_PLAN_SPAN.format(span=span, start=start, end=end))
    return found


def _in_days(kind: Kind) -> Callable[[re.Match, _Context], _Found]:
    def build(m: re.Match, ctx: _Context) -> _Found:
        days = int(m["days"])
        if days < 1:
            raise ctx.refuse("số ngày phải từ 1 trở lên")
        found = _Found([DeadlinePart(kind, days=days)])
        if not m["anchor"]:
            found.warnings.append(MSG_FROM_SPAN_START.format(days=days))
        return found

    return build


_ANCHOR = (
    r"(?P<anchor>\s+(?:ke\s+)?tu\s+(?:ngay|khi)\s+(?:ke hoach\s+)?(?:duoc\s+)?"
    r"(?:ban hanh|ky)(?:\s+ke hoach)?)?"
)
_MONTH_LIST = r"(?P<list>\d{1,2}(?:\s*(?:,|va|&)\s*(?:thang\s+)?\d{1,2})+)"
_QUARTER_LIST = rf"(?P<list>{_QUARTER_NO}(?:\s*(?:,|va|&)\s*(?:quy\s+)?{_QUARTER_NO})*)"

_PHRASES: list[tuple[str, Callable[[re.Match, _Context], _Found]]] = [
    # one-off dates
    (rf"(?:{_BEFORE}\s+)?(?:ngay\s+)?{_DAY}(?P<sep>[/.-]){_MONTH}(?:(?P=sep){_YEAR})?(?![\d/.-])", _date),
    (rf"(?:{_BEFORE}\s+)?ngay\s+{_DAY}\s+thang\s+{_MONTH}(?:{_OF_YEAR})?", _date),
    # months, quarters, halves, years
    (rf"(?:trong\s+|vao\s+)?thang\s+{_MONTH}(?:{_OF_YEAR})?", _month),
    (rf"(?:trong\s+|vao\s+)?(?:cac\s+)?thang\s+{_MONTH_LIST}(?:{_OF_YEAR})?", _months),
    (rf"(?:trong\s+|vao\s+)?quy\s+{_QUARTER_LIST}(?:{_OF_YEAR})?", _quarters),
    (rf"(?:trong\s+)?(?:6|sau) thang (?P<which>dau|cuoi) nam(?:\s*[/.-]?\s*{_YEAR})?", _half),
    (rf"(?:trong\s+)?(?:nam|ca nam)\s+{_YEAR}", _year),
    # recurrences
    (r"(?:thuc hien\s+)?thuong xuyen(?:,? lien tuc)?", _every(Frequency.ONGOING)),
    (rf"(?:{_DINH_KY})?{_MONTHLY}|{_DINH_KY}thang", _every(Frequency.MONTHLY)),
    (rf"(?:{_DINH_KY})?(?:hang|moi) quy|{_DINH_KY}(?:theo\s+)?quy", _every(Frequency.QUARTERLY)),
    (
        rf"(?:{_DINH_KY})?(?:(?:hang|moi) 6 thang|6 thang\s*/\s*(?:0?1\s+)?lan|6 thang (?:mot|0?1) lan)"
        rf"|{_DINH_KY}6 thang|{_DINH_KY}nua nam",
        _every(Frequency.HALF_YEARLY),
    ),
    (rf"(?:{_DINH_KY})?{_YEARLY}|{_DINH_KY}nam", _every(Frequency.YEARLY)),
    (
        r"(?:it nhat\s+|toi thieu\s+)?(?P<count>\d{1,2})\s+lan\s*/\s*(?P<period>thang|quy|6 thang|nam)",
        _times_a_year,
    ),
    (
        rf"(?:{_DINH_KY})?(?:{_BEFORE}\s+)?(?:vao\s+)?ngay\s+{_DAY}(?:\s+thang\s+|\s*[/.-]\s*){_MONTH}\s+{_YEARLY}",
        _yearly_on,
    ),
    (rf"(?:{_DINH_KY})?(?:{_BEFORE}\s+)?(?:vao\s+|trong\s+)?thang\s+{_MONTH}\s+{_YEARLY}", _yearly_on),
    (rf"(?:{_DINH_KY})?(?:{_BEFORE}\s+)?(?:vao\s+)?ngay\s+{_DAY}\s+{_MONTHLY}", _monthly_on),
    (rf"(?:{_DINH_KY})?{_MONTHLY},?\s+(?:{_BEFORE}\s+)?(?:vao\s+)?ngay\s+{_DAY}", _monthly_on),
    (
        rf"(?:{_DINH_KY})?{_MONTHLY},?\s+(?:xuyen suot\s+)?tu\s+thang\s+(?P<first>\d{{1,2}})"
        rf"(?:\s*/\s*(?P<first_year>\d{{4}}))?\s+den\s+(?:het\s+)?thang\s+{_MONTH}(?:{_OF_YEAR})?",
        _monthly_over,
    ),
    # periods in days
    (
        rf"(?:trong\s+(?:vong\s+|thoi han\s+)?)?(?P<days>\d{{1,3}})\s+ngay lam viec{_ANCHOR}",
        _in_days(Kind.WORKING_DAYS),
    ),
    (rf"(?:trong\s+(?:vong\s+|thoi han\s+)?)?(?P<days>\d{{1,3}})\s+ngay{_ANCHOR}", _in_days(Kind.DAYS)),
]

# "(?![a-z0-9])" keeps a phrase from ending inside a word or number.
_RULES = [(re.compile(rf"(?:{pattern})(?![a-z0-9])"), build) for pattern, build in _PHRASES]
_SEPARATOR = re.compile(
    r"(?:[\s,;:/+-]|\b(?:va|hoac|dong thoi)\b|\btrong nam\b(?!\s*\d)"
    r"|\b(?:thoi gian(?: thuc hien| hoan thanh)?|thoi han)\s*:)+"
)


# ---------------------------------------------------------------------------
# Scanning


def _candidates(folded: str, pos: int) -> list[tuple[re.Match, Callable]]:
    """Every phrase that starts at ``pos``, longest first."""
    found = [(m, build) for rule, build in _RULES if (m := rule.match(folded, pos))]
    return sorted(found, key=lambda item: item[0].end() - pos, reverse=True)


def _scan(folded: str, pos: int, ctx: _Context, dead_ends: set[int]) -> _Found | None:
    """Cover ``folded[pos:]`` with phrases and separators; None if it cannot be covered.

    ``dead_ends`` remembers positions already known not to lead anywhere, so
    trying the readings of a long list stays linear rather than exponential.
    """
    if gap := _SEPARATOR.match(folded, pos):
        pos = gap.end()
    if pos == len(folded):
        return _Found([])
    if pos in dead_ends:
        return None
    for match, build in _candidates(folded, pos):
        rest = _scan(folded, match.end(), ctx, dead_ends)
        if rest is not None:
            here = build(match, ctx)
            return _Found(here.parts + rest.parts, here.warnings + rest.warnings)
    dead_ends.add(pos)
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def parse_deadline(text: str, *, year: int | None = None) -> ParsedDeadline:
    """Read a deadline as written in a plan; ``year`` is the plan's year, used when the text omits it."""
    written = (text or "").strip()
    folded = fold_phrase(text)
    if not folded:
        return ParsedDeadline(text, [], [MSG_EMPTY])
    if len(folded) > MAX_LENGTH:
        return ParsedDeadline(text, [], [MSG_TOO_LONG])
    ctx = _Context(written, year)
    try:
        found = _scan(folded, 0, ctx, set())
        if found is None or not found.parts:
            return ParsedDeadline(text, [], [MSG_UNREADABLE.format(text=written)])
        for part in found.parts:
            validate_part(part)
    except _Refused as refusal:
        return ParsedDeadline(text, [], [str(refusal)])
    except DeadlineError as error:
        return ParsedDeadline(text, [], [MSG_BAD_VALUE.format(text=written, reason=str(error).rstrip("."))])
    return ParsedDeadline(text, found.parts, _unique(found.warnings))
