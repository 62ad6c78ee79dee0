# ruff: noqa: S603, S608 — SQL and subprocess arguments are this script's own constants
"""Satisfaction index speed: the product's quarterly index by unit next to a hand-written GROUP BY.

    .venv/bin/python bench/survey_bench.py [--responses 1000000] [--units 1000] [--runs 3]
                                           [--database sqlite|postgres|all]

Loads N responses (each with the two scored answers of the Vinh Mỹ questionnaire:
general satisfaction and timeliness, so 2·N answer rows) over the units and eight
quarters, with raw bulk inserts (sqlite3 executemany in one transaction; COPY on
PostgreSQL), as performance.md advises. Then times, median of ``--runs``:

  floor: SELECT unit, year, quarter, criterion, COUNT(*), positives … GROUP BY …
  product: surveys.index.index_compute(period_kind="quarter", by_unit=True) — a
         GROUP BY over the monthly summaries (rebuilt once after the raw load, as
         the province generator does) plus turning the rows into figures.

SQLite runs on a throw-away file; PostgreSQL on a scratch database ``kehoach_bench``
(created and dropped) when 127.0.0.1:5432 answers. Each database runs in its own
process because Django is configured once per process.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = os.environ.get("BENCH_PG_DB", "kehoach_survey_bench")


def _pg_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), 2).close()
        return True
    except OSError:
        return False


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)


def _timed(func, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def child(args) -> None:
    """Run inside a process whose DATABASE_URL is already set."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from plans.models import Plan
    from surveys.builtin import questionnaire_install_builtin
    from surveys.index import criterion_counts, index_compute
    from surveys.models import Campaign, Question
    from surveys.services import campaign_create
    from surveys.summaries import summaries_rebuild
    from units.models import Unit

    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    top = Unit.objects.create(code="B-UBND", name="UBND tỉnh Thử", kind=Unit.Kind.PROVINCE)
    Unit.objects.bulk_create(
        Unit(code=f"B-{i:04d}", name=f"Đơn vị số {i}", parent=top, kind=Unit.Kind.COMMUNE)
        for i in range(args.units)
    )
    units = list(Unit.objects.filter(parent=top).values_list("id", flat=True))
    plan = Plan.objects.create(
        issuer=top,
        place="Thử",
        year=2022,
        title="Kế hoạch thử",
        period_start="2022-01-01",
        period_end="2023-12-31",
    )
    questionnaire = questionnaire_install_builtin(code="vinh-my-2021")
    campaign = campaign_create(
        plan=plan,
        questionnaire=questionnaire,
        title="Khảo sát thử",
        frequency="quarterly",
        period_start=plan.period_start,
        period_end=plan.period_end,
        units=Unit.objects.filter(parent=top),
        design=Campaign.Design.SIPAS,
    )
    questions = list(Question.objects.filter(questionnaire=questionnaire, kind="scale").order_by("position"))

    rng = random.Random(1)
    n = args.responses
    start = time.perf_counter()
    response_rows, answer_rows = [], []
    for i in range(1, n + 1):
        unit = units[i % len(units)]
        year = 2022 + rng.randrange(2)
        quarter = 1 + rng.randrange(4)
        month = (quarter - 1) * 3 + 1 + rng.randrange(3)
        stamp = f"{year}-{month:02d}-{1 + i % 28:02d} 02:00:00"
        response_rows.append((i, campaign.pk, unit, "", "paper", stamp, year, quarter, month, False, stamp))
        for question in questions:
            level = 1 + int(rng.random() * rng.random() * 3)
            answer_rows.append(
                (
                    i,
                    question.pk,
                    campaign.pk,
                    unit,
                    question.criterion_id,
                    year,
                    quarter,
                    month,
                    level,
                    "[]",
                    "",
                    True,
                    level <= 2,
                )
            )
    build_s = time.perf_counter() - start
    resp_cols = (
        "id, campaign_id, unit_id, respondent_type, channel, submitted_at, year, quarter, month, "
        "has_negative, created_at"
    )
    ans_cols = (
        "response_id, question_id, campaign_id, unit_id, criterion_id, year, quarter, month, level, "
        "choices, text, is_valid, is_positive"
    )
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY surveys_response ({resp_cols}) FROM STDIN") as copy:
                for row in response_rows:
                    copy.write_row(row)
            with raw.copy(f"COPY surveys_answer ({ans_cols}) FROM STDIN") as copy:
                for row in answer_rows:
                    copy.write_row(row)
            cursor.execute("SELECT setval(pg_get_serial_sequence('surveys_response', 'id'), %s)", [n])
        else:
            raw = connection.connection  # the sqlite3 connection: executemany without Django's wrapper
            raw.executemany(
                f"INSERT INTO surveys_response ({resp_cols}) VALUES ({', '.join('?' * 11)})", response_rows
            )
            raw.executemany(
                f"INSERT INTO surveys_answer ({ans_cols}) VALUES ({', '.join('?' * 13)})", answer_rows
            )
    load_s = time.perf_counter() - start
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE surveys_answer")
    del response_rows, answer_rows
    # Raw rows bypass the response service, which keeps the summaries: recount them once.
    start = time.perf_counter()
    summaries_rebuild(campaign)
    rebuild_s = time.perf_counter() - start

    positive = (
        "SUM(CASE WHEN is_positive THEN 1 ELSE 0 END)" if vendor == "postgresql" else "SUM(is_positive)"
    )
    floor_sql = (
        f"SELECT unit_id, year, quarter, criterion_id, COUNT(*), {positive} FROM surveys_answer "
        "WHERE campaign_id = %s AND is_valid AND criterion_id IS NOT NULL "
        "GROUP BY unit_id, year, quarter, criterion_id"
    )

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(floor_sql, [campaign.pk])
            return cursor.fetchall()

    def product():
        return index_compute(campaign=campaign, period_kind="quarter", by_unit=True, with_general=False)

    product()  # warm caches for both paths alike
    floor()
    floor_s, rows = _timed(floor, args.runs)
    orm_s, result = _timed(product, args.runs)
    query_s, _ = _timed(
        lambda: list(criterion_counts(campaign=campaign, period_kind="quarter", by_unit=True)), args.runs
    )
    general_s, _ = _timed(
        lambda: index_compute(campaign=campaign, period_kind="quarter", by_unit=True, with_general=True), 1
    )
    groups = sum(len(g) for g in result.overall.values())
    # the two paths agree
    sample = rows[0]
    key = f"{sample[1]}-Q{sample[2]}"
    cell = result.by_criterion[key][sample[0]][sample[3]]
    assert (cell.n, cell.positive) == (sample[4], int(sample[5])), "the ORM and the floor disagree"

    label = "PostgreSQL" if vendor == "postgresql" else "SQLite"
    print(f"\n== {label}: {n:,} responses ({2 * n:,} answers) over {len(units):,} units, 8 quarters")
    print(f"  build rows in Python            {build_s:8.2f} s")
    print(f"  bulk insert (raw)               {load_s:8.2f} s  ({3 * n / load_s:,.0f} rows/s)")
    print(f"  summaries_rebuild (once)        {rebuild_s:8.2f} s")
    print(f"  floor: hand-written GROUP BY    {floor_s:8.3f} s  ({len(rows):,} rows)")
    print(f"  product: index from summaries   {orm_s:8.3f} s  ({groups:,} unit-quarters)")
    print(f"  of which the summary query      {query_s:8.3f} s")
    print(f"  ratio product / floor           {orm_s / floor_s:8.2f} ×  (goal ≤ 1.5)")
    print(f"  ORM incl. general question      {general_s:8.3f} s  (+ the general question's GROUP BY)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    base = [
        sys.executable,
        __file__,
        "--child",
        f"--responses={args.responses}",
        f"--units={args.units}",
        f"--runs={args.runs}",
    ]
    if args.database in ("sqlite", "all"):
        folder = tempfile.mkdtemp(prefix="kehoach-bench-")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        subprocess.run(base, env=env, check=True)
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        os.rmdir(folder)
    if args.database in ("postgres", "all"):
        if not _pg_answers():
            print("\n== PostgreSQL: 127.0.0.1:5432 does not answer, skipped")
            return
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        _pg_admin(f"CREATE DATABASE {PG_DB}")
        try:
            url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"
            subprocess.run(base, env={**os.environ, "DATABASE_URL": url}, check=True)
        finally:
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
