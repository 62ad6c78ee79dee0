"""Dashboards read counts kept by the writers: after every change they equal a count of the rows."""

import datetime as dt

import time_machine
from django.db.models import Sum
from django.urls import reverse

from tasks.models import Deliverable, DeliverableTally, IssuerUnitTally, PlanTally
from tasks.selectors import Counts, dashboard_for_user, deliverable_counts
from tasks.services.deliverables import deliverable_accept, deliverable_submit, deliverable_waive
from tasks.services.extensions import extension_approve, extension_request
from tasks.services.lifecycle import plan_cancel
from tasks.services.summaries import (
    COUNT_FIELDS,
    deliverable_summaries_rebuild,
    deliverable_summaries_refresh,
)

DAY = "2022-01-20 09:00 +07:00"  # before the due date 31/01/2022
LATER = "2022-02-10 09:00 +07:00"  # after it: an open obligation is overdue


def _live(today) -> Counts:
    return deliverable_counts(Deliverable.objects.all(), today)


def _dashboard(org, today) -> Counts:
    return dashboard_for_user(org.coordinator, today).totals


def test_each_change_through_the_services_keeps_the_dashboard_exact(org, deliverable):
    """Issue, submit, accept, waive, extend, cancel: the dashboard counts what the rows say."""
    with time_machine.travel(DAY, tick=False):
        today = dt.date(2022, 1, 20)
        assert _dashboard(org, today) == _live(today)
        assert _dashboard(org, today).pending == 1

        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã xong.")
        assert _dashboard(org, today) == _live(today)
        assert _dashboard(org, today).submitted == 1

        deliverable_accept(deliverable=deliverable, actor=org.coordinator)
        assert _dashboard(org, today).accepted == 1
        assert _dashboard(org, today) == _live(today)


def test_an_extension_and_a_cancelled_plan_are_counted_at_once(org, deliverable, issued_plan):
    """A moved due date leaves "overdue"; a cancelled plan's obligations become waived."""
    with time_machine.travel(LATER, tick=False):
        today = dt.date(2022, 2, 10)
        assert _dashboard(org, today).overdue == 1
        request = extension_request(
            deliverable=deliverable,
            actor=org.officer_a,
            requested_due_date=dt.date(2022, 3, 31),
            reason="Chờ số liệu",
        )
        extension_approve(request=request, actor=org.coordinator)
        assert _dashboard(org, today).overdue == 0
        assert _dashboard(org, today) == _live(today)

        plan_cancel(plan=issued_plan, actor=org.coordinator, comment="Thay bằng kế hoạch khác")
        assert _dashboard(org, today).waived == 1
        assert _dashboard(org, today) == _live(today)


def test_a_new_day_recounts_overdue_before_the_dashboard_shows_it(client, org, deliverable):
    """Counts made on 20/01 say nothing is late; opened on 10/02, the dashboard shows it overdue."""
    with time_machine.travel(DAY, tick=False):
        deliverable_summaries_rebuild()
        assert DeliverableTally.objects.get().overdue == 0
    client.force_login(org.coordinator)

    with time_machine.travel(LATER, tick=False):
        response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert response.context["data"].totals.overdue == 1
    assert DeliverableTally.objects.get().as_of == dt.date(2022, 2, 10)


def test_a_waived_obligation_leaves_the_unit_table_and_the_review_count(org, deliverable):
    """Waiving is a change like any other: the unit's row no longer counts it as pending."""
    with time_machine.travel(DAY, tick=False):
        today = dt.date(2022, 1, 20)
        deliverable_waive(deliverable=deliverable, actor=org.coordinator, reason="Không còn phù hợp")
        data = dashboard_for_user(org.coordinator, today)

    [(unit, counts)] = data.units
    assert unit == org.office_a
    assert (counts.pending, counts.waived) == (0, 1)
    assert data.awaiting_review == 0


def _sums(rows, *keys) -> dict:
    grouped = rows.order_by().values(*keys).annotate(**{name: Sum(name) for name in COUNT_FIELDS})
    return {tuple(row.pop(key) for key in keys): row for row in grouped}


def _rollups_agree() -> bool:
    """The plan rows and the issuer × unit rows hold exactly what the tallies sum to."""
    tallies = DeliverableTally.objects.all()
    return _sums(PlanTally.objects.all(), "plan_id") == _sums(tallies, "plan_id") and _sums(
        IssuerUnitTally.objects.all(), "issuer_id", "unit_id"
    ) == _sums(tallies, "issuer_id", "unit_id")


def test_the_plan_and_unit_rollups_follow_every_change(org, deliverable, issued_plan):
    """Submit, accept, an obligation passed to another unit, a rebuild: the national dashboard's
    rows per plan and per unit stay the sums of the detailed counts."""
    with time_machine.travel(DAY, tick=False):
        today = dt.date(2022, 1, 20)
        assert PlanTally.objects.get(plan=issued_plan).pending == 1
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã xong.")
        assert _rollups_agree()
        deliverable_accept(deliverable=deliverable, actor=org.coordinator)
        assert _rollups_agree() and PlanTally.objects.get(plan=issued_plan).accepted == 1

        Deliverable.objects.filter(pk=deliverable.pk).update(unit=org.office_b)
        deliverable_summaries_refresh(plan_id=issued_plan.pk, unit_ids={org.office_a.pk, org.office_b.pk})
        assert _rollups_agree()
        assert not IssuerUnitTally.objects.filter(unit=org.office_a).exists()
        assert IssuerUnitTally.objects.get(unit=org.office_b).accepted == 1

        deliverable_summaries_rebuild(today=today)
        assert _rollups_agree() and PlanTally.objects.count() == 1
    [(unit, counts)] = dashboard_for_user(org.coordinator, today).units
    assert (unit, counts.accepted) == (org.office_b, 1)


def test_the_plan_page_counts_from_the_summaries_as_of_the_day_it_is_opened(client, org, deliverable):
    """Counted on 20/01 nothing was late; the plan page opened on 10/02 shows the obligation
    overdue, in its counts and in its month, as a count of the rows says."""
    plan = deliverable.task.plan
    with time_machine.travel(DAY, tick=False):
        deliverable_summaries_rebuild()
    client.force_login(org.coordinator)

    with time_machine.travel(LATER, tick=False):
        response = client.get(reverse("plan_detail", args=[plan.pk]))

    assert response.status_code == 200
    live = deliverable_counts(Deliverable.objects.filter(task__plan=plan), dt.date(2022, 2, 10))
    assert response.context["counts"] == live and live.overdue == 1
    [month] = response.context["timeline"]
    assert (month.year, month.month, month.overdue, month.total) == (2022, 1, 1, 1)
