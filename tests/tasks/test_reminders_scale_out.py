"""The daily reminders on several workers: one plan at a time, in chunks, each notice sent once."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection

from core.models import Job, Notification
from documents.models import GeneratedDocument
from tasks.jobs import send_reminders_task
from tasks.models import Deliverable, ReminderLog
from tasks.services import reminders
from tasks.services.reminders import reminders_send_plan
from tasks.signals import deliverables_escalated
from tests.factories import TaskFactory, add_deadline, add_unit

DUE = dt.date(2022, 1, 31)
LATE = DUE + dt.timedelta(days=9)  # overdue every 3 days, escalated from 7


@pytest.fixture
def emails(org):
    for user in (org.officer_a, org.head_a, org.coordinator):
        user.email = f"{user.username}@camlam.gov.vn"
        user.save(update_fields=["email"])
    return org


@pytest.fixture
def two_due(issued_plan, deliverable, emails):
    task = TaskFactory(plan=issued_plan, content="Báo cáo sơ kết")
    add_unit(task, emails.office_a)
    add_deadline(task, year=2022, month=1)
    Deliverable.objects.create(task=task, unit=emails.office_a, due_date=DUE, original_due_date=DUE)
    return issued_plan


def test_chunks_of_one_still_give_one_digest_and_one_letter_per_unit(
    two_due, emails, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, plan_id, by_unit, day, **kwargs):
        heard.append(by_unit)

    deliverables_escalated.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = reminders_send_plan(plan_id=two_due.pk, today=LATE, chunk=1)
    finally:
        deliverables_escalated.disconnect(listener)
    assert result.steps == 4 and result.escalated_units == 1  # two overdue notices, two escalations
    digest = Notification.objects.get(user=emails.officer_a)
    assert len(digest.lines) == 2
    assert digest.title == f"Nhắc việc ngày {LATE:%d/%m/%Y}: 2 nghĩa vụ của đơn vị"
    # both escalations of office A in one hand-over, after the last chunk: one letter, both items
    ids = sorted(Deliverable.objects.filter(task__plan=two_due).values_list("id", flat=True))
    assert heard == [{emails.office_a.pk: ids}]
    (letter,) = GeneratedDocument.objects.all()
    assert sorted(letter.context["reminder"]["deliverable_ids"]) == ids


def test_a_step_another_worker_took_first_is_not_notified_again(two_due, emails, monkeypatch):
    """Between this worker's read and its insert, another one inserted the same steps."""
    wanted = reminders._wanted

    def read_then_lose_the_race(deliverables, policy, today):
        logs = wanted(deliverables, policy, today)
        ReminderLog.objects.bulk_create(
            [
                ReminderLog(
                    deliverable=log.deliverable,
                    step=log.step,
                    days=log.days,
                    sent_on=today,
                    due_date=log.due_date,
                )
                for log in logs
            ]
        )
        return logs

    monkeypatch.setattr(reminders, "_wanted", read_then_lose_the_race)
    result = reminders_send_plan(plan_id=two_due.pk, today=DUE)
    assert result.steps == 0
    assert not Notification.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_plan_at_once_send_each_notice_once(two_due, emails):
    if connection.vendor != "postgresql":
        pytest.skip("cần PostgreSQL: hai kết nối đồng thời")
    barrier = threading.Barrier(2, timeout=10)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(reminders_send_plan(plan_id=two_due.pk, today=DUE))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert sorted(r.steps for r in results) in ([0, 2], [1, 1])
    assert ReminderLog.objects.count() == 2
    digest = Notification.objects.get(user=emails.officer_a)
    assert len(digest.lines) == 2
    assert [m.to[0] for m in mail.outbox].count("canbo_a@camlam.gov.vn") == 1


def test_the_daily_beat_entry_fans_out_per_plan_once_a_day(
    two_due, emails, django_capture_on_commit_callbacks
):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders_task()
        again = send_reminders_task()  # a second beat, or the same message redelivered
    assert len(first) == 1 and again == []
    job = Job.objects.get(pk=first[0])
    assert job.kind == "send_reminders_plan" and job.state == Job.State.DONE
    assert job.result["plan_id"] == two_due.pk
