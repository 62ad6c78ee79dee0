"""Writing a plan on screens: its heading, its task table, and the confirmation before each step."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.errors import ApplicationError, denied_as_403
from documents.formatting import amount_in_words
from plans.events import DONE, PlanEvent
from plans.forms import PlanForm, PlanHeadingAmendForm, issuer_choices, plan_formsets
from plans.models import Plan
from units.selectors import access_for, unit_list_for_user

from ..forms import PlanStepForm, RequiredCommentForm, TaskDeadlineFormSet, TaskForm
from ..models import Deliverable, Task
from ..selectors import access_plan_by_id, plan_list_for_user
from ..services import lifecycle

MSG_FORM = gettext_lazy("Thông tin chưa hợp lệ, xem các ô được đánh dấu.")
MSG_UNREADABLE = gettext_lazy("Không đọc được thời hạn này; hãy nhập thời hạn có cấu trúc ở phần dưới.")
MSG_HEADING_AMENDED = gettext_lazy("Đã điều chỉnh phần mở đầu; lý do được ghi vào lịch sử kế hoạch.")
MAX_AMOUNT = 10**15

TRANSITIONS = {
    PlanEvent.ISSUE: lifecycle.plan_issue,
    PlanEvent.CLOSE: lifecycle.plan_close,
    PlanEvent.CANCEL: lifecycle.plan_cancel,
    PlanEvent.REOPEN: lifecycle.plan_reopen,
}


def _manageable_plan(request, plan_id: int) -> Plan:
    plan = access_plan_by_id(request.user, plan_id)
    if not access_for(request.user).can_manage_issuer(plan.issuer_id):
        raise PermissionDenied(lifecycle.MSG_NOT_ALLOWED.format(issuer=plan.issuer))
    return plan


# ----- the heading ----------------------------------------------------------------------------


def _plan_form(request, plan: Plan):
    access = access_for(request.user)
    readable = plan_list_for_user(request.user)
    if plan.pk:
        readable = readable.exclude(pk=plan.pk)
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, instance=plan, issuers=issuer_choices(access), parents=readable)
    return form, plan_formsets(data, plan=plan, linkable=readable)


@login_required
@denied_as_403
def plan_form(request, plan_id: int | None = None):
    """Create a draft plan, or edit a draft's heading, bases, targets, sections and budget."""
    if plan_id is None:
        if not access_for(request.user).is_coordinator:
            raise PermissionDenied(_("Chỉ Nội vụ mới soạn kế hoạch."))
        plan = Plan(year=timezone.localdate().year)
    else:
        plan = _manageable_plan(request, plan_id)
        if plan.state == Plan.State.ISSUED:
            return _heading_amend(request, plan)
        if not plan.is_editable:
            messages.error(request, lifecycle.MSG_HEADING_LOCKED)
            return redirect("plan_detail", plan_id=plan.pk)
    form, formsets = _plan_form(request, plan)
    status = 200
    if request.method == "POST":
        if form.is_valid() and all(f.is_valid() for f in formsets):
            try:
                saved = lifecycle.plan_save(form=form, formsets=formsets, actor=request.user)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, DONE[PlanEvent.CREATE if plan_id is None else PlanEvent.EDIT])
                return redirect("plan_detail", plan_id=saved.pk)
        messages.error(request, MSG_FORM)
        status = 400
    context = {"plan": plan, "form": form, "formsets": formsets}
    return render(request, "tasks/plan_form.html", context, status=status)


def _heading_amend(request, plan: Plan):
    """An issued plan's heading and rows: what no obligation depends on, changed with a reason."""
    parents = plan_list_for_user(request.user).exclude(pk=plan.pk)
    data = request.POST if request.method == "POST" else None
    form = PlanHeadingAmendForm(data, instance=plan, parents=parents)
    formsets = plan_formsets(data, plan=plan, linkable=parents)
    status = 200
    if request.method == "POST":
        if form.is_valid() and all(f.is_valid() for f in formsets):
            try:
                lifecycle.plan_heading_amend(
                    form=form, formsets=formsets, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, MSG_HEADING_AMENDED)
                return redirect("plan_detail", plan_id=plan.pk)
        status = 400
    context = {"plan": plan, "form": form, "formsets": formsets}
    return render(request, "tasks/plan_heading_amend.html", context, status=status)


@login_required
@require_GET
def amount_words(request):
    """The budget total in words, as the plan prints it ("Năm trăm nghìn đồng")."""
    try:
        amount = int(request.GET.get("amount", "0").replace(".", "").strip() or 0)
    except ValueError:
        amount = -1
    if not 0 <= amount < MAX_AMOUNT:
        return HttpResponse(_("Số tiền không hợp lệ."), status=400, content_type="text/plain; charset=utf-8")
    return HttpResponse(amount_in_words(amount), content_type="text/plain; charset=utf-8")


# ----- confirming a step ---------------------------------------------------------------------


def _confirmation(plan: Plan, event: PlanEvent) -> dict:
    today = timezone.localdate()
    owed = Deliverable.objects.filter(task__plan=plan)
    context = {"open_count": owed.open().count(), "submitted_count": owed.awaiting_review().count()}
    if event == PlanEvent.ISSUE:
        context["problems"] = lifecycle.plan_issue_problems(plan)
        context["preview"] = {} if context["problems"] else lifecycle.plan_issue_preview(plan, today=today)
    return context


@login_required
@denied_as_403
def plan_transition(request, plan_id: int, action: str):
    """GET: say what the step will do; POST: do it."""
    plan = access_plan_by_id(request.user, plan_id)
    try:
        event = PlanEvent(action)
    except ValueError:
        raise Http404 from None
    if event not in TRANSITIONS:
        raise Http404
    if not access_for(request.user).can_manage_issuer(plan.issuer_id):
        raise PermissionDenied(lifecycle.MSG_NOT_ALLOWED.format(issuer=plan.issuer))
    form = _step_form(request, event)
    if request.method == "POST" and form.is_valid():
        return _run_step(request, plan, event, form.cleaned_data)
    context = {"plan": plan, "event": event, "form": form, **_confirmation(plan, event)}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "tasks/plan_confirm.html", context, status=status)


def _step_form(request, event: PlanEvent):
    data = request.POST if request.method == "POST" else None
    return PlanStepForm(data, closing=event == PlanEvent.CLOSE)


def _run_step(request, plan: Plan, event: PlanEvent, cleaned: dict):
    options = {"comment": cleaned.get("comment", "")}
    if event == PlanEvent.CLOSE:
        options["waive_open"] = cleaned.get("open_obligations") == "waive"
    try:
        TRANSITIONS[event](plan=plan, actor=request.user, **options)
    except ApplicationError as error:
        messages.error(request, error.message)
        for problem in error.problems:
            messages.warning(request, problem)
    else:
        messages.success(request, DONE[event])
    return redirect("plan_detail", plan_id=plan.pk)


# ----- the task table ------------------------------------------------------------------------


def _initial_units(task: Task) -> dict:
    if not task.pk:
        return {}
    assignments = list(task.assignments.all())
    return {
        "lead_units": [a.unit_id for a in assignments if a.role == "lead"],
        "coordinating_units": [a.unit_id for a in assignments if a.role == "coordinating"],
    }


def _new_task(request, plan: Plan) -> Task:
    after = request.GET.get("sau")
    position = int(after) + 1 if after and after.isdigit() else plan.tasks.count()
    return Task(plan=plan, position=position)


def _deadline_choice(form, formset, plan: Plan):
    """The parts read from the deadline box, or None when the structured form is used."""
    structured = form.cleaned_data.get("use_structured") or any(f.has_changed() for f in formset.forms)
    if structured:
        return None, formset.is_valid()
    reading = lifecycle.deadline_read(text=form.cleaned_data.get("deadline_text", ""), plan=plan)
    if not reading.readable:
        form.add_error("deadline_text", MSG_UNREADABLE)
        return None, False
    return reading.parts, True


def _save_task(request, plan: Plan, form, formset) -> bool:
    parts, ok = _deadline_choice(form, formset, plan)
    if not ok:
        return False
    try:
        lifecycle.task_save(
            form=form,
            deadline_formset=formset,
            deadline_parts=parts,
            actor=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        for problem in error.problems[1:]:
            messages.warning(request, problem)
        return False
    messages.success(request, DONE[PlanEvent.EDIT] if plan.is_editable else DONE[PlanEvent.AMEND])
    return True


@login_required
@denied_as_403
def task_edit(request, plan_id: int, task_id: int | None = None):
    plan = access_plan_by_id(request.user, plan_id)
    try:
        lifecycle.task_check_editable(plan=plan, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("plan_detail", plan_id=plan.pk)
    task = get_object_or_404(Task, pk=task_id, plan=plan) if task_id else _new_task(request, plan)
    units = unit_list_for_user(request.user).order_by("name")
    data = request.POST or None
    form = TaskForm(data, instance=task, plan=plan, units=units, initial=_initial_units(task))
    formset = TaskDeadlineFormSet(data, instance=task, prefix="deadline")
    if request.method == "POST" and form.is_valid() and _save_task(request, plan, form, formset):
        return redirect("plan_detail", plan_id=plan.pk)
    reading = lifecycle.deadline_read(text=form["deadline_text"].value() or "", plan=plan)
    context = {"plan": plan, "form": form, "formset": formset, "task": task, "reading": reading}
    return render(request, "tasks/task_form.html", context)


@login_required
@require_GET
def deadline_preview(request, plan_id: int):
    """The due dates the deadline box gives, shown while the officer types."""
    plan = _manageable_plan(request, plan_id)
    reading = lifecycle.deadline_read(text=request.GET.get("deadline_text", "")[:500], plan=plan)
    return render(request, "tasks/_deadline_preview.html", {"reading": reading})


@login_required
@denied_as_403
def task_remove(request, plan_id: int, task_id: int):
    plan = _manageable_plan(request, plan_id)
    task = get_object_or_404(Task, pk=task_id, plan=plan, withdrawn=False)
    form = RequiredCommentForm(request.POST or None) if not plan.is_editable else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            reason = form.cleaned_data["comment"] if form else ""
            lifecycle.task_remove(task=task, actor=request.user, reason=reason)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, DONE[PlanEvent.EDIT] if plan.is_editable else DONE[PlanEvent.AMEND])
        return redirect("plan_detail", plan_id=plan.pk)
    owed = task.deliverables.open().count()
    context = {"plan": plan, "task": task, "form": form, "open_count": owed}
    return render(request, "tasks/task_remove.html", context)


@login_required
@require_POST
@denied_as_403
def task_move(request, plan_id: int, task_id: int, direction: str):
    plan = _manageable_plan(request, plan_id)
    task = get_object_or_404(Task, pk=task_id, plan=plan)
    step = {"len": -1, "xuong": 1}.get(direction)
    if step is None:
        raise Http404
    try:
        lifecycle.task_move(task=task, actor=request.user, step=step)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(f"{reverse('plan_detail', args=[plan.pk])}#task-{task.pk}")


@login_required
@denied_as_403
def tasks_paste(request, plan_id: int):
    """Paste several rows copied from a Word or Excel table into a draft."""
    plan = _manageable_plan(request, plan_id)
    text = request.POST.get("rows", "") if request.method == "POST" else ""
    status = 200
    if request.method == "POST":
        try:
            added = lifecycle.tasks_paste(plan=plan, actor=request.user, text=text)
        except ApplicationError as error:
            messages.error(request, error.message)
            for problem in error.problems:
                messages.warning(request, problem)
            status = 400
        else:
            messages.success(request, _("Đã thêm %(count)s nhiệm vụ.") % {"count": len(added)})
            return redirect("plan_detail", plan_id=plan.pk)
    return render(request, "tasks/task_paste.html", {"plan": plan, "text": text}, status=status)
