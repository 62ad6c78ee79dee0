"""The background job kinds that belong to plans and their obligations."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid

from celery import shared_task
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from core.jobs import job_kind, job_progress, job_run, job_start
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


@job_kind("send_reminders_plan")
def _send_reminders_plan(job: Job, *, plan_id: int, day: str) -> dict:
    """One plan's share of the daily reminders: the unit a worker takes at a time."""
    from .services.reminders import reminders_send_plan

    result = reminders_send_plan(plan_id=plan_id, today=dt.date.fromisoformat(day))
    job_progress(job, done=result.steps, total=result.steps)
    return {"plan_id": plan_id, "day": day, "steps": result.steps, "notifications": result.notifications}


@shared_task(name="tasks.jobs.send_reminders_task")
def send_reminders_task() -> list[int]:
    """The daily beat entry: one job per plan, spread over the workers; once a day however many
    beats fire (a lock in the shared cache, Redis when configured)."""
    from .services.reminders import reminder_plan_ids

    today = timezone.localdate()
    if not cache.add(f"kehoach:daily-reminders:{today.isoformat()}", "queued", timeout=60 * 60 * 20):
        return []
    return [
        job_start("send_reminders_plan", plan_id=plan_id, day=today.isoformat()).pk
        for plan_id in reminder_plan_ids()
    ]


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


PROGRESS_EXPORTS = "progress-exports"


@job_kind("plan_progress_export")
def _plan_progress_export(job: Job, *, plan_id: int, day: str) -> dict:
    """The plan's progress workbook, written to a temporary file and kept for its download."""
    from plans.models import Plan

    from .exports import progress_workbook_write
    from .models import Deliverable

    plan = Plan.objects.get(pk=plan_id)
    rows = Deliverable.objects.filter(task__plan=plan).count()
    job_progress(job, done=0, total=2 * rows)  # every obligation is written twice: matrix and list
    with tempfile.TemporaryFile() as scratch:
        written = progress_workbook_write(
            plan=plan,
            today=dt.date.fromisoformat(day),
            target=scratch,
            progress=lambda done: job_progress(job, done=done),
        )
        scratch.seek(0)
        path = default_storage.save(f"{PROGRESS_EXPORTS}/{uuid.uuid4().hex}.xlsx", File(scratch))
    job_progress(job, done=2 * rows)
    return {"file": path, "filename": f"tien-do-ke-hoach-{plan_id}.xlsx", "obligations": written}
