"""Background jobs: a registry of kinds, a Job row for progress, Celery or inline.

``job_start`` records the job and queues it once the surrounding transaction commits;
with ``CELERY_TASK_ALWAYS_EAGER`` (no REDIS_URL) it runs right there, inline.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from celery import shared_task
from django.db import transaction
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


def job_progress(job: Job, *, done: int, total: int | None = None) -> None:
    job.rows_done = done
    fields = ["rows_done"]
    if total is not None:
        job.rows_total, fields = total, [*fields, "rows_total"]
    job.save(update_fields=fields)


def job_start(kind: str, *, actor=None, **arguments) -> Job:
    if kind not in JOBS:
        raise ValueError(f"Không có loại việc «{kind}».")
    job = Job.objects.create(kind=kind, arguments=arguments, created_by=actor)
    transaction.on_commit(lambda: run_job.delay(job.pk))
    return job


@shared_task(name="tasks.jobs.run_job")
def run_job(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    if job.state != Job.State.QUEUED:
        return  # delivered twice by the broker: already handled
    job.state, job.started_at = Job.State.RUNNING, timezone.now()
    job.save(update_fields=["state", "started_at"])
    try:
        job.result = JOBS[job.kind](job, **job.arguments) or {}
        job.state = Job.State.DONE
    except Exception as error:  # a job's failure is recorded on its page, not lost in a log
        logger.exception("job %s failed", job.pk)
        job.errors = [*job.errors, str(error)]
        job.state = Job.State.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "result", "errors", "finished_at"])


@job_kind("send_reminders")
def _send_reminders(job: Job, *, day: str | None = None) -> dict:
    from .services.reminders import reminders_send

    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    result = reminders_send(today=today)
    job_progress(job, done=result.steps, total=result.steps)
    return {
        "day": today.isoformat(),
        "steps": result.steps,
        "notifications": result.notifications,
        "escalated_units": result.escalated_units,
        "by_step": dict(result.by_step),
    }


@shared_task(name="tasks.jobs.send_reminders_task")
def send_reminders_task() -> int:
    """The daily beat entry: record a job and run it in this worker."""
    job = Job.objects.create(kind="send_reminders", arguments={})
    run_job(job.pk)
    return job.pk


@job_kind("plan_import")
def _plan_import(job: Job, *, batch_id: int, actor_id: int) -> dict:
    from django.contrib.auth import get_user_model

    from .models import PlanImport
    from .services.lifecycle import plan_import_confirm

    batch = PlanImport.objects.select_related("issuer").get(pk=batch_id)
    actor = get_user_model().objects.get(pk=actor_id)
    plan = plan_import_confirm(batch=batch, actor=actor)
    tasks = plan.tasks.count()
    job_progress(job, done=tasks, total=tasks)
    return {"plan_id": plan.pk, "tasks": tasks}
