"""The background job kinds that belong to plans and their obligations."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from core.jobs import job_kind, job_progress, job_run
from core.models import Job


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
    job_run(job.pk)
    return job.pk


@job_kind("deliverable_summaries_rebuild")
def _summaries_rebuild(job: Job, *, day: str | None = None) -> dict:
    from .services.summaries import deliverable_summaries_rebuild

    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    tallies = deliverable_summaries_rebuild(today=today)
    job_progress(job, done=tallies, total=tallies)
    return {"day": today.isoformat(), "tallies": tallies}


@shared_task(name="tasks.jobs.summaries_rebuild_task")
def summaries_rebuild_task() -> int:
    """Just after midnight: overdue and "due soon" counts move with the date."""
    job = Job.objects.create(kind="deliverable_summaries_rebuild", arguments={})
    job_run(job.pk)
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
