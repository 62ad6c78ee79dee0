"""Survey jobs: importing a questionnaire file runs off the web request, with progress."""

from __future__ import annotations

import uuid

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.errors import ApplicationError
from core.jobs import job_kind, job_progress, job_start
from core.models import Job

IMPORT_REFUSED = "Tệp có {count} lỗi; chưa ghi phiếu nào."
UPLOADS = "survey-imports"


def survey_import_start(*, campaign, data: bytes, name: str, actor, dry_run: bool) -> Job:
    """Keep the file where a worker can read it, then queue (or, without Redis, run) its import."""
    suffix = ".csv" if name.lower().endswith(".csv") else ".xlsx"
    path = default_storage.save(f"{UPLOADS}/{uuid.uuid4().hex}{suffix}", ContentFile(data))
    return job_start(
        "survey_import",
        actor=actor,
        campaign_id=campaign.pk,
        path=path,
        name=name[:200],
        actor_id=actor.pk if actor else None,
        dry_run=dry_run,
    )


@job_kind("survey_import")
def _survey_import(job: Job, *, campaign_id: int, path: str, name: str, actor_id, dry_run: bool) -> dict:
    from .models import Campaign
    from .resources import responses_import

    campaign = Campaign.objects.get(pk=campaign_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    try:
        with default_storage.open(path, "rb") as stored:
            data = stored.read()
        created, errors = responses_import(
            campaign=campaign,
            data=data,
            name=name,
            entered_by=actor,
            dry_run=dry_run,
            progress=lambda done: job_progress(job, done=done),
        )
    finally:
        default_storage.delete(path)
    if errors:
        job.errors = errors[:2000]
        raise ApplicationError(IMPORT_REFUSED.format(count=len(errors)))
    job_progress(job, done=created, total=created)
    return {"campaign_id": campaign_id, "created": created, "dry_run": dry_run}
