"""The satisfaction index, computed in the database.

One GROUP BY over the monthly summaries (``IndexTally``, kept by the response service)
gives, per period × [unit] × criterion, the valid answers and the positive ones.
A criterion's index is the share of positive answers (the top ``positive_levels``
levels, set per campaign); the overall index is the mean of the criteria indices.
Python only combines the grouped rows (a few per group), never the answers.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Q, Sum

from core import periods
from core.periods import Frequency

from .models import Campaign, Criterion, IndexTally
from .sampling import margin_of_error
from .summaries import ALL

PERIOD_FIELDS = {"year": ("year",), "quarter": ("year", "quarter"), "month": ("year", "month")}
FREQUENCY_PERIOD = {Frequency.MONTHLY: "month", Frequency.QUARTERLY: "quarter", Frequency.YEARLY: "year"}
PERIOD_FREQUENCY = {period: frequency for frequency, period in FREQUENCY_PERIOD.items()}
PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2]))?$")
BAD_PERIOD = "Kỳ “{value}” không đúng dạng 2023, 2023-Q1 hoặc 2023-03."


def period_parse(text: str) -> tuple[str, dict[str, int]]:
    """'2023' → ('year', {year}); '2023-Q1' → ('quarter', …); '2023-03' → ('month', …)."""
    match = PERIOD_RE.match(text.strip())
    if not match:
        raise ValueError(BAD_PERIOD.format(value=text))
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    kind = "quarter" if "quarter" in parts else "month" if "month" in parts else "year"
    return kind, parts


def period_key(kind: str, row: dict) -> str:
    if kind == "quarter":
        return f"{row['year']}-Q{row['quarter']}"
    if kind == "month":
        return f"{row['year']}-{row['month']:02d}"
    return str(row["year"])


def period_label(key: str) -> str:
    """ "2022-Q1" → "Quý I/2022", "2022-03" → "Tháng 3/2022", "2022" → "Năm 2022"."""
    kind, parts = period_parse(key)
    month = parts.get("month") or 3 * parts.get("quarter", 1) - 2
    return periods.period_label(dt.date(parts["year"], month, 1), PERIOD_FREQUENCY[kind])


def period_previous(key: str) -> str:
    kind, p = period_parse(key)
    if kind == "quarter":
        return f"{p['year'] - 1}-Q4" if p["quarter"] == 1 else f"{p['year']}-Q{p['quarter'] - 1}"
    if kind == "month":
        return f"{p['year'] - 1}-12" if p["month"] == 1 else f"{p['year']}-{p['month'] - 1:02d}"
    return str(p["year"] - 1)


@dataclass(slots=True)
class Figure:
    """One index figure and what stands behind it."""

    n: int = 0
    positive: int = 0
    percent: float | None = None  # 0–100
    moe: float | None = None  # ± percentage points, 95 %
    below_quota: bool = False

    @classmethod
    def share(cls, positive: int, n: int) -> Figure:
        if n == 0:
            return cls()
        p = positive / n
        return cls(n=n, positive=positive, percent=100 * p, moe=100 * margin_of_error(p, n))

    @classmethod
    def mean(cls, figures: list[Figure]) -> Figure:
        """Mean of the criteria indices; n is the smallest count behind any of them (conservative)."""
        known = [f for f in figures if f.percent is not None]
        if not known:
            return cls()
        percent = sum(f.percent for f in known) / len(known)
        n = min(f.n for f in known)
        return cls(
            n=n,
            positive=round(n * percent / 100),
            percent=percent,
            moe=100 * margin_of_error(percent / 100, n),
        )


@dataclass
class IndexResult:
    """Figures keyed by period, then by group (a unit id, or None for all units)."""

    period_kind: str
    criteria: list[Criterion]
    by_criterion: dict[str, dict[object, dict[int, Figure]]] = field(default_factory=dict)
    overall: dict[str, dict[object, Figure]] = field(default_factory=dict)
    general: dict[str, dict[object, Figure]] = field(default_factory=dict)

    @property
    def periods(self) -> list[str]:
        return sorted(self.overall)


def _tallies(campaign: Campaign, period: str | list[str] | None, by_unit: bool, unit_ids=None):
    """The campaign's summary rows: per unit, or the all-units totals; of one period or a few."""
    rows = IndexTally.objects.filter(campaign=campaign)
    rows = rows.exclude(unit_key=ALL) if by_unit else rows.filter(unit_key=ALL)
    if by_unit and unit_ids is not None:
        rows = rows.filter(unit_key__in=list(unit_ids))
    if period:
        keys = [period] if isinstance(period, str) else period
        rows = rows.filter(reduce(operator.or_, (Q(**period_parse(key)[1]) for key in keys)))
    return rows


def _grouped(rows, group: list[str]):
    """(group columns…, n, positive) tuples: tuples, not dicts, as the rows can number thousands."""
    return (
        rows.values(*group)
        .annotate(n_sum=Sum("n"), positive_sum=Sum("positive"))
        .order_by()
        .values_list(*group, "n_sum", "positive_sum")
    )


def criterion_counts(
    *,
    campaign: Campaign,
    period_kind: str,
    by_unit: bool,
    period: str | list[str] | None = None,
    unit_ids=None,
):
    """Rows of ([unit_id], period columns…, criterion_id, n, positive), summed from the monthly summaries."""
    group = [*(["unit_key"] if by_unit else []), *PERIOD_FIELDS[period_kind], "criterion_key"]
    rows = _tallies(campaign, period, by_unit, unit_ids).exclude(criterion_key=ALL)
    return _grouped(rows, group)


def general_counts(
    *,
    campaign: Campaign,
    period_kind: str,
    by_unit: bool,
    period: str | list[str] | None = None,
    unit_ids=None,
):
    """Rows of ([unit_id], period columns…, n, positive) for the general-satisfaction question."""
    group = [*(["unit_key"] if by_unit else []), *PERIOD_FIELDS[period_kind]]
    rows = _tallies(campaign, period, by_unit, unit_ids).filter(criterion_key=ALL)
    return _grouped(rows, group)


def _keyer(period_kind: str, by_unit: bool):
    """Row → period key, memoised (a few dozen periods, thousands of rows)."""
    start = 1 if by_unit else 0
    names = PERIOD_FIELDS[period_kind]
    end = start + len(names)
    cache: dict[tuple, str] = {}

    def key(row: tuple) -> str:
        head = row[start:end]
        found = cache.get(head)
        if found is None:
            found = cache[head] = period_key(period_kind, dict(zip(names, head, strict=True)))
        return found

    return key


def index_combine(rows, *, period_kind: str, by_unit: bool, criteria: list[Criterion]) -> IndexResult:
    """Turn grouped rows into figures; the overall index is the mean over criteria."""
    result = IndexResult(period_kind=period_kind, criteria=criteria)
    key_of = _keyer(period_kind, by_unit)
    by_criterion = result.by_criterion
    for row in rows:
        key = key_of(row)
        group = row[0] if by_unit else None
        groups = by_criterion.get(key)
        if groups is None:
            groups = by_criterion[key] = defaultdict(dict)
        groups[group][row[-3]] = Figure.share(row[-1], row[-2])
    for key, groups in by_criterion.items():
        result.overall[key] = {group: Figure.mean(list(figs.values())) for group, figs in groups.items()}
    return result


def index_compute(
    *,
    campaign: Campaign,
    period_kind: str | None = None,
    by_unit: bool = True,
    period: str | list[str] | None = None,
    with_general: bool = True,
    unit_ids=None,
    criteria: list[Criterion] | None = None,
) -> IndexResult:
    """The index per period × (unit or all units) × criterion, the overall and the general question.

    Read from the summaries (``IndexTally``), never from the answers; ``unit_ids`` limits a
    per-unit index to one page of units, and ``period`` (a key, or a list of keys of one kind)
    to the periods shown. ``criteria``, when the caller has them already, saves reading them again.
    """
    if period:
        period_kind = period_parse(period if isinstance(period, str) else period[0])[0]
    period_kind = period_kind or FREQUENCY_PERIOD[campaign.frequency]
    if criteria is None:
        criteria = list(Criterion.objects.filter(questionnaire_id=campaign.questionnaire_id))
    rows = criterion_counts(
        campaign=campaign, period_kind=period_kind, by_unit=by_unit, period=period, unit_ids=unit_ids
    )
    result = index_combine(rows, period_kind=period_kind, by_unit=by_unit, criteria=criteria)
    if with_general:
        key_of = _keyer(period_kind, by_unit)
        general = general_counts(
            campaign=campaign, period_kind=period_kind, by_unit=by_unit, period=period, unit_ids=unit_ids
        )
        for row in general:
            group = row[0] if by_unit else None
            result.general.setdefault(key_of(row), {})[group] = Figure.share(row[-1], row[-2])
    return result


def index_as_dict(
    result: IndexResult, *, campaign: Campaign, unit_names: dict[int, str] | None = None
) -> dict:
    """A JSON-friendly form of an index result (used by the command and the API)."""
    names = {c.pk: c.name for c in result.criteria}
    unit_names = unit_names or {}

    def fig(f: Figure | None):
        if f is None or f.percent is None:
            return None
        return {
            "n": f.n,
            "positive": f.positive,
            "index": round(f.percent, 2),
            "margin_of_error": round(f.moe, 2),
            "meets_target": campaign.target_met(f.percent),
        }

    periods = []
    for key in result.periods:
        groups = []
        for group, overall in sorted(result.overall[key].items(), key=lambda item: str(item[0])):
            groups.append(
                {
                    "unit_id": group,
                    "unit": unit_names.get(group) if group is not None else None,
                    "overall": fig(overall),
                    "general": fig(result.general.get(key, {}).get(group)),
                    "criteria": {
                        names[cid]: fig(f) for cid, f in sorted(result.by_criterion[key][group].items())
                    },
                }
            )
        periods.append({"period": key, "groups": groups})
    return {
        "campaign": campaign.pk,
        "title": campaign.title,
        "target": float(campaign.target_percent),
        "period_kind": result.period_kind,
        "periods": periods,
    }
