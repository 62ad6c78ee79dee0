# ruff: noqa: S603 — subprocess arguments are this script's own
"""Survey import, end to end, next to openpyxl's read rate of the same file.

    .venv/bin/python bench/survey_import_bench.py [--rows 100000] [--units 200]
                                                  [--database sqlite|postgres|all]

Writes a .xlsx of N questionnaires in the downloadable template's 12 columns (the
Vinh Mỹ questionnaire), then times, on a fresh database:

  floor:   openpyxl read_only + iter_rows(values_only=True) over the file
  product: surveys.resources.responses_import (read, resolve, check every row,
           bulk-write answers and alerts, keep the summaries) in one transaction

Goal (issue 12): the product at least half the floor's rate, and at least 3 400 rows/s;
peak memory is printed too (it must not grow with the file: rows go by chunks).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = os.environ.get("BENCH_PG_DB", "kehoach_survey_import_bench")
GOAL_RATE = 3400


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _workbook(rows: int, unit_codes: list[str]) -> bytes:
    import openpyxl

    from surveys.resources import BASE_COLUMNS, CONTACT_COLUMNS

    rng = random.Random(7)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Phieu")
    sheet.append([*BASE_COLUMNS, "Câu 1", "Câu 2", "Câu 3", *CONTACT_COLUMNS])
    general = ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    timely = ["Đúng hẹn", "Chậm hẹn nhưng chấp nhận được", "Không đúng hẹn"]
    for i in range(rows):
        month = 1 + i % 12
        sheet.append(
            [
                f"P-{i:07d}",
                unit_codes[i % len(unit_codes)],
                "",
                "Người dân trực tiếp nộp hồ sơ" if i % 3 else "",
                "Phiếu giấy tại quầy",
                f"{1 + i % 28:02d}/{month:02d}/2022",
                general[0 if rng.random() < 0.85 else rng.randrange(1, 3)],
                rng.choice(timely[:2]) if rng.random() < 0.9 else timely[2],
                "Cán bộ tận tình" if i % 50 == 0 else "",
                "",
                "",
                "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def child(args) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings.test")
    import django

    django.setup()
    import datetime as dt

    import openpyxl
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from plans.models import Plan
    from surveys.builtin import questionnaire_install_builtin
    from surveys.models import Answer, Campaign, IndexTally, Response
    from surveys.resources import responses_import
    from surveys.services import campaign_create
    from units.models import Unit

    call_command("migrate", verbosity=0)
    settings.IMPORT_MAX_BYTES = 200 * 1024 * 1024  # the bench file is larger than an upload may be
    top = Unit.objects.create(code="B-UBND", name="UBND tỉnh Thử", kind=Unit.Kind.PROVINCE)
    Unit.objects.bulk_create(
        Unit(code=f"B-{i:04d}", name=f"Đơn vị số {i}", parent=top, kind=Unit.Kind.COMMUNE)
        for i in range(args.units)
    )
    units = list(Unit.objects.filter(parent=top))
    plan = Plan.objects.create(
        issuer=top,
        place="Thử",
        year=2022,
        title="Kế hoạch thử",
        period_start="2022-01-01",
        period_end="2022-12-31",
    )
    campaign = campaign_create(
        plan=plan,
        questionnaire=questionnaire_install_builtin(code="vinh-my-2021"),
        title="Khảo sát thử",
        frequency="quarterly",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        units=units,
        design=Campaign.Design.THRESHOLD,
    )
    start = time.perf_counter()
    data = _workbook(args.rows, [u.code for u in units])
    write_s = time.perf_counter() - start

    start = time.perf_counter()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    read_rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
    book.close()
    floor_s = time.perf_counter() - start

    rss_before = _rss_mb()
    start = time.perf_counter()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        created, errors = profiler.runcall(responses_import, campaign=campaign, data=data, name="phieu.xlsx")
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(35)
    else:
        created, errors = responses_import(campaign=campaign, data=data, name="phieu.xlsx")
    product_s = time.perf_counter() - start
    rss_after = _rss_mb()
    assert not errors, errors[:5]
    assert created == args.rows == read_rows == Response.objects.count()
    answers = Answer.objects.count()
    general = IndexTally.objects.filter(campaign=campaign, unit_key=0, criterion_key=0)
    tallied = sum(general.values_list("n", flat=True))
    assert tallied == args.rows, "the summaries must count every general answer"

    floor_rate, rate = read_rows / floor_s, created / product_s
    label = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    load = os.getloadavg()
    size = f"{len(data) / 1e6:.1f} MB .xlsx"
    print(f"\n== {label}: {args.rows:,} rows × 12 columns ({size}), {len(units)} units")
    print(f"  machine load (1/5/15 min)          {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}")
    print(f"  (writing the test file              {write_s:7.2f} s)")
    print(f"  floor: openpyxl read only          {floor_s:7.2f} s  {floor_rate:9,.0f} rows/s")
    print(f"  product: responses_import          {product_s:7.2f} s  {rate:9,.0f} rows/s", end="")
    print(f"  ({answers:,} answers)")
    print(
        f"  ratio product / floor              {rate / floor_rate:7.2f}    "
        f"(goal ≥ 0.50; and ≥ {GOAL_RATE:,} rows/s: {'met' if rate >= GOAL_RATE else 'NOT met'})"
    )
    print(f"  peak memory (max RSS)              {rss_before:7.0f} → {rss_after:.0f} MB during the import")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--database", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--profile", action="store_true", help="print where the import spends its time")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    base = [sys.executable, __file__, "--child", f"--rows={args.rows}", f"--units={args.units}"]
    base += ["--profile"] if args.profile else []
    if args.database in ("sqlite", "all"):
        with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as folder:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
            subprocess.run(base, env=env, check=True)
    if args.database in ("postgres", "all"):
        import psycopg

        admin = PG_ADMIN_URL.replace("postgres://", "postgresql://")
        try:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
                conn.execute(f"CREATE DATABASE {PG_DB}")
        except psycopg.OperationalError:
            print("\n== PostgreSQL: 127.0.0.1:5432 does not answer, skipped")
            return
        try:
            url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"
            subprocess.run(base, env={**os.environ, "DATABASE_URL": url}, check=True)
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
