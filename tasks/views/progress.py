"""The year at a glance, a plan's timeline and its progress workbook, and the list behind each figure."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.jobs import job_start
from units.selectors import access_for

from .. import charts, progress
from ..filtersets import IN_TIME, OPEN, deliverables_filtered
from ..models import Deliverable
from ..selectors import (
    access_plan_by_id,
    deliverable_list_counts,
    deliverable_list_for_user,
    page_of,
    plan_list_for_user,
)

RANKING_CHART_ROWS = 30
OVERDUE_CHART_ROWS = 20


def _query(params: dict) -> str:
    return urlencode({key: value for key, value in params.items() if value not in (None, "", False)})


def list_url(**params) -> str:
    """The obligation list with these filters (empty ones left out), as a link can carry it."""
    query = _query(params)
    return reverse("deliverable_list") + (f"?{query}" if query else "")


class ListLinks:
    """``list_url(**fixed, **more)`` for many ``more``: the address resolved and the fixed filters
    encoded once. The progress page links each of its ~450 figures; one ``reverse`` and encoding of
    every filter each was a fifth of the page."""

    def __init__(self, head: str = "", **fixed):
        self.head = head or list_url(**fixed)
        self._joiner = "&" if "?" in self.head else "?"

    def __call__(self, **more) -> str:
        query = _query(more)
        return f"{self.head}{self._joiner}{query}" if query else self.head

    def narrowed(self, **more) -> ListLinks:
        """These links with more filters fixed (after the ones fixed already, as ``list_url`` orders them)."""
        return ListLinks(self(**more))


def _readers_only(user) -> None:
    access = access_for(user)
    if not (access.is_superuser or access.coordinated or access.readable_tree):
        raise PermissionDenied(_("Chỉ Nội vụ và lãnh đạo xem tổng quan tiến độ."))


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _filters(request) -> tuple[int | None, int | None, list]:
    plans = list(plan_list_for_user(request.user).order_by("-year", "id"))
    plan_id = _int(request.GET.get("plan"))
    if plan_id and plan_id not in {plan.pk for plan in plans}:
        plan_id = None
    year = _int(request.GET.get("year"))
    return plan_id, year, plans


def _period(year: int | None) -> dict:
    if not year:
        return {}
    return {"due_after": f"{year}-01-01", "due_before": f"{year}-12-31"}


def _ranking_rows(ranking, links: ListLinks) -> list[dict]:
    rows = []
    for unit in ranking:
        of_unit = links.narrowed(unit=unit.unit_id)
        rows.append(
            {
                "label": unit.name,
                "completion": unit.completion,
                "on_time": unit.on_time,
                "url_completion": of_unit(state=Deliverable.State.ACCEPTED),
                "url_on_time": of_unit(timeliness=IN_TIME),
                "url_unit": of_unit.head,
            }
        )
    return rows


def _unit_urls(links: ListLinks, unit_id: int) -> dict:
    of_unit = links.narrowed(unit=unit_id)
    return {
        "all": of_unit.head,
        "accepted": of_unit(state=Deliverable.State.ACCEPTED),
        "in_time": of_unit(timeliness=IN_TIME),
        "late": of_unit(timeliness=Deliverable.Timeliness.LATE),
        "overdue": of_unit(overdue="on"),
        "open": of_unit(state=OPEN),
    }


def _month_rows(months, links: ListLinks) -> list[dict]:
    rows = []
    for m in months:
        of_month = links.narrowed(due_after=m.first_day, due_before=m.last_day)
        label = f"{m.month:02d}/{m.year % 100:02d}"
        rows.append(
            {
                "label": label,
                "due": m.due,
                "done": m.done,
                "overdue": m.overdue,
                "url_due": of_month.head,
                "url_done": of_month(state=Deliverable.State.ACCEPTED),
            }
        )
    return rows


@login_required
def progress_overview(request):
    """Nội vụ and leaders: ranking, months, overdue by unit; each figure links to its list."""
    _readers_only(request.user)
    today = timezone.localdate()
    plan_id, year, plans = _filters(request)
    # Summaries only: the same figures as the live GROUP BY, without scanning the obligations.
    narrowed = {"user": request.user, "plan_id": plan_id, "year": year, "today": today}
    ranking = progress.progress_ranking_for_user(**narrowed)
    months = progress.progress_by_month_for_user(**narrowed)
    links = ListLinks(plan=plan_id, **_period(year))
    late_units = sorted((u for u in ranking if u.overdue), key=lambda u: (-u.overdue, u.name))
    page = page_of(ranking, request.GET.get("trang"))
    for unit in page.object_list:
        unit.urls = _unit_urls(links, unit.unit_id)
    month_rows = _month_rows(months, ListLinks(plan=plan_id))
    plan = next((p for p in plans if p.pk == plan_id), None)
    context = {
        "can_remind": bool(plan and access_for(request.user).can_manage_issuer(plan.issuer_id)),
        "today": today,
        "plans": plans,
        "plan_id": plan_id,
        "year": year,
        "years": sorted({plan.year for plan in plans}, reverse=True),
        "totals": progress.figures_total(ranking),
        "base_urls": {
            "all": links.head,
            "accepted": links(state=Deliverable.State.ACCEPTED),
            "open": links(state=OPEN),
            "overdue": links(overdue="on"),
            "submitted": links(state=Deliverable.State.SUBMITTED),
            "in_time": links(timeliness=IN_TIME),
        },
        "ranking_chart": charts.ranking_chart(_ranking_rows(ranking[:RANKING_CHART_ROWS], links)),
        "ranking_count": len(ranking),
        "page": page,
        "months": month_rows,
        "month_chart": charts.month_chart(month_rows),
        "overdue_chart": charts.count_chart(
            [
                {"label": u.name, "value": u.overdue, "url": links(unit=u.unit_id, overdue="on")}
                for u in late_units[:OVERDUE_CHART_ROWS]
            ]
        ),
        "late_unit_count": len(late_units),
        "query": urlencode({k: v for k, v in (("plan", plan_id), ("year", year)) if v}),
    }
    return render(request, "tasks/progress_overview.html", context)


@login_required
def deliverable_list(request):
    """Every obligation the user may see, filtered, sorted, counted and paged; the URL keeps it all."""
    today = timezone.localdate()
    visible = deliverable_list_for_user(request.user).order_by("due_date", "id")
    filterset, queryset = deliverables_filtered(request, visible)
    queryset = queryset.for_rows()
    counts = deliverable_list_counts(request.user, queryset, today, chosen=filterset.chosen)
    page = page_of(queryset, request.GET.get("trang"), count=counts.total)  # the counts know the length
    context = {
        "filter": filterset,
        "page": page,
        "counts": counts,
        "today": today,
        "can_act": access_for(request.user).is_coordinator,
    }
    return render(request, "tasks/deliverable_list.html", context)


def _gantt(plan, today):
    # A province plan's 4 000 marks share a few hundred dates and state mixes: each address head,
    # date and tooltip is written once (the same text as ``list_url`` and the date format give).
    head = f"{list_url(plan=plan.pk)}&task="
    days: dict = {}
    tallies: dict = {}
    rows = []
    for row in progress.plan_gantt_rows(plan, today):
        marks = []
        task_head = f"{head}{row.task_id}"
        for mark in row.marks:
            due = mark.due_date
            if (day := days.get(due)) is None:
                day = days[due] = (f"{due:%d/%m/%Y}", f"&due_after={due}&due_before={due}")
            key = tuple(mark.counts.items())
            if (counts := tallies.get(key)) is None:
                counts = tallies[key] = ", ".join(f"{_STATE_LABELS.get(k, k)}: {n}" for k, n in key)
            marks.append(
                {"due_date": due, "css": mark.css, "title": f"{day[0]} — {counts}", "url": task_head + day[1]}
            )
        rows.append({"label": f"{row.label}. {row.content}", "full": row.content, "marks": marks})
    return charts.gantt_chart(rows, start=plan.period_start, end=plan.period_end, today=today)


_STATE_LABELS = {**dict(Deliverable.State.choices), "overdue": "Quá hạn"}


@login_required
def plan_gantt(request, plan_id: int):
    """A plan's timeline: a row per task, its due dates coloured by state, today's line; printable."""
    plan = access_plan_by_id(request.user, plan_id)
    today = timezone.localdate()
    legend = [(key, _STATE_LABELS[key]) for key in progress.MARK_ORDER]
    context = {"plan": plan, "chart": _gantt(plan, today), "today": today, "legend": legend}
    return render(request, "tasks/plan_gantt.html", context)


@login_required
def plan_progress_export(request, plan_id: int):
    """The plan's progress as .xlsx (unit × task matrix, every obligation, the unit ranking): a
    background job, since a province's plan takes seconds; its page offers the file when done."""
    plan = access_plan_by_id(request.user, plan_id)
    if request.method != "POST":
        return render(request, "tasks/plan_progress_export.html", {"plan": plan})
    job = job_start(
        "plan_progress_export", actor=request.user, plan_id=plan.pk, day=timezone.localdate().isoformat()
    )
    return redirect("job_detail", job_id=job.pk)
