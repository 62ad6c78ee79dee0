"""Read queries shared by views, commands and exports; all scoped by units.selectors."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from plans.models import Plan
from units.selectors import Access, access_for

from .models import Deliverable, ExtensionRequest, Task, TaskAssignment

State = Deliverable.State
Role = TaskAssignment.Role


# ----- scoping ---------------------------------------------------------------------------


def _plan_scope(access: Access) -> Q:
    if access.is_superuser:
        return Q()
    readable = access.coordinated | access.readable_tree
    own = access.own_units
    # A unit sees the issued plans it takes part in; drafts stay with their authors.
    involved = Q(tasks__assignments__unit_id__in=own | access.history) & ~Q(state=Plan.State.DRAFT)
    return Q(issuer_id__in=readable) | involved


def plan_list_for_user(user):
    access = access_for(user)
    if not (access.is_superuser or access.coordinated or access.readable_tree or access.own_units):
        return Plan.objects.none()
    ids = Plan.objects.filter(_plan_scope(access)).values("id")
    return Plan.objects.filter(id__in=ids).select_related("issuer")


def access_plan_by_id(user, plan_id: int) -> Plan:
    """Fetch a plan the user may read: 404 when missing, 403 when not theirs."""
    plan = Plan.objects.select_related("issuer", "parent").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    if not plan_list_for_user(user).filter(pk=plan.pk).exists():
        raise PermissionDenied
    return plan


def _deliverable_scope(access: Access) -> Q:
    if access.is_superuser:
        return Q()
    readable = access.coordinated | access.readable_tree
    own = access.own_units
    coordinating = Q(task__assignments__unit_id__in=own, task__assignments__role=Role.COORDINATING)
    # A successor reads what its predecessors did (``history``), and reports only for itself.
    return Q(task__plan__issuer_id__in=readable) | Q(unit_id__in=own | access.history) | coordinating


def deliverable_list_for_user(user):
    access = access_for(user)
    ids = Deliverable.objects.filter(_deliverable_scope(access)).values("id")
    return Deliverable.objects.filter(id__in=ids)


def access_deliverable_by_id(user, deliverable_id: int) -> Deliverable:
    deliverable = (
        Deliverable.objects.select_related("task__plan__issuer", "task__section", "unit")
        .filter(pk=deliverable_id)
        .first()
    )
    if deliverable is None:
        raise Http404
    if not deliverable_list_for_user(user).filter(pk=deliverable.pk).exists():
        raise PermissionDenied
    return deliverable


# ----- counts ------------------------------------------------------------------------------


@dataclass
class Counts:
    pending: int = 0
    due_soon: int = 0
    overdue: int = 0
    submitted: int = 0
    accepted: int = 0
    returned: int = 0
    waived: int = 0
    total: int = 0

    @property
    def done_percent(self) -> int:
        countable = self.total - self.waived
        return round(100 * self.accepted / countable) if countable else 0


def _count_expressions(today: dt.date) -> dict:
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


def deliverable_counts_by(queryset, key: str, today: dt.date) -> dict[int, Counts]:
    """Return Counts per value of ``key`` (e.g. "task__plan_id", "unit_id") in one query."""
    rows = queryset.order_by().values(key).annotate(**_count_expressions(today))
    return {row.pop(key): Counts(**row) for row in rows}


def deliverable_counts(queryset, today: dt.date) -> Counts:
    return Counts(**queryset.order_by().aggregate(**_count_expressions(today)))


# ----- screens ----------------------------------------------------------------------------


@dataclass
class Dashboard:
    totals: Counts
    plans: list[tuple[Plan, Counts]]
    units: list[tuple[object, Counts]]
    overdue: list[Deliverable]
    flagged_for_leaders: list[Deliverable]
    awaiting_review: int
    pending_extensions: int


def dashboard_for_user(user, today: dt.date, *, overdue_limit: int = 50) -> Dashboard:
    from units.models import Unit

    visible = deliverable_list_for_user(user)
    by_plan = deliverable_counts_by(visible, "task__plan_id", today)
    by_unit = deliverable_counts_by(visible, "unit_id", today)
    plans = Plan.objects.filter(id__in=by_plan).select_related("issuer")
    units = Unit.objects.filter(id__in=by_unit)
    overdue = (
        visible.overdue(today)
        .select_related("task__plan", "task__section", "unit", "original_unit")
        .order_by("due_date", "id")[:overdue_limit]
    )
    return Dashboard(
        totals=deliverable_counts(visible, today),
        plans=[(plan, by_plan[plan.id]) for plan in plans],
        units=sorted(((unit, by_unit[unit.id]) for unit in units), key=lambda p: (-p[1].overdue, str(p[0]))),
        overdue=list(overdue),
        flagged_for_leaders=list(
            visible.open()
            .filter(reminders__step="leaders")
            .select_related("task__plan", "task__section", "unit", "original_unit")
            .distinct()
            .order_by("due_date", "id")[:overdue_limit]
        ),
        awaiting_review=visible.awaiting_review().filter(_managed_by(access_for(user))).count(),
        pending_extensions=extension_queue_for_user(user).count(),
    )


def _managed_by(access: Access) -> Q:
    return Q() if access.is_superuser else Q(task__plan__issuer_id__in=access.coordinated)


def review_queue_for_user(user):
    access = access_for(user)
    return (
        Deliverable.objects.awaiting_review()
        .filter(_managed_by(access))
        .select_related("task__plan", "task__section", "unit", "original_unit")
        .order_by("submitted_at", "id")
    )


def extension_queue_for_user(user):
    access = access_for(user)
    managed = Q() if access.is_superuser else Q(deliverable__task__plan__issuer_id__in=access.coordinated)
    return (
        ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)
        .filter(managed)
        .select_related("deliverable__task__plan", "deliverable__unit", "requested_by")
    )


@dataclass
class Inbox:
    owed: list[Deliverable]
    supporting: list[Deliverable]
    awaiting_my_approval: list[Deliverable]
    done: list[Deliverable] = field(default_factory=list)


def inbox_for_user(user, *, done_limit: int = 30) -> Inbox:
    access = access_for(user)
    own = access.own_units
    base = Deliverable.objects.select_related("task__plan", "task__section", "unit", "original_unit")
    supporting_ids = TaskAssignment.objects.filter(unit_id__in=own, role=Role.COORDINATING).values("task_id")
    return Inbox(
        owed=list(base.filter(unit_id__in=own).open().order_by("due_date", "id")),
        supporting=list(
            base.filter(task_id__in=supporting_ids).open().exclude(unit_id__in=own).order_by("due_date")
        ),
        awaiting_my_approval=list(
            base.filter(unit_id__in=access.heading, state=State.AWAITING_APPROVAL).order_by("due_date")
        ),
        done=list(
            base.filter(unit_id__in=own)
            .exclude(state__in=Deliverable.OPEN_STATES)
            .order_by("-submitted_at", "-id")[:done_limit]
        ),
    )


@dataclass
class PlanRow:
    task: Task
    leads: list
    coordinating: list
    deliverables: list[Deliverable]


def plan_table(plan: Plan) -> list[tuple[object, list[PlanRow]]]:
    """Return the plan's task table grouped by section, in the document's order."""
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("section")
        .prefetch_related(
            Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit")),
            Prefetch("deliverables", queryset=Deliverable.objects.select_related("unit")),
            "deadline_rules",
        )
        .order_by("section__position", "position", "id")
    )
    groups: OrderedDict = OrderedDict()
    for task in tasks:
        assignments = list(task.assignments.all())
        groups.setdefault(task.section, []).append(
            PlanRow(
                task=task,
                leads=[a.unit for a in assignments if a.role == Role.LEAD],
                coordinating=[a.unit for a in assignments if a.role == Role.COORDINATING],
                deliverables=sorted(task.deliverables.all(), key=lambda d: (d.due_date, str(d.unit))),
            )
        )
    return list(groups.items())


@dataclass
class TimelineMonth:
    year: int
    month: int
    counts: dict = field(default_factory=lambda: defaultdict(int))
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def plan_timeline(queryset, today: dt.date) -> list[TimelineMonth]:
    """Due dates by month, with counts per state (one query)."""
    months: dict[tuple[int, int], TimelineMonth] = {}
    for due, state in queryset.order_by().values_list("due_date", "state"):
        month = months.setdefault((due.year, due.month), TimelineMonth(due.year, due.month))
        month.counts[state] += 1
        if state in Deliverable.OPEN_STATES and due < today:
            month.overdue += 1
    return [months[key] for key in sorted(months)]
