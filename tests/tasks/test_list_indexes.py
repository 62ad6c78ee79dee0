"""A unit's inbox reads its first page of open work from an index of its own, in due-date order.

Without it the database walked every obligation by due date and skipped the other units' rows:
8 700 of them for a department's first page in a province, five times as many with five provinces.
"""

import pytest
from django.db import connection
from django.db.models import Q

from tasks.models import Deliverable


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The test tables hold a few rows: a sequential scan and a sort would win on cost alone.
        # (SQLite, without statistics on so few rows, prefers the older unit-and-state index here;
        # on a province's data it reads this one too.)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_the_index_condition_is_the_open_states():
    index = next(i for i in Deliverable._meta.indexes if i.name == "deliverable_unit_open")
    assert index.condition == Q(state__in=list(Deliverable.OPEN_STATES))


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_units_first_page_of_open_work_is_read_through_its_index(org):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's planner settings to see the index on a few rows")
    owed = (
        Deliverable.objects.filter(unit_id__in=[org.office_a.pk])
        .open()
        .order_by("due_date", "id")
        .values_list("pk", flat=True)[:50]
    )
    assert "deliverable_unit_open" in _plan(owed)
