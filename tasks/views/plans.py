from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from core.history import history_if_asked
from units.models import Unit
from units.selectors import access_for

from ..filtersets import PlanTaskFilter
from ..forms import CommentForm
from ..models import Task, TaskAssignment
from ..selectors import (
    access_plan_by_id,
    plan_edit_history,
    plan_list_for_user,
    plan_summary,
    plan_table,
)
from ..services.lifecycle import plan_issue_problems


@login_required
def plan_list(request):
    plans = plan_list_for_user(request.user).order_by("-year", "issuer__name", "id")
    return render(request, "tasks/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, plan_id: int):
    plan = access_plan_by_id(request.user, plan_id)
    today = timezone.localdate()
    can_manage = access_for(request.user).can_manage_issuer(plan.issuer_id)
    tasks_filter = PlanTaskFilter(request.GET or None, queryset=Task.objects.all(), request=request)
    # Only the plan's own units in the picker (a province plan names dozens, the tree a thousand).
    plan_units = TaskAssignment.objects.filter(task__plan=plan).values("unit_id")
    tasks_filter.filters["don_vi"].queryset = Unit.objects.filter(id__in=plan_units).order_by("name")

    def narrow(tasks):
        return (
            tasks_filter.filter_queryset(tasks)
            if tasks_filter.is_bound and tasks_filter.is_valid()
            else tasks
        )

    counts, timeline = plan_summary(plan, today)
    groups, page = plan_table(plan, request.GET.get("trang"), narrow=narrow, today=today)
    context = {
        "plan": plan,
        "groups": groups,
        "tasks_filter": tasks_filter,
        "page": page,
        "counts": counts,
        "timeline": timeline,
        "legal_bases": plan.legal_bases.all(),
        "targets": plan.targets.all(),
        "budget_lines": list(plan.budget_lines.all()),
        "history": plan.transitions.select_related("actor"),
        "edit_history": history_if_asked(request, partial(plan_edit_history, plan)) if can_manage else None,
        "can_manage": can_manage,
        "issue_problems": plan_issue_problems(plan) if can_manage and plan.is_editable else [],
        "comment_form": CommentForm(),
        "today": today,
    }
    context["budget_total"] = sum(line.amount for line in context["budget_lines"])
    return render(request, "tasks/plan_detail.html", context)
