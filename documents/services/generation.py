"""Drafting documents: the data from the kind's module, the template, the stored draft."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from core.errors import ApplicationError
from core.jobs import job_start
from core.models import Job
from plans.models import Plan
from surveys.models import Campaign
from tasks.models import Deliverable
from units.models import Unit

from .. import formatting, rendering
from ..kinds import kind_spec
from ..kinds.base import plan_refs, typed_over
from ..kinds.reminder_letter import escalation_context
from ..models import DocumentTemplate, GeneratedDocument, Kind
from .common import check_producer, read_file, sha256
from .templates import template_resolve

MSG_TEMPLATE_KIND = "Mẫu «{template}» không dùng cho loại văn bản này."
MSG_CORRUPT = "Tệp văn bản lưu trữ không khớp mã SHA-256; đề nghị liên hệ quản trị."


def document_filename(kind: str, context: dict) -> str:
    doc = context["doc"]
    number = f"{doc['number']:02d}" if doc.get("number") else "du-thao"
    code = re.sub(r"[^A-Za-z0-9]+", "-", doc["code"].replace("Đ", "D")).strip("-")
    return f"{kind}-{number}-{code}-{doc['year']}.docx"


def render_stored(template: DocumentTemplate, context: dict) -> bytes:
    return rendering.render_docx(read_file(template.file), context)


def document_create(
    *, kind: str, template: DocumentTemplate, issuer: Unit, context: dict, actor, plan: Plan | None = None
) -> GeneratedDocument:
    """Render a draft (no number yet) and keep it with the template version and the data."""
    check_producer(actor, issuer)
    return _document_store(
        kind=kind, template=template, issuer=issuer, context=context, author=actor, plan=plan
    )


def _document_store(
    *,
    kind: str,
    template: DocumentTemplate,
    issuer: Unit,
    context: dict,
    author,
    plan: Plan | None = None,
    origin: str = "",
) -> GeneratedDocument:
    """Render and keep a draft, without asking who acts: callers check (or are the product itself)."""
    if template.kind != kind or template.issuer_id not in (None, issuer.pk):
        raise ApplicationError(MSG_TEMPLATE_KIND.format(template=template))
    doc = context["doc"]
    document = GeneratedDocument(
        kind=kind,
        issuer=issuer,
        plan=plan,
        template=template,
        template_version=template.version,
        template_sha256=template.sha256,
        context=context,
        summary=doc["summary"],
        code=doc["code"],
        year=doc["year"],
        number=doc.get("number"),
        date=formatting.as_date(doc.get("date")),
        author=author,
        origin=origin,
    )
    data = render_stored(template, context)
    document.sha256 = sha256(data)
    document.filename = document_filename(kind, context)
    document.file.save(document.filename, ContentFile(data), save=False)
    document.save()
    if not origin:
        # A letter the product drafts in a batch (the daily escalation: hundreds at once) is drawn
        # when someone asks for it on its page: LibreOffice is seconds a letter, most are never opened.
        document_preview_queue(document=document, actor=author)
    return document


PREVIEW_JOB = "document_preview"


def document_preview_queue(*, document: GeneratedDocument, actor=None) -> None:
    """Draw the preview of the file as it now stands, once the row is committed: the clerk opening the
    document finds it drawn or under way. Bytes already drawn or being drawn (same SHA-256) are not
    drawn again; a failed drawing is retried from the document's page."""
    document_id, digest = document.pk, document.sha256
    transaction.on_commit(lambda: _preview_start(document_id=document_id, digest=digest, actor=actor))


def _preview_start(*, document_id: int, digest: str, actor) -> None:
    if not settings.DOCUMENT_PREVIEW_ON_GENERATE:
        return
    drawn = Job.objects.filter(kind=PREVIEW_JOB, arguments__sha256=digest).exclude(state=Job.State.FAILED)
    if drawn.exists():
        return
    actor_id = actor.pk if actor is not None else None
    job_start(PREVIEW_JOB, actor=actor, document_id=document_id, sha256=digest, actor_id=actor_id)


def document_bytes(*, document: GeneratedDocument, pdf: bool = False) -> bytes:
    """The stored file, exactly as kept (its SHA-256 is checked)."""
    data = read_file(document.pdf_file if pdf else document.file)
    expected = document.pdf_sha256 if pdf else document.sha256
    if sha256(data) != expected:
        raise ApplicationError(MSG_CORRUPT)
    return data


# ----- from a plan or a survey campaign (screens and the render_document command) -------------------


def document_context(
    *, kind: str, source, today: dt.date, issuer: Unit | None = None, options: dict | None = None
) -> tuple[Unit, dict]:
    """Build the data for ``kind`` from its source (a plan, or a campaign for KS) and what the clerk typed."""
    options, signer = typed_over(options)
    options["signer"] = signer
    issuer, context = kind_spec(kind).context_build(source, today=today, issuer=issuer, options=options)
    if kind not in (Kind.PLAN, Kind.DECISION):  # those two carry the plan's own number, not a citation
        context.setdefault("plan_refs", plan_refs(source if isinstance(source, Plan) else source.plan))
    return issuer, context


def document_context_for_plan(
    *, kind: str, plan: Plan, today: dt.date, issuer: Unit | None = None, options: dict | None = None
) -> tuple[Unit, dict]:
    return document_context(kind=kind, source=plan, today=today, issuer=issuer, options=options)


def document_context_for_survey(
    *, campaign: Campaign, period: str, today: dt.date, options: dict | None = None
) -> tuple[Unit, dict]:
    options = {**(options or {}), "period": period}
    return document_context(kind=Kind.SURVEY, source=campaign, today=today, options=options)


def document_create_from(
    *,
    kind: str,
    source,
    actor,
    today: dt.date,
    issuer: Unit | None = None,
    template: DocumentTemplate | None = None,
    options: dict | None = None,
) -> GeneratedDocument:
    """Draft a document of ``kind`` from its source: the data, the template (chosen or resolved), stored."""
    issuer, context = document_context(kind=kind, source=source, today=today, issuer=issuer, options=options)
    check_producer(actor, issuer)
    template = template_resolve(kind=kind, issuer=issuer, template=template)
    plan = source if isinstance(source, Plan) else source.plan
    return document_create(
        kind=kind, template=template, issuer=issuer, context=context, actor=actor, plan=plan
    )


def document_create_for_plan(*, kind: str, plan: Plan, **kwargs) -> GeneratedDocument:
    return document_create_from(kind=kind, source=plan, **kwargs)


def document_create_for_survey(
    *, campaign: Campaign, period: str, options: dict | None = None, **kwargs
) -> GeneratedDocument:
    """Draft the Báo cáo / Thông báo kết quả khảo sát of ``campaign`` for ``period`` ("2023-Q1")."""
    check_producer(kwargs["actor"], campaign.plan.issuer)
    options = {**(options or {}), "period": period}
    return document_create_from(kind=Kind.SURVEY, source=campaign, options=options, **kwargs)


# ----- drafted by the product: the công văn đôn đốc of an escalation ------------------------------------


def escalation_origin(*, unit: Unit | int, issuer: Unit | int, day: dt.date) -> str:
    unit_id, issuer_id = getattr(unit, "pk", unit), getattr(issuer, "pk", issuer)
    return f"escalation:{unit_id}:{issuer_id}:{day.isoformat()}"


def escalation_letters_queue(*, plan_id: int, by_unit: dict[int, list[int]], day: dt.date) -> list[int]:
    """Queue one job per late unit whose letter of the day is not drafted yet; return the job ids.

    A unit handed on again (the day's run taken again after a crash) whose letter exists gets no
    job; one whose job is queued twice is still drafted once (``escalation_reminders_draft``).
    """
    from core.jobs import job_start

    issuer_id = Plan.objects.filter(pk=plan_id).values_list("issuer_id", flat=True).first()
    if issuer_id is None:
        return []
    origins = {unit_id: escalation_origin(unit=unit_id, issuer=issuer_id, day=day) for unit_id in by_unit}
    drafted = set(
        GeneratedDocument.objects.filter(origin__in=origins.values()).values_list("origin", flat=True)
    )
    return [
        job_start("escalation_letter", unit_id=unit_id, deliverable_ids=ids, day=day.isoformat()).pk
        for unit_id, ids in sorted(by_unit.items())
        if origins[unit_id] not in drafted
    ]


def escalation_reminders_draft(
    *, unit: Unit, deliverables: list[Deliverable], day: dt.date
) -> list[GeneratedDocument]:
    """Draft the công văn đôn đốc to ``unit`` for the overdue items that reached Nội vụ today.

    Nobody is the author: the draft waits unnumbered in the issuer's document list until a clerk or
    Nội vụ reviews and registers it. One draft per unit, issuer and day (``origin`` is unique), so a
    repeated signal adds nothing; deliverables of plans with different issuers go into one draft per
    issuer, as each issuer numbers its own letters.
    """
    by_issuer: dict[int, list[Deliverable]] = {}
    items = list(
        Deliverable.objects.filter(pk__in=[item.pk for item in deliverables]).select_related(
            "task__plan__issuer__parent", "task__section", "unit"
        )
    )
    for item in items:
        by_issuer.setdefault(item.task.plan.issuer_id, []).append(item)
    drafts = []
    for group in by_issuer.values():
        issuer = group[0].task.plan.issuer
        origin = escalation_origin(unit=unit, issuer=issuer, day=day)
        try:
            with transaction.atomic():
                # Two workers on the same letter: the second waits here, then finds the first's draft.
                list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk"))
                existing = GeneratedDocument.objects.filter(origin=origin).first()
                if existing is not None:
                    drafts.append(existing)
                    continue
                plans = {item.task.plan_id: item.task.plan for item in group}
                template = template_resolve(kind=Kind.REMINDER, issuer=issuer)
                context = escalation_context(issuer=issuer, unit=unit, deliverables=group, today=day)
                context["plan_refs"] = plan_refs(*plans.values())
                drafts.append(
                    _document_store(
                        kind=Kind.REMINDER,
                        template=template,
                        issuer=issuer,
                        context=context,
                        author=None,
                        plan=next(iter(plans.values())) if len(plans) == 1 else None,
                        origin=origin,
                    )
                )
        except IntegrityError:  # the same escalation, drafted at the same moment by another run
            drafts.append(GeneratedDocument.objects.get(origin=origin))
    return drafts
