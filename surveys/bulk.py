"""Plain multi-row INSERTs for the response service's batches.

``bulk_create`` compiles every value of every object through the ORM, which was most
of a large import's time; these helpers adapt each column once per value with the
field's own database preparation and send one statement per batch (or ``executemany``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

# SQLite allows 32 766 parameters a statement; PostgreSQL 65 535.
MAX_PARAMS = 30_000


def _identity(value):
    return value


def _prep(field, conn):
    """How a column's Python value becomes a parameter: most need nothing, dates and JSON do."""
    if isinstance(field, models.DateTimeField):
        return conn.ops.adapt_datetimefield_value
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, conn)
    return _identity


def _prepare(model, names: Sequence[str]):
    conn = connections[DEFAULT_DB_ALIAS]
    fields = [model._meta.get_field(name) for name in names]
    columns = ", ".join(conn.ops.quote_name(f.column) for f in fields)
    return fields, columns, [_prep(f, conn) for f in fields]


def _values(rows, preps):
    plain = [i for i, prep in enumerate(preps) if prep is not _identity]
    for row in rows:
        values = list(row)
        for i in plain:
            if values[i] is not None:
                values[i] = preps[i](values[i])
        yield values


def insert_returning(model, names: Sequence[str], rows: list[Sequence]) -> list[int]:
    """Insert rows and return their new ids, in order (as ``bulk_create`` relies on too)."""
    if not rows:
        return []
    _, columns, preps = _prepare(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    per_batch = max(1, MAX_PARAMS // len(names))
    row_marks = "(" + ", ".join(["%s"] * len(names)) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_batch):
            batch = rows[start : start + per_batch]
            params = [value for values in _values(batch, preps) for value in values]
            marks = ", ".join([row_marks] * len(batch))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {marks} RETURNING id", params)  # noqa: S608
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def insert_many(model, names: Sequence[str], rows: list[Sequence]) -> None:
    """Insert rows whose ids nobody needs back."""
    if not rows:
        return
    _, columns, preps = _prepare(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
            list(_values(rows, preps)),
        )
