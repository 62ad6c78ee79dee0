"""The JSON form of plans printed by list_plans / show_plan (documented in README)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce

from core.calendar import work_calendar
from plans.models import Plan

from .models import Deliverable, DeliverableMonth, Task, TaskAssignment
from .services.lifecycle import task_due_dates

Role = TaskAssignment.Role


def _iso(value):
    return value.isoformat() if value else None


def with_task_counts(plans):
    """The plans with their issuer and ``task_count`` (a subquery per row, no join to every task)."""
    # COUNT(*), not COUNT(id): PostgreSQL reads the plan index alone, not 400 task rows a plan.
    tasks = Task.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("*"))
    return plans.select_related("issuer").annotate(task_count=Coalesce(Subquery(tasks.values("n")), 0))


def plan_summaries(plans) -> list[dict]:
    """One object per plan with its deliverable counts by state (two queries)."""
    return plan_summary_rows(list(with_task_counts(plans)))


def plan_summary_rows(plans: list[Plan]) -> list[dict]:
    """The objects for plans loaded by ``with_task_counts`` (one query).

    The counts come from the month summaries (one row per plan, month and state), which every
    writer of deliverables recounts in its own transaction: exact, without a scan of the plans'
    obligations.
    """
    counts: dict[int, Counter] = {plan.id: Counter() for plan in plans}
    rows = (
        DeliverableMonth.objects.filter(plan__in=list(counts), count__gt=0)
        .order_by()
        .values_list("plan_id", "state")
        .annotate(n=Sum("count"))
    )
    for plan_id, state, n in rows:
        counts[plan_id][state] = n
    return [
        {
            "id": plan.id,
            "symbol": plan.symbol,
            "issuer": plan.issuer.code,
            "year": plan.year,
            "title": plan.title,
            "state": plan.state,
            "task_count": plan.task_count,
            "deliverable_counts": dict(sorted(counts[plan.id].items())),
        }
        for plan in plans
    ]


def _heading(plan: Plan) -> dict:
    lines = list(plan.budget_lines.all())
    return {
        "id": plan.id,
        "symbol": plan.symbol,
        "number": plan.number,
        "doc_code": plan.doc_code,
        "issuer": plan.issuer.code,
        "place": plan.place,
        "date": _iso(plan.date),
        "year": plan.year,
        "title": plan.title,
        "state": plan.state,
        "period_start": _iso(plan.period_start),
        "period_end": _iso(plan.period_end),
        "report_frequency": plan.report_frequency,
        "issued_with": plan.issued_with,
        "legal_bases": [
            {
                "doc_type": b.doc_type,
                "number": b.number,
                "date": _iso(b.date),
                "issuer": b.issuer,
                "summary": b.summary,
                "text": b.text,
            }
            for b in plan.legal_bases.all()
        ],
        "targets": [
            {
                "metric": t.metric,
                "comparison": t.comparison,
                "value": str(t.value.normalize()),
                "unit": t.unit,
                "text": t.text,
            }
            for t in plan.targets.all()
        ],
        "intro": plan.intro,
        "purposes": plan.purposes,
        "requirements": plan.requirements,
        "text_blocks": plan.text_blocks,
        "tasks_in_appendix": plan.tasks_in_appendix,
        "task_appendix_title": plan.task_appendix_title,
        "budget_appendix_title": plan.budget_appendix_title,
        "signer": {
            "authority": plan.signer_authority,
            "on_behalf_of": plan.signer_on_behalf_of,
            "position": plan.signer_position,
            "name": plan.signer_name,
        },
        "recipients": plan.recipient_list,
        "budget_lines": [
            {
                "content": b.content,
                "unit_price": b.unit_price,
                "quantity": str(b.quantity.normalize()),
                "quantity_unit": b.quantity_unit,
                "amount": b.amount,
                "note": b.note,
            }
            for b in lines
        ],
        "budget_total": sum(b.amount for b in lines),
        "budget_total_text": plan.budget_total_text,
        "sections": [{"label": s.label, "title": s.title} for s in plan.sections.all()],
    }


def _task(task: Task, plan: Plan, calendar) -> dict:
    assignments = list(task.assignments.all())
    return {
        "order": task.order_label,
        "section": task.section.label if task.section_id else None,
        "content": task.content,
        "lead_units": [a.unit.code for a in assignments if a.role == Role.LEAD],
        "coordinating_units": [a.unit.code for a in assignments if a.role == Role.COORDINATING],
        "responsibility_text": task.responsibility_text,
        "deadline_text": task.deadline_text,
        "deadline": [part.to_dict() for part in task.deadline_parts()],
        "due_dates": [d.isoformat() for d in task_due_dates(task, plan, calendar=calendar)],
        "expected_result": task.expected_result,
        "deliverables": [
            {
                "unit": d.unit.code,
                "due_date": d.due_date.isoformat(),
                "original_due_date": d.original_due_date.isoformat(),
                "state": d.state,
                "timeliness": d.timeliness or None,
            }
            for d in task.deliverables.all()
        ],
    }


def plan_detail(plan: Plan) -> dict:
    """The plan's heading and its task table in the document's order."""
    tasks = (
        plan.tasks.select_related("section")
        .prefetch_related(
            Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit")),
            Prefetch(
                "deliverables",
                queryset=Deliverable.objects.select_related("unit").order_by("due_date", "unit__code"),
            ),
            "deadline_rules",
        )
        .order_by("section__position", "position", "id")
    )
    calendar = work_calendar()
    return _heading(plan) | {"tasks": [_task(task, plan, calendar) for task in tasks]}
