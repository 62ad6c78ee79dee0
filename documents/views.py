"""Thin views: a form validates, a service acts, a template shows. Access: clerks and coordinators."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError, denied_as_403
from core.history import history_if_asked
from core.jobs import job_start
from surveys.models import Campaign
from tasks.models import Deliverable
from tasks.selectors import access_plan_by_id, reminder_preview
from units.selectors import access_for

from . import builtin, rendering, services
from .events import event_label
from .filters import DocumentFilter
from .forms import TemplateUploadForm
from .kinds import PLAN_KINDS, REGISTRY, kind_spec
from .models import DocumentTemplate, GeneratedDocument, Kind
from .preview import preview_kind
from .selectors import (
    access_document_by_id,
    can_produce,
    document_list_for_user,
    document_preview_state,
    document_register_preview,
    issuer_list_for_user,
    producer_unit_ids,
    template_edit_history,
    template_list_for_user,
)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MSG_NO_ACCESS = "Chỉ văn thư và Nội vụ của cơ quan mới tạo và tải văn bản."
MSG_REGISTERED = "Đã vào sổ văn bản đi: số {symbol}."
MSG_PDF_DONE = "Đã tạo bản PDF."
MSG_PDF_MISSING = "Văn bản chưa có bản PDF; bấm «Tạo bản PDF» trước."
MSG_LETTERS_SUMMARY = (
    "Soạn {letters} dự thảo công văn đôn đốc, mỗi đơn vị quá hạn một công văn, về {obligations} nghĩa vụ "
    "quá hạn; các dự thảo chưa có số cho đến khi vào sổ."
)
MSG_TEMPLATE_OK = "Đã nhận mẫu «{name}» (phiên bản {version})."


def _require_producer(user) -> None:
    units = producer_unit_ids(user)
    if units is not None and not units:
        raise PermissionDenied(MSG_NO_ACCESS)


@login_required
def document_list(request):
    _require_producer(request.user)
    documents = document_list_for_user(request.user).order_by("-created_at", "-id")
    # ?state=draft: what waits to be reviewed and registered (drafts the product made itself too).
    filterset = DocumentFilter(request.GET or None, queryset=documents)
    shown = filterset.qs if filterset.is_bound else documents
    page = Paginator(shown, 50).get_page(request.GET.get("trang"))
    context = {
        "documents": page.object_list,
        "page": page,
        "filter": filterset,
        "state": request.GET.get("state", ""),
        "states": GeneratedDocument.State.choices,
    }
    return render(request, "documents/document_list.html", context)


def _kind_from(request, default: str) -> str:
    kind = request.POST.get("kind") or request.GET.get("loai") or default
    return kind if kind in PLAN_KINDS else default


def _create_with(form, request, **kwargs):
    """Call the drafting service with the form's data; errors go on the form. The document, or None."""
    try:
        return services.document_create_from(
            actor=request.user,
            today=timezone.localdate(),
            template=form.cleaned_data["template"],
            options=form.options(),
            **kwargs,
        )
    except ApplicationError as error:
        form.add_error(None, error.message)
        for problem in error.problems[1:]:
            form.add_error(None, problem)
    return None


@login_required
@denied_as_403
def document_create(request, plan_id: int):
    """One form per kind: the kind is chosen first (?loai=), then only its fields and templates are shown."""
    plan = access_plan_by_id(request.user, plan_id)
    _require_producer(request.user)
    kind = _kind_from(request, Kind.PLAN)
    issuers = issuer_list_for_user(request.user).order_by("name")
    form = kind_spec(kind).form(request.POST or None, issuers=issuers, source=plan)
    if request.method == "POST" and form.is_valid():
        issuer = form.cleaned_data.get("issuer")
        if not can_produce(request.user, (issuer or plan.issuer).pk):
            raise PermissionDenied(MSG_NO_ACCESS)
        document = _create_with(form, request, kind=kind, source=plan, issuer=issuer)
        if document is not None:
            return redirect("document_detail", document_id=document.pk)
    status = 400 if form.errors else 200
    kinds = [(code, kind_spec(code).label) for code in PLAN_KINDS]
    context = {"form": form, "plan": plan, "kind": kind, "kinds": kinds, "kind_label": kind_spec(kind).label}
    return render(request, "documents/document_create.html", context, status=status)


@login_required
@denied_as_403
def document_create_for_survey(request, campaign_id: int):
    """ "Tạo văn bản" from a survey's results page: the report of one campaign and period, as a draft."""
    _require_producer(request.user)
    # As for a plan's documents: who may produce for the issuer may draft; the others get 403.
    campaign = get_object_or_404(Campaign.objects.select_related("plan__issuer"), pk=campaign_id)
    issuer = campaign.plan.issuer
    if not can_produce(request.user, issuer.pk):
        raise PermissionDenied(MSG_NO_ACCESS)
    form = kind_spec(Kind.SURVEY).form(
        request.POST or None,
        issuers=issuer_list_for_user(request.user),
        source=campaign,
        initial={"period": request.GET.get("period", ""), "doc_type": request.GET.get("loai", "BC")},
    )
    if request.method == "POST" and form.is_valid():
        document = _create_with(form, request, kind=Kind.SURVEY, source=campaign)
        if document is not None:
            return redirect("document_detail", document_id=document.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "campaign": campaign, "plan": campaign.plan}
    return render(request, "documents/document_survey_create.html", context, status=status)


def _labelled(transitions):
    transitions = list(transitions)
    for transition in transitions:
        transition.label = event_label(transition.name)
    return transitions


def _preview_context(document: GeneratedDocument) -> dict:
    """The preview as the page shows it: the job's progress while it runs, then its pages or HTML."""
    job = document_preview_state(document)
    done = job is not None and job.state == job.State.DONE
    result = job.result if done else {}
    html = ""
    if result.get("html") and default_storage.exists(result["html"]):
        with default_storage.open(result["html"], "rb") as handle:
            # mammoth escapes the text and writes only its own tags; links were dropped (documents.preview).
            html = mark_safe(handle.read().decode())  # noqa: S308
    return {
        "preview_job": job,
        "preview_running": job is not None and job.state in (job.State.QUEUED, job.State.RUNNING),
        "preview_failed": job is not None and job.state == job.State.FAILED,
        "preview_result": result,
        "preview_pages": range(1, len(result.get("pages", [])) + 1),
        "preview_html": html,
        "preview_server_kind": preview_kind(),
    }


@login_required
def document_detail(request, document_id: int):
    document = access_document_by_id(request.user, document_id)
    context = {
        "document": document,
        "preview": rendering.docx_text(services.document_bytes(document=document)),
        "transitions": _labelled(document.transitions.select_related("actor")),
        "pdf_available": services.soffice_path() is not None,
        "no_pdf_message": services.MSG_NO_SOFFICE,
        **_preview_context(document),
    }
    return render(request, "documents/document_detail.html", context)


@login_required
@require_POST
@denied_as_403
def document_preview(request, document_id: int):
    """Start drawing the preview as a background job; the document page shows its progress, then it."""
    document = access_document_by_id(request.user, document_id)
    job_start(
        "document_preview",
        actor=request.user,
        document_id=document.pk,
        sha256=document.sha256,
        actor_id=request.user.pk,
    )
    return redirect(f"{reverse('document_detail', args=[document.pk])}#xem-truoc")


@login_required
def document_preview_page(request, document_id: int, number: int):
    """One page image of the preview, for those who may open the document."""
    document = access_document_by_id(request.user, document_id)
    job = document_preview_state(document)
    pages = job.result.get("pages", []) if job is not None and job.state == job.State.DONE else []
    if not 1 <= number <= len(pages) or not default_storage.exists(pages[number - 1]):
        raise Http404
    response = FileResponse(default_storage.open(pages[number - 1], "rb"), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def document_download(request, document_id: int):
    document = access_document_by_id(request.user, document_id)
    pdf = request.GET.get("dang") == "pdf"
    if pdf and not document.pdf_file:
        no_pdf = services.MSG_NO_SOFFICE if services.soffice_path() is None else MSG_PDF_MISSING
        messages.warning(request, no_pdf)
        return redirect("document_detail", document_id=document.pk)
    data = services.document_bytes(document=document, pdf=pdf)
    filename = document.filename.replace(".docx", ".pdf") if pdf else document.filename
    response = HttpResponse(data, content_type="application/pdf" if pdf else DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-SHA256"] = document.pdf_sha256 if pdf else document.sha256
    return response


@login_required
@require_http_methods(["GET", "POST"])
@denied_as_403
def document_register(request, document_id: int):
    """GET: say which number and date the draft will take (and the plan, if it has none); POST: register."""
    document = access_document_by_id(request.user, document_id)
    if request.method == "GET":
        if not document.can_register:
            return redirect("document_detail", document_id=document.pk)
        if not can_produce(request.user, document.issuer_id):
            raise PermissionDenied(MSG_NO_ACCESS)
        preview = document_register_preview(document=document, today=timezone.localdate())
        return render(request, "documents/register_confirm.html", {"document": document, "preview": preview})
    try:
        document = services.document_register(document=document, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, MSG_REGISTERED.format(symbol=document.symbol))
    return redirect("document_detail", document_id=document.pk)


@login_required
@require_POST
@denied_as_403
def document_pdf(request, document_id: int):
    document = access_document_by_id(request.user, document_id)
    try:
        services.document_check_pdf(document=document, actor=request.user)
    except ApplicationError as error:
        messages.warning(request, error.message)
        return redirect("document_detail", document_id=document.pk)
    # A background job: inline by default (done when we get here), on the Celery queue when configured.
    job = job_start("document_pdf", actor=request.user, document_id=document.pk, actor_id=request.user.pk)
    job.refresh_from_db()
    if job.state == job.State.QUEUED or job.state == job.State.RUNNING:
        return redirect("job_detail", job_id=job.pk)
    if job.state == job.State.FAILED:
        messages.warning(request, "; ".join(job.errors))
    else:
        messages.success(request, MSG_PDF_DONE)
    return redirect("document_detail", document_id=document.pk)


@login_required
def template_list(request):
    _require_producer(request.user)
    # Nothing is written on a GET: built-in templates not yet installed are listed from their files.
    templates = template_list_for_user(request.user)
    installed = {t.kind for t in templates if t.is_builtin}
    missing = [(code, spec.label) for code, spec in REGISTRY.items() if code not in installed]
    return render(request, "documents/template_list.html", {"templates": templates, "missing": missing})


@login_required
def template_builtin_download(request, kind: str):
    _require_producer(request.user)
    if kind not in REGISTRY:
        raise Http404
    response = HttpResponse(builtin.builtin_path(kind).read_bytes(), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}-chung.docx"'
    return response


def _template(request, template_id: int) -> DocumentTemplate:
    template = get_object_or_404(DocumentTemplate.objects.select_related("issuer"), pk=template_id)
    if template.issuer_id is None:
        _require_producer(request.user)
    elif not can_produce(request.user, template.issuer_id):
        raise PermissionDenied(MSG_NO_ACCESS)
    return template


@login_required
@denied_as_403
def template_detail(request, template_id: int):
    template = _template(request, template_id)
    try:
        preview, error = services.template_preview(template=template), ""
    except ApplicationError as problem:
        preview, error = [], problem.message
    history = history_if_asked(request, partial(template_edit_history, template))
    context = {"template": template, "preview": preview, "error": error, "edit_history": history}
    return render(request, "documents/template_detail.html", context)


@login_required
def template_download(request, template_id: int):
    template = _template(request, template_id)
    with template.file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-{template.kind}-v{template.version}.docx"'
    return response


@login_required
@denied_as_403
def template_upload(request):
    _require_producer(request.user)
    form = TemplateUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_upload(
                kind=form.cleaned_data["kind"],
                issuer=form.cleaned_data["issuer"],
                name=form.cleaned_data["name"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
            for problem in error.problems[1:]:
                form.add_error("file", problem)
        else:
            messages.success(request, MSG_TEMPLATE_OK.format(name=template.name, version=template.version))
            return redirect("template_detail", template_id=template.pk)
    status = 400 if form.errors else 200
    return render(request, "documents/template_upload.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_reminder_letters(request, plan_id: int):
    """Nội vụ asks for the đôn đốc letters of every late unit of a plan at once: GET says what, POST runs."""
    plan = access_plan_by_id(request.user, plan_id)
    if not access_for(request.user).can_manage_issuer(plan.issuer_id):
        raise PermissionDenied("Chỉ Nội vụ quản lý kế hoạch mới soạn công văn đôn đốc.")
    today = timezone.localdate()
    if request.method == "GET":
        return _reminder_letters_confirm(request, plan, today)
    job = job_start("plan_reminder_letters", actor=request.user, plan_id=plan.pk, day=today.isoformat())
    return redirect("job_detail", job_id=job.pk)


def _reminder_letters_confirm(request, plan, today):
    late = Deliverable.objects.filter(task__plan=plan).overdue(today)
    preview = reminder_preview(plan=plan, deliverables=late, today=today)
    summary = MSG_LETTERS_SUMMARY.format(letters=len(preview.units), obligations=preview.obligations)
    back = reverse("plan_detail", args=[plan.pk])
    context = {
        "plan": plan,
        "preview": preview,
        "heading": "Soạn công văn đôn đốc các đơn vị quá hạn",
        "summary": summary,
        "hidden": [],
        "confirm_label": "Xác nhận: soạn công văn đôn đốc",
        "back": back,
    }
    return render(request, "tasks/reminder_confirm.html", context)
