"""The counts dashboards read, kept current by the writers of deliverables.

Every service that creates deliverables, changes their state, due date or unit calls
``deliverable_summaries_refresh`` for the plan (and units) it touched, inside its transaction,
so a leader's counts are exact as of the moment the page prints. Overdue and "due soon" move
with the date: ``deliverable_summaries_rebuild`` recounts everything for a new day (the nightly
job, or the first dashboard of the day when the job has not run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DateField, Func, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from core.locks import SUMMARIES_OF_ISSUER, tables_lock, transaction_lock
from plans.models import Plan

from ..models import Deliverable, DeliverableMonth, DeliverableTally, IssuerUnitTally, PlanTally

State = Deliverable.State
SUMMARY_MODELS = (DeliverableTally, DeliverableMonth, PlanTally, IssuerUnitTally)
COUNT_FIELDS = ("pending", "due_soon", "overdue", "submitted", "accepted", "returned", "waived", "total")


class MonthStart(Func):
    """The first day of a date's month, in SQL on both databases (no Python per row on SQLite)."""

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        # %%%% survives the template and the driver's parameter step as one %.
        template = "strftime('%%%%Y-%%%%m-01', %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date_trunc('month', %(expressions)s)::date", **extra
        )


def count_expressions(today: dt.date) -> dict:
    soon = today + dt.timedelta(days=settings.DUE_SOON_DAYS)
    open_q = Q(state__in=Deliverable.OPEN_STATES)
    return {
        "pending": Count("id", filter=open_q),
        "due_soon": Count("id", filter=open_q & Q(due_date__gte=today, due_date__lte=soon)),
        "overdue": Count("id", filter=open_q & Q(due_date__lt=today)),
        "submitted": Count("id", filter=Q(state=State.SUBMITTED)),
        "accepted": Count("id", filter=Q(state=State.ACCEPTED)),
        "returned": Count("id", filter=Q(state=State.RETURNED)),
        "waived": Count("id", filter=Q(state=State.WAIVED)),
        "total": Count("id"),
    }


IN_TIME = (Deliverable.Timeliness.EARLY, Deliverable.Timeliness.ON_TIME)
TIMELINESS_FIELDS = ("reported", "in_time", "late")


def timeliness_expressions() -> dict:
    """Sent reports by timeliness: the on-time rate of the ranking reads these."""
    return {
        "reported": Count("id", filter=~Q(timeliness="")),
        "in_time": Count("id", filter=Q(timeliness__in=IN_TIME)),
        "late": Count("id", filter=Q(timeliness=Deliverable.Timeliness.LATE)),
    }


def _tallies(deliverables, today: dt.date, now) -> list[DeliverableTally]:
    rows = (
        deliverables.order_by()
        .annotate(due_year=ExtractYear("due_date"))
        .values("task__plan_id", "task__plan__issuer_id", "unit_id", "due_year")
        .annotate(**count_expressions(today), **timeliness_expressions())
    )
    return [
        DeliverableTally(
            plan_id=row.pop("task__plan_id"),
            issuer_id=row.pop("task__plan__issuer_id"),
            unit_id=row.pop("unit_id"),
            year=row.pop("due_year"),
            as_of=today,
            refreshed_at=now,
            **row,
        )
        for row in rows
    ]


def _months(deliverables, today: dt.date) -> list[DeliverableMonth]:
    overdue = Q(state__in=Deliverable.OPEN_STATES, due_date__lt=today)
    rows = (
        deliverables.order_by()
        .annotate(month=MonthStart("due_date"))
        .values("task__plan_id", "task__plan__issuer_id", "month", "state")
        .annotate(n=Count("id"), late=Count("id", filter=overdue))
    )
    return [
        DeliverableMonth(
            plan_id=row["task__plan_id"],
            issuer_id=row["task__plan__issuer_id"],
            month=_as_date(row["month"]),
            state=row["state"],
            count=row["n"],
            overdue=row["late"],
            as_of=today,
        )
        for row in rows
    ]


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _rolled_up(model, tallies, keys: tuple[str, ...], today: dt.date) -> list:
    rows = tallies.order_by().values(*keys).annotate(**{name: Sum(name) for name in COUNT_FIELDS})
    return [model(as_of=today, **row) for row in rows]


def _roll_up_plan(plan_id: int, issuer_ids: set[int], unit_ids: set[int] | None, today: dt.date) -> None:
    """Sum the plan's fresh tallies into its plan row and its issuers' unit rows (an issuer it
    had before a change included, so a moved plan leaves no count behind)."""
    PlanTally.objects.filter(plan_id=plan_id).delete()
    PlanTally.objects.bulk_create(
        _rolled_up(
            PlanTally, DeliverableTally.objects.filter(plan_id=plan_id), ("plan_id", "issuer_id"), today
        )
    )
    units = IssuerUnitTally.objects.filter(issuer_id__in=issuer_ids)
    tallies = DeliverableTally.objects.filter(issuer_id__in=issuer_ids)
    if unit_ids is not None:
        units, tallies = units.filter(unit_id__in=unit_ids), tallies.filter(unit_id__in=unit_ids)
    units.delete()
    IssuerUnitTally.objects.bulk_create(_rolled_up(IssuerUnitTally, tallies, ("issuer_id", "unit_id"), today))


def deliverable_summaries_refresh(*, plan_id: int, unit_ids: Iterable[int] | None = None) -> None:
    """Recount one plan (its months, and the given units' tallies or all of them)."""
    today, now = timezone.localdate(), timezone.now()
    plan_rows = Deliverable.objects.filter(task__plan_id=plan_id)
    tallies = DeliverableTally.objects.filter(plan_id=plan_id)
    if unit_ids is not None:
        unit_ids = set(unit_ids)
        tallies = tallies.filter(unit_id__in=unit_ids)
    with transaction.atomic():
        # Two writers of one issuer's plans (a report sent in one plan, one accepted in another,
        # by the same unit) would each delete and re-insert the same unit row: one waits here.
        issuer_ids = {Plan.objects.values_list("issuer_id", flat=True).get(pk=plan_id)}
        issuer_ids |= set(tallies.values_list("issuer_id", flat=True).distinct())
        transaction_lock(SUMMARIES_OF_ISSUER, issuer_ids)
        tallies.delete()
        counted = plan_rows if unit_ids is None else plan_rows.filter(unit_id__in=unit_ids)
        DeliverableTally.objects.bulk_create(_tallies(counted, today, now))
        _roll_up_plan(plan_id, issuer_ids, unit_ids, today)
        DeliverableMonth.objects.filter(plan_id=plan_id).delete()
        DeliverableMonth.objects.bulk_create(_months(plan_rows, today))


def deliverable_summaries_refresh_for(deliverable: Deliverable, *, unit_ids: Iterable[int] = ()) -> None:
    """Recount what one changed deliverable belongs to (plus units it moved away from)."""
    deliverable_summaries_refresh(plan_id=deliverable.task.plan_id, unit_ids={deliverable.unit_id, *unit_ids})


def deliverable_summaries_rebuild(*, today: dt.date | None = None) -> int:
    """Recount every plan as of ``today``; return the number of tallies written."""
    today, now = today or timezone.localdate(), timezone.now()
    with transaction.atomic():
        # Every issuer's writers wait for the recount (a lock per issuer would be thousands nationally).
        tables_lock(*SUMMARY_MODELS)
        for model in SUMMARY_MODELS:
            model.objects.all().delete()
        tallies = DeliverableTally.objects.bulk_create(_tallies(Deliverable.objects.all(), today, now), 2000)
        DeliverableMonth.objects.bulk_create(_months(Deliverable.objects.all(), today), 2000)
        every = DeliverableTally.objects.all()
        PlanTally.objects.bulk_create(_rolled_up(PlanTally, every, ("plan_id", "issuer_id"), today), 2000)
        IssuerUnitTally.objects.bulk_create(
            _rolled_up(IssuerUnitTally, every, ("issuer_id", "unit_id"), today), 2000
        )
    return len(tallies)


def deliverable_summaries_ensure_current(today: dt.date) -> None:
    """Recount when the counts are of another day (the nightly job has not run yet)."""
    # Before or after, not "not today": each side is a range of the as-of index, where "not equal"
    # read every summary row of every province when all were current (4 ms on each dashboard).
    stale = DeliverableTally.objects.filter(Q(as_of__lt=today) | Q(as_of__gt=today))
    if stale.exists():
        deliverable_summaries_rebuild(today=today)
