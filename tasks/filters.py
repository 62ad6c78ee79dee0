"""Read queries behind the API's list filters; scoping itself stays in tasks.selectors."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q

from .models import Deliverable, Task, TaskAssignment
from .selectors import deliverable_list_for_user, plan_list_for_user


def deliverable_list_filtered(
    *,
    user,
    today: dt.date,
    unit: str | None = None,
    state: str | None = None,
    due_before: dt.date | None = None,
    due_after: dt.date | None = None,
    overdue: bool | None = None,
    plan: int | None = None,
):
    """Return the user's deliverables narrowed by the given filters; due dates are inclusive."""
    queryset = deliverable_list_for_user(user)
    if unit:
        queryset = queryset.filter(unit__code=unit)
    if state:
        queryset = queryset.filter(state=state)
    if due_before:
        queryset = queryset.filter(due_date__lte=due_before)
    if due_after:
        queryset = queryset.filter(due_date__gte=due_after)
    if plan:
        queryset = queryset.filter(task__plan_id=plan)
    late = Q(state__in=Deliverable.OPEN_STATES, due_date__lt=today)
    if overdue is True:
        queryset = queryset.filter(late)
    elif overdue is False:
        queryset = queryset.exclude(late)
    return queryset.for_rows().order_by("due_date", "id")


def task_list_for_user(*, user, plan: int | None = None):
    """Return the task rows of the plans the user may read."""
    queryset = Task.objects.filter(plan__in=plan_list_for_user(user).values("id"))
    if plan:
        queryset = queryset.filter(plan_id=plan)
    return (
        queryset.select_related("plan", "section")
        .prefetch_related(Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit")))
        .order_by("plan_id", "section__position", "position", "id")
    )
