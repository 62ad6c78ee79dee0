"""Read queries shared by views, commands and exports; all scoped by units.selectors."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from core.history import HistoryPage, history_entries
from core.paging import IdsFirstPaginator, rows_of_slice
from plans.models import PLAN_DOCUMENT_FIELDS, BudgetLine, LegalBasis, Plan, Section, Target
from plans.text_blocks import blocks_to_markup
from units.models import Unit
from units.selectors import (
    Access,
    InSubquery,
    UnitNames,
    access_for,
    coordinated_units,
    manages_everything,
    readable_units,
    reads_everything,
)

from .models import (
    Deliverable,
    DeliverableMonth,
    ExtensionRequest,
    IssuerUnitTally,
    PlanTally,
    ReminderLog,
    Task,
    TaskAssignment,
    TaskDeadline,
)
from .services.summaries import (
    COUNT_FIELDS,
    MonthStart,
    count_expressions,
    deliverable_summaries_ensure_current,
)
from .templatetags.kehoach import deliverable_badges

State = Deliverable.State
Role = TaskAssignment.Role


# ----- scoping ---------------------------------------------------------------------------


def _plan_scope(access: Access) -> Q:
    if reads_everything(access):
        return Q()
    units = access.own_units | access.history
    if not units:
        return Q(issuer_id__in=readable_units(access))
    # A unit sees the issued plans it takes part in; drafts stay with their authors. Its plans are
    # read once (``InSubquery``): as ``IN``, PostgreSQL probed every task of each plan (12 ms).
    # The tasks too: joined, PostgreSQL hashed every task of every province (40 000) for a unit's 500.
    involved_tasks = TaskAssignment.objects.filter(unit_id__in=units).order_by().values("task_id")
    involved_plans = Task.objects.filter(InSubquery(F("id"), Subquery(involved_tasks))).values("plan_id")
    involved = Q(InSubquery(F("id"), Subquery(involved_plans.order_by()))) & ~Q(state=Plan.State.DRAFT)
    return Q(issuer_id__in=readable_units(access)) | involved


def plan_list_for_user(user):
    access = access_for(user)
    if not (access.is_superuser or access.coordinated or access.readable_tree or access.own_units):
        return Plan.objects.none()
    return Plan.objects.filter(_plan_scope(access)).select_related("issuer").defer(*PLAN_DOCUMENT_FIELDS)


def access_plan_by_id(user, plan_id: int) -> Plan:
    """Fetch a plan the user may read: 404 when missing, 403 when not theirs."""
    plan = Plan.objects.select_related("issuer", "parent").filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    if not plan_list_for_user(user).filter(pk=plan.pk).exists():
        raise PermissionDenied
    return plan


def _coordinating_tasks(own):
    return TaskAssignment.objects.filter(unit_id__in=own, role=Role.COORDINATING).values("task_id")


def _own_part(access: Access) -> Q:
    """Obligations the user's own units owe or help with (small: one unit's work)."""
    own = access.own_units
    return Q(unit_id__in=own) | Q(task_id__in=_coordinating_tasks(own))


def _task_of_plans(plans: list[int]) -> Exists:
    """EXISTS on the obligation's task: lists walk the due-date index and stop at a page, instead of
    gathering every obligation of the tree first (a province: 100 000 rows sorted for 50)."""
    return Exists(Task.objects.filter(plan_id__in=plans, pk=OuterRef("task_id")))


def _tasks_issued_in(access: Access, *, managed: bool = False) -> Q:
    """The obligations of plans issued in the user's tree (``managed``: the trees they manage)."""
    plans = _plan_ids_in_tree(access, managed=managed)
    return Q() if plans is None else Q(_task_of_plans(plans))


def _deliverable_scope(access: Access) -> Q:
    if reads_everything(access):
        return Q()
    # Subqueries only: no join that repeats rows, so no DISTINCT is needed.
    # A successor reads what its predecessors did (``history``), and reports only for itself.
    inherited = Q(unit_id__in=access.history) if access.history else Q(pk__in=[])
    return _tasks_issued_in(access) | _own_part(access) | inherited


def deliverable_list_for_user(user):
    return Deliverable.objects.filter(_deliverable_scope(access_for(user)))


def access_deliverable_by_id(user, deliverable_id: int) -> Deliverable:
    deliverable = (
        Deliverable.objects.select_related("task__plan__issuer", "task__section", "unit", "original_unit")
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

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{name: getattr(self, name) + getattr(other, name) for name in COUNT_FIELDS})


_count_expressions = count_expressions


def deliverable_counts_by(queryset, key: str, today: dt.date) -> dict[int, Counts]:
    """Return Counts per value of ``key`` (e.g. "task__plan_id", "unit_id") in one query."""
    rows = queryset.order_by().values(key).annotate(**_count_expressions(today))
    return {row.pop(key): Counts(**row) for row in rows}


def deliverable_counts(queryset, today: dt.date) -> Counts:
    return Counts(**queryset.order_by().aggregate(**_count_expressions(today)))


# ----- screens ----------------------------------------------------------------------------


PAGE_SIZE = 50


def page_of(
    queryset_or_list, number, *, per_page: int = PAGE_SIZE, count: int | None = None, ids_first: bool = True
):
    """One page of a list (50 rows); a bad or too large page number gives the nearest page.

    ``count``, when the summaries already know it, spares counting every row of a long list.
    A queryset's page is read ids first, then its rows (``core.paging``); ``ids_first=False`` for a
    list whose filter is plain (one query plans as fast). A page of obligations names their units
    as they were at the time (``deliverables_named``).
    """
    if not ids_first:
        page = Paginator(queryset_or_list, per_page).get_page(number)
    else:
        page = IdsFirstPaginator(queryset_or_list, per_page, count=count).get_page(number)
    objects = list(page.object_list)
    if objects and isinstance(objects[0], Deliverable):
        page.object_list = deliverables_named(objects)
    return page


def _record_day(state, due_date, submitted_at, closed_at) -> dt.date | None:
    """``deliverable_record_day`` from a row's values (a plan row's chips are not model objects)."""
    if state in Deliverable.OPEN_STATES:
        return None
    stamp = submitted_at or closed_at
    return timezone.localdate(stamp) if stamp else due_date


def deliverable_record_day(deliverable: Deliverable) -> dt.date | None:
    """The date a finished obligation is on record at (sent, or closed); None while still owed."""
    d = deliverable
    return _record_day(d.state, d.due_date, d.submitted_at, d.closed_at)


def deliverable_unit_label(names: UnitNames, deliverable: Deliverable) -> str:
    """The obligation's unit as named on the record's date, "…, nay là …" when the unit ended or
    the obligation passed to a successor (``names`` holds its units)."""
    original = deliverable.original_unit if deliverable.original_unit_id else None
    return names.label(deliverable.unit, deliverable_record_day(deliverable), original=original)


def deliverables_named(items) -> list[Deliverable]:
    """Set each obligation's ``unit_label`` (``deliverable_unit_label``); a fixed number of queries."""
    items = list(items)
    names = UnitNames([*(d.unit for d in items), *(d.original_unit for d in items if d.original_unit_id)])
    for d in items:
        d.named_unit = deliverable_unit_label(names, d)
    return items


def units_named(units, day=None) -> dict[int, str]:
    """Unit id → its name on ``day`` (today's when None), "…, nay là …" for one that ended."""
    names = UnitNames(units)
    return {unit.pk: names.label(unit, day) for unit in names.units.values()}


def _issuers_in_tree(access: Access, *, managed: bool):
    """The units whose plans the summaries are read for, or None when that is every unit."""
    if manages_everything(access) if managed else reads_everything(access):
        return None
    return coordinated_units(access) if managed else readable_units(access)


def _plans_in_tree(access: Access, *, managed: bool) -> list[tuple[int, int]] | None:
    """(id, issuer id) of every plan issued in the user's tree (``managed``: the trees they manage),
    or None when that is every plan; read once per request.

    The summaries and lists of a tree read these few plans (a province: 50) and their issuers
    (a dozen), not the tree's units: sent as an array of 1 041 ids to each of a dashboard's eight
    queries, the units cost it 26 ms of SQL once five provinces shared the database."""
    units = _issuers_in_tree(access, managed=managed)
    if units is None:
        return None
    if not units:
        return []
    # Nội vụ reads only the trees it manages: one list for both.
    key = ("plans_in_tree", managed and not access.readable_tree <= access.coordinated)
    if key not in access.memo:
        access.memo[key] = list(
            Plan.objects.filter(issuer_id__in=units).order_by().values_list("id", "issuer_id")
        )
    return access.memo[key]


def _plan_ids_in_tree(access: Access, *, managed: bool = False) -> list[int] | None:
    plans = _plans_in_tree(access, managed=managed)
    return None if plans is None else [plan_id for plan_id, _ in plans]


def _tally_scope(access: Access, *, managed: bool = False) -> Q:
    """Summaries of the plans issued in the user's tree, found by plan: with every province's rows
    in one table, ``issuer IN (1 041 units)`` read all of them (58 000 rows for 11 600, 16 ms), while
    the tree's plans are a handful and each is one range of the summaries' plan index (5 ms)."""
    plans = _plan_ids_in_tree(access, managed=managed)
    return Q() if plans is None else Q(plan_id__in=plans)


def _rollup_scope(access: Access, *, managed: bool = False) -> Q:
    """The rollups (a row per plan, or per issuer and unit) of the plans issued in the user's tree:
    few rows, read by issuer."""
    plans = _plans_in_tree(access, managed=managed)
    return Q() if plans is None else Q(issuer_id__in=sorted({issuer for _, issuer in plans}))


def _summed(rows, *fields: str) -> dict[str, int]:
    sums = rows.aggregate(**{name: Sum(name) for name in fields})
    return {name: value or 0 for name, value in sums.items()}


def _remainder(access: Access):
    """Visible obligations of plans outside the user's tree: their own units' work, counted live."""
    if reads_everything(access) or not (access.own_units or access.history):
        return None
    inherited = Q(unit_id__in=access.history) if access.history else Q(pk__in=[])
    return Deliverable.objects.filter(_own_part(access) | inherited).exclude(
        task__plan_id__in=_plan_ids_in_tree(access)
    )


def _tally_rows_by(access: Access, key: str) -> dict[int, Counts]:
    rollup = PlanTally if key == "plan_id" else IssuerUnitTally
    rows = (
        rollup.objects.filter(_rollup_scope(access))
        .values(key)
        .annotate(**{name: Sum(name) for name in COUNT_FIELDS})
        .order_by()
    )
    return {row.pop(key): Counts(**row) for row in rows}


def _with_remainder(access: Access, counts: dict[int, Counts], key: str, today: dt.date) -> dict[int, Counts]:
    remainder = _remainder(access)
    if remainder is None:
        return counts
    counts = dict(counts)
    live_key = "task__plan_id" if key == "plan_id" else key
    for item, extra in deliverable_counts_by(remainder, live_key, today).items():
        counts[item] = counts.get(item, Counts()) + extra
    return counts


def _tally_counts_by(access: Access, key: str, today: dt.date) -> dict[int, Counts]:
    return _with_remainder(access, _tally_rows_by(access, key), key, today)


@dataclass
class Dashboard:
    totals: Counts
    plans: list[tuple[Plan, Counts]]
    units: list[tuple[object, Counts]]  # the current page of the unit table
    units_page: object
    overdue: list[Deliverable]
    flagged_for_leaders: list[Deliverable]
    awaiting_review: int
    pending_extensions: int
    as_of: dt.datetime
    timeline: list = field(default_factory=list)


def _unit_rows(access: Access, today: dt.date, page_number):
    """The unit table, most overdue first, one page of it."""
    if _remainder(access) is not None:  # live counts join the summaries: ordered here, not in SQL
        return _unit_rows_merged(_tally_counts_by(access, "unit_id", today), page_number)
    # Ordered and cut in the database: a national tally spans 5 000 units, a page shows 50.
    grouped = IssuerUnitTally.objects.filter(_rollup_scope(access)).values("unit_id").order_by()
    # Each ranked unit's name read by its key: joined, every unit of the country was hashed to
    # name the few hundred that have rows (5 206 with five provinces: half the query's time).
    unit_name = Subquery(Unit.objects.filter(pk=OuterRef("unit_id")).order_by().values("name")[:1])
    ranked = grouped.annotate(late=Sum("overdue"), **{name: Sum(name) for name in COUNT_FIELDS}).order_by(
        "-late", unit_name.asc(), "unit_id"
    )
    page = page_of(ranked, page_number, count=grouped.distinct().count())
    by_unit = {}
    for row in page.object_list:
        unit_id, _late = row.pop("unit_id"), row.pop("late")
        by_unit[unit_id] = Counts(**row)
    page.object_list = list(by_unit)
    return _unit_page(by_unit, page)


def _unit_rows_merged(by_unit: dict[int, Counts], page_number):
    names = dict(Unit.objects.filter(id__in=list(by_unit)).values_list("id", "name"))
    ordered = sorted(by_unit, key=lambda unit_id: (-by_unit[unit_id].overdue, names.get(unit_id, "")))
    return _unit_page(by_unit, page_of(ordered, page_number))


def _unit_page(by_unit: dict[int, Counts], page):
    units = Unit.objects.in_bulk(list(page.object_list))
    named = units_named(units.values())
    for unit in units.values():
        unit.named = named[unit.pk]  # "…, nay là …" for a unit that ended: its record stays
    return [(units[unit_id], by_unit[unit_id]) for unit_id in page.object_list if unit_id in units], page


def _open_in_scope(visible):
    return visible.for_rows().order_by("due_date", "id")


def flagged_for_leaders(visible):
    """Open obligations the reminders put before the leaders (EXISTS: no DISTINCT over every column)."""
    flagged = ReminderLog.objects.filter(deliverable=OuterRef("pk"), step=ReminderLog.Step.LEADERS)
    return _open_in_scope(visible.open().filter(Exists(flagged)))


# The dashboard previews the oldest overdue rows; "see all" opens the full list, 50 a page.
PREVIEW_ROWS = 20


def _dashboard_review_count(user, access: Access, tallied: dict[int, Counts], today: dt.date) -> int:
    """Reports awaiting review: when the user manages every unit they read (Nội vụ), the plan
    tallies just read hold the sum already; otherwise the managed part is summed apart."""
    if access.is_superuser or access.readable_tree <= access.coordinated:
        return sum(c.submitted for c in tallied.values())
    return review_count_for_user(user, today)


def _dashboard_plans(by_plan: dict[int, Counts]) -> list[tuple[Plan, Counts]]:
    # Only what the table shows: a plan's long texts (purposes, requirements…) stay in the database.
    plans = (
        Plan.objects.filter(id__in=list(by_plan))
        .select_related("issuer")
        .only("id", "number", "doc_code", "title", "year", "issuer__name")
        .order_by("-year", "id")
    )
    return [(plan, by_plan[plan.id]) for plan in plans]


def dashboard_for_user(user, today: dt.date, *, overdue_limit: int = PREVIEW_ROWS, unit_page=1) -> Dashboard:
    """What Nội vụ and leaders read: counts from the summaries, the first overdue rows, the months."""
    access = access_for(user)
    deliverable_summaries_ensure_current(today)
    visible = deliverable_list_for_user(user)
    tallied = _tally_rows_by(access, "plan_id")
    by_plan = _with_remainder(access, tallied, "plan_id", today)
    units, units_page = _unit_rows(access, today, unit_page)
    overdue = rows_of_slice(_open_in_scope(visible.overdue(today)), 0, overdue_limit)
    flagged = rows_of_slice(flagged_for_leaders(visible), 0, overdue_limit)
    deliverables_named([*overdue, *flagged])  # both lists' units named in one pass
    return Dashboard(
        totals=sum(by_plan.values(), Counts()),
        plans=_dashboard_plans(by_plan),
        units=units,
        units_page=units_page,
        overdue=overdue,
        flagged_for_leaders=flagged,
        awaiting_review=_dashboard_review_count(user, access, tallied, today),
        pending_extensions=extension_queue_for_user(user).count(),
        as_of=timezone.now(),
        timeline=dashboard_timeline(access, today),
    )


def overdue_for_user(user, today: dt.date, *, flagged: bool = False):
    """Every overdue obligation the user sees, oldest first (the dashboard's "see all")."""
    visible = deliverable_list_for_user(user)
    return flagged_for_leaders(visible) if flagged else _open_in_scope(visible.overdue(today))


def overdue_count_for_user(user, today: dt.date) -> int:
    """How many obligations ``overdue_for_user`` lists, from the summaries (exact, no scan)."""
    access = access_for(user)
    deliverable_summaries_ensure_current(today)
    counted = _summed(PlanTally.objects.filter(_rollup_scope(access)), "overdue")["overdue"]
    remainder = _remainder(access)
    return counted + (remainder.overdue(today).count() if remainder is not None else 0)


def deliverable_count_for_user(user, today: dt.date) -> int:
    """How many obligations ``deliverable_list_for_user`` gives, from the summaries (exact, no scan)."""
    access = access_for(user)
    deliverable_summaries_ensure_current(today)
    counted = _summed(PlanTally.objects.filter(_rollup_scope(access)), "total")["total"]
    remainder = _remainder(access)
    return counted + (remainder.count() if remainder is not None else 0)


def deliverable_list_counts(user, queryset, today: dt.date, *, chosen: set[str]) -> Counts:
    """The obligation list's counts. With no filter chosen, or only "overdue", the summaries know
    them exactly (no scan of a province's 100 000 obligations); else one pass over ``queryset``.

    Overdue obligations are all open, none sent or closed: the summaries' overdue count is all the
    list shows of them (they do not split returned ones by due date, so ``returned`` stays 0).
    """
    if chosen == {"overdue"}:
        overdue = overdue_count_for_user(user, today)
        return Counts(pending=overdue, overdue=overdue, total=overdue)
    if chosen:
        return deliverable_counts(queryset, today)
    access = access_for(user)
    deliverable_summaries_ensure_current(today)
    counts = Counts(**_summed(PlanTally.objects.filter(_rollup_scope(access)), *COUNT_FIELDS))
    remainder = _remainder(access)
    return counts + deliverable_counts(remainder, today) if remainder is not None else counts


def review_count_for_user(user, today: dt.date) -> int:
    """How many reports ``review_queue_for_user`` lists, from the summaries."""
    deliverable_summaries_ensure_current(today)
    managed = PlanTally.objects.filter(_rollup_scope(access_for(user), managed=True))
    return _summed(managed, "submitted")["submitted"]


def review_queue_for_user(user):
    access = access_for(user)
    return (
        Deliverable.objects.awaiting_review()
        .filter(_tasks_issued_in(access, managed=True))
        .for_rows()
        .order_by("submitted_at", "id")
    )


def extension_queue_for_user(user):
    access = access_for(user)
    plans = _plan_ids_in_tree(access, managed=True)
    return (
        ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)
        .filter(Q() if plans is None else Q(plan_id__in=plans))
        # What a row of the queue shows: the task's label and text, the unit.
        .select_related("deliverable__task__section", "deliverable__unit")
        .order_by("requested_at", "id")
    )


@dataclass
class Inbox:
    owed: list[Deliverable]
    supporting: list[Deliverable]
    awaiting_my_approval: list[Deliverable]
    done: list[Deliverable] = field(default_factory=list)
    owed_page: object = None
    supporting_page: object = None
    approval_page: object = None


def inbox_for_user(user, *, done_limit: int = 30, pages: dict | None = None, narrow=None) -> Inbox:
    """A unit's work, each list paged by 50 (``pages``: list name → page number).

    ``narrow``: the list filters the person chose (queryset → queryset), applied to what the unit
    owes and what it supports.
    """
    pages = pages or {}
    narrow = narrow or (lambda queryset: queryset)
    access = access_for(user)
    own = access.own_units
    base = Deliverable.objects.for_rows()
    owed = page_of(narrow(base.filter(unit_id__in=own).open().order_by("due_date", "id")), pages.get("owed"))
    supporting = page_of(
        narrow(
            # The tasks it supports are few: the database reads them once, then their obligations.
            base.filter(InSubquery(F("task_id"), Subquery(_coordinating_tasks(own))))
            .open()
            .exclude(unit_id__in=own)
            .order_by("due_date", "id")
        ),
        pages.get("supporting"),
    )
    approval = page_of(
        base.filter(unit_id__in=access.heading, state=State.AWAITING_APPROVAL).order_by("due_date", "id"),
        pages.get("approval"),
    )
    return Inbox(
        owed=list(owed.object_list),
        supporting=list(supporting.object_list),
        awaiting_my_approval=list(approval.object_list),
        done=list(
            base.filter(unit_id__in=own)
            .exclude(state__in=Deliverable.OPEN_STATES)
            .order_by("-submitted_at", "-id")[:done_limit]
        ),
        owed_page=owed,
        supporting_page=supporting,
        approval_page=approval,
    )


# A task led by every commune owes hundreds of reports: its row shows the first ones and a count.
ROW_DELIVERABLES = 12


@dataclass(slots=True)
class PlanChip:
    """One of a plan row's first obligations, as the row shows it: a link, the unit, the due date
    and its badges. A page holds ~600 of them; as model objects they were a fifth of its time."""

    pk: int
    unit_label: str
    due_date: dt.date
    badges: str


@dataclass
class PlanRow:
    task: Task
    leads: list
    coordinating: list
    deliverables: list[PlanChip]
    more_deliverables: int = 0


_CHIP_FIELDS = (
    *("task_id", "id", "unit_id", "original_unit_id"),
    *("due_date", "state", "submitted_at", "closed_at"),
)


def _first_chip_rows(task_ids: list[int]) -> list[tuple]:
    """The first ROW_DELIVERABLES obligations of each task (a window per task in SQL): a task of
    every commune owes hundreds, and its row shows twelve of them and a count."""
    ranked = Window(
        RowNumber(), partition_by=[F("task_id")], order_by=[F("due_date"), F("unit__name"), F("id")]
    )
    return list(
        Deliverable.objects.filter(task_id__in=task_ids)
        .annotate(rank=ranked)
        .filter(rank__lte=ROW_DELIVERABLES)
        .order_by("task_id", "rank")
        .values_list(*_CHIP_FIELDS)
    )


def _assigned(task_ids: list[int]) -> dict[int, list[tuple[str, int]]]:
    """Task id → (role, unit id) of each of its units, in the plan's order; plain values, since a
    page names a unit many times over (184 assignments of 50 tasks: as model objects, with their
    units, a quarter of the table's time)."""
    assigned: dict[int, list[tuple[str, int]]] = defaultdict(list)
    rows = TaskAssignment.objects.filter(task_id__in=task_ids).order_by("position", "id")
    for task_id, role, unit_id in rows.values_list("task_id", "role", "unit_id"):
        assigned[task_id].append((role, unit_id))
    return assigned


def _plan_chips(
    task_ids: list[int], assigned: dict, today: dt.date
) -> tuple[dict[int, list[PlanChip]], UnitNames]:
    """Task id → its row's chips, and the names of the units they and the tasks' assignments name
    (read once for the page, with an obligation's unit that no assignment names: a successor's)."""
    rows = _first_chip_rows(task_ids)
    unit_ids = {unit_id for pairs in assigned.values() for _, unit_id in pairs}
    unit_ids |= {i for row in rows for i in row[2:4] if i is not None}
    units = Unit.objects.in_bulk(unit_ids)
    names = UnitNames(units.values())  # one read of the former names for the whole page
    chips: dict[int, list[PlanChip]] = defaultdict(list)
    language = get_language()
    for task_id, pk, unit_id, original_id, due_date, state, submitted_at, closed_at in rows:
        original = units[original_id] if original_id is not None else None
        day = _record_day(state, due_date, submitted_at, closed_at)
        late = Deliverable.days_late_of(state, due_date, today)
        chips[task_id].append(
            PlanChip(
                pk=pk,
                unit_label=names.label(units[unit_id], day, original=original),
                due_date=due_date,
                badges=deliverable_badges(state, late, language),
            )
        )
    return chips, names


def plan_table(
    plan: Plan, page_number=None, *, narrow=None, today: dt.date | None = None
) -> tuple[list[tuple[object, list[PlanRow]]], object]:
    """Return one page (50 tasks) of the plan's task table grouped by section, in the document's
    order, and the page. ``narrow``: the person's filters on the tasks (queryset → queryset)."""
    today = today or timezone.localdate()
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("section")
        .order_by("section__position", "position", "id")
    )
    page = page_of(narrow(tasks) if narrow else tasks, page_number, ids_first=False)
    task_ids = [task.pk for task in page.object_list]
    owed = dict(
        Deliverable.objects.filter(task_id__in=task_ids)
        .order_by()
        .values_list("task_id")
        .annotate(n=Count("id"))
    )
    assigned = _assigned(task_ids)
    chips, names = _plan_chips(task_ids, assigned, today)
    units, groups = names.units, OrderedDict()
    for task in page.object_list:
        pairs = assigned.get(task.pk, ())
        groups.setdefault(task.section, []).append(
            PlanRow(
                task=task,
                leads=[names.label(units[u], plan.date) for role, u in pairs if role == Role.LEAD],
                coordinating=[
                    names.label(units[u], plan.date) for role, u in pairs if role == Role.COORDINATING
                ],
                deliverables=chips.get(task.pk, []),
                more_deliverables=max(0, owed.get(task.pk, 0) - ROW_DELIVERABLES),
            )
        )
    return list(groups.items()), page


@dataclass
class TimelineMonth:
    year: int
    month: int
    counts: dict = field(default_factory=lambda: defaultdict(int))
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _as_month(value) -> tuple[int, int]:
    if isinstance(value, dt.date):
        return value.year, value.month
    return int(str(value)[:4]), int(str(value)[5:7])


def _timeline(rows) -> list[TimelineMonth]:
    """Rows of (month start, state, count, overdue) into months, in order."""
    months: dict[tuple[int, int], TimelineMonth] = {}
    for month_start, state, count, overdue in rows:
        key = _as_month(month_start)
        month = months.setdefault(key, TimelineMonth(*key))
        month.counts[state] += count
        month.overdue += overdue
    return [months[key] for key in sorted(months)]


def _live_month_rows(queryset, today: dt.date):
    overdue = Q(state__in=Deliverable.OPEN_STATES, due_date__lt=today)
    return (
        queryset.order_by()
        .annotate(month_start=MonthStart("due_date"))
        .values_list("month_start", "state")
        .annotate(n=Count("id"), late=Count("id", filter=overdue))
    )


def plan_summary(plan: Plan, today: dt.date) -> tuple[Counts, list[TimelineMonth]]:
    """The whole plan's counts and its due dates by month, from its rollup row and the monthly
    summary: a province plan owes tens of thousands of obligations, and counting them on every
    view of its page read them all."""
    deliverable_summaries_ensure_current(today)
    counts = Counts(**_summed(PlanTally.objects.filter(plan_id=plan.pk), *COUNT_FIELDS))
    months = (
        DeliverableMonth.objects.filter(plan_id=plan.pk)
        .values_list("month", "state")
        .annotate(n=Sum("count"), late=Sum("overdue"))
        .order_by()
    )
    return counts, _timeline(months)


def dashboard_timeline(access: Access, today: dt.date) -> list[TimelineMonth]:
    """The months of every plan in the user's tree, from the monthly summary, plus their own work."""
    rows = list(
        DeliverableMonth.objects.filter(_tally_scope(access))
        .values_list("month", "state")
        .annotate(n=Sum("count"), late=Sum("overdue"))
        .order_by()
    )
    remainder = _remainder(access)
    if remainder is not None:
        rows += list(_live_month_rows(remainder, today))
    return _timeline(rows)


# ----- edit history --------------------------------------------------------------------


def plan_edit_history(plan: Plan, *, page: int = 1) -> HistoryPage:
    """Every edit of the plan, its heading parts, tasks, their units and deadlines, deleted ones too."""
    task_ids = Task.history.filter(plan_id=plan.id).values("id")
    return history_entries(
        [
            Plan.history.filter(id=plan.id),
            *(model.history.filter(plan_id=plan.id) for model in (LegalBasis, Target, Section, BudgetLine)),
            Task.history.filter(plan_id=plan.id),
            TaskAssignment.history.filter(task_id__in=task_ids),
            TaskDeadline.history.filter(task_id__in=task_ids),
        ],
        page=page,
    )


@dataclass
class TextEdit:
    when: object
    who: object
    added: list[str]
    removed: list[str]


def plan_text_history(plan: Plan, *, limit: int = 20) -> list[TextEdit]:
    """The newest edits of the plan's own text, each as the lines it added and removed (one query)."""
    rows = list(
        Plan.history.filter(id=plan.id)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .only("history_date", "history_user", "text_blocks")[: limit * 5]
    )
    edits = []
    for newer, older in zip(rows, [*rows[1:], None], strict=True):
        before = blocks_to_markup(older.text_blocks).splitlines() if older else []
        after = blocks_to_markup(newer.text_blocks).splitlines()
        if before == after:
            continue
        added = [line for line in after if line not in before]
        removed = [line for line in before if line not in after]
        edits.append(TextEdit(when=newer.history_date, who=newer.history_user, added=added, removed=removed))
    return edits[:limit]


@dataclass
class ReminderPreview:
    """What a reminder or a batch of đôn đốc letters is about to reach, said before it is sent."""

    obligations: int
    overdue: int
    units: list[dict]  # name, obligations, overdue: one per unit, by name
    past_due_dates: list[dt.date]  # the due dates already passed, oldest first (at most 12)
    plan_unnumbered: bool


def reminder_preview(*, plan: Plan, deliverables, today: dt.date) -> ReminderPreview:
    """Count the open obligations in ``deliverables`` by unit, with those past due: two GROUP BY queries."""
    owed = deliverables.open()
    late = Q(due_date__lt=today)
    units = list(
        owed.values("unit__name")
        .annotate(obligations=Count("id"), overdue=Count("id", filter=late))
        .order_by("unit__name")
    )
    past = list(owed.filter(late).values_list("due_date", flat=True).distinct().order_by("due_date")[:12])
    return ReminderPreview(
        obligations=sum(u["obligations"] for u in units),
        overdue=sum(u["overdue"] for u in units),
        units=[
            {"name": u["unit__name"], "obligations": u["obligations"], "overdue": u["overdue"]} for u in units
        ],
        past_due_dates=past,
        plan_unnumbered=plan.number is None,
    )
