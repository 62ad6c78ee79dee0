"""Change stamps: one random token per kind of record, renewed in the transaction that changes them.

A reader that keeps a result between requests keys it on the stamp it read *before* computing the
result: a change committed in between renews the stamp, so the result is never reused. A token and
not a counter, because a rolled-back change leaves no gap in a counter and its number comes back
for a different change.
"""

import secrets

from django.db import connection

from .models import Stamp


def stamp_of(name: str) -> str:
    """The stamp's current token ("" before the first change): one read by primary key."""
    table = connection.ops.quote_name(Stamp._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE name = %s", [name])  # noqa: S608 — table name only
        row = cursor.fetchone()
    return row[0] if row else ""


def stamp_renew(name: str) -> None:
    """A new token for ``name``: what was worked out under the old one is stale from this commit on."""
    token = secrets.token_hex(16)
    if not Stamp.objects.filter(name=name).update(value=token):
        _, created = Stamp.objects.get_or_create(name=name, defaults={"value": token})
        if not created:  # another transaction made the row first: it must change all the same
            Stamp.objects.filter(name=name).update(value=token)
