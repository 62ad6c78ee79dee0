# ruff: noqa: S603 — subprocess and SQL arguments are this script's own constants
"""National size on PostgreSQL: five provinces and a national root in one database.

    .venv/bin/python bench/national.py [--size small|medium|full] [--runs 7] [--pg-db kehoach_national]

Reuses the province generator (bench/province_data.py, see bench/province.py) into a throw-away
PostgreSQL database: measures province 1's daily pages alone, then once four more provinces and
the national root share the database (goal: as fast as alone, each under 50 ms); a national
coordinator's dashboard and review queue (goal: under 100 ms); and the daily reminders of each
province, plan by plan as the workers run them (time and peak Python memory per province).
The survey answers are those the generator writes (about 1 M per full province); the 10 M-row
check of issue 16 is not part of this script.
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
    from tasks.services.reminders import SendResult, reminders_send_plan, result_add

    rows = []
    for province in provinces:
        tracemalloc.start()
        start = time.perf_counter()
        total = SendResult()
        for plan_id in province.plan_ids:
            result_add(total, reminders_send_plan(plan_id=plan_id, today=today))
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rows.append({"province": province.index, "seconds": seconds, "peak_mb": peak, "steps": total.steps})
    return rows


def child(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    bench = _province_bench()
    data = bench._load_data_module()
    call_command("migrate", verbosity=0)
    out = {}
    national = data.build_national_root()
    start = time.perf_counter()
    provinces = [data.build_province(1, size=args.size, parent_id=national)]
    out["alone"] = bench._measure_pages(provinces[0], args.runs)
    provinces += [data.build_province(i, size=args.size, parent_id=national) for i in range(2, 6)]
    out["generate_s"] = time.perf_counter() - start
    out["shared"] = bench._measure_pages(provinces[0], args.runs)
    out["national"] = _national_pages(bench, _national_coordinator(national), args.runs)
    out["reminders"] = _reminders_per_province(provinces, timezone.localdate())
    out["counts"] = provinces[0].counts
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
    print("\ndaily reminders, plan by plan (as the workers run them)")
    for row in out["reminders"]:
        took = f"{row['seconds']:.1f} s, peak {row['peak_mb']:.0f} MB (Python), {row['steps']} steps"
        print(f"  province {row['province']}: {took}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", default="small", choices=["small", "medium", "full"])
    parser.add_argument("--runs", type=int, default=7)
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
        command = [sys.executable, __file__, "--child", f"--size={args.size}", f"--runs={args.runs}"]
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    finally:
        bench._pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            report(json.loads(line[len("RESULT ") :]))
            return
    sys.stderr.write(done.stdout[-3000:] + done.stderr[-5000:])
    raise SystemExit("the measuring process failed")


if __name__ == "__main__":
    main()
