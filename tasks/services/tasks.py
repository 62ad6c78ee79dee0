"""Writing a plan's task rows while the plan is a draft."""

from __future__ import annotations

from django.db import transaction

from core.errors import ApplicationError
from plans.models import Plan
from plans.services import plan_check_manage

from ..models import Task, TaskAssignment

MSG_NOT_DRAFT = (
    "Kế hoạch đã ban hành: không sửa được nhiệm vụ. "
    "Thay đổi thời hạn bằng gia hạn, hoặc miễn thực hiện từng nghĩa vụ."
)
MSG_SAME_UNIT = "Đơn vị {unit} không thể vừa chủ trì vừa phối hợp."


def task_check_editable(*, plan: Plan, actor) -> None:
    plan_check_manage(plan=plan, actor=actor)
    if not plan.is_editable:
        raise ApplicationError(MSG_NOT_DRAFT)


def task_set_units(*, task: Task, leads: list, coordinating: list) -> None:
    task.assignments.all().delete()
    rows = [
        TaskAssignment(task=task, unit=unit, role=TaskAssignment.Role.LEAD, position=i)
        for i, unit in enumerate(leads)
    ] + [
        TaskAssignment(task=task, unit=unit, role=TaskAssignment.Role.COORDINATING, position=i)
        for i, unit in enumerate(coordinating)
    ]
    TaskAssignment.objects.bulk_create(rows)


@transaction.atomic
def task_save(*, form, deadline_formset, actor) -> Task:
    """Save a task form with its units and deadline parts (draft plans only)."""
    task = form.instance
    task_check_editable(plan=task.plan, actor=actor)
    task = form.save()
    task_set_units(
        task=task,
        leads=list(form.cleaned_data["lead_units"]),
        coordinating=list(form.cleaned_data["coordinating_units"]),
    )
    deadline_formset.instance = task
    deadline_formset.save()
    return task
