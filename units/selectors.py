"""Who may see and do what: the single place that turns memberships into unit scopes.

Every view, export, command and API asks ``access_for(user)``; querysets are
narrowed by the unit ids it returns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import BooleanField, Func, Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from core.stamps import stamp_of, stamp_renew

from .models import Membership, Unit, UnitLineage, UnitName

Role = Membership.Role
_TREE_ROLES = {Role.COORDINATOR, Role.VIEWER, Role.CLERK, Role.SURVEYOR}


@dataclass(frozen=True)
class Access:
    is_superuser: bool = False
    # Units whose plans this user manages (coordinator units and everything under them).
    coordinated: frozenset[int] = frozenset()
    # Units whose plans and results this user may read (tree roles, expanded).
    readable_tree: frozenset[int] = frozenset()
    # Units this user reports for, and units whose reports this user approves.
    reporting: frozenset[int] = frozenset()
    heading: frozenset[int] = frozenset()
    # Predecessors of the units above (after a reorganisation): their records, read-only.
    history: frozenset[int] = frozenset()
    roles: frozenset[str] = field(default=frozenset())
    # Units under the user's surveyor memberships: the campaigns they may run (``surveys``).
    surveyed: frozenset[int] = frozenset()
    # The membership units the two trees grow from, for scoping in SQL (see ``coordinated_units``).
    coordinated_roots: frozenset[int] = frozenset()
    tree_roots: frozenset[int] = frozenset()
    # The scopes hold every unit there is (a national Nội vụ at the root): queries need no filter.
    reads_all: bool = False
    coordinates_all: bool = False
    # What the scopes above resolve to for one request (the plans issued in the tree: see
    # ``tasks.selectors``), read once; the object lives as long as the user object it is cached on.
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def own_units(self) -> frozenset[int]:
        """Units whose obligations this user sees as their own inbox."""
        return self.reporting | self.heading

    @property
    def is_coordinator(self) -> bool:
        return self.is_superuser or bool(self.coordinated)

    def can_manage_issuer(self, unit_id: int) -> bool:
        return self.is_superuser or unit_id in self.coordinated

    def can_read_issuer(self, unit_id: int) -> bool:
        return self.is_superuser or unit_id in self.coordinated or unit_id in self.readable_tree

    def can_report_for(self, unit_id: int) -> bool:
        return unit_id in self.reporting or unit_id in self.heading

    def can_approve_for(self, unit_id: int) -> bool:
        return unit_id in self.heading


NO_ACCESS = Access()


def reads_everything(access: Access) -> bool:
    """Every plan and obligation is the user's to read: scoped queries skip the unit filter."""
    return access.is_superuser or access.reads_all


def manages_everything(access: Access) -> bool:
    """Every plan is the user's to manage (review, extensions): no unit filter either."""
    return access.is_superuser or access.coordinates_all


# Scopes up to this many units go into SQL as a list; bigger ones as a subquery on the tree,
# so a province's 1 041 ids are never spelled out in every query.
LITERAL_LIMIT = 100


def _subtree_sql(root_ids) -> tuple[str, list[int]]:
    # Only the table name is formatted in; the ids are parameters.
    table = connection.ops.quote_name(Unit._meta.db_table)
    marks = ", ".join(["%s"] * len(root_ids))
    sql = (
        f"WITH RECURSIVE subtree(id, root) AS (SELECT id, id FROM {table} WHERE id IN ({marks}) "  # noqa: S608
        f"UNION SELECT u.id, s.root FROM {table} u JOIN subtree s ON u.parent_id = s.id) "
    )
    return sql, sorted(root_ids)


def unit_subtree(root_ids) -> RawSQL:
    """The given units and every unit below them, as a subquery for ``field__in=``."""
    if not root_ids:
        return Unit.objects.none().values("id")
    sql, params = _subtree_sql(root_ids)
    return RawSQL(sql + "SELECT id FROM subtree", params)  # noqa: S608, S611


class InSubquery(Func):
    """``column IN (subquery)``, written ``column = ANY(ARRAY(subquery))`` on PostgreSQL.

    PostgreSQL runs the array form once (an InitPlan) and checks each row against it, so a list
    ordered by an index stops at its page; with ``IN`` it estimates the recursive unit subtree at
    a fifth of its size, hashes every obligation and sorts them all for 50 (a province: 1 ms
    against 70 ms for the page of ids).
    """

    arity = 2
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)  # "(SELECT …)"
        template = "%s = ANY(ARRAY%s)" if connection.vendor == "postgresql" else "%s IN %s"
        return template % (column_sql, subquery_sql), (*column_params, *subquery_params)


def _subtrees(root_ids) -> dict[int, set[int]]:
    """Each root's subtree in one query, without reading the rest of the organisation."""
    if not root_ids:
        return {}
    sql, params = _subtree_sql(root_ids)
    found = defaultdict(set)
    with connection.cursor() as cursor:
        cursor.execute(sql + "SELECT id, root FROM subtree", params)  # noqa: S608
        for unit_id, root in cursor.fetchall():
            found[root].add(unit_id)
    return found


def _scope(ids: frozenset[int], roots: frozenset[int]):
    if len(ids) <= LITERAL_LIMIT:
        return ids
    if connection.vendor == "postgresql":
        # The ids ``access_for`` already read, as one array: walking the tree again in every query
        # costs each of a national dashboard's queries 15 ms for 5 000 units, the array 1 ms.
        return RawSQL("SELECT unnest(%s::bigint[])", [sorted(ids)])
    return unit_subtree(roots)


def coordinated_units(access: Access):
    """Units whose plans the user manages, for ``field__in=`` (a list, or a subquery when large)."""
    return _scope(access.coordinated, access.coordinated_roots)


def readable_units(access: Access):
    """Units whose plans and results the user reads (managed ones included), for ``field__in=``."""
    return _scope(access.coordinated | access.readable_tree, access.tree_roots | access.coordinated_roots)


def unit_parent_map() -> dict[int, int | None]:
    return dict(Unit.objects.values_list("id", "parent_id"))


def unit_ancestor_ids(unit_id: int, parents: dict[int, int | None] | None = None) -> list[int]:
    """The unit and every unit above it, nearest first (one query unless ``parents`` is given)."""
    parents = unit_parent_map() if parents is None else parents
    chain = []
    while unit_id is not None and unit_id not in chain:
        chain.append(unit_id)
        unit_id = parents.get(unit_id)
    return chain


def unit_descendant_ids(root_ids: set[int]) -> set[int]:
    """Return the given units and every unit below them (one query)."""
    return set().union(*_subtrees(root_ids).values())


def _with_predecessors(unit_ids: set[int], links: dict, *, primary_only: bool = False) -> set[int]:
    """The units and, transitively, every unit they succeeded."""
    found, stack = set(), list(unit_ids)
    while stack:
        unit_id = stack.pop()
        if unit_id not in found:
            found.add(unit_id)
            stack.extend(p for p, primary in links.get(unit_id, ()) if primary or not primary_only)
    return found


def _access_rows(user_id: int, today) -> tuple[dict, dict, dict, set[int]]:
    """The user's current memberships, the subtrees of their tree roles, the unit lineage and (for a
    user with a tree) the top units of the country, read in one statement: one round trip."""
    quote = connection.ops.quote_name
    unit, membership, lineage = (quote(m._meta.db_table) for m in (Unit, Membership, UnitLineage))
    roles = sorted(_TREE_ROLES)
    marks = ", ".join(["%s"] * len(roles))
    # Only table names are formatted in; every value is a parameter.
    sql = (
        f"WITH RECURSIVE m(unit_id, role) AS (SELECT ms.unit_id, ms.role FROM {membership} ms "  # noqa: S608
        f"JOIN {unit} mu ON mu.id = ms.unit_id WHERE ms.user_id = %s AND mu.is_active "
        "AND (ms.ended_on IS NULL OR ms.ended_on > %s)), "
        f"subtree(id, root) AS (SELECT id, id FROM {unit} WHERE id IN (SELECT unit_id FROM m "
        f"WHERE role IN ({marks})) "
        f"UNION SELECT u.id, s.root FROM {unit} u JOIN subtree s ON u.parent_id = s.id) "
        "SELECT 'm', unit_id, NULL, role FROM m UNION ALL SELECT 's', id, root, NULL FROM subtree "
        "UNION ALL SELECT 'l', predecessor_id, successor_id, CASE WHEN is_primary THEN 'p' ELSE '' END "
        f"FROM {lineage} WHERE EXISTS (SELECT 1 FROM m) "
        # The units above all others, for a user with a tree: a scope holding them holds every unit
        # and filters nothing. Counting every unit instead grew with the country (0.7 ms for 5 206).
        f"UNION ALL SELECT 'r', id, NULL, NULL FROM {unit} WHERE parent_id IS NULL "
        "AND EXISTS (SELECT 1 FROM subtree)"
    )
    by_role, subtrees, links, tops = defaultdict(set), defaultdict(set), defaultdict(list), set()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, today.isoformat(), *roles])
        for kind, first, second, text in cursor.fetchall():
            if kind == "r":
                tops.add(first)
            elif kind == "m":
                by_role[text].add(first)
            elif kind == "s":
                subtrees[second].add(first)
            else:  # successor id → [(predecessor id, is the default successor)]
                links[second].append((first, text == "p"))
    return by_role, subtrees, links, tops


# The stamp renewed by every change to units, memberships and their lineage (``units.apps``,
# ``access_stale``).
ORG_STAMP = "units"
# Scopes kept per process: a province's Nội vụ holds ~1 000 unit ids (about 150 KB), most people a few.
ACCESS_KEPT = 256


def access_for(user) -> Access:
    """Return the user's scopes: once per user object, and worked out again only when the
    organisation, the user's memberships or the day have changed since this process last did."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, "_kehoach_access", None)
    if cached is not None:
        return cached
    # The stamp is read first: a change committed while the scopes are read renews it, so what
    # was read is never kept under the stamp that came after.
    stamp = stamp_of(ORG_STAMP)
    kept = _access_kept(user.pk, user.is_superuser, timezone.localdate(), stamp)
    access = replace(kept, memo={})  # the memo holds one request's plans: never shared
    user._kehoach_access = access
    return access


def access_stale() -> None:
    """Scopes kept from before this write are stale once it commits: for writes that send no
    signal (``QuerySet.update``, ``bulk_create``, COPY); saves and deletes renew it themselves."""
    stamp_renew(ORG_STAMP)


def access_kept_clear() -> None:
    """Forget every kept scope in this process (a test's database is rolled back under it)."""
    _access_kept.cache_clear()


@lru_cache(maxsize=ACCESS_KEPT)
def _access_kept(user_id: int, is_superuser: bool, today, stamp: str) -> Access:
    return _access_read(user_id, is_superuser, today)


def _access_read(user_id: int, is_superuser: bool, today) -> Access:
    by_role, subtrees, links, tops = _access_rows(user_id, today)
    tree_roots = set().union(*(by_role[role] for role in _TREE_ROLES))
    coordinator_roots = set(by_role[Role.COORDINATOR])
    coordinated = set().union(*(subtrees[root] for root in coordinator_roots))
    readable_tree = set().union(*subtrees.values())
    own = by_role[Role.OFFICER] | by_role[Role.HEAD]
    if links:
        # A successor's Nội vụ coordinates what its predecessors issued and reads their history:
        # the predecessors join the roots, so the SQL subquery scopes (``_scope``) agree.
        extra_coordinated = _with_predecessors(coordinated, links, primary_only=True) - coordinated
        extra_read = (_with_predecessors(readable_tree, links) - readable_tree) | extra_coordinated
        more = _subtrees(extra_read)
        coordinated |= set().union(*(more[root] for root in extra_coordinated))
        readable_tree |= set().union(*more.values())
        coordinator_roots |= extra_coordinated
        tree_roots |= extra_read
    return Access(
        is_superuser=is_superuser,
        coordinated=frozenset(coordinated),
        readable_tree=frozenset(readable_tree),
        reporting=frozenset(by_role[Role.OFFICER]),
        heading=frozenset(by_role[Role.HEAD]),
        history=frozenset(_with_predecessors(own, links) - own) if links else frozenset(),
        roles=frozenset(role for role, units in by_role.items() if units),
        surveyed=frozenset().union(*(subtrees[root] for root in by_role[Role.SURVEYOR])),
        coordinated_roots=frozenset(coordinator_roots),
        tree_roots=frozenset(tree_roots),
        reads_all=bool(tops) and tops <= coordinated | readable_tree,
        coordinates_all=bool(tops) and tops <= coordinated,
    )


def access_forget(user) -> None:
    """Drop the computed scopes: the tree or the user's roles just changed."""
    if user is not None and hasattr(user, "_kehoach_access"):
        del user._kehoach_access


def unit_list_for_user(user):
    """Return the units a user may see in pickers and lists."""
    access = access_for(user)
    if reads_everything(access):
        return Unit.objects.all()
    return Unit.objects.filter(Q(id__in=readable_units(access)) | Q(id__in=access.own_units))


def unit_name_on(unit: Unit, day) -> str:
    """The unit's name as it was on ``day`` (after a rename, records keep the old name)."""
    former = unit.former_names.filter(valid_until__gte=day).order_by("valid_until").first()
    return former.name if former else unit.name


MSG_NOW = "{then}, nay là {now}"
# Reorganisations chain (a commune merged, its successor merged again): how far names follow.
MAX_CHAIN = 5


class UnitNames:
    """Units named as they were on the date of a record, for a whole page or export at once.

    The former names (renames) of the given units and, for those that ended, the unit that
    answers for them now are read in a fixed number of queries whatever the number of rows
    (one, plus one per step of a reorganisation chain); then every name is answered in Python.
    """

    def __init__(self, units):
        self.units = {unit.pk: unit for unit in units if unit is not None}
        self._former: dict[int, list[tuple]] | None = None  # read when a dated name is first asked
        self.successor = self._successors([u for u in self.units.values() if u.dissolved_on])

    @property
    def former(self) -> dict[int, list[tuple]]:
        if self._former is None:
            self._former = defaultdict(list)
            for unit_id, name, until in (
                UnitName.objects.filter(unit_id__in=list(self.units))
                .order_by("valid_until", "id")
                .values_list("unit_id", "name", "valid_until")
            ):
                self._former[unit_id].append((until, name))
        return self._former

    @staticmethod
    def _successors(ended: list[Unit]) -> dict[int, Unit]:
        """Ended unit id → the unit in operation that now answers for it (default successors)."""
        found, current = {}, {unit.pk: unit.pk for unit in ended}  # ended id → unit reached so far
        for _ in range(MAX_CHAIN):
            if not current:
                break
            links = {
                link.predecessor_id: link.successor
                for link in UnitLineage.objects.filter(
                    predecessor_id__in=set(current.values()), is_primary=True
                ).select_related("successor")
            }
            following = {}
            for start, reached in current.items():
                successor = links.get(reached)
                if successor is None:
                    continue
                if successor.dissolved_on:
                    following[start] = successor.pk
                else:
                    found[start] = successor
            current = following
        return found

    def on(self, unit: Unit, day) -> str:
        """The unit's full name on ``day`` (its present name when ``day`` is None)."""
        if day is not None:
            for until, name in self.former.get(unit.pk, ()):
                if day <= until:
                    return name
        return unit.name

    def now(self, unit: Unit) -> str:
        """Who the unit is today: its successor's name when it ended."""
        successor = self.successor.get(unit.pk)
        return successor.name if successor else unit.name

    def label(self, unit: Unit, day, *, original: Unit | None = None) -> str:
        """ "Phòng Tư pháp huyện Cam Lâm, nay là …" for a unit that ended (or for an obligation that
        passed from ``original``); otherwise the name the unit had on ``day``."""
        if original is not None and original.pk != unit.pk:
            return MSG_NOW.format(then=self.on(original, day), now=self.now(unit))
        then, now = self.on(unit, day), self.now(unit)
        return MSG_NOW.format(then=then, now=now) if unit.pk in self.successor else then


def unit_successor_link(unit: Unit) -> UnitLineage | None:
    """For a dissolved unit, the last default-successor link, the one ending at a unit in operation.

    Follows the default successors through later events (a commune merged in 2025, its
    successor merged again later); None when the unit is active or has no successor.
    """
    if not unit.dissolved_on:
        return None
    link, seen = None, set()
    current = unit
    while current.dissolved_on and current.pk not in seen:
        seen.add(current.pk)
        link = (
            UnitLineage.objects.select_related("successor", "event")
            .filter(predecessor=current, is_primary=True)
            .first()
        )
        if link is None:
            return None
        current = link.successor
    return link if current.is_active else None


def unit_lineage(unit: Unit) -> dict:
    """Predecessors and successors of a unit, with dates and the event's legal basis."""
    links = UnitLineage.objects.select_related("predecessor", "successor", "event")
    return {
        "predecessors": list(links.filter(successor=unit).order_by("effective_on", "id")),
        "successors": list(links.filter(predecessor=unit).order_by("effective_on", "id")),
        "former_names": list(unit.former_names.all()),
        "events": list(unit.reorganisations.order_by("effective_on", "id")),
    }


# ----- screens of the unit tree and its people ---------------------------------------------


def unit_scope_ids(access: Access) -> set[int] | None:
    """Units the unit screens show (None: every unit, for a superuser); officers see their own."""
    if access.is_superuser:
        return None
    return set(access.coordinated | access.readable_tree | access.own_units | access.history)


def unit_tree_for_user(user) -> list[tuple[Unit, int]]:
    """The units a user may read, in tree order with their depth; ended units last among siblings."""
    access = access_for(user)
    units = Unit.objects.all()
    if not reads_everything(access):
        units = units.filter(Q(id__in=readable_units(access)) | Q(id__in=access.own_units | access.history))
    units = list(units)
    present = {unit.pk for unit in units}
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id if unit.parent_id in present else None].append(unit)
    for siblings in children.values():
        siblings.sort(key=lambda u: (not u.is_active, u.name))
    ordered, stack = [], [(unit, 0) for unit in reversed(children[None])]
    while stack:
        unit, depth = stack.pop()
        ordered.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return ordered


def units_managed_by(user):
    """Active units the user may change (add under, give roles in, reorganise)."""
    access = access_for(user)
    units = Unit.objects.filter(is_active=True)
    return units if manages_everything(access) else units.filter(id__in=coordinated_units(access))


def access_unit_by_id(user, unit_id: int) -> Unit:
    """Fetch a unit the user may read: 404 when missing, 403 when outside their scope."""
    unit = Unit.objects.select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    ids = unit_scope_ids(access_for(user))
    if ids is not None and unit.pk not in ids:
        raise PermissionDenied
    return unit


def unit_members(unit: Unit):
    """Current roles in the unit, then the ended ones (kept as history)."""
    return (
        Membership.objects.filter(unit=unit)
        .select_related("user")
        .order_by("ended_on", "role", "user__username")
    )


def people_for_user(user):
    """Accounts holding (or having held) a role in the units the user coordinates."""
    access = access_for(user)
    users = get_user_model().objects.all()
    if not access.is_superuser:
        users = users.filter(memberships__unit_id__in=coordinated_units(access)).distinct()
    return users.order_by("username")


def access_person_by_id(user, person_id: int):
    person = get_user_model().objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    if not people_for_user(user).filter(pk=person.pk).exists():
        raise PermissionDenied
    return person


def person_units(person) -> list[Unit]:
    """The units of the person's current roles (or of any role, when all have ended)."""
    memberships = list(Membership.objects.filter(user=person).select_related("unit"))
    current = [m.unit for m in memberships if m.ended_on is None]
    return list({u.pk: u for u in (current or [m.unit for m in memberships])}.values())


MSG_JOB_HIDDEN = (
    "Bạn không xem được việc chạy nền này: chỉ người tạo và Nội vụ quản lý đơn vị của họ xem được."
)


def access_job_by_id(user, job_id: int):
    """A background job's page: its owner, an administrator, or a coordinator over the owner's units.

    404 when missing, 403 otherwise; an owner-less (scheduled) job only for an administrator.
    """
    from core.models import Job

    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        raise Http404
    if user.is_superuser or (job.created_by_id is not None and job.created_by_id == user.pk):
        return job
    owner = job.created_by_id
    if (
        owner is not None
        and access_for(user).is_coordinator
        and people_for_user(user).filter(pk=owner).exists()
    ):
        return job
    raise PermissionDenied(MSG_JOB_HIDDEN)


def reorganisation_offer_rows(event, lineage: list[UnitLineage]) -> list[dict]:
    """The people an event offered roles in the successors, each with the successors to choose
    from and the roles they already hold there (three queries, whatever the number of people)."""
    offers = event.summary.get("offers", [])
    successors = list({link.successor_id: link.successor for link in lineage}.values())
    by_code = {unit.code: unit for unit in successors}
    by_id = {unit.pk: unit for unit in successors}
    people = {
        u.username: u for u in get_user_model().objects.filter(username__in=[o["user"] for o in offers])
    }
    held = defaultdict(list)
    for username, unit_id, role in Membership.objects.filter(
        user__username__in=list(people), unit__in=successors, ended_on__isnull=True
    ).values_list("user__username", "unit_id", "role"):
        held[username].append((unit_id, role))
    rows = []
    for number, offer in enumerate(offers):
        unit = by_code.get(offer["unit"]) or (successors[0] if successors else None)
        # Already given a role in a successor (by this screen or by hand): shown, not offered again.
        holds = [f"{Role(role).label} — {by_id[unit_id]}" for unit_id, role in held[offer["user"]]]
        rows.append(
            {
                "number": number,
                "person": people.get(offer["user"]),
                "username": offer["user"],
                "role": offer["role"],
                "role_label": Role(offer["role"]).label if offer["role"] in Role.values else offer["role"],
                "unit": unit,
                "successors": successors,
                "holds": holds,
            }
        )
    return rows
