"""A unit's satisfaction over the years, its predecessors' figures included before a reorganisation.

Read from the summaries (``IndexTally``), never the answers: one grouped query. A year to
which a predecessor contributed (before the lineage's effective date) is recomputed from the
pooled counts and marked as combined, so a series does not break because a commune was merged
or renamed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from units.models import Unit, UnitLineage

from .index import Figure
from .models import IndexTally

ALL = 0  # ``criterion_key`` of the general question, ``unit_key`` of the all-units totals


@dataclass
class SeriesPoint:
    """One year of the index. A combined year is recomputed from the pooled tallies of the unit
    and its predecessors (answers summed per criterion, then the mean over criteria, as for any
    unit), never an average of their percentages."""

    year: int
    figure: Figure = field(default_factory=Figure)
    sources: list[str] = field(default_factory=list)  # predecessors whose answers are included

    @property
    def percent(self) -> float | None:
        return self.figure.percent

    @property
    def n(self) -> int:
        return self.figure.n

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
    """The satisfaction index per year, over every campaign the unit (or a predecessor) was in.

    Per year and criterion the valid and positive answers of the unit and of its predecessors
    (before each lineage's effective date) are summed; the year's index is the mean of the
    criteria shares, the method of ``surveys.index``. One grouped query.
    """
    cutoffs = _predecessor_cutoffs(unit)
    rows = (
        IndexTally.objects.filter(unit_key__in=list(cutoffs))
        .exclude(criterion_key=ALL)
        .values_list("unit_key", "year", "month", "criterion_key")
        .annotate(n=Sum("n"), positive=Sum("positive"))
        .order_by()
    )
    names = dict(Unit.objects.filter(pk__in=list(cutoffs)).values_list("pk", "name"))
    pooled: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    sources: dict[int, list[str]] = defaultdict(list)
    for unit_key, year, month, criterion, n, positive in rows:
        cutoff = cutoffs[unit_key]
        if cutoff and dt.date(year, month, 1) >= cutoff:
            continue  # after the reform the predecessor's answers are its own history only
        counts = pooled[year][criterion]
        counts[0] += n
        counts[1] += positive
        if unit_key != unit.pk and names[unit_key] not in sources[year]:
            sources[year].append(names[unit_key])
    return [
        SeriesPoint(
            year=year,
            figure=Figure.mean([Figure.share(pos, n) for n, pos in pooled[year].values()]),
            sources=sources[year],
        )
        for year in sorted(pooled)
    ]
