from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.errors import AccessDenied, ApplicationError, denied_as_403
from core.http import safe_next
from units.models import Unit
from units.selectors import UnitNames, access_for

from ..events.deliverables import DONE as DELIVERABLE_DONE
from ..events.deliverables import DeliverableEvent
from ..events.extensions import DONE as EXTENSION_DONE
from ..events.extensions import ExtensionEvent
from ..filtersets import deliverable_filter, deliverables_filtered, narrowed
from ..forms import (
    CommentForm,
    ContributionForm,
    ExtensionDecisionForm,
    ExtensionForm,
    ReportForm,
    RequiredCommentForm,
)
from ..models import Evidence, ExtensionRequest, TaskAssignment
from ..selectors import (
    access_deliverable_by_id,
    deliverable_unit_label,
    extension_queue_for_user,
    inbox_for_user,
    page_of,
    review_count_for_user,
    review_queue_for_user,
)
from ..services import deliverables as services
from ..services import extensions
from ..services.deliverables import contribution_unit_ids

INBOX_PAGES = {"owed": "trang", "supporting": "trang_phoi_hop", "approval": "trang_duyet"}
# A unit's open work: the unit and the state filters say nothing there.
INBOX_UNUSED_FILTERS = ("unit", "unit_name", "timeliness")


@login_required
def inbox(request):
    pages = {name: request.GET.get(param) for name, param in INBOX_PAGES.items()}
    filterset = deliverable_filter(request, exclude=INBOX_UNUSED_FILTERS)
    inbox = inbox_for_user(request.user, pages=pages, narrow=partial(narrowed, filterset))
    context = {"inbox": inbox, "filter": filterset, "today": timezone.localdate()}
    return render(request, "tasks/inbox.html", context)


@login_required
def review_queue(request):
    if not access_for(request.user).is_coordinator:
        raise PermissionDenied("Chỉ Nội vụ mới xem xét báo cáo.")
    filterset, queue = deliverables_filtered(
        request, review_queue_for_user(request.user), exclude=("state", "overdue", "when")
    )
    # Unfiltered, the summaries know the length of the queue: no COUNT over every report.
    count = None if filterset.is_bound else review_count_for_user(request.user, timezone.localdate())
    reports = page_of(queue, request.GET.get("trang"), count=count)
    extensions = page_of(extension_queue_for_user(request.user), request.GET.get("trang_gia_han"))
    context = {
        "deliverables": reports.object_list,
        "page": reports,
        "filter": filterset,
        "extensions": extensions.object_list,
        "extensions_page": extensions,
        "today": timezone.localdate(),
    }
    return render(request, "tasks/review_queue.html", context)


def _contributing_units(request, deliverable, coordinating: set[int] | None = None):
    """The user's units that coordinate the deliverable's task (``coordinating``: the task's
    coordinating units when the caller has them already)."""
    coordinating = contribution_unit_ids(deliverable) if coordinating is None else coordinating
    return Unit.objects.filter(id__in=coordinating & set(access_for(request.user).own_units))


# Each form on the page gets its own id prefix: field names stay, ids and labels never clash.
def _ids(name: str) -> str:
    return f"{name}-%s"


def _forms(request, deliverable, bound=None, bound_name="", *, contributing=None):
    forms = {
        "report_form": ReportForm(auto_id=_ids("report")),
        "progress_form": ReportForm(initial={"percent_done": 50}, auto_id=_ids("progress")),
        "approve_form": CommentForm(auto_id=_ids("approve")),
        "accept_form": CommentForm(auto_id=_ids("accept")),
        "send_back_form": RequiredCommentForm(auto_id=_ids("send_back")),
        "return_form": RequiredCommentForm(auto_id=_ids("return")),
        "waive_form": RequiredCommentForm(auto_id=_ids("waive")),
        "contribution_form": ContributionForm(
            units=_contributing_units(request, deliverable) if contributing is None else contributing,
            auto_id=_ids("contribute"),
        ),
        "extension_form": ExtensionForm(auto_id=_ids("extend")),
    }
    if bound is not None:
        forms[bound_name] = bound
    return forms


def _last_return(deliverable):
    """The reason the unit must act on again, shown above the forms: only while it is returned."""
    if deliverable.state != deliverable.State.RETURNED:
        return None
    returns = (DeliverableEvent.RETURN_TO_UNIT, DeliverableEvent.SEND_BACK)
    latest = deliverable.transitions.filter(name__in=returns).select_related("actor")
    return latest.order_by("-at", "-id").first()


@login_required
def deliverable_detail(request, deliverable_id: int, bound=None, bound_name=""):
    deliverable = access_deliverable_by_id(request.user, deliverable_id)
    access = access_for(request.user)
    task = deliverable.task
    assignments = list(task.assignments.select_related("unit"))
    # The obligation's units and the task's, named in one read of their former names.
    names = UnitNames([deliverable.unit, deliverable.original_unit, *(a.unit for a in assignments)])
    deliverable.named_unit = deliverable_unit_label(names, deliverable)
    for assignment in assignments:
        assignment.named = names.label(assignment.unit, task.plan.date)
    coordinating = {a.unit_id for a in assignments if a.role == TaskAssignment.Role.COORDINATING}
    contributing = _contributing_units(request, deliverable, coordinating)
    context = {
        "d": deliverable,
        "task": task,
        "plan": task.plan,
        "today": timezone.localdate(),
        "assignments": assignments,
        "reports": deliverable.reports.select_related("author").prefetch_related("files"),
        "contributions": deliverable.contributions.select_related("unit", "author").prefetch_related("files"),
        "history": deliverable.transitions.select_related("actor"),
        "last_return": _last_return(deliverable),
        "extension_requests": deliverable.extension_requests.select_related("requested_by", "decided_by"),
        "can_report": access.can_report_for(deliverable.unit_id),
        "can_approve": access.can_approve_for(deliverable.unit_id),
        "can_review": access.can_manage_issuer(task.plan.issuer_id),
        "missing_evidence": services.deliverable_missing_evidence(deliverable, []),
    }
    context["can_contribute"] = bool(coordinating & access.own_units)
    context.update(_forms(request, deliverable, bound, bound_name, contributing=contributing))
    return render(request, "tasks/deliverable_detail.html", context)


def _run(request, deliverable, action):
    """Validate the action's form and call its service; return (form_name, form) on form errors."""
    post, files = request.POST, request.FILES
    actor = request.user
    if action in ("submit", "progress"):
        form = ReportForm(post, files, auto_id=_ids("report" if action == "submit" else "progress"))
        if not form.is_valid():
            return ("report_form" if action == "submit" else "progress_form"), form
        service = services.deliverable_submit if action == "submit" else services.deliverable_report_progress
        service(
            deliverable=deliverable,
            actor=actor,
            text=form.cleaned_data["text"],
            percent_done=form.cleaned_data["percent_done"],
            files=form.cleaned_data["files"],
        )
    elif action in ("accept", "approve"):
        form = CommentForm(post)
        form.is_valid()
        service = services.deliverable_accept if action == "accept" else services.deliverable_approve
        service(deliverable=deliverable, actor=actor, comment=form.cleaned_data.get("comment", ""))
    elif action in ("return", "send_back", "waive"):
        form = RequiredCommentForm(post, auto_id=_ids(action))
        if not form.is_valid():
            return f"{action}_form", form
        comment = form.cleaned_data["comment"]
        if action == "waive":
            services.deliverable_waive(deliverable=deliverable, actor=actor, reason=comment)
        else:
            service = services.deliverable_return if action == "return" else services.deliverable_send_back
            service(deliverable=deliverable, actor=actor, comment=comment)
    elif action == "contribute":
        units = _contributing_units(request, deliverable)
        if not units.exists():
            raise AccessDenied(services.MSG_NOT_COORDINATING)
        form = ContributionForm(post, files, units=units, auto_id=_ids("contribute"))
        if not form.is_valid():
            return "contribution_form", form
        services.contribution_add(
            deliverable=deliverable,
            actor=actor,
            unit_id=form.cleaned_data["unit"].pk,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
        )
    elif action == "extend":
        form = ExtensionForm(post, auto_id=_ids("extend"))
        if not form.is_valid():
            return "extension_form", form
        extensions.extension_request(
            deliverable=deliverable,
            actor=actor,
            requested_due_date=form.cleaned_data["requested_due_date"],
            reason=form.cleaned_data["reason"],
        )
    else:
        raise Http404
    return None


# The screen's actions; those that are transitions say what the event vocabulary says.
DONE = {
    "submit": DELIVERABLE_DONE[DeliverableEvent.SUBMIT],
    "progress": _("Đã cập nhật tiến độ."),
    "accept": DELIVERABLE_DONE[DeliverableEvent.ACCEPT],
    "approve": DELIVERABLE_DONE[DeliverableEvent.APPROVE],
    "return": DELIVERABLE_DONE[DeliverableEvent.RETURN_TO_UNIT],
    "send_back": DELIVERABLE_DONE[DeliverableEvent.SEND_BACK],
    "waive": DELIVERABLE_DONE[DeliverableEvent.WAIVE],
    "contribute": _("Đã gửi ý kiến phối hợp."),
    "extend": EXTENSION_DONE[ExtensionEvent.REQUEST],
}


@login_required
@require_POST
@denied_as_403
def deliverable_action(request, deliverable_id: int, action: str):
    deliverable = access_deliverable_by_id(request.user, deliverable_id)
    if action not in DONE:
        raise Http404
    try:
        invalid = _run(request, deliverable, action)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("deliverable_detail", deliverable_id=deliverable.pk)
    if invalid:
        messages.error(request, "Thông tin chưa hợp lệ, xem các ô được đánh dấu.")
        response = deliverable_detail(request, deliverable.pk, bound=invalid[1], bound_name=invalid[0])
        response.status_code = 400
        return response
    messages.success(request, DONE[action])
    return redirect(safe_next(request, reverse("deliverable_detail", args=[deliverable.pk])))


@login_required
@require_POST
@denied_as_403
def extension_decide(request, request_id: int, decision: str):
    extension = get_object_or_404(ExtensionRequest.objects.select_related("deliverable"), pk=request_id)
    deliverable = access_deliverable_by_id(request.user, extension.deliverable_id)
    back = safe_next(request, reverse("deliverable_detail", args=[deliverable.pk]))
    if decision not in ("approve", "refuse"):
        raise Http404
    form = ExtensionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("due_date", [])) or "Thông tin chưa hợp lệ.")
        return redirect(back)
    comment = form.cleaned_data["comment"]
    try:
        if decision == "approve":
            extensions.extension_approve(
                request=extension, actor=request.user, comment=comment, due_date=form.cleaned_data["due_date"]
            )
        else:
            extensions.extension_refuse(request=extension, actor=request.user, comment=comment)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, EXTENSION_DONE[ExtensionEvent(decision)])
    return redirect(back)


@login_required
def evidence_download(request, evidence_id: int):
    evidence = get_object_or_404(Evidence, pk=evidence_id)
    access_deliverable_by_id(request.user, evidence.deliverable_id)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
