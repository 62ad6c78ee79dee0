# ruff: noqa: S603, S607 — subprocess and SQL arguments are this script's own constants
"""Province-sized speed: every daily page's median, p95 and query count next to the 50 ms goal.

    .venv/bin/python bench/province.py [--size full|medium|small] [--provinces 1|5] [--runs 7]
                                       [--database sqlite|postgres|all] [--compare REF]
                                       [--no-throughput] [--no-reminders] [--pg-db kehoach_bench]

Generates a province (bench/province_data.py: 1 041 units, 50 plans, 20 000 tasks, ~100 000
obligations, ~1 M survey answers, digests of 21 000 lines) into a throw-away database — a SQLite
file, and the PostgreSQL database ``--pg-db`` (created and dropped) when 127.0.0.1:5432 answers —
then, as the right person for each page, opens it ``--runs`` times with Django's test Client under
production settings (DEBUG off) and prints median, p95 and queries. With ``--provinces 5`` it
measures province 1 in two databases side by side, in turns: one holding it alone, one where four
more provinces and a national root share it. ``--compare REF`` measures the code at git REF
beside it (its own database, built by the same generator). Both are in turns whose order flips
each round — before, now; now, before — and the throughput in halves (before, now, now, before):
this machine's speed drifts by half over an hour, and measuring one version or database after the
other credited the drift to whichever ran first.

Then, on PostgreSQL (SQLite with --database sqlite): throughput with 2 gunicorn workers on a mixed
load of those pages (loopback only; at most ``--requests`` requests or ``--seconds`` seconds), and
the daily reminders' time and peak memory in their own process. ``--size small`` runs in ~2 minutes.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
GOAL_MS, GOAL_P95_MS = 50, 150
PAGE_TIMEOUT_S = 20
SETTINGS = """
from project.settings.production import *  # noqa
# Production settings, served over plain HTTP on loopback with static files from the app folders.
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
"""


def _load_data_module():
    spec = importlib.util.spec_from_file_location("province_data", ROOT / "bench" / "province_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["province_data"] = module
    spec.loader.exec_module(module)
    return module


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


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} cores)"


# ----- inside the measuring process ------------------------------------------------------


def _url(name: str, *args, query: str = "") -> str | None:
    """The page's address, or None when the code measured has no such page (an older version)."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def _pages(province) -> list[tuple[str, str, str | None]]:
    """(label, person, url) for every page people open daily."""
    plan, campaign = province.big_plan_id, province.campaign_ids[0]
    return [
        ("coordinator dashboard", "coordinator", _url("dashboard")),
        ("leader dashboard", "leader", _url("dashboard")),
        ("overdue, see all", "coordinator", _url("overdue_list")),
        ("review queue", "coordinator", _url("review_queue")),
        ("progress at a glance", "leader", _url("progress_overview")),
        ("progress of the big plan", "leader", _url("progress_overview", query=f"?plan={plan}")),
        ("obligation list, overdue", "coordinator", _url("deliverable_list", query="?overdue=on")),
        ("plan timeline (400 tasks)", "coordinator", _url("plan_gantt", plan)),
        ("plan progress .xlsx", "coordinator", _url("plan_progress_export", plan)),
        ("plan page (400 tasks)", "coordinator", _url("plan_detail", plan)),
        ("department inbox", "department_officer", _url("inbox")),
        ("notifications", "coordinator", _url("notification_list")),
        ("digest of 21 000 lines", "coordinator", _url("notification_detail", province.digest_id)),
        ("survey list", "surveyor", _url("survey_list")),
        ("survey results", "surveyor", _url("survey_detail", campaign)),
        ("deliverable page", "coordinator", _url("deliverable_detail", province.deliverable_id)),
        ("API deliverables", "coordinator", _url("api_deliverable_list")),
        ("API plans", "coordinator", _url("api_plan_list")),
        ("API surveys", "surveyor", _url("api_survey_list")),
    ]


def _p95(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _spread(times: list[float]) -> dict:
    times = sorted(times)
    return {"median": statistics.median(times), "p95": _p95(times), "times": times}


def _timed(client, url: str, runs: int) -> dict:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return _spread(times)


class _Deadline:
    """Stop a runaway page after PAGE_TIMEOUT_S: the survey list never finished before."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.connection.ensure_connection()
        if self.connection.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = '{PAGE_TIMEOUT_S}s'")
        else:
            stop = time.monotonic() + PAGE_TIMEOUT_S
            self.connection.connection.set_progress_handler(lambda: int(time.monotonic() > stop), 100_000)
        return self

    def __exit__(self, *exc):
        if self.connection.vendor != "postgresql" and self.connection.connection is not None:
            self.connection.connection.set_progress_handler(None, 0)
        return False


def _measure_pages(province, runs: int, *, warm: bool = True, skip: frozenset = frozenset()) -> list[dict]:
    """Each page's median, p95 and query count over ``runs`` requests, and the times themselves.

    ``warm``: first open every page once and count its queries; a later round of an interleaved
    comparison (``--compare``) only times. Pages in ``skip`` (too slow the first time) are left out.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}

    def client_for(person):
        if person not in clients:
            client = Client()
            client.force_login(get_user_model().objects.get(pk=province.users[person]))
            clients[person] = client
        return clients[person]

    results = []
    for label, person, url in _pages(province):
        row = {"page": label, "url": url}
        if url is None or label in skip:
            note = "no such page" if url is None else "too slow the first time"
            results.append({**row, "median": None, "p95": None, "queries": None, "note": note})
            continue
        client = client_for(person)
        try:
            if not warm:
                row.update(_timed(client, url, runs), queries=None)
                results.append(row)
                continue
            with _Deadline(connection):
                start = time.perf_counter()
                response = client.get(url)
                first = time.perf_counter() - start
            row["status"] = response.status_code
            row["bytes"] = len(response.content)
            if first > PAGE_TIMEOUT_S / 2:
                row.update(median=first * 1000, p95=first * 1000, queries=None, note="one run only")
                results.append(row)
                continue
            reset_queries()  # the request_started signal empties the log: count from zero
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            count = len(queries)  # now: the next request empties the log it reads
            row.update(_timed(client, url, runs), queries=count)
        except Exception as error:  # a timeout or a broken page is a figure too
            connection.close()
            row.update(median=None, p95=None, queries=None, note=f"{type(error).__name__}: {str(error)[:80]}")
        results.append(row)
    return results


def _reminders_subprocess(args, env) -> dict:
    code = (
        "import django, json, resource, time; django.setup()\n"
        "from django.utils import timezone\n"
        "from tasks.services.reminders import reminders_send\n"
        "start = time.perf_counter()\n"
        "result = reminders_send(today=timezone.localdate())\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': seconds, 'peak_mb': peak, 'steps': getattr(result, 'steps', None),"
        " 'notifications': getattr(result, 'notifications', None)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=args.app_root, capture_output=True, text=True, check=False
    )
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _worker_cpu_seconds(master_pid: int) -> float | None:
    """CPU time (user + system) of the gunicorn master's workers so far; None off Linux."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        entries = [entry for entry in os.listdir("/proc") if entry.isdigit()]
    except OSError:
        return None
    for entry in entries:
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:  # fields after the name: state, ppid, …, utime (12), stime (13)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _warm_up(port: int, mix, cookies) -> None:
    """Every page once per worker before the clock starts: first hits load templates and code."""
    for person, url in sorted(set(mix)) * 2:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("GET", url, headers={"Cookie": f"sessionid={cookies[person]}"})
            conn.getresponse().read()
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()


def _throughput(args, env, province, share: float = 1.0) -> dict:
    """2 gunicorn workers, a mixed load from a few client threads, bounded in count and time
    (``share`` of ``--requests`` and ``--seconds``: a comparison runs each version in halves)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    cookies = {}
    for person in ("coordinator", "leader", "department_officer", "surveyor"):
        client = Client()
        client.force_login(get_user_model().objects.get(pk=province.users[person]))
        cookies[person] = client.cookies["sessionid"].value
    # Daily pages only: not the spreadsheet export or the long digest.
    mix = [(person, url) for label, person, url in _pages(province) if url and ".xlsx" not in label]
    # What a day looks like: inboxes and deliverable pages far more often than the survey results.
    mix += [(p, u) for p, u in mix if "nghia-vu" in u or "viec-cua" in u] * 2
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "project.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=args.app_root,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.2)
        _warm_up(port, mix, cookies)
        cpu_before = _worker_cpu_seconds(server.pid)
        latencies, errors, lock = [], [0], threading.Lock()
        stop_at = time.monotonic() + args.seconds * share
        budget = [round(args.requests * share)]

        def worker(seed):
            rng = random.Random(seed)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while time.monotonic() < stop_at:
                with lock:
                    if budget[0] <= 0:
                        break
                    budget[0] -= 1
                person, url = rng.choice(mix)
                start = time.perf_counter()
                try:
                    conn.request("GET", url, headers={"Cookie": f"sessionid={cookies[person]}"})
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    ok = False
                with lock:
                    latencies.append((time.perf_counter() - start) * 1000)
                    errors[0] += not ok
            conn.close()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        cpu_after = _worker_cpu_seconds(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:  # a worker still busy with a slow page
            server.kill()
            server.wait(10)
    cpu = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    return _throughput_figures(latencies, elapsed, errors[0], cpu)


def _throughput_figures(latencies: list[float], elapsed: float, errors: int, cpu_s: float | None) -> dict:
    latencies = sorted(latencies)
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed if elapsed else 0,
        "p50": statistics.median(latencies) if latencies else None,
        "p95": _p95(latencies) if latencies else None,
        "errors": errors,
        "latencies": latencies,
        "cpu_s": cpu_s,
        # The workers' own CPU per request, apart from the load generator and the database, which
        # share the machine's cores: what the app costs, whatever else runs beside it.
        "worker_cpu_ms": cpu_s * 1000 / len(latencies) if latencies and cpu_s is not None else None,
    }


def _throughput_pooled(halves: list[dict]) -> dict:
    cpu = [half["cpu_s"] for half in halves]
    return _throughput_figures(
        [ms for half in halves for ms in half["latencies"]],
        sum(half["seconds"] for half in halves),
        sum(half["errors"] for half in halves),
        None if None in cpu else sum(cpu),
    )


def _reply(value) -> None:
    print("RESULT " + json.dumps(value), flush=True)


def child(args) -> None:
    """Run inside a process whose DATABASE_URL and settings are already set: build the province,
    say so, then measure what the parent asks for on standard input, one line a step."""
    sys.path.insert(0, args.app_root)
    import django

    django.setup()
    from django.core.management import call_command

    data = _load_data_module()
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    from django.db import connection

    national = data.build_national_root() if args.provinces > 1 else None
    first = data.build_province(1, size=args.size, parent_id=national)
    generated = {"vendor": connection.vendor, "counts": first.counts}
    generated["generate_s"] = time.perf_counter() - start
    start = time.perf_counter()
    for index in range(2, args.provinces + 1):
        data.build_province(index, size=args.size, parent_id=national)
    if args.provinces > 1:
        generated["generate_more_s"] = time.perf_counter() - start
    _reply(generated)
    env, slow = dict(os.environ), set()
    for line in sys.stdin:
        step, *values = line.split()
        if step == "pages":
            warm = values[0] == "warm"
            pages = _measure_pages(first, 1, warm=warm, skip=frozenset(slow))
            slow |= {page["page"] for page in pages if warm and page.get("note")}
            _reply({"load": _load(), "pages": pages})
        elif step == "throughput":
            _reply(_throughput(args, env, first, share=float(values[0])))
        elif step == "reminders":
            _reply(_reminders_subprocess(args, env))
        else:
            break


# ----- the parent: databases, code versions, the table -----------------------------------


def _tree_at(ref: str, folder: str) -> str:
    """The code at git ``ref`` exported into ``folder`` (the data generator stays the current one)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
    return folder


class _Version:
    """One version of the code measuring its own database, in a process that waits for steps."""

    def __init__(self, args, app_root: str, database_url: str, label: str, provinces: int = 1):
        self.label, self.provinces = label, provinces
        self.settings_dir = tempfile.mkdtemp(prefix="kehoach-bench-settings-")
        Path(self.settings_dir, "bench_settings.py").write_text(SETTINGS)
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join([self.settings_dir, app_root]),
            "SECRET_KEY": "bench-only-" + "x" * 40,
            "MEDIA_ROOT": tempfile.mkdtemp(prefix="kehoach-bench-media-"),
            "REDIS_URL": "",
        }
        command = [
            *(sys.executable, __file__, "--child", f"--app-root={app_root}", f"--label={label}"),
            *(f"--size={args.size}", f"--provinces={provinces}", f"--requests={args.requests}"),
            *(f"--seconds={args.seconds}", f"--clients={args.clients}"),
        ]
        print(f"… {label} ×{provinces}: generating ({_load()})", flush=True)
        # Open for the process's life (closed in ``close``): its traceback, should it fail.
        self.errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            command, env=self.env, cwd=app_root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.errors, text=True,
        )  # fmt: skip
        self.result = {"label": label, "provinces": provinces}

    def generated(self) -> None:
        """Wait until the process has built its database (the versions build theirs at once)."""
        self.result.update(self.ask(None))

    def ask(self, step: str | None):
        if step is not None:
            self.process.stdin.write(step + "\n")
            self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("RESULT "):
                return json.loads(line[len("RESULT ") :])
        self.errors.seek(0)
        sys.stderr.write(self.errors.read()[-5000:])
        raise SystemExit(f"{self.label}: the measuring process failed")

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(60)
        self.errors.close()
        shutil.rmtree(self.settings_dir, ignore_errors=True)
        shutil.rmtree(self.env["MEDIA_ROOT"], ignore_errors=True)


def _pooled(rounds: list[dict]) -> dict:
    """Rounds of one version's pages as one set: every round's times together."""
    pages = [dict(page) for page in rounds[0]["pages"]]
    for index, page in enumerate(pages):
        times = [ms for one in rounds for ms in one["pages"][index].get("times", [])]
        if times:
            page.update(_spread(times))
    return {"load": rounds[-1]["load"], "pages": pages}


def _in_turns(versions: list[_Version], steps: list[str]) -> list[list]:
    """Each version's answers to the steps, asked in turns whose order flips every time (A B, B A, …),
    so a machine whose speed drifts over the minutes favours neither."""
    answers = [[] for _ in versions]
    for turn, step in enumerate(steps):
        order = list(enumerate(versions))
        for index, version in order if turn % 2 == 0 else reversed(order):
            answers[index].append(version.ask(step))
    return answers


def _measure_pages_in_turns(versions: list[_Version], runs: int) -> None:
    rounds = _in_turns(versions, ["pages warm"] + ["pages again"] * (runs - 1))
    for version, answers in zip(versions, rounds, strict=True):
        version.result.update(_pooled(answers))


def _measure_throughput(versions: list[_Version]) -> None:
    """One run for one version; two halves each when comparing (A B B A)."""
    halves = 2 if len(versions) > 1 else 1
    for version, runs in zip(
        versions, _in_turns(versions, [f"throughput {1 / halves}"] * halves), strict=True
    ):
        version.result["throughput"] = _throughput_pooled(runs)


def _measure(args, roots: list[tuple[str, str]], make_url, throughput: bool, reminders: bool) -> list[dict]:
    """Each code version's pages (alone and shared side by side with ``--provinces`` > 1), then the
    throughput and the reminders where every province is in the database."""
    counts = sorted({1, args.provinces})
    versions = []
    try:
        for label, root in roots:
            for provinces in counts:
                versions.append(_Version(args, root, make_url(f"{len(versions)}"), label, provinces))
        for version in versions:
            version.generated()
        _measure_pages_in_turns(versions, args.runs)
        fullest = [version for version in versions if version.provinces == args.provinces]
        if throughput:
            _measure_throughput(fullest)
        if reminders:
            for version in fullest:
                version.result["reminders"] = version.ask("reminders")
        return [version.result for version in versions]
    finally:
        for version in versions:
            version.close()


def _databases(args):
    """(name, make_url, drop) for each database asked for that answers."""
    if args.database in ("sqlite", "all"):
        folder = tempfile.mkdtemp(prefix="kehoach-bench-")

        def sqlite_url(tag):
            return f"sqlite:///{folder}/{tag}.sqlite3"

        yield "SQLite", sqlite_url, lambda: shutil.rmtree(folder, ignore_errors=True)
    if args.database in ("postgres", "all"):
        if not _pg_answers():
            print("PostgreSQL: 127.0.0.1:5432 does not answer, skipped")
            return
        made = []

        def pg_url(tag):
            name = f"{args.pg_db}_{tag}"
            _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            _pg_admin(f"CREATE DATABASE {name}")
            made.append(name)
            return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

        def pg_drop():
            for name in made:
                _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

        yield "PostgreSQL", pg_url, pg_drop


def _fmt(value, digits=0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _report(database: str, results: list[dict]) -> None:
    print(f"\n== {database} — goal: median < {GOAL_MS} ms, p95 < {GOAL_P95_MS} ms, fixed query count")
    for result in results:
        counts = result["counts"]
        print(
            f"   {result['label']} ×{result['provinces']}: generated {counts.get('units', 0):,} units, "
            f"{counts.get('plans', 0)} plans, "
            f"{counts.get('tasks', 0):,} tasks, {counts.get('deliverables', 0):,} obligations, "
            f"{counts.get('responses', 0):,} responses / {counts.get('answers', 0):,} answers, "
            f"{counts.get('notifications', 0):,} notifications in {result['generate_s']:.0f} s"
            + (
                f" (+{result['generate_more_s']:.0f} s for the other provinces)"
                if "generate_more_s" in result
                else ""
            )
        )
    header = "   page                       " + "".join(
        f"| {r['label'][:10]:>10} ×{r['provinces']} median   p95  q " for r in results
    )
    print(header)
    pages = [p["page"] for p in results[0]["pages"]]
    for index, page in enumerate(pages):
        line = f"   {page:<27}"
        for r in results:
            p = r["pages"][index]
            mark = "" if p["median"] is None else ("  " if p["median"] < GOAL_MS else " ✗")
            line += f"| {_fmt(p['median']):>10}{mark} {_fmt(p['p95']):>8} {_fmt(p['queries']):>3} "
            if p.get("note"):
                line += f"({p['note']}) "
            elif p.get("status") != 200:
                line += f"(HTTP {p.get('status')}) "
        print(line)
    for r in results:
        print(f"   {r['label']} ×{r['provinces']}: {r['load']}")
    for r in results:
        t = r.get("throughput")
        if t:
            print(
                f"   {r['label']} ×{r['provinces']}: throughput, 2 gunicorn workers, "
                f"{t['requests']} requests in {t['seconds']:.1f} s: "
                f"{t['rps']:.1f} req/s (goal ≥ 100), p50 {_fmt(t['p50'])} ms, p95 {_fmt(t['p95'])} ms "
                f"(goal < 200), errors {t['errors']}, "
                f"worker CPU {_fmt(t.get('worker_cpu_ms'), 1)} ms/request"
            )
        m = r.get("reminders")
        if m:
            if "error" in m:
                print(f"   {r['label']} ×{r['provinces']}: reminders failed: {m['error']}")
            else:
                print(
                    f"   {r['label']} ×{r['provinces']}: reminders {m['seconds']:.1f} s, "
                    f"peak memory {m['peak_mb']:.0f} MB (goal < 200), "
                    f"{m['steps']} steps, {m['notifications']} notifications"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["full", "medium", "small"], default="full")
    parser.add_argument("--provinces", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--compare", metavar="REF", help="also measure the code at git REF, side by side")
    parser.add_argument("--pg-db", default="kehoach_bench", help="prefix of the scratch PostgreSQL databases")
    parser.add_argument("--throughput", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--reminders", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--requests", type=int, default=3000, help="throughput: at most this many requests")
    parser.add_argument("--seconds", type=float, default=30, help="throughput: for at most this long")
    parser.add_argument("--clients", type=int, default=4, help="throughput: client threads")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--app-root", default=str(ROOT), help=argparse.SUPPRESS)
    parser.add_argument("--label", default="now", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    print(
        f"kehoach province bench: size {args.size}, {args.provinces} province(s), {args.runs} runs; {_load()}"
    )
    versions = [("now", str(ROOT))]
    scratch = None
    if args.compare:
        scratch = tempfile.mkdtemp(prefix="kehoach-bench-before-")
        versions.insert(0, (f"before {args.compare[:10]}", _tree_at(args.compare, scratch)))
    try:
        for database, make_url, drop in _databases(args):
            try:
                # throughput on PostgreSQL (production's database), or on SQLite when it is the only one
                heavy = database == "PostgreSQL" or args.database == "sqlite"
                results = _measure(
                    args, versions, make_url, heavy and args.throughput, heavy and args.reminders
                )
                _report(database, results)
            finally:
                drop()
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
