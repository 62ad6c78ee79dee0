"""Background jobs: a registry of kinds, a Job row for progress, Celery or inline.

``job_start`` records the job and queues it once the surrounding transaction commits;
with ``CELERY_TASK_ALWAYS_EAGER`` (no REDIS_URL) it runs right there, inline.

Celery acknowledges a message only when its task has finished (acks_late), so a worker
that dies mid-job has its message delivered again. The runner claims a job with a lease
it renews while it works (every ``job_progress``): a redelivered message runs the job
again once the lease has passed (its worker is gone); while the lease holds, the job is
running elsewhere and the message comes back when the lease would end. Each claim counts
an attempt, and only the attempt that holds the job may record how it ended.

Job kinds that belong to a domain live in that app's ``jobs.py``, imported by its
AppConfig.ready so every process (web and worker) knows them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Job

logger = logging.getLogger(__name__)
JOBS: dict[str, Callable[..., dict]] = {}


def job_kind(name: str):
    """Register a function as a job kind; it receives the Job and its arguments, returns a result dict."""

    def register(func):
        JOBS[name] = func
        return func

    return register


def _lease_end(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def job_progress(job: Job, *, done: int, total: int | None = None) -> None:
    """Record progress, and renew the lease: the worker is alive."""
    job.rows_done, job.lease_until = done, _lease_end(timezone.now())
    fields = ["rows_done", "lease_until"]
    if total is not None:
        job.rows_total, fields = total, [*fields, "rows_total"]
    job.save(update_fields=fields)


def job_start(kind: str, *, actor=None, **arguments) -> Job:
    if kind not in JOBS:
        raise ValueError(f"Không có loại việc «{kind}».")
    job = Job.objects.create(kind=kind, arguments=arguments, created_by=actor)
    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


def job_claim(job_id: int, *, now: dt.datetime | None = None) -> Job | None:
    """Take the job for this worker: queued, or left running by a worker whose lease passed.

    One UPDATE decides, so two workers given the same message cannot both win.
    """
    now = now or timezone.now()
    free = Q(state=Job.State.QUEUED) | Q(state=Job.State.RUNNING) & (
        Q(lease_until__lt=now) | Q(lease_until__isnull=True)
    )
    taken = Job.objects.filter(free, pk=job_id).update(
        state=Job.State.RUNNING, started_at=now, lease_until=_lease_end(now), attempts=F("attempts") + 1
    )
    return Job.objects.get(pk=job_id) if taken else None


def job_run(job_id: int) -> dt.datetime | None:
    """Run the job if it is free; return when the lease of the worker running it ends, if one is."""
    job = job_claim(job_id)
    if job is None:
        current = Job.objects.filter(pk=job_id).values("state", "lease_until").first()
        if current and current["state"] == Job.State.RUNNING:
            return current["lease_until"]
        return None  # finished (or gone): a duplicate delivery
    try:
        job.result = JOBS[job.kind](job, **job.arguments) or {}
        job.state = Job.State.DONE
    except Exception as error:  # a job's failure is recorded on its page, not lost in a log
        logger.exception("job %s failed", job.pk)
        job.errors = [*job.errors, str(error)]
        job.state = Job.State.FAILED
    ended = Job.objects.filter(pk=job.pk, attempts=job.attempts).update(
        state=job.state, result=job.result, errors=job.errors, finished_at=timezone.now(), lease_until=None
    )
    if not ended:
        logger.warning("job %s: lease lost to another attempt; its outcome stands", job.pk)
    return None


@shared_task(bind=True, name="core.jobs.run_job", max_retries=None)
def run_job(self, job_id: int) -> None:
    busy_until = job_run(job_id)
    if busy_until is not None and not self.request.is_eager:
        # Running elsewhere: look again when its lease would end, in case that worker dies.
        wait = max((busy_until - timezone.now()).total_seconds(), 0) + 1
        raise self.retry(countdown=wait)
