"""Several app servers and workers on one PostgreSQL, Redis and object store, as in production.

Starts two gunicorn servers (A and B) on loopback ports, two Celery workers and beat, all as
separate processes on this test's PostgreSQL database, Redis and moto's S3 emulation (a local
S3-compatible server from the moto package, not a real S3): a file uploaded through A downloads
through B; a job queued on A runs on a worker and its progress shows on B; the daily reminders
run by both workers at once send each notice once.
"""

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
import requests
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from core.models import Job, Notification
from tasks.models import Deliverable, Evidence, PlanImport, ReminderLog
from tasks.services.imports import plan_import_upload
from tests.core.test_object_storage import BUCKET, _free_port, s3_storages
from tests.factories import TaskFactory, add_deadline, add_unit
from units.services import api_token_create

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/1"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CSV = (
    "Stt,Nội dung công việc,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn,Kết quả\n"
    "1,Xây dựng kế hoạch khảo sát,Văn phòng HĐND và UBND huyện,"
    "Phòng Văn hóa và Thông tin,Tháng 01/2022,Kế hoạch\n"
).encode()
DUE = dt.date(2022, 1, 31)
WAIT = 60  # seconds for any one step; the whole test stays within a few minutes


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not _answers(6379), reason="Redis không chạy ở 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),
]


def _until(check, what: str, seconds: int = WAIT):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.3)
    pytest.fail(f"quá {seconds} giây chờ {what}")


class Processes:
    """Processes started by this test, stopped (and reaped) whatever happens."""

    def __init__(self, env):
        self.env, self.started = env, []

    def start(self, *args):
        process = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments
            [sys.executable, "-m", *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.started.append(process)
        return process

    def stop(self):
        for process in self.started:
            process.terminate()
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def s3_server():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    _bucket(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def _bucket(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )


@pytest.fixture
def cluster(s3_server, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "cần PostgreSQL: các tiến trình riêng không mở được CSDL SQLite trong bộ nhớ của kiểm thử"
        )
    from project.celery import app

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "project.settings.local",
        "DEBUG": "true",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions this test makes are read by A and B
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        + db["NAME"],
        "REDIS_URL": REDIS,
        "STORAGE_BACKEND": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_server,
        "S3_ACCESS_KEY": "test",
        "S3_SECRET_KEY": "test",
        "S3_REGION": "us-east-1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    ports = [_free_port(), _free_port()]
    processes = Processes(env)
    saved = dict(app.conf)
    app.conf.update(broker_url=REDIS, task_always_eager=False)
    app._pool, app.amqp._producer_pool = None, None
    try:
        for port in ports:
            processes.start(
                "gunicorn", "project.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"
            )
        for name in ("w1", "w2"):
            processes.start(
                "celery", "-A", "project", "worker", "--pool=solo", "-n", f"{name}@%h", "-l", "warning"
            )
        beat = processes.start(
            "celery", "-A", "project", "beat", "-l", "warning", "--schedule", str(tmp_path / "beat-schedule")
        )
        for port in ports:
            _until(lambda port=port: _answers(port), f"gunicorn ở cổng {port}")
        yield [f"http://127.0.0.1:{port}" for port in ports], beat, s3_server
    finally:
        app.conf.update(saved)
        app._pool, app.amqp._producer_pool = None, None
        processes.stop()


def _session(user) -> requests.Session:
    client = Client()
    client.force_login(user)
    http = requests.Session()
    http.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
    return http


def test_two_app_servers_share_files_jobs_and_the_daily_reminders(cluster, org, deliverable):
    (server_a, server_b), beat, s3 = cluster
    assert beat.poll() is None  # beat runs beside the workers (its daily entry fires at 07:00)

    # a file uploaded through A …
    _, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["report"])
    response = requests.post(
        server_a + reverse("api_deliverable_submit", args=[deliverable.pk]),
        headers={"Authorization": f"Token {key}"},
        data={"text": "Đã ban hành kế hoạch."},
        files={"files": ("bao-cao.pdf", PDF, "application/pdf")},
        timeout=WAIT,
    )
    assert response.status_code == 200, response.text[:500]
    evidence = Evidence.objects.get(deliverable=deliverable)
    assert evidence.file.name in [o["Key"] for o in _bucket(s3).list_objects_v2(Bucket=BUCKET)["Contents"]]
    # … downloads through B, after B's access check
    download = _session(org.coordinator).get(
        server_b + reverse("evidence_download", args=[evidence.pk]), timeout=WAIT
    )
    assert download.status_code == 200 and download.content == PDF
    outsider = _session(org.other_officer).get(
        server_b + reverse("evidence_download", args=[evidence.pk]), timeout=WAIT
    )
    assert outsider.status_code == 403

    # a job queued on A runs on a worker, and B shows how it went
    with override_settings(STORAGES=s3_storages(s3)):
        batch = plan_import_upload(
            issuer=org.district, actor=org.coordinator, upload=SimpleUploadedFile("ke-hoach.csv", CSV)
        )
    on_a = _session(org.coordinator)
    preview = on_a.get(server_a + reverse("import_preview", args=[batch.pk]), timeout=WAIT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', preview.text).group(1)
    queued = on_a.post(
        server_a + reverse("import_decide", args=[batch.pk, "confirm"]),
        data={"csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=WAIT,
    )
    assert queued.status_code == 302, queued.text[:500]
    job = Job.objects.get(kind="plan_import")
    assert queued.headers["Location"].endswith(reverse("job_detail", args=[job.pk]))
    on_b = _session(org.coordinator)
    page = _until(
        lambda: (
            (p := on_b.get(server_b + reverse("job_detail", args=[job.pk]), timeout=WAIT))
            and "Xong" in p.text
            and p
        ),
        "việc nhập kế hoạch chạy xong trên worker",
    )
    assert "100%" in page.text and "Mở kế hoạch đã tạo" in page.text
    assert PlanImport.objects.get(pk=batch.pk).plan_id is not None

    # the daily reminders, run by both workers at once, send each notice once
    from core.jobs import job_start

    for content in ("Báo cáo sơ kết", "Báo cáo tổng kết"):  # two obligations of office A due that day
        task = TaskFactory(plan=deliverable.task.plan, content=content)
        add_unit(task, org.office_a)
        add_deadline(task, year=2022, month=1)
        Deliverable.objects.create(task=task, unit=org.office_a, due_date=DUE, original_due_date=DUE)

    jobs = [job_start("send_reminders", day=DUE.isoformat()) for _ in range(2)]
    _until(
        lambda: Job.objects.filter(pk__in=[j.pk for j in jobs], state=Job.State.DONE).count() == 2,
        "hai lượt nhắc việc chạy xong",
    )
    steps = [Job.objects.get(pk=j.pk).result["steps"] for j in jobs]
    assert sum(steps) == ReminderLog.objects.count() == 2
    digest = Notification.objects.get(user=org.officer_a)
    assert len(digest.lines) == 2
