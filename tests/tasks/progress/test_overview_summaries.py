"""The all-plans overview reads the summaries: the live figures, at a fixed number of queries."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from core.periods import Frequency
from tasks.models import Deliverable
from tasks.progress import (
    progress_by_month,
    progress_by_month_for_user,
    progress_ranking,
    progress_ranking_for_user,
    progress_scope,
)
from tasks.services.deliverables import deliverable_accept, deliverable_submit
from tasks.services.lifecycle import plan_issue
from tasks.services.summaries import deliverable_summaries_rebuild
from tests.factories import PlanFactory, TaskFactory, UnitFactory, add_recurring, add_unit

from .conftest import TODAY

pytestmark = pytest.mark.django_db
TODAY_DATE = dt.date(2022, 8, 10)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("plan_key, year", [(None, None), ("big", None), ("big", 2022), (None, 2021)])
def test_summary_ranking_equals_the_live_count(province, org, plan_key, year):
    # given the fixture's states, written behind the services, then the nightly recount
    deliverable_summaries_rebuild()
    plan_id = province[plan_key].pk if plan_key else None
    # when
    summary = progress_ranking_for_user(user=org.coordinator, plan_id=plan_id, year=year, today=TODAY_DATE)
    # then
    live = progress_ranking(progress_scope(user=org.coordinator, plan_id=plan_id, year=year), TODAY_DATE)
    assert [vars(u) for u in summary] == [vars(u) for u in live]
    assert bool(summary) == (year != 2021)
    months = progress_by_month_for_user(user=org.coordinator, plan_id=plan_id, year=year, today=TODAY_DATE)
    live_months = progress_by_month(
        progress_scope(user=org.coordinator, plan_id=plan_id, year=year), TODAY_DATE
    )
    assert [vars(m) for m in months] == [vars(m) for m in live_months]


@time_machine.travel(TODAY, tick=False)
def test_a_report_sent_and_accepted_moves_the_ranking_at_once(province, org):
    """No recount between the writes: the services keep the on-time counts of the summary exact."""
    deliverable_summaries_rebuild()
    item = (
        Deliverable.objects.filter(
            task__plan=province["big"], unit=org.office_a, state=Deliverable.State.PENDING
        )
        .order_by("due_date")
        .last()
    )
    deliverable_submit(deliverable=item, actor=org.officer_a, text="Đã thực hiện.")
    deliverable_accept(deliverable=item, actor=org.coordinator)

    summary = progress_ranking_for_user(user=org.coordinator, plan_id=None, year=2022, today=TODAY_DATE)
    office_a = next(u for u in summary if u.unit_id == org.office_a.pk)
    assert office_a.accepted == 4 + 1
    assert office_a.in_time == 4 + 1  # the first quarter's four on time, and this one before its due date
    live = progress_ranking(progress_scope(user=org.coordinator, year=2022), TODAY_DATE)
    assert [vars(u) for u in summary] == [vars(u) for u in live]


def _build(org, units: int):
    """One quarterly plan of four tasks led by ``units`` offices, and a plan of the next year."""
    offices = [UnitFactory(name=f"Phòng số {n:03d}", parent=org.district) for n in range(units)]
    plans = []
    for year in (2022, 2023):
        plan = PlanFactory(
            issuer=org.district,
            year=year,
            period_start=dt.date(year, 1, 1),
            period_end=dt.date(year, 12, 31),
            report_frequency=Frequency.QUARTERLY.value,
        )
        for index in range(4 if year == 2022 else 1):
            task = TaskFactory(plan=plan, content=f"Nhiệm vụ {index}", deadline_text="Thường xuyên")
            for office in offices:
                add_unit(task, office)
            add_recurring(task, Frequency.ONGOING)
        plans.append(plan_issue(plan=plan, actor=org.coordinator))
    first = Deliverable.objects.filter(due_date__lt=dt.date(2022, 4, 1), unit__in=offices[::2])
    set_state_all(first, sent=dt.datetime(2022, 3, 20, tzinfo=dt.UTC))
    with time_machine.travel(TODAY, tick=False):
        deliverable_summaries_rebuild()
    return plans[0]


def set_state_all(queryset, *, sent):
    queryset.update(state=Deliverable.State.ACCEPTED, submitted_at=sent, timeliness="early")


# Measured 12 (PostgreSQL, either filter), session and user lookups included; a query per row would add 50.
OVERVIEW_QUERIES = 14


@pytest.mark.parametrize("units", [60, 120], ids=["60 units", "120 units"])
@pytest.mark.parametrize("narrowed", [False, True], ids=["all plans", "one plan, one year"])
def test_overview_query_count_does_not_grow_with_units(
    client, org, django_assert_max_num_queries, units, narrowed
):
    """60 or 120 units ranked (more than a page of 50), 1 000 or 2 000 obligations: the same queries."""
    # given
    plan = _build(org, units)
    client.force_login(org.coordinator)
    params = {"plan": plan.pk, "year": 2022} if narrowed else {}

    # when
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get(reverse("progress_overview"), params)

    # then
    assert response.status_code == 200
    assert response.context["ranking_count"] == units
    assert len(response.context["page"].object_list) == 50
    expected = units * (16 if narrowed else 20)
    assert response.context["totals"].total == expected
    assert response.context["totals"].accepted == (units + 1) // 2 * 4


@time_machine.travel(TODAY, tick=False)
def test_overview_reads_the_summaries_not_the_rows(client, province, org):
    """A row changed behind the services shows only after the recount: the page never scans rows."""
    deliverable_summaries_rebuild()
    client.force_login(org.coordinator)
    before = client.get(reverse("progress_overview")).context["totals"].accepted
    Deliverable.objects.filter(state=Deliverable.State.PENDING).update(state=Deliverable.State.ACCEPTED)
    assert client.get(reverse("progress_overview")).context["totals"].accepted == before
    deliverable_summaries_rebuild()
    assert client.get(reverse("progress_overview")).context["totals"].accepted > before
