"""Đôn đốc: reminders before and after due dates, digests, preferences, escalation, idempotence."""

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from core.models import Job, Notification, NotificationPreference
from tasks.models import Deliverable, ReminderLog, ReminderPolicy
from tasks.services.extensions import extension_approve, extension_request
from tasks.services.lifecycle import plan_close
from tasks.services.notifications import Kind
from tasks.services.reminders import reminder_steps, reminders_send
from tasks.signals import deliverables_escalated
from tests.factories import TaskFactory, add_deadline, add_unit

DUE = dt.date(2022, 1, 31)
Step = ReminderLog.Step


@pytest.fixture
def emails(org):
    for user in (org.officer_a, org.head_a, org.coordinator, org.viewer, org.officer_b):
        user.email = f"{user.username}@camlam.gov.vn"
        user.save(update_fields=["email"])
    return org


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the daily job as production does: e-mails leave once the transaction commits."""

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=day)

    return run


def _kinds(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (DUE - dt.timedelta(days=8), []),
        (DUE - dt.timedelta(days=7), [(Step.BEFORE, 7)]),
        (DUE - dt.timedelta(days=1), [(Step.BEFORE, 1)]),
        (DUE, [(Step.DUE_DAY, 0)]),
        (DUE + dt.timedelta(days=1), []),
        (DUE + dt.timedelta(days=3), [(Step.OVERDUE, -3)]),
        (DUE + dt.timedelta(days=6), [(Step.OVERDUE, -6)]),
        (DUE + dt.timedelta(days=7), [(Step.ESCALATED, 0)]),
        (DUE + dt.timedelta(days=9), [(Step.OVERDUE, -9), (Step.ESCALATED, 0)]),
        (DUE + dt.timedelta(days=15), [(Step.OVERDUE, -15), (Step.ESCALATED, 0), (Step.LEADERS, 0)]),
    ],
)
def test_default_ladder(today, expected):
    """7 and 1 days before, on the day, every 3 days late, Nội vụ from 7 days late, leaders from 15."""
    policy = ReminderPolicy()
    assert reminder_steps(due=DUE, today=today, policy=policy) == expected


def test_the_unit_is_reminded_seven_days_ahead_and_only_once(deliverable, emails, send):
    # when the daily job runs twice on 24/01
    first = send(DUE - dt.timedelta(days=7))
    second = send(DUE - dt.timedelta(days=7))
    # then the lead unit's officer and head got one reminder each, by app and by e-mail
    assert first.steps == 1 and second.steps == 0
    assert _kinds(emails.officer_a) == [Kind.REMINDER]
    assert _kinds(emails.head_a) == [Kind.REMINDER]
    assert sorted(m.to[0] for m in mail.outbox) == ["canbo_a@camlam.gov.vn", "lanhdao_a@camlam.gov.vn"]
    # and the coordinating unit, Nội vụ and leaders are not bothered yet
    assert _kinds(emails.officer_b) == [] and _kinds(emails.coordinator) == []


def test_one_digest_per_person_per_day(issued_plan, emails, send):
    """Two obligations due the same day reach the officer as one message listing both."""
    # given a second task of office A due the same day, issued after the first
    task = TaskFactory(plan=issued_plan, content="Báo cáo sơ kết")
    add_unit(task, emails.office_a)
    add_deadline(task, year=2022, month=1)
    Deliverable.objects.create(task=task, unit=emails.office_a, due_date=DUE, original_due_date=DUE)
    # when
    send(DUE)
    # then
    digest = Notification.objects.get(user=emails.officer_a)
    assert len(digest.lines) == 2
    assert digest.title.startswith("Nhắc việc ngày 31/01/2022: 2 nghĩa vụ")
    assert [m.to[0] for m in mail.outbox].count("canbo_a@camlam.gov.vn") == 1


def test_a_person_can_turn_off_reminder_emails_but_keeps_the_in_app_message(deliverable, emails):
    NotificationPreference.objects.create(user=emails.officer_a, kind=Kind.REMINDER, by_email=False)
    reminders_send(today=DUE)
    assert _kinds(emails.officer_a) == [Kind.REMINDER]
    assert "canbo_a@camlam.gov.vn" not in [m.to[0] for m in mail.outbox]


def test_overdue_escalates_to_noi_vu_who_cannot_silence_it(
    deliverable, emails, django_capture_on_commit_callbacks
):
    # given Nội vụ turned escalation e-mails off, and someone listens for escalations
    NotificationPreference.objects.create(user=emails.coordinator, kind=Kind.ESCALATION, by_email=False)
    heard = []

    def listener(sender, plan_id, by_unit, day, **kwargs):
        heard.append((plan_id, by_unit, day))

    deliverables_escalated.connect(listener)
    try:
        # when the item is 7 days late
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send(today=DUE + dt.timedelta(days=7))
    finally:
        deliverables_escalated.disconnect(listener)
    # then Nội vụ is told, by e-mail too, and the draft đôn đốc can be made for that unit
    assert _kinds(emails.coordinator) == [Kind.ESCALATION]
    assert "noivu@camlam.gov.vn" in [m.to[0] for m in mail.outbox]
    plan = deliverable.task.plan_id
    assert heard == [(plan, {emails.office_a.pk: [deliverable.pk]}, DUE + dt.timedelta(days=7))]


def test_long_lateness_reaches_the_leaders_once(deliverable, emails):
    reminders_send(today=DUE + dt.timedelta(days=15))
    reminders_send(today=DUE + dt.timedelta(days=16))
    assert _kinds(emails.viewer) == [Kind.LEADERS]
    assert ReminderLog.objects.filter(step=Step.LEADERS).count() == 1


def test_an_extension_restarts_reminders_for_the_new_date(deliverable, emails):
    reminders_send(today=DUE - dt.timedelta(days=7))
    request = extension_request(
        deliverable=deliverable,
        actor=emails.officer_a,
        requested_due_date=dt.date(2022, 2, 28),
        reason="Chờ số liệu",
    )
    extension_approve(request=request, actor=emails.coordinator)
    result = reminders_send(today=dt.date(2022, 2, 21))
    assert result.steps == 1
    assert ReminderLog.objects.filter(due_date=dt.date(2022, 2, 28), step=Step.BEFORE).exists()


def test_nothing_is_sent_for_closed_plans_or_finished_items(issued_plan, deliverable, emails):
    plan_close(plan=issued_plan, actor=emails.coordinator)
    assert reminders_send(today=DUE).steps == 0
    assert not Notification.objects.exists()


def test_send_reminders_command_reports_and_is_idempotent(deliverable, emails, capsys):
    call_command("send_reminders", "--day", "2022-01-31")
    assert "1 lượt nhắc" in capsys.readouterr().out
    call_command("send_reminders", "--day", "2022-01-31")
    assert "0 lượt nhắc" in capsys.readouterr().out
    assert Job.objects.filter(kind="send_reminders", state=Job.State.DONE).count() == 2


def test_send_reminders_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("send_reminders", "--day", "31/01/2022")


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def _forget_broker_connections(app) -> None:
    """Producers are pooled per app: drop them so the next message uses the broker configured now."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.postgres
@pytest.mark.skipif(
    not _redis_answers(), reason="Redis không chạy ở 127.0.0.1:6379: bỏ qua đường Celery thật"
)
@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_runs_the_reminder_job(org, issued_plan):
    """With REDIS_URL set, a job goes through Redis to a separate worker process and finishes there.

    The worker is a real `celery worker` process, as in production, so it needs a database that
    other processes can open: PostgreSQL (SQLite test databases live in this process's memory).
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(
            "cần PostgreSQL: tiến trình worker riêng không mở được CSDL SQLite trong bộ nhớ của kiểm thử"
        )
    from core.jobs import job_start
    from project.celery import app

    queue = f"kehoach-test-{uuid.uuid4().hex}"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "project.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        + db["NAME"],
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "KEHOACH_TEST_REDIS_URL": "redis://127.0.0.1:6379/15",  # test settings ignore REDIS_URL
    }
    worker = subprocess.Popen(  # noqa: S603 — our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "project",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "-l",
            "warning",
        ],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    saved = dict(app.conf)
    app.conf.update(broker_url=env["REDIS_URL"], task_always_eager=False, task_default_queue=queue)
    _forget_broker_connections(app)  # earlier tests may have opened the in-memory broker
    try:
        job = job_start("send_reminders", day="2022-01-31")  # on_commit runs at once: no test transaction
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and job.state not in (Job.State.DONE, Job.State.FAILED):
            time.sleep(0.2)
            job.refresh_from_db()
    finally:
        app.conf.update(saved)
        _forget_broker_connections(app)
        worker.terminate()

        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert job.state == Job.State.DONE, output[-2000:]
    assert job.result["steps"] == 1
