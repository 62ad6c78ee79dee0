"""Writes: templates (built-in sync, upload with checks), documents (create, register), PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path, PurePath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import can_proceed

from core.errors import AccessDenied, ApplicationError
from plans.models import Plan
from plans.services import plan_register_number
from surveys.models import Campaign
from tasks.models import Deliverable
from units.models import Unit

from . import builtin, contexts, rendering
from .models import (
    DocumentTemplate,
    DocumentTransition,
    GeneratedDocument,
    Kind,
    RegisterCounter,
    RegisterEntry,
)
from .selectors import can_produce, template_choices

MSG_NOT_ALLOWED = "Bạn không có quyền tạo văn bản của {issuer}."
MSG_ALREADY_REGISTERED = "Văn bản đã vào sổ với số {symbol}."
MSG_NUMBER_TAKEN = "Số {number} năm {year} của {issuer} đã được cấp cho văn bản khác."
MSG_NOT_DOCX = "Tệp «{name}» không phải là văn bản Word (.docx)."
MSG_MACRO = "Tệp «{name}» có chứa macro (.docm); chỉ nhận mẫu .docx không có macro."
MSG_TOO_BIG = "Tệp mẫu lớn hơn {limit} MB."
MSG_TEMPLATE_KIND = "Mẫu «{template}» không dùng cho loại văn bản này."
MSG_NO_SOFFICE = "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF."
MSG_PDF_FAILED = "Không chuyển được văn bản sang PDF: {detail}."
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
PDF_TIMEOUT_SECONDS = 120
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_producer(actor, issuer: Unit) -> None:
    if not can_produce(actor, issuer.pk):
        raise AccessDenied(MSG_NOT_ALLOWED.format(issuer=issuer))


# ----- templates ---------------------------------------------------------------------------------


def builtin_template_sync(*, kind: str) -> DocumentTemplate:
    """The built-in template for ``kind`` as a row; a changed file becomes a new version."""
    data = builtin.builtin_path(kind).read_bytes()
    digest = _sha256(data)
    current = DocumentTemplate.objects.filter(kind=kind, issuer=None).order_by("-version").first()
    if current and current.sha256 == digest:
        return current
    with transaction.atomic():
        DocumentTemplate.objects.filter(kind=kind, issuer=None).update(active=False)
        template = DocumentTemplate(
            kind=kind,
            issuer=None,
            name=f"{Kind(kind).label} (mẫu chung theo Nghị định 30/2020/NĐ-CP)",
            version=(current.version + 1) if current else 1,
            sha256=digest,
            variables=sorted(rendering.template_inspect(data).variables),
        )
        template.file.save(builtin.FILES[kind], ContentFile(data), save=False)
        template.save()
    return template


def builtin_templates_sync() -> list[DocumentTemplate]:
    return [builtin_template_sync(kind=kind) for kind in Kind.values]


def template_check(*, data: bytes, name: str, kind: str) -> rendering.TemplateCheck:
    """Refuse what is not a plain .docx, what does not parse or render, and unknown variables."""
    if len(data) > TEMPLATE_MAX_BYTES:
        raise ApplicationError(MSG_TOO_BIG.format(limit=TEMPLATE_MAX_BYTES // (1024 * 1024)))
    suffix = PurePath(name).suffix.lower()
    if suffix in {".docm", ".dotm"}:
        raise ApplicationError(MSG_MACRO.format(name=name))
    if suffix != ".docx" or not data.startswith(b"PK\x03\x04"):
        raise ApplicationError(MSG_NOT_DOCX.format(name=name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ApplicationError(MSG_NOT_DOCX.format(name=name)) from exc
    if any(n.lower().endswith("vbaproject.bin") for n in names) or "macroEnabled" in types:
        raise ApplicationError(MSG_MACRO.format(name=name))
    if DOCX_MIME not in types:
        raise ApplicationError(MSG_NOT_DOCX.format(name=name))
    check = rendering.template_inspect(data)
    if check.problems:
        raise ApplicationError(check.problems[0], problems=check.problems)
    rendering.render_docx(data, contexts.sample_context(kind))
    return check


def template_upload(*, kind: str, issuer: Unit, name: str, upload, actor) -> DocumentTemplate:
    """An issuer's own template, checked and rendered against sample data; older copies stay for history."""
    _check_producer(actor, issuer)
    data = upload.read()
    filename = PurePath(upload.name or "mau.docx").name
    check = template_check(data=data, name=filename, kind=kind)
    with transaction.atomic():
        previous = (
            DocumentTemplate.objects.select_for_update()
            .filter(kind=kind, issuer=issuer)
            .order_by("-version")
            .first()
        )
        DocumentTemplate.objects.filter(kind=kind, issuer=issuer).update(active=False)
        template = DocumentTemplate(
            kind=kind,
            issuer=issuer,
            name=name or filename,
            version=(previous.version + 1) if previous else 1,
            sha256=_sha256(data),
            variables=sorted(check.variables),
            uploaded_by=actor,
        )
        template.file.save(filename, ContentFile(data), save=False)
        template.save()
    return template


def template_preview(*, template: DocumentTemplate) -> list[str]:
    """The template rendered against sample data, as text lines."""
    data = _read(template.file)
    return rendering.docx_text(rendering.render_docx(data, contexts.sample_context(template.kind)))


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


# ----- the register --------------------------------------------------------------------------------


def register_allocate(*, issuer: Unit, year: int, series: str = "") -> int:
    """The next number of the issuer's register for ``year``; the counter row is locked until commit."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(issuer=issuer, year=year, series=series)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update().get(issuer=issuer, year=year, series=series)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def register_record(
    *,
    issuer: Unit,
    year: int,
    number: int,
    symbol: str,
    date: dt.date,
    summary: str,
    actor=None,
    series: str = "",
) -> RegisterEntry:
    """Write a number given outside the product (an existing document) so the register continues after it."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(issuer=issuer, year=year, series=series)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update().get(issuer=issuer, year=year, series=series)
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    try:
        with transaction.atomic():
            return RegisterEntry.objects.create(
                issuer=issuer,
                year=year,
                series=series,
                number=number,
                symbol=symbol,
                date=date,
                summary=summary,
                registered_by=actor,
            )
    except IntegrityError as exc:
        raise ApplicationError(MSG_NUMBER_TAKEN.format(number=number, year=year, issuer=issuer)) from exc


# ----- documents ------------------------------------------------------------------------------------


def _filename(kind: str, context: dict) -> str:
    doc = context["doc"]
    number = f"{doc['number']:02d}" if doc.get("number") else "du-thao"
    code = re.sub(r"[^A-Za-z0-9]+", "-", doc["code"].replace("Đ", "D")).strip("-")
    return f"{kind}-{number}-{code}-{doc['year']}.docx"


def _render(template: DocumentTemplate, context: dict) -> bytes:
    return rendering.render_docx(_read(template.file), context)


def document_create(
    *, kind: str, template: DocumentTemplate, issuer: Unit, context: dict, actor, plan: Plan | None = None
) -> GeneratedDocument:
    """Render a draft (no number yet) and keep it with the template version and the data."""
    _check_producer(actor, issuer)
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
    data = _render(template, context)
    document = GeneratedDocument(
        kind=kind,
        issuer=issuer,
        plan=plan,
        template=template,
        template_version=template.version,
        template_sha256=template.sha256,
        context=context,
        summary=context["doc"]["summary"],
        code=context["doc"]["code"],
        year=context["doc"]["year"],
        number=context["doc"].get("number"),
        date=contexts.formatting.as_date(context["doc"].get("date")),
        author=author,
        origin=origin,
        sha256=_sha256(data),
    )
    document.filename = _filename(kind, context)
    document.file.save(document.filename, ContentFile(data), save=False)
    document.save()
    return document


def _plan_number(document: GeneratedDocument) -> tuple[int, dt.date] | None:
    """A Kế hoạch whose plan already carries a number keeps it: the document is that plan's copy."""
    plan = document.plan
    if document.kind == Kind.PLAN and plan is not None and plan.number and plan.date:
        return plan.number, plan.date
    return None


@transaction.atomic
def document_register(
    *, document: GeneratedDocument, actor, number: int | None = None, date: dt.date | None = None
) -> GeneratedDocument:
    """Give the draft its number from the issuer's register, render it again with number and date, log it.

    ``number`` and ``date`` are for recording documents numbered before the product (demo data).
    """
    _check_producer(actor, document.issuer)
    locked = GeneratedDocument.objects.select_for_update().get(pk=document.pk)
    if not can_proceed(locked.register):
        raise ApplicationError(MSG_ALREADY_REGISTERED.format(symbol=locked.symbol))
    existing = _plan_number(locked) if number is None else None
    if existing:
        number, date = existing
    date = date or timezone.localdate()
    summary = locked.summary
    if number is None:
        number = register_allocate(issuer=locked.issuer, year=date.year)
        entry = RegisterEntry.objects.create(
            issuer=locked.issuer,
            year=date.year,
            number=number,
            symbol=f"{number:02d}/{locked.code}",
            date=date,
            summary=summary,
            registered_by=actor,
        )
    else:
        entry = RegisterEntry.objects.filter(issuer=locked.issuer, year=date.year, number=number).first()
        if entry is None or hasattr(entry, "document"):
            entry = register_record(
                issuer=locked.issuer,
                year=date.year,
                number=number,
                symbol=f"{number:02d}/{locked.code}",
                date=date,
                summary=summary,
                actor=actor,
            )
    context = contexts.with_number(locked.context, number=number, date=date)
    data = _render(locked.template, context)
    source = locked.state
    locked.register()
    locked.context = context
    locked.number, locked.date, locked.year = number, date, date.year
    locked.symbol = entry.symbol
    locked.register_entry = entry
    locked.sha256 = _sha256(data)
    locked.filename = _filename(locked.kind, context)
    locked.file.save(locked.filename, ContentFile(data), save=False)
    locked.save(
        update_fields=[
            "state",
            "context",
            "number",
            "date",
            "year",
            "symbol",
            "register_entry",
            "sha256",
            "filename",
            "file",
        ]
    )
    DocumentTransition.objects.create(
        document=locked,
        name="register",
        source=source,
        target=locked.state,
        actor=actor,
        comment=entry.symbol,
    )
    _plan_take_number(locked, actor)
    return locked


def _plan_take_number(document: GeneratedDocument, actor) -> None:
    """A registered Kế hoạch gives its number and date to a plan that had none."""
    if document.kind != Kind.PLAN or document.plan_id is None:
        return
    plan_register_number(plan=document.plan, number=document.number, date=document.date, actor=actor)


def document_bytes(*, document: GeneratedDocument, pdf: bool = False) -> bytes:
    """The stored file, exactly as kept (its SHA-256 is checked)."""
    data = _read(document.pdf_file if pdf else document.file)
    expected = document.pdf_sha256 if pdf else document.sha256
    if _sha256(data) != expected:
        raise ApplicationError("Tệp văn bản lưu trữ không khớp mã SHA-256; đề nghị liên hệ quản trị.")
    return data


# ----- PDF ------------------------------------------------------------------------------------------


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: int = PDF_TIMEOUT_SECONDS) -> bytes:
    """Convert with LibreOffice headless, in a temporary directory and profile."""
    binary = soffice_path()
    if binary is None:
        raise ApplicationError(MSG_NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "van-ban.docx"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ApplicationError(MSG_PDF_FAILED.format(detail=type(exc).__name__)) from exc
        target = folder / "van-ban.pdf"
        if not target.exists():
            raise ApplicationError(MSG_PDF_FAILED.format(detail="không có tệp kết quả"))
        return target.read_bytes()


def document_check_pdf(*, document: GeneratedDocument, actor) -> None:
    """Refuse early, before a job is queued: who asks, and whether LibreOffice is there."""
    _check_producer(actor, document.issuer)
    if soffice_path() is None:
        GeneratedDocument.objects.filter(pk=document.pk).update(
            pdf_status=GeneratedDocument.PdfStatus.UNAVAILABLE
        )
        raise ApplicationError(MSG_NO_SOFFICE)


def document_convert_pdf(*, document: GeneratedDocument, actor) -> GeneratedDocument:
    """Make the PDF copy; run as the "document_pdf" background job (documents.jobs)."""
    document_check_pdf(document=document, actor=actor)
    try:
        pdf = docx_to_pdf(document_bytes(document=document))
    except ApplicationError:
        GeneratedDocument.objects.filter(pk=document.pk).update(pdf_status=GeneratedDocument.PdfStatus.FAILED)
        raise
    document.pdf_file.save(document.filename.replace(".docx", ".pdf"), ContentFile(pdf), save=False)
    document.pdf_sha256 = _sha256(pdf)
    document.pdf_status = GeneratedDocument.PdfStatus.DONE
    document.save(update_fields=["pdf_file", "pdf_sha256", "pdf_status"])
    return document


# ----- from a plan (screens and the render_document command) --------------------------------------


def _typed_over(options: dict | None) -> tuple[dict, contexts.Signer | None]:
    """What the clerk typed over the defaults: the non-empty options, and a signer if one was named."""
    options = {key: value for key, value in (options or {}).items() if value not in (None, "", [])}
    if not options.get("signer_name"):
        return options, None
    signer = contexts.Signer(
        options.get("signer_authority", ""),
        options.get("signer_on_behalf_of", ""),
        options.get("signer_position", ""),
        options["signer_name"],
    )
    return options, signer


def document_context_for_plan(
    *, kind: str, plan: Plan, today: dt.date, issuer: Unit | None = None, options: dict | None = None
) -> tuple[Unit, dict]:
    """Build the data for ``kind`` from ``plan``; ``options`` holds what the clerk typed over the defaults."""
    options, signer = _typed_over(options)
    if kind == Kind.PLAN:
        return plan.issuer, contexts.plan_document_context(plan)
    if kind == Kind.DECISION:
        return plan.issuer, contexts.decision_context(
            plan, executors=options.get("executors", ""), signer=signer, recipients=options.get("recipients")
        )
    if kind == Kind.REPORT:
        start = options.get("period_start") or plan.period_start
        end = options.get("period_end") or min(plan.period_end, today)
        return plan.issuer, contexts.report_context(
            plan, period_start=start, period_end=end, today=today, signer=signer
        )
    if kind == Kind.REMINDER:
        return plan.issuer, contexts.reminder_context(
            plan,
            today=today,
            drafting=options.get("drafting", ""),
            signer=signer,
            reply_by=options.get("reply_by"),
        )
    issuer = issuer or plan.issuer
    return issuer, contexts.dispatch_context(
        plan=plan,
        issuer=issuer,
        drafting=options.get("drafting", ""),
        summary=options.get("summary", ""),
        addressees=options.get("addressees"),
        body=options.get("body"),
        signer=signer,
        recipients=options.get("recipients"),
    )


def document_create_for_plan(
    *,
    kind: str,
    plan: Plan,
    actor,
    today: dt.date,
    issuer: Unit | None = None,
    template: DocumentTemplate | None = None,
    options: dict | None = None,
) -> GeneratedDocument:
    from .selectors import template_choices

    issuer, context = document_context_for_plan(
        kind=kind, plan=plan, today=today, issuer=issuer, options=options
    )
    _check_producer(actor, issuer)
    template = (
        template or template_choices(kind=kind, issuer=issuer).first() or builtin_template_sync(kind=kind)
    )
    return document_create(
        kind=kind, template=template, issuer=issuer, context=context, actor=actor, plan=plan
    )


# ----- from a survey campaign ------------------------------------------------------------------------


def document_context_for_survey(
    *, campaign: Campaign, period: str, today: dt.date, options: dict | None = None
) -> tuple[Unit, dict]:
    """The survey report's data; the campaign's plan issues it (its register, its signer by default)."""
    options, signer = _typed_over(options)
    try:
        context = contexts.survey_report_context(
            campaign, period=period, today=today, doc_type=options.get("doc_type", "BC"), signer=signer
        )
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    return campaign.plan.issuer, context


def document_create_for_survey(
    *,
    campaign: Campaign,
    period: str,
    actor,
    today: dt.date,
    template: DocumentTemplate | None = None,
    options: dict | None = None,
) -> GeneratedDocument:
    """Draft the Báo cáo / Thông báo kết quả khảo sát of ``campaign`` for ``period`` ("2023-Q1")."""
    _check_producer(actor, campaign.plan.issuer)
    issuer, context = document_context_for_survey(
        campaign=campaign, period=period, today=today, options=options
    )
    if template is None:
        builtin_template_sync(kind=Kind.SURVEY)  # a regenerated built-in file becomes the next version
        template = template_choices(kind=Kind.SURVEY, issuer=issuer).first()
    return document_create(
        kind=Kind.SURVEY, template=template, issuer=issuer, context=context, actor=actor, plan=campaign.plan
    )


# ----- drafted by the product: the công văn đôn đốc of an escalation ------------------------------------


def escalation_origin(*, unit: Unit, issuer: Unit, day: dt.date) -> str:
    return f"escalation:{unit.pk}:{issuer.pk}:{day.isoformat()}"


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
        existing = GeneratedDocument.objects.filter(origin=origin).first()
        if existing is not None:
            drafts.append(existing)
            continue
        plans = {item.task.plan_id: item.task.plan for item in group}
        template = template_choices(kind=Kind.REMINDER, issuer=issuer).first() or builtin_template_sync(
            kind=Kind.REMINDER
        )
        context = contexts.escalation_context(issuer=issuer, unit=unit, deliverables=group, today=day)
        try:
            with transaction.atomic():
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
