"""The plan list's counts by state: read from the summaries, equal to a recount of the obligations."""

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from tasks.models import Deliverable
from tasks.services.deliverables import (
    deliverable_accept,
    deliverable_approve,
    deliverable_return,
    deliverable_send_back,
    deliverable_submit,
    deliverable_waive,
)
from tasks.services.extensions import extension_approve, extension_request
from tasks.services.lifecycle import plan_issue
from tests.factories import PlanFactory, TaskFactory, add_deadline, add_unit
from tests.tasks.services.support import require_head_approval


def _plan(org, months, *, unit):
    plan = PlanFactory(issuer=org.district)
    for month in months:
        task = TaskFactory(plan=plan, content=f"Nhiệm vụ tháng {month}")
        add_unit(task, unit)
        add_deadline(task, year=2022, month=month)
    plan_issue(plan=plan, actor=org.coordinator)
    return plan


def _api_counts(client) -> dict[int, dict]:
    response = client.get(reverse("api_plan_list"))
    assert response.status_code == 200, response.content
    return {row["id"]: row["deliverable_counts"] for row in response.json()["results"]}


def _recount(plan) -> dict:
    return dict(Counter(Deliverable.objects.filter(task__plan=plan).values_list("state", flat=True)))


def test_counts_follow_every_transition(client_for, org):
    """After submit, approval, send-back, return, acceptance, waiver and an extension the counts match."""
    require_head_approval(org.office_a)
    plan = _plan(org, [1, 2, 3, 4, 5, 6, 7], unit=org.office_a)
    other = _plan(org, [2, 3], unit=org.office_b)
    by_month = {d.due_date.month: d for d in Deliverable.objects.filter(task__plan=plan)}
    officer, head, coordinator = org.officer_a, org.head_a, org.coordinator
    for month in (1, 2, 3, 4, 5):
        deliverable_submit(deliverable=by_month[month], actor=officer, text="Đã thực hiện.")
    for month in (2, 3, 4):
        deliverable_approve(deliverable=by_month[month], actor=head)
    deliverable_send_back(deliverable=by_month[5], actor=head, comment="Bổ sung số liệu.")
    deliverable_return(deliverable=by_month[3], actor=coordinator, comment="Thiếu phụ lục.")
    deliverable_accept(deliverable=by_month[4], actor=coordinator)
    deliverable_waive(deliverable=by_month[6], actor=coordinator, reason="Không còn phù hợp.")
    request = extension_request(
        deliverable=by_month[7], actor=officer, requested_due_date=dt.date(2022, 9, 30), reason="Chờ số liệu."
    )
    extension_approve(request=request, actor=coordinator)

    counts = _api_counts(client_for("coordinator"))

    assert counts[plan.id] == _recount(plan)
    assert counts[plan.id] == {
        "accepted": 1,
        "awaiting_approval": 1,
        "pending": 1,
        "returned": 2,  # sent back by the unit head, or by Nội vụ
        "submitted": 1,
        "waived": 1,
    }
    assert counts[other.id] == _recount(other) == {"pending": 2}


@pytest.mark.parametrize("plans", [3, 12])
def test_plan_list_queries_do_not_grow_with_plans(client_for, org, plans, django_assert_num_queries):
    """Many plans on the page, each with obligations in several states: the same queries at two sizes."""
    for index in range(plans):
        plan = _plan(org, [1, 2, 3], unit=org.office_a)
        first = Deliverable.objects.filter(task__plan=plan).order_by("due_date").first()
        if index % 2:
            deliverable_submit(deliverable=first, actor=org.officer_a, text="Đã thực hiện.")
    client = client_for("coordinator")
    client.get(reverse("api_plan_list"))  # a first request warms the session and scope caches

    with django_assert_num_queries(QUERIES):
        counts = _api_counts(client)

    assert len(counts) == plans
    assert sum(sum(row.values()) for row in counts.values()) == 3 * plans


# user, the scope (memberships, unit tree and lineage in one statement; the session is cached),
# then count, page and counts.
QUERIES = 5
