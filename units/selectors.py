"""Who may see and do what: the single place that turns memberships into unit scopes.

Every view, export, command and API asks ``access_for(user)``; querysets are
narrowed by the unit ids it returns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import Membership, Unit

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
    roles: frozenset[str] = field(default=frozenset())
    # The membership units the two trees grow from, for scoping in SQL (see ``coordinated_units``).
    coordinated_roots: frozenset[int] = frozenset()
    tree_roots: frozenset[int] = frozenset()

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
    return ids if len(ids) <= LITERAL_LIMIT else unit_subtree(roots)


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


def access_for(user) -> Access:
    """Return the user's scopes, computed once per user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, "_kehoach_access", None)
    if cached is not None:
        return cached
    by_role = defaultdict(set)
    for unit_id, role in Membership.objects.filter(user=user, unit__is_active=True).values_list(
        "unit_id", "role"
    ):
        by_role[role].add(unit_id)
    tree_roots = set().union(*(by_role[role] for role in _TREE_ROLES))
    subtrees = _subtrees(tree_roots)
    access = Access(
        is_superuser=user.is_superuser,
        coordinated=frozenset().union(*(subtrees[root] for root in by_role[Role.COORDINATOR])),
        readable_tree=frozenset().union(*subtrees.values()),
        reporting=frozenset(by_role[Role.OFFICER]),
        heading=frozenset(by_role[Role.HEAD]),
        roles=frozenset(role for role, units in by_role.items() if units),
        coordinated_roots=frozenset(by_role[Role.COORDINATOR]),
        tree_roots=frozenset(tree_roots),
    )
    user._kehoach_access = access
    return access


def unit_list_for_user(user):
    """Return the units a user may see in pickers and lists."""
    access = access_for(user)
    if access.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(Q(id__in=readable_units(access)) | Q(id__in=access.own_units))
