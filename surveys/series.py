"""A unit's satisfaction over the years, its predecessors' figures included before a reorganisation.

Read from the summaries (``IndexTally``), never the answers: one grouped query. A year to
which a predecessor contributed (before the lineage's effective date) is marked as combined,
so a series does not break because a commune was merged or renamed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Sum

from units.models import Unit, UnitLineage

from .models import IndexTally

ALL = 0  # ``criterion_key`` of the general question, ``unit_key`` of the all-units totals


@dataclass
class SeriesPoint:
    year: int
    n: int = 0
    positive: int = 0
    sources: list[str] = field(default_factory=list)  # predecessors whose answers are included

    @property
    def percent(self) -> float | None:
        return 100 * self.positive / self.n if self.n else None

    @property
    def combined(self) -> bool:
        return bool(self.sources)


def _predecessor_cutoffs(unit: Unit) -> dict[int, dt.date | None]:
    """Unit id → the first day its answers no longer count for ``unit`` (None: always count)."""
    links: dict[int, list[tuple[int, dt.date]]] = {}
    for predecessor, successor, effective in UnitLineage.objects.values_list(
        "predecessor_id", "successor_id", "effective_on"
    ):
        links.setdefault(successor, []).append((predecessor, effective))
    cutoffs: dict[int, dt.date | None] = {unit.pk: None}
    stack = [unit.pk]
    while stack:
        current = stack.pop()
        for predecessor, effective in links.get(current, ()):
            limit = cutoffs[current]
            cutoff = min(limit, effective) if limit else effective
            if predecessor not in cutoffs:
                cutoffs[predecessor] = cutoff
                stack.append(predecessor)
    return cutoffs


def unit_satisfaction_series(unit: Unit) -> list[SeriesPoint]:
    """The share of satisfied answers per year, over every campaign the unit (or a predecessor) was in."""
    cutoffs = _predecessor_cutoffs(unit)
    rows = (
        IndexTally.objects.filter(unit_key__in=list(cutoffs))
        .exclude(criterion_key=ALL)
        .values("unit_key", "year", "month")
        .annotate(n=Sum("n"), positive=Sum("positive"))
        .order_by()
    )
    names = dict(Unit.objects.filter(pk__in=list(cutoffs)).values_list("pk", "name"))
    points: dict[int, SeriesPoint] = {}
    for row in rows:
        cutoff = cutoffs[row["unit_key"]]
        if cutoff and dt.date(row["year"], row["month"], 1) >= cutoff:
            continue  # after the reform the predecessor's answers are its own history only
        point = points.setdefault(row["year"], SeriesPoint(year=row["year"]))
        point.n += row["n"]
        point.positive += row["positive"]
        name = names[row["unit_key"]]
        if row["unit_key"] != unit.pk and name not in point.sources:
            point.sources.append(name)
    return [points[year] for year in sorted(points)]
