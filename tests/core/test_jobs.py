"""The job runner under redelivery: acks_late gives a message again after a worker dies."""

import datetime as dt

import pytest
from django.utils import timezone

from core.jobs import JOBS, job_claim, job_kind, job_progress, job_run
from core.models import Job

pytestmark = pytest.mark.django_db
CALLS: list[int] = []


@job_kind("test_count")
def _count(job, **arguments):
    CALLS.append(job.pk)
    return {"attempt": job.attempts}


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    yield
    CALLS.clear()


def _running(lease_until, attempts=1):
    started = timezone.now() - dt.timedelta(hours=2)
    return Job.objects.create(
        kind="test_count",
        state=Job.State.RUNNING,
        started_at=started,
        lease_until=lease_until,
        attempts=attempts,
    )


def test_a_job_left_running_by_a_dead_worker_runs_again_when_redelivered():
    job = _running(lease_until=timezone.now() - dt.timedelta(minutes=1))
    assert job_run(job.pk) is None
    job.refresh_from_db()
    assert [job.pk] == CALLS
    assert job.state == Job.State.DONE and job.attempts == 2 and job.result == {"attempt": 2}
    assert job.lease_until is None and job.finished_at is not None


def test_a_job_started_before_leases_existed_is_not_stuck_for_ever():
    job = _running(lease_until=None)
    job_run(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and [job.pk] == CALLS


def test_a_job_running_elsewhere_is_not_run_twice_and_the_message_waits_for_its_lease():
    lease = timezone.now() + dt.timedelta(minutes=5)
    job = _running(lease_until=lease)
    assert job_run(job.pk) == lease
    job.refresh_from_db()
    assert CALLS == [] and job.state == Job.State.RUNNING and job.attempts == 1


def test_a_finished_job_delivered_again_is_left_alone():
    job = Job.objects.create(kind="test_count", state=Job.State.DONE, result={"attempt": 1}, attempts=1)
    assert job_run(job.pk) is None
    job.refresh_from_db()
    assert CALLS == [] and job.result == {"attempt": 1}


def test_two_claims_of_one_queued_job_give_it_to_one_worker():
    job = Job.objects.create(kind="test_count")
    assert job_claim(job.pk) is not None
    assert job_claim(job.pk) is None
    job.refresh_from_db()
    assert job.state == Job.State.RUNNING and job.attempts == 1


def test_progress_renews_the_lease():
    job = job_claim(Job.objects.create(kind="test_count").pk, now=timezone.now() - dt.timedelta(hours=1))
    assert job.lease_until < timezone.now()
    job_progress(job, done=1, total=2)
    job.refresh_from_db()
    assert job.lease_until > timezone.now() and (job.rows_done, job.rows_total) == (1, 2)


@job_kind("test_slow")
def _slow(job, **arguments):
    """The first worker stalls past its lease; a redelivery runs the job meanwhile."""
    if job.attempts == 1:
        Job.objects.filter(pk=job.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
        job_run(job.pk)  # the second worker
        return {"by": "first"}
    return {"by": "second"}


def test_a_worker_that_lost_its_lease_does_not_overwrite_the_outcome():
    job = Job.objects.create(kind="test_slow")
    job_run(job.pk)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.attempts == 2 and job.result == {"by": "second"}


def test_domain_job_kinds_are_registered_in_every_process():
    # AppConfig.ready of tasks and documents imports their jobs modules.
    assert {"send_reminders", "plan_import", "document_pdf", "plan_reminder_letters"} <= set(JOBS)
