"""How the app's database connections are set up, on each database."""

import pytest
from django.db import connection

from project.settings.env import env_database


def test_postgres_connections_cost_random_reads_as_on_ssd(monkeypatch):
    """A PostgreSQL connection tells the planner that reading rows by index is cheap, unless told."""
    monkeypatch.setenv("DATABASE_URL", "postgres://kehoach@db.example.gov.vn:5432/kehoach")
    assert env_database("sqlite:///x")["OPTIONS"]["options"] == "-c random_page_cost=1.1"
    monkeypatch.setenv("PG_RANDOM_PAGE_COST", "2")
    assert env_database("sqlite:///x")["OPTIONS"]["options"] == "-c random_page_cost=2.0"
    monkeypatch.setenv("PG_RANDOM_PAGE_COST", "1 -c statement_timeout=0")
    with pytest.raises(ValueError):
        env_database("sqlite:///x")


@pytest.mark.django_db
def test_the_running_postgres_connection_has_the_setting():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
