from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from plans.events import DONE, PlanEvent
from project.errors import AccessDenied, ApplicationError
from units.selectors import access_for, unit_list_for_user

from ..forms import CommentForm, TaskDeadlineFormSet, TaskForm
from ..models import Deliverable, Task
from ..selectors import access_plan_by_id, deliverable_counts, plan_list_for_user, plan_table, plan_timeline
from ..services import lifecycle
from ..services.lifecycle import plan_issue_problems, task_check_editable, task_save

TRANSITIONS = {
    PlanEvent.ISSUE: lifecycle.plan_issue,
    PlanEvent.CLOSE: lifecycle.plan_close,
    PlanEvent.CANCEL: lifecycle.plan_cancel,
    PlanEvent.REOPEN: lifecycle.plan_reopen,
}


@login_required
def plan_list(request):
    plans = plan_list_for_user(request.user).order_by("-year", "issuer__name", "id")
    return render(request, "tasks/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, plan_id: int):
    plan = access_plan_by_id(request.user, plan_id)
    today = timezone.localdate()
    deliverables = Deliverable.objects.filter(task__plan=plan)
    can_manage = access_for(request.user).can_manage_issuer(plan.issuer_id)
    groups, page = plan_table(plan, request.GET.get("trang"))
    context = {
        "plan": plan,
        "groups": groups,
        "page": page,
        "counts": deliverable_counts(deliverables, today),
        "timeline": plan_timeline(deliverables, today),
        "legal_bases": plan.legal_bases.all(),
        "targets": plan.targets.all(),
        "budget_lines": list(plan.budget_lines.all()),
        "history": plan.transitions.select_related("actor"),
        "can_manage": can_manage,
        "issue_problems": plan_issue_problems(plan) if can_manage and plan.is_editable else [],
        "comment_form": CommentForm(),
        "today": today,
    }
    context["budget_total"] = sum(line.amount for line in context["budget_lines"])
    return render(request, "tasks/plan_detail.html", context)


@login_required
@require_POST
def plan_transition(request, plan_id: int, action: str):
    plan = access_plan_by_id(request.user, plan_id)
    service = TRANSITIONS.get(action)
    if service is None:
        raise Http404
    form = CommentForm(request.POST)
    form.is_valid()
    try:
        service(plan=plan, actor=request.user, comment=form.cleaned_data.get("comment", ""))
    except AccessDenied as error:
        raise PermissionDenied(error.message) from None
    except ApplicationError as error:
        messages.error(request, error.message)
        for problem in error.problems:
            messages.warning(request, problem)
    else:
        messages.success(request, DONE[action])
    return redirect("plan_detail", plan_id=plan.pk)


@login_required
def task_edit(request, plan_id: int, task_id: int | None = None):
    plan = access_plan_by_id(request.user, plan_id)
    try:
        task_check_editable(plan=plan, actor=request.user)
    except AccessDenied as error:
        raise PermissionDenied(error.message) from None
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("plan_detail", plan_id=plan.pk)
    task = get_object_or_404(Task, pk=task_id, plan=plan) if task_id else Task(plan=plan)
    units = unit_list_for_user(request.user).order_by("name")
    initial = {}
    if task.pk:
        assignments = list(task.assignments.all())
        initial = {
            "lead_units": [a.unit_id for a in assignments if a.role == "lead"],
            "coordinating_units": [a.unit_id for a in assignments if a.role == "coordinating"],
        }
    form = TaskForm(request.POST or None, instance=task, plan=plan, units=units, initial=initial)
    formset = TaskDeadlineFormSet(request.POST or None, instance=task, prefix="deadline")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            task_save(form=form, deadline_formset=formset, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã lưu nhiệm vụ.")
            return redirect("plan_detail", plan_id=plan.pk)
    return render(
        request, "tasks/task_form.html", {"plan": plan, "form": form, "formset": formset, "task": task}
    )
