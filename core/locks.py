"""Locks held until the end of the current transaction, for work that rows alone cannot guard."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

# The first half of PostgreSQL's two-part advisory key: which kind of thing is locked.
SUMMARIES_OF_ISSUER = 7301


def transaction_lock(kind: int, keys: Iterable[int]) -> None:
    """Wait for, then hold until commit, one lock per key (in order, so two holders never deadlock).

    Only PostgreSQL needs it: SQLite lets one writer at a time into the whole database.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [kind, key])


def tables_lock(*models) -> None:
    """Keep other writers of these tables waiting until commit; readers go on reading the old rows."""
    if connection.vendor != "postgresql":
        return
    names = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
