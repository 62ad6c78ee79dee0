"""The plan's own text on a screen ("Nội dung văn bản"): edited as light markup, saved through the lifecycle.

A draft is edited freely; an issued plan's text changes only as a recorded amendment with a reason.
Only the coordinators of the plan's issuer open this screen.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ApplicationError, denied_as_403
from plans.forms import PlanTextForm
from plans.models import Plan
from plans.text_blocks import blocks_to_markup

from ..selectors import plan_text_history
from ..services import lifecycle
from .plan_edit import _manageable_plan

MSG_SAVED = gettext_lazy("Đã lưu nội dung văn bản.")
MSG_AMENDED = gettext_lazy("Đã điều chỉnh nội dung văn bản; lý do được ghi vào lịch sử kế hoạch.")
MSG_FORM = gettext_lazy("Nội dung chưa lưu được, xem ô được đánh dấu.")


def _initial(plan: Plan) -> dict:
    return {
        "markup": blocks_to_markup(plan.text_blocks),
        "tasks_in_appendix": plan.tasks_in_appendix,
        "task_appendix_title": plan.task_appendix_title,
        "budget_appendix_title": plan.budget_appendix_title,
    }


@login_required
@denied_as_403
def plan_text(request, plan_id: int):
    plan = _manageable_plan(request, plan_id)
    if plan.state not in (Plan.State.DRAFT, Plan.State.ISSUED):
        messages.error(request, lifecycle.MSG_NOT_EDITABLE.format(state=plan.get_state_display()))
        return redirect("plan_detail", plan_id=plan.pk)
    form = PlanTextForm(request.POST or None, initial=_initial(plan))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                lifecycle.plan_text_save(
                    plan=plan,
                    actor=request.user,
                    blocks=form.blocks,
                    tasks_in_appendix=data["tasks_in_appendix"],
                    task_appendix_title=data["task_appendix_title"],
                    budget_appendix_title=data["budget_appendix_title"],
                    reason=data["reason"],
                )
            except ApplicationError as error:
                form.add_error("reason" if plan.state == Plan.State.ISSUED else None, error.message)
            else:
                messages.success(request, MSG_SAVED if plan.is_editable else MSG_AMENDED)
                return redirect("plan_text", plan_id=plan.pk)
        messages.error(request, MSG_FORM)
        status = 400
    context = {
        "plan": plan,
        "form": form,
        "text_history": plan_text_history(plan),
        "title": _("Nội dung văn bản"),
    }
    return render(request, "tasks/plan_text.html", context, status=status)
