"""Required vs collected questionnaires per unit (and service) and period."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from . import sampling
from .index import period_parse
from .models import Campaign, CampaignUnit, ResponseTally, Service, TransactionCount
from .summaries import ALL

SPAN = ""  # the quota covers the whole campaign (fixed and proportional designs)
SUPPLEMENT = "Cần khảo sát bổ sung"
AT_RISK = "Có nguy cơ không đạt số phiếu"


@dataclass
class QuotaRow:
    unit_id: int
    unit: str
    service: str
    period: str
    transactions: int | None
    required: int
    collected: int
    warning: str = ""

    @property
    def percent(self) -> float:
        return 100 * self.collected / self.required if self.required else 100.0


def period_span(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period key ("2023", "2023-Q1", "2023-03")."""
    kind, p = period_parse(period)
    year = p["year"]
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first_month = (p["quarter"] - 1) * 3 + 1 if kind == "quarter" else p["month"]
    months = 3 if kind == "quarter" else 1
    start = dt.date(year, first_month, 1)
    end_month = first_month + months
    end = dt.date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def _bounds(campaign: Campaign, period: str) -> tuple[dt.date, dt.date]:
    if period == SPAN:
        return campaign.period_start, campaign.period_end
    start, end = period_span(period)
    return max(start, campaign.period_start), min(end, campaign.period_end)


def _required(campaign: Campaign) -> dict[tuple[int, int | None, str], tuple[int | None, int]]:
    """(unit, service, period) → (transactions, required), from the campaign's sample design."""
    params = campaign.design_params or {}
    design = campaign.design
    out = {}
    if design == Campaign.Design.FIXED:
        services = list(Service.objects.filter(campaign=campaign).prefetch_related("units"))
        for scope in CampaignUnit.objects.filter(campaign=campaign, fixed_quota__isnull=False):
            offered = [
                s for s in services if not s.units.all() or scope.unit_id in {u.pk for u in s.units.all()}
            ]
            for service in offered or [None]:
                out[(scope.unit_id, service.pk if service else None, SPAN)] = (None, scope.fixed_quota)
        return out
    counts = list(
        TransactionCount.objects.filter(campaign=campaign).values_list(
            "unit_id", "service_id", "period", "count"
        )
    )
    if design == Campaign.Design.PROPORTIONAL:
        weights = defaultdict(int)
        for unit_id, service_id, _, count in counts:
            weights[(unit_id, service_id)] += count
        shares = sampling.allocate_proportional(int(params.get("total", 0)), weights)
        return {(u, s, SPAN): (weights[(u, s)], share) for (u, s), share in shares.items()}
    for unit_id, service_id, period, count in counts:
        if design == Campaign.Design.THRESHOLD:
            required = sampling.quota_threshold(count, params.get("table", sampling.VINH_MY_TABLE))
        elif design == Campaign.Design.PERCENT:
            required = sampling.quota_percent(count, float(params.get("percent", 10)))
        else:
            required = sampling.quota_sipas(count, float(params.get("margin", 0.05)))
        out[(unit_id, service_id, period)] = (count, required)
    return out


def _collected(campaign: Campaign, by_unit_only: bool, unit_ids) -> dict[tuple, list[tuple[int, int, int]]]:
    """(unit, service) → [(year, month, count)], read from the monthly summaries."""
    rows = ResponseTally.objects.filter(campaign=campaign).exclude(unit_key=ALL)
    if unit_ids is not None:
        rows = rows.filter(unit_key__in=list(unit_ids))
    out = defaultdict(list)
    for unit_id, service_key, year, month, n in rows.values_list(
        "unit_key", "service_key", "year", "month", "n"
    ):
        out[(unit_id, None if by_unit_only else (service_key or None))].append((year, month, n))
    return out


def quota_progress(*, campaign: Campaign, today: dt.date, unit_ids=None) -> list[QuotaRow]:
    """Every quota of the campaign (or of ``unit_ids``) with what was collected and a warning when short.

    Counts are indexed by unit and service first, so each quota sums only its own months.
    """
    required = _required(campaign)
    if unit_ids is not None:
        wanted = set(unit_ids)
        required = {key: value for key, value in required.items() if key[0] in wanted}
    by_unit_only = not any(service for (_, service, _) in required)
    collected = _collected(campaign, by_unit_only, unit_ids)
    names = dict(CampaignUnit.objects.filter(campaign=campaign).values_list("unit_id", "unit__name"))
    services = dict(Service.objects.filter(campaign=campaign).values_list("id", "name"))
    rows = []
    for (unit_id, service_id, period), (transactions, need) in sorted(
        required.items(),
        key=lambda item: (names.get(item[0][0], ""), item[0][2], services.get(item[0][1], "")),
    ):
        start, end = _bounds(campaign, period)
        first = start.replace(day=1)
        got = sum(
            n
            for year, month, n in collected.get((unit_id, service_id), ())
            if first <= dt.date(year, month, 1) <= end
        )
        row = QuotaRow(
            unit_id, names.get(unit_id, "?"), services.get(service_id, ""), period, transactions, need, got
        )
        if got < need:
            if today > end:
                row.warning = SUPPLEMENT
            elif today >= start:
                elapsed = (today - start).days + 1
                span = (end - start).days + 1
                if got * span / elapsed < need:
                    row.warning = AT_RISK
        rows.append(row)
    return rows


def quota_by_unit(rows: list[QuotaRow]) -> dict[tuple[int, str], tuple[int, int]]:
    """(unit, period) → (required, collected), services summed."""
    totals = defaultdict(lambda: [0, 0])
    for row in rows:
        totals[(row.unit_id, row.period)][0] += row.required
        totals[(row.unit_id, row.period)][1] += row.collected
    return {key: tuple(value) for key, value in totals.items()}


# ----- the sample of one report period (the Báo cáo kết quả khảo sát) ---------------------------------


@dataclass
class PeriodSample:
    """One unit's minimum for a report period and what it collected: in the period, and cumulative."""

    unit_id: int
    required: int
    in_period: int
    cumulative: int

    @property
    def enough(self) -> bool:
        return self.cumulative >= self.required


def _collected_by_month(campaign: Campaign) -> dict[tuple[int, int, int], int]:
    """Questionnaires by (unit, year, month), from the summaries; summed over any span in Python."""
    rows = ResponseTally.objects.filter(campaign=campaign).exclude(unit_key=ALL)
    collected: dict[tuple[int, int, int], int] = defaultdict(int)
    for unit, year, month, n in rows.values_list("unit_key", "year", "month", "n"):
        collected[(unit, year, month)] += n
    return dict(collected)


def _count_between(collected: dict, unit_id: int, start: dt.date, end: dt.date) -> int:
    first, last = (start.year, start.month), (end.year, end.month)
    return sum(
        n
        for (unit, year, month), n in collected.items()
        if unit == unit_id and first <= (year, month) <= last
    )


def quota_for_period(
    *, campaign: Campaign, period: str, today: dt.date, unit_ids: list[int]
) -> tuple[list[PeriodSample], set[str]]:
    """Per unit: the minimum of the quota periods touching ``period``, and what was collected.

    A quota set for a longer span (the year, the whole campaign) than the report period is compared
    with what was collected from the span's start to the end of the period (lũy kế), not with the
    period alone, which would always look short. Also returns the quota periods that applied.
    """
    start, end = period_span(period)
    quotas: dict[int, list] = {}
    for row in quota_progress(campaign=campaign, today=today):
        span = (campaign.period_start, campaign.period_end) if row.period == SPAN else period_span(row.period)
        if span[0] <= end and span[1] >= start:
            quotas.setdefault(row.unit_id, []).append((row, span))
    collected = _collected_by_month(campaign)
    samples, spans = [], set()
    for unit_id in unit_ids:
        found = quotas.get(unit_id, [])
        spans.update(row.period for row, _ in found)
        span_start = min((span[0] for _, span in found), default=start)
        samples.append(
            PeriodSample(
                unit_id=unit_id,
                required=sum(row.required for row, _ in found),
                in_period=_count_between(collected, unit_id, start, end),
                cumulative=_count_between(collected, unit_id, span_start, end),
            )
        )
    return samples, spans
