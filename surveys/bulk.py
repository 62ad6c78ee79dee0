"""Plain multi-row INSERTs for the response service's batches.

``bulk_create`` compiles every value of every object through the ORM, which was most
of a large import's time; these helpers adapt each column once per value with the
field's own database preparation (remembering repeated values) and send one statement per batch,
``executemany`` on SQLite, COPY on PostgreSQL (ids taken from the sequence first when needed).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

# SQLite allows 32 766 parameters a statement; PostgreSQL 65 535.
MAX_PARAMS = 30_000


def _identity(value):
    return value


def _remembered(adapt, key=_identity, size: int = 4096):
    """``adapt`` with its results kept: a file's moments and answer choices repeat row after row
    (one creation time, a few hundred days, mostly no choice), and adapting each was a fifth of
    an import's writing time."""
    seen: dict = {}

    def remembered(value):
        found_key = key(value)
        if found_key is None:
            return adapt(value)
        found = seen.get(found_key)
        if found is None:
            if len(seen) >= size:
                seen.clear()
            found = seen[found_key] = adapt(value)
        return found

    return remembered


def _json_key(value):
    """A list of texts (answer choices, alert reasons) as a key; anything else is not remembered."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def _prep(field, conn):
    """How a column's Python value becomes a parameter: most need nothing, dates and JSON do."""
    if isinstance(field, models.DateTimeField):
        return _remembered(conn.ops.adapt_datetimefield_value)
    if isinstance(field, models.JSONField):
        return _remembered(lambda value: field.get_db_prep_save(value, conn), key=_json_key)
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
    if connection.vendor == "postgresql":
        return _copy_returning(model._meta.db_table, table, columns, _values(rows, preps), len(rows))
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


def _copy_returning(name: str, table: str, columns: str, values, count: int) -> list[int]:
    """PostgreSQL: take ``count`` ids from the table's sequence, then COPY the rows with them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [name, count]
        )
        ids = [row[0] for row in cursor.fetchall()]
        # The driver's own cursor: its errors are turned into Django's (IntegrityError) here.
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} (id, {columns}) FROM STDIN") as copy,
        ):
            for pk, row in zip(ids, values, strict=True):
                copy.write_row([pk, *row])
    return ids


def executemany_pipelined(sql: str, rows: list) -> None:
    """PostgreSQL: ``executemany`` on a cursor binding on the server, which sends the rows in one
    pipeline; Django's client-binding cursor waited on each row in turn."""
    import psycopg

    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.executemany(sql, rows)


def insert_many(model, names: Sequence[str], rows: list[Sequence]) -> None:
    """Insert rows whose ids nobody needs back."""
    if not rows:
        return
    _, columns, preps = _prepare(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # executemany runs in-process: the fastest path there
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                list(_values(rows, preps)),
            )
            return
        # PostgreSQL: COPY. An executemany waits on the server for each row, and a long multi-row
        # INSERT spent more in the driver's parsing of its placeholders than in the database.
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for values in _values(rows, preps):
                copy.write_row(values)
