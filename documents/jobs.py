"""Document work that runs in the background: the PDF copy and the page preview (LibreOffice can take
seconds), the letters of the daily escalation (one job per letter) and a plan's batch of letters."""

from django.contrib.auth import get_user_model

from core.jobs import job_kind, job_progress

from .models import GeneratedDocument


@job_kind("document_pdf")
def document_pdf_job(job, *, document_id: int, actor_id: int) -> dict:
    from .services import document_convert_pdf

    document = GeneratedDocument.objects.get(pk=document_id)
    actor = get_user_model().objects.get(pk=actor_id)
    document = document_convert_pdf(document=document, actor=actor)
    job_progress(job, done=1, total=1)
    return {"document_id": document.pk, "pdf": bool(document.pdf_file), "pdf_status": document.pdf_status}


@job_kind("document_preview")
def document_preview_job(job, *, document_id: int, actor_id: int | None, sha256: str = "") -> dict:
    """Draw the document's pages (LibreOffice → PDF → PNG) or its HTML rendering: documents.preview.

    Without an actor the job was queued by generation itself (documents.services.generation), which
    had checked who acts, or by the product for an escalation draft that has no author.
    """
    from .preview import document_preview_make

    document = GeneratedDocument.objects.get(pk=document_id)
    actor = get_user_model().objects.get(pk=actor_id) if actor_id is not None else None
    job_progress(job, done=0, total=1)
    result = document_preview_make(document=document, actor=actor)
    job_progress(job, done=1)
    return result


@job_kind("plan_reminder_letters")
def plan_reminder_letters_job(job, *, plan_id: int, day: str) -> dict:
    """Draft one công văn đôn đốc per late unit of a plan: batch work, with progress per unit."""
    import datetime as dt

    from tasks.models import Deliverable

    from .services import escalation_reminders_draft

    today = dt.date.fromisoformat(day)
    late = Deliverable.objects.filter(task__plan_id=plan_id).overdue(today).select_related("unit")
    by_unit: dict = {}
    for item in late:
        by_unit.setdefault(item.unit, []).append(item)
    drafts = []
    job_progress(job, done=0, total=len(by_unit))
    for done, (unit, items) in enumerate(sorted(by_unit.items(), key=lambda pair: pair[0].name), start=1):
        drafts += [d.pk for d in escalation_reminders_draft(unit=unit, deliverables=items, day=today)]
        job_progress(job, done=done)
    return {"units": len(by_unit), "drafts": len(drafts)}


@job_kind("escalation_letter")
def escalation_letter_job(job, *, unit_id: int, deliverable_ids: list[int], day: str) -> dict:
    """One công văn đôn đốc of the daily escalation: a job each, so no run holds a province's letters.

    Taken again (a redelivery, a second worker), it finds the letter drafted and adds nothing.
    """
    import datetime as dt

    from tasks.models import Deliverable
    from units.models import Unit

    from . import services

    unit = Unit.objects.get(pk=unit_id)
    deliverables = list(Deliverable.objects.filter(pk__in=deliverable_ids).only("pk"))
    drafts = services.escalation_reminders_draft(
        unit=unit, deliverables=deliverables, day=dt.date.fromisoformat(day)
    )
    job_progress(job, done=1, total=1)
    return {"unit_id": unit_id, "drafts": [d.pk for d in drafts]}
