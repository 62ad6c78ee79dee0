"""Who may produce documents for which issuer, and the lists the screens show."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404

from core.history import HistoryPage, history_entries
from core.models import Job
from plans.models import plan_text_at
from units.models import Membership, Unit
from units.selectors import access_for, unit_descendant_ids

from .models import DocumentTemplate, GeneratedDocument, Kind, RegisterEntry


def producer_unit_ids(user) -> set[int] | None:
    """Issuers the user may produce documents for: clerks' and coordinators' trees (None = all)."""
    access = access_for(user)
    if access.is_superuser:
        return None
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_kehoach_producer_units", None)
    if cached is not None:
        return cached
    clerk_roots = set(
        Membership.objects.filter(user=user, role=Membership.Role.CLERK, unit__is_active=True).values_list(
            "unit_id", flat=True
        )
    )
    units = set(access.coordinated) | unit_descendant_ids(clerk_roots)
    user._kehoach_producer_units = units
    return units


def can_produce(user, issuer_id: int) -> bool:
    units = producer_unit_ids(user)
    return units is None or issuer_id in units


def issuer_list_for_user(user):
    units = producer_unit_ids(user)
    queryset = Unit.objects.filter(is_active=True)
    return queryset if units is None else queryset.filter(id__in=units)


def document_list_for_user(user):
    units = producer_unit_ids(user)
    queryset = GeneratedDocument.objects.select_related("issuer", "author", "plan", "template")
    queryset = queryset.defer(*plan_text_at("plan"))  # a list row names the plan, no more
    return queryset if units is None else queryset.filter(issuer_id__in=units)


def access_document_by_id(user, document_id: int) -> GeneratedDocument:
    """Fetch a document the user may produce for its issuer: 404 when missing, 403 when not theirs."""
    document = (
        GeneratedDocument.objects.select_related("issuer", "plan", "template", "author")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        raise Http404
    if not can_produce(user, document.issuer_id):
        raise PermissionDenied
    return document


def template_list_for_user(user):
    units = producer_unit_ids(user)
    queryset = DocumentTemplate.objects.select_related("issuer", "uploaded_by").order_by(
        "kind", "issuer__name", "-version"
    )
    if units is None:
        return queryset
    return queryset.filter(Q(issuer__isnull=True) | Q(issuer_id__in=units))


def template_choices(*, kind: str, issuer: Unit):
    """Active templates usable for ``kind`` by ``issuer``: its own copies first, then the built-in one."""
    return (
        DocumentTemplate.objects.filter(kind=kind, active=True)
        .filter(Q(issuer=issuer) | Q(issuer__isnull=True))
        .order_by(F("issuer_id").asc(nulls_last=True), "-version")
    )


def register_entries_for(*, issuer: Unit, year: int):
    return RegisterEntry.objects.filter(issuer=issuer, year=year).order_by("number")


KIND_LABELS = dict(Kind.choices)


def template_edit_history(template: DocumentTemplate, *, page: int = 1) -> HistoryPage:
    return history_entries([DocumentTemplate.history.filter(id=template.id)], page=page)


def document_register_preview(*, document: GeneratedDocument, today) -> dict:
    """What registering the draft will do, read without allocating anything (the number may still move
    if another document is registered first)."""
    from .models import RegisterCounter

    plan = document.plan
    plan_numbered = document.kind == Kind.PLAN and plan is not None and plan.number and plan.date
    if plan_numbered:
        return {"number": plan.number, "date": plan.date, "keeps_plan_number": True, "plan": plan}
    last = (
        RegisterCounter.objects.filter(issuer=document.issuer, year=today.year, series="")
        .values_list("last_number", flat=True)
        .first()
    )
    return {
        "number": (last or 0) + 1,
        "date": today,
        "keeps_plan_number": False,
        "plan": plan,
        "plan_takes_number": document.kind == Kind.PLAN and plan is not None and plan.number is None,
    }


def document_preview_state(document: GeneratedDocument):
    """The newest preview job of the document as it stands now (same .docx), or None (one query).

    A job started for an earlier rendering (before registration gave it a number) does not count.
    """
    # A drawing of the same bytes made for another draft (same SHA-256) shows the same pages.
    same = Q(arguments__document_id=document.pk) | Q(arguments__sha256=document.sha256)
    jobs = Job.objects.filter(same, kind="document_preview").order_by("-id")
    for job in jobs[:5]:
        if job.state in (Job.State.QUEUED, Job.State.RUNNING):
            return job
        if job.state == Job.State.DONE and job.result.get("sha256") == document.sha256:
            return job
        if job.state == Job.State.FAILED:
            return job
    return None
