# ruff: noqa: S603 — subprocess and SQL arguments are this script's own constants
"""National size on PostgreSQL: five provinces and a national root in one database.

    .venv/bin/python bench/national.py [--size small|medium|full] [--runs 7] [--answers 10000000]
                                       [--pg-db kehoach_national]

Reuses the province generator (bench/province_data.py, see bench/province.py) into a throw-away
PostgreSQL database: measures province 1's daily pages alone, then once four more provinces and
the national root share the database (goal: as fast as alone, each under 50 ms); a national
coordinator's dashboard and review queue (goal: under 100 ms); the daily reminders of each
province, plan by plan as the workers run them (time and peak Python memory per province, the
đôn đốc letters queued as jobs and then run one by one, as a worker takes them); and the survey
pages once the answers table holds ``--answers`` rows (earlier years' answers copied in SQL from
province 1's, so the pages' own campaign is unchanged and the table is the national size).
Rows go in with COPY (bench/province_data.py) and the extra answers with INSERT … SELECT.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_PROVINCE_MS, GOAL_NATIONAL_MS = 50, 100


def _province_bench():
    spec = importlib.util.spec_from_file_location("province_bench", ROOT / "bench" / "province.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _national_coordinator(root_id: int) -> int:
    from django.contrib.auth import get_user_model

    from units.models import Membership

    user, _ = get_user_model().objects.get_or_create(username="quocgia.noivu")
    Membership.objects.get_or_create(user=user, unit_id=root_id, role=Membership.Role.COORDINATOR)
    return user.pk


def _national_pages(bench, user_id: int, runs: int) -> list[dict]:
    from django.urls import reverse

    class Nation:  # the shape bench/province.py measures: pages and who opens them
        users = {"coordinator": user_id}

    pages = [
        ("national dashboard", "coordinator", reverse("dashboard")),
        ("national review queue", "coordinator", reverse("review_queue")),
    ]
    original = bench._pages
    bench._pages = lambda province: pages
    try:
        return bench._measure_pages(Nation, runs)
    finally:
        bench._pages = original


def _reminders_per_province(provinces, today) -> list[dict]:
    """Each province's plans as the workers take them; the letters they queue, after, one job each."""
    import core.jobs
    from core.models import Job
    from tasks.services.reminders import SendResult, reminders_send_plan, result_add

    queue = core.jobs.run_job.delay
    core.jobs.run_job.delay = lambda job_id: None  # queued for the workers, run below
    rows = []
    try:
        for province in provinces:
            before = set(Job.objects.filter(kind="escalation_letter").values_list("pk", flat=True))
            tracemalloc.start()
            start = time.perf_counter()
            total = SendResult()
            for plan_id in province.plan_ids:
                result_add(total, reminders_send_plan(plan_id=plan_id, today=today))
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.reset_peak()
            letters = [
                pk
                for pk in Job.objects.filter(kind="escalation_letter").values_list("pk", flat=True)
                if pk not in before
            ]
            start = time.perf_counter()
            for pk in letters:
                core.jobs.job_run(pk)
            letters_s = time.perf_counter() - start
            letters_peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            rows.append(
                {
                    "province": province.index,
                    "seconds": seconds,
                    "peak_mb": peak,
                    "steps": total.steps,
                    "letters": len(letters),
                    "letters_s": letters_s,
                    "letters_peak_mb": letters_peak,
                }
            )
    finally:
        core.jobs.run_job.delay = queue
    return rows


SURVEY_PAGES = ("survey list", "survey results", "API surveys")


def _answers_to(target: int, campaign_ids: list[int]) -> dict:
    """Copy province 1's answers into earlier years until the table holds ``target`` rows."""
    from django.db import connection

    from surveys.models import Answer

    table = Answer._meta.db_table
    columns = [f.column for f in Answer._meta.concrete_fields if f.column != "id"]
    shifted = ", ".join("year - g" if c == "year" else c for c in columns)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        have = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT COUNT(*), MAX(id) FROM {table} WHERE campaign_id = ANY(%s)",  # noqa: S608
            [campaign_ids],
        )
        source, newest = cursor.fetchone()
        copies = max(0, -(-(target - have) // max(source, 1)))
        for first in range(1, copies + 1, 5):  # a few copies per statement: bounded transactions
            last = min(first + 4, copies)
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {shifted} "  # noqa: S608
                f"FROM {table} a CROSS JOIN generate_series(%s, %s) g "
                "WHERE a.campaign_id = ANY(%s) AND a.id <= %s",  # the generated rows, not copies
                [first, last, campaign_ids, newest],
            )
        cursor.execute(f"ANALYZE {table}")
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        total = cursor.fetchone()[0]
    return {"answers": total, "copied_s": time.perf_counter() - start}


def _survey_pages(bench, province, runs: int) -> list[dict]:
    original = bench._pages
    bench._pages = lambda p: [page for page in original(p) if page[0] in SURVEY_PAGES]
    try:
        return bench._measure_pages(province, runs)
    finally:
        bench._pages = original


class _Parts(dict):
    """The figures, each also written to stderr as soon as it is measured: a run cut short on a
    loaded machine still leaves what it measured."""

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        print(f"PART {key} {json.dumps(value)}", file=sys.stderr, flush=True)


def child(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    bench = _province_bench()
    data = bench._load_data_module()
    call_command("migrate", verbosity=0)
    out = _Parts()
    national = data.build_national_root()
    start = time.perf_counter()
    provinces = [data.build_province(1, size=args.size, parent_id=national)]
    out["alone"] = bench._measure_pages(provinces[0], args.runs)
    for i in range(2, 6):
        provinces.append(data.build_province(i, size=args.size, parent_id=national))
        print(f"province {i} generated at {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    out["generate_s"] = time.perf_counter() - start
    out["shared"] = bench._measure_pages(provinces[0], args.runs)
    out["national"] = _national_pages(bench, _national_coordinator(national), args.runs)
    out["reminders"] = _reminders_per_province(provinces, timezone.localdate())
    out["counts"] = provinces[0].counts
    out["survey_before"] = _survey_pages(bench, provinces[0], args.runs)
    out["answers"] = _answers_to(args.answers, provinces[0].campaign_ids)
    out["survey_after"] = _survey_pages(bench, provinces[0], args.runs)
    out["load"] = bench._load()
    print("RESULT " + json.dumps(out))


def _ms(value) -> str:
    return "—" if value is None else f"{value:.0f}"


def report(out: dict) -> None:
    print(f"generated 5 provinces + national root in {out['generate_s']:.0f} s; province 1: {out['counts']}")
    print(f"\n{'page (province 1)':<34} {'alone ms':>9} {'×5 ms':>7} {'goal':>5}")
    for alone, shared in zip(out["alone"], out["shared"], strict=True):
        verdict = "ok" if (shared.get("median") or 1e9) <= GOAL_PROVINCE_MS else "OVER"
        figures = f"{_ms(alone.get('median')):>9} {_ms(shared.get('median')):>7} {GOAL_PROVINCE_MS:>4}"
        print(f"{alone['page']:<34} {figures}  {verdict}")
    print(f"\n{'national page':<34} {'median':>9} {'p95':>7} {'goal':>5}")
    for row in out["national"]:
        verdict = "ok" if (row.get("median") or 1e9) <= GOAL_NATIONAL_MS else "OVER"
        note = row.get("note", "")
        figures = f"{_ms(row.get('median')):>9} {_ms(row.get('p95')):>7} {GOAL_NATIONAL_MS:>4}"
        print(f"{row['page']:<34} {figures}  {verdict} {note}")
    print("\ndaily reminders, plan by plan (as the workers run them), then the letters' jobs one by one")
    for row in out["reminders"]:
        took = f"{row['seconds']:.1f} s, peak {row['peak_mb']:.0f} MB (Python), {row['steps']} steps"
        letters = (
            f"{row['letters']} letters in {row['letters_s']:.1f} s, peak {row['letters_peak_mb']:.0f} MB"
        )
        print(f"  province {row['province']}: {took}; {letters}")
    answers = out["answers"]
    print(f"\nsurvey pages, province 1: as generated → answers table at {answers['answers']:,} rows")
    print(f"  (copied in {answers['copied_s']:.0f} s)")
    print(f"{'page':<34} {'before ms':>9} {'after ms':>9} {'queries':>8} {'goal':>5}")
    for before, after in zip(out["survey_before"], out["survey_after"], strict=True):
        verdict = "ok" if (after.get("median") or 1e9) <= GOAL_PROVINCE_MS else "OVER"
        figures = f"{_ms(before.get('median')):>9} {_ms(after.get('median')):>9} {after.get('queries')!s:>8}"
        print(f"{before['page']:<34} {figures} {GOAL_PROVINCE_MS:>5}  {verdict} {after.get('note', '')}")
    print(f"\nload at the end: {out['load']}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="small", choices=["small", "medium", "full"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--answers", type=int, default=10_000_000)
    parser.add_argument("--pg-db", default="kehoach_national")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    bench = _province_bench()
    if not bench._pg_answers():
        raise SystemExit("PostgreSQL does not answer on 127.0.0.1:5432: nothing measured")
    name = args.pg_db
    bench._pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    bench._pg_admin(f"CREATE DATABASE {name}")
    settings_dir = Path(bench.tempfile.mkdtemp(prefix="kehoach-national-settings-"))
    (settings_dir / "bench_settings.py").write_text(bench.SETTINGS)
    env = {
        **os.environ,
        "DATABASE_URL": bench.PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join([str(settings_dir), str(ROOT)]),
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "MEDIA_ROOT": bench.tempfile.mkdtemp(prefix="kehoach-national-media-"),
        "REDIS_URL": "",
    }
    print(
        f"kehoach national bench: size {args.size}, 5 provinces, {args.runs} runs; {bench._load()}",
        flush=True,
    )
    try:
        command = [
            sys.executable,
            __file__,
            "--child",
            f"--size={args.size}",
            f"--runs={args.runs}",
            f"--answers={args.answers}",
        ]
        # Progress and errors go straight to the terminal; the figures come back on stdout.
        done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    finally:
        bench._pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            report(json.loads(line[len("RESULT ") :]))
            return
    sys.stderr.write(done.stdout[-3000:])
    raise SystemExit("the measuring process failed")


if __name__ == "__main__":
    main()
