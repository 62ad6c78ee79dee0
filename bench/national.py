# ruff: noqa: S603 — subprocess and SQL arguments are this script's own constants
"""National size on PostgreSQL: five provinces and a national root in one database.

    .venv/bin/python bench/national.py [--size small|medium|full] [--runs 7] [--answers 10000000]
                                       [--letters 50] [--pg-db kehoach_national] [--keep INFO.json]

Reuses the province generator (bench/province_data.py, see bench/province.py) into a throw-away
PostgreSQL database: measures province 1's daily pages alone, then once four more provinces and
the national root share the database (goal: as fast as alone, each under 50 ms; one after the other
in one database, so the machine's drift is in it: ``bench/province.py --provinces 5`` measures the
two side by side, in turns); a national
coordinator's dashboard and review queue (goal: under 100 ms); the daily reminders of each
province, plan by plan as the workers run them (time and peak Python memory per province), and a
sample of ``--letters`` of the đôn đốc letters they queue, run as a worker takes them (the time of
one letter; draining thousands one by one tells nothing more and takes most of an hour); and the
survey pages once the answers table holds ``--answers`` rows (earlier years' answers copied from
province 1's in one INSERT … SELECT, so the pages' own campaign is unchanged and the table is the
national size), with the queries of those pages that read the answers table.
Rows go in with COPY (bench/province_data.py). Each section prints the machine's load.
``--keep INFO.json`` keeps the database and writes the ids a profiler needs into INFO.json.
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


def _reminders_per_province(provinces, today, sample: int) -> list[dict]:
    """Each province's plans as the workers take them; then ``sample`` of the letters they queue."""
    import statistics

    import core.jobs
    from core.models import Job
    from tasks.services.reminders import SendResult, reminders_send_plan, result_add

    queue = core.jobs.run_job.delay
    core.jobs.run_job.delay = lambda job_id: None  # queued for the workers, run below
    rows = []
    try:
        for province in provinces:
            newest = Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            total = SendResult()
            tracemalloc.start()  # slows the Python it watches: the seconds are an upper bound
            start = time.perf_counter()
            for plan_id in province.plan_ids:
                result_add(total, reminders_send_plan(plan_id=plan_id, today=today))
            seconds = time.perf_counter() - start
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            letters = list(
                Job.objects.filter(kind="escalation_letter", pk__gt=newest)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            times = []
            for pk in letters[:sample]:
                start = time.perf_counter()
                core.jobs.job_run(pk)
                times.append(time.perf_counter() - start)
            rows.append(
                {
                    "province": province.index,
                    "plans": len(province.plan_ids),
                    "seconds": seconds,
                    "peak_mb": peak,
                    "steps": total.steps,
                    "notifications": total.notifications,
                    "letters": len(letters),
                    "letters_run": len(times),
                    "letter_ms": statistics.median(times) * 1000 if times else None,
                    "letter_max_ms": max(times) * 1000 if times else None,
                    "load": _province_bench()._load(),
                }
            )
            print(f"reminders of province {province.index}: {rows[-1]}", file=sys.stderr, flush=True)
    finally:
        core.jobs.run_job.delay = queue
    return rows


SURVEY_PAGES = ("survey list", "survey results", "API surveys")


def _answers_to(target: int, campaign_ids: list[int]) -> dict:
    """Copy province 1's answers into earlier years, in one statement, until the table holds
    ``target`` rows; then VACUUM ANALYZE, as after a year's import, so plans see the new size."""
    from django.db import connection

    from surveys.models import Answer

    table = Answer._meta.db_table
    columns = [f.column for f in Answer._meta.concrete_fields if f.column != "id"]
    shifted = ", ".join("year - g" if c == "year" else c for c in columns)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")  # the pages' deadline is not the import's
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
        have = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT COUNT(*), MAX(id) FROM {table} WHERE campaign_id = ANY(%s)",  # noqa: S608
            [campaign_ids],
        )
        source, newest = cursor.fetchone()
        missing = max(0, target - have)
        copies = -(-missing // max(source, 1))
        if missing:
            # The copies point at the very rows province 1's answers point at: the foreign-key
            # triggers (five per row) would only check that again and take most of the time.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {shifted} "  # noqa: S608
                f"FROM generate_series(1, %s) g CROSS JOIN {table} a "
                "WHERE a.campaign_id = ANY(%s) AND a.id <= %s LIMIT %s",  # the generated rows, not copies
                [copies, campaign_ids, newest, missing],
            )
            cursor.execute("SET session_replication_role = DEFAULT")
        inserted_s = time.perf_counter() - start
        cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute(f"SELECT COUNT(*), pg_total_relation_size('{table}') FROM {table}")  # noqa: S608
        total, size = cursor.fetchone()
    return {
        "answers": total,
        "copies": copies,
        "inserted_s": inserted_s,
        "copied_s": time.perf_counter() - start,
        "table_mb": size / 2**20,
        "load": _province_bench()._load(),
    }


def _answer_queries(bench, province) -> dict[str, list]:
    """Each survey page's queries that read the answers table, with their time: the page should
    read the summaries and never scan answers, whatever the table's size."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from surveys.models import Answer

    table = Answer._meta.db_table
    found = {}
    for label, person, url in bench._pages(province):
        if label not in SURVEY_PAGES or url is None:
            continue
        client = Client()
        client.force_login(get_user_model().objects.get(pk=province.users[person]))
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        found[label] = [
            {"ms": float(q["time"]) * 1000, "sql": q["sql"][:160]}
            for q in queries.captured_queries
            if f'"{table}"' in q["sql"]
        ]
    return found


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


def _generate(data, size: str, out: dict) -> tuple[int, list]:
    national = data.build_national_root()
    provinces, seconds = [], []
    for i in range(1, 6):
        start = time.perf_counter()
        provinces.append(data.build_province(i, size=size, parent_id=national))
        seconds.append(time.perf_counter() - start)
        print(f"province {i} generated in {seconds[-1]:.0f} s", file=sys.stderr, flush=True)
        if i == 1:
            out["alone_generate_s"] = seconds[0]
            yield national, provinces
    out["generate_s"] = seconds
    yield national, provinces


def _keep_info(path: str, province, coordinator: int, national: int) -> None:
    """What a profiler needs to open province 1's pages and the national ones (prof/page.py's shape)."""
    info = {
        "users": {**province.users, "national_coordinator": coordinator},
        "national_root": national,
        "root": province.root_id,
        "plans": province.plan_ids,
        "big_plan": province.big_plan_id,
        "campaigns": province.campaign_ids,
        "digest": province.digest_id,
        "deliverable": province.deliverable_id,
    }
    Path(path).write_text(json.dumps(info, indent=1))


def child(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    bench = _province_bench()
    data = bench._load_data_module()
    call_command("migrate", verbosity=0)
    out = _Parts()
    steps = _generate(data, args.size, out)
    national, provinces = next(steps)
    if "pages" in args.steps:
        out["alone"] = bench._measure_pages(provinces[0], args.runs)
        out["alone_load"] = bench._load()
    next(steps)
    out["counts"] = provinces[0].counts
    coordinator = _national_coordinator(national)
    if args.keep:
        _keep_info(args.keep, provinces[0], coordinator, national)
    if "pages" in args.steps:
        out["shared"] = bench._measure_pages(provinces[0], args.runs)
        out["shared_load"] = bench._load()
    if "national" in args.steps:
        out["national"] = _national_pages(bench, coordinator, args.runs)
        out["national_load"] = bench._load()
    if "reminders" in args.steps:
        out["reminders"] = _reminders_per_province(provinces, timezone.localdate(), args.letters)
    if "surveys" in args.steps:
        out["survey_before"] = _survey_pages(bench, provinces[0], args.runs)
        out["survey_before_load"] = bench._load()
        out["answers"] = _answers_to(args.answers, provinces[0].campaign_ids)
        out["survey_after"] = _survey_pages(bench, provinces[0], args.runs)
        out["survey_after_load"] = bench._load()
        out["answer_queries"] = _answer_queries(bench, provinces[0])
    out["load"] = bench._load()
    print("RESULT " + json.dumps(out))


def _ms(value) -> str:
    return "—" if value is None else f"{value:.0f}"


def _verdict(value, goal) -> str:
    return "—" if value is None else ("ok" if value <= goal else "OVER")


def _report_pair(first: list[dict], second: list[dict], goal: int) -> None:
    """One line per page: its median in the first run and in the second, with the second's p95 and queries."""
    for one, two in zip(first, second, strict=True):
        median = two.get("median")
        figures = (
            f"{_ms(one.get('median')):>9} {_ms(median):>9} {_ms(two.get('p95')):>7}"
            f" {two.get('queries')!s:>8} {goal:>5}"
        )
        print(f"{one['page']:<34} {figures}  {_verdict(median, goal)} {two.get('note', '')}")


def _report_pages(out: dict) -> None:
    if "shared" not in out:
        return
    print(
        f"\n{'page (province 1)':<34} {'alone ms':>9} {'×5 ms':>9} {'p95 ×5':>7} {'queries':>8} {'goal':>5}"
    )
    _report_pair(out["alone"], out["shared"], GOAL_PROVINCE_MS)
    print(f"  alone: {out['alone_load']}; ×5: {out['shared_load']}")


def _report_national(out: dict) -> None:
    if "national" not in out:
        return
    print(f"\n{'national page (5 provinces)':<34} {'median':>9} {'p95':>7} {'queries':>8} {'goal':>5}")
    for row in out["national"]:
        median = row.get("median")
        figures = f"{_ms(median):>9} {_ms(row.get('p95')):>7} {row.get('queries')!s:>8} {GOAL_NATIONAL_MS:>5}"
        print(f"{row['page']:<34} {figures}  {_verdict(median, GOAL_NATIONAL_MS)} {row.get('note', '')}")
    print(f"  {out['national_load']}")


def _report_reminders(out: dict) -> None:
    if "reminders" not in out:
        return
    print("\ndaily reminders per province, plan by plan as the workers run them; then a sample of letters")
    for row in out["reminders"]:
        took = (
            f"{row['plans']} plans in {row['seconds']:.1f} s, peak {row['peak_mb']:.1f} MB (Python),"
            f" {row['steps']} steps, {row['notifications']} notices"
        )
        letters = (
            f"{row['letters']} letters queued; {row['letters_run']} run: {_ms(row['letter_ms'])} ms each"
            f" (max {_ms(row['letter_max_ms'])})"
        )
        print(f"  province {row['province']}: {took}; {letters}; {row['load']}")


def _report_surveys(out: dict) -> None:
    if "answers" not in out:
        return
    answers = out["answers"]
    print(
        f"\nsurvey pages, province 1: as generated → answers table at {answers['answers']:,} rows"
        f" ({answers['table_mb']:,.0f} MB with indexes; {answers['copies']} copies inserted in"
        f" {answers['inserted_s']:.0f} s, {answers['copied_s']:.0f} s with VACUUM ANALYZE; {answers['load']})"
    )
    print(f"{'page':<34} {'before ms':>9} {'after ms':>9} {'p95':>7} {'queries':>8} {'goal':>5}")
    _report_pair(out["survey_before"], out["survey_after"], GOAL_PROVINCE_MS)
    print(f"  before: {out['survey_before_load']}; after: {out['survey_after_load']}")
    for page, queries in out["answer_queries"].items():
        if not queries:
            print(f"  {page}: no query reads the answers table")
        for query in queries:
            print(f"  {page}: {query['ms']:.1f} ms on answers: {query['sql']}")


def report(out: dict) -> None:
    generated = " + ".join(f"{s:.0f}" for s in out.get("generate_s", []))
    print(f"generated 5 provinces + national root: {generated} s; province 1: {out['counts']}")
    _report_pages(out)
    _report_national(out)
    _report_reminders(out)
    _report_surveys(out)
    print(f"\nload at the end: {out['load']}")


STEPS = "pages,national,reminders,surveys"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="small", choices=["small", "medium", "full"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--answers", type=int, default=10_000_000)
    parser.add_argument("--letters", type=int, default=50, help="letters run per province (a sample)")
    parser.add_argument("--steps", default=STEPS, help=f"what to measure after generating ({STEPS})")
    parser.add_argument("--pg-db", default="kehoach_national")
    parser.add_argument("--keep", metavar="INFO.json", help="keep the database; its ids go to INFO.json")
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
    started = time.perf_counter()
    try:
        command = [
            sys.executable,
            __file__,
            "--child",
            f"--size={args.size}",
            f"--runs={args.runs}",
            f"--answers={args.answers}",
            f"--letters={args.letters}",
            f"--steps={args.steps}",
            *([f"--keep={Path(args.keep).resolve()}"] if args.keep else []),
        ]
        # Progress and errors go straight to the terminal; the figures come back on stdout.
        done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    finally:
        if args.keep:
            print(f"kept database {name} ({env['DATABASE_URL']})", flush=True)
        else:
            bench._pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            report(json.loads(line[len("RESULT ") :]))
            print(f"whole run: {time.perf_counter() - started:.0f} s")
            return
    sys.stderr.write(done.stdout[-3000:])
    raise SystemExit("the measuring process failed")


if __name__ == "__main__":
    main()
