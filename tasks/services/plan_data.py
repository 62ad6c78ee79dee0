"""A plan as plain data: the shape show_plan prints and importers produce.

``plan_rows_create`` writes a draft plan with its heading, sections, targets, budget and task
table, or raises with every problem found. Call it through the lifecycle
(``lifecycle.plan_create_from_data``, ``plan_import_create``), which owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from core.errors import ApplicationError
from core.history import bulk_create_with_history
from core.periods import Frequency
from plans.models import BudgetLine, LegalBasis, Plan, Section, Target
from plans.text_blocks import blocks_clean
from units.models import Unit

from ..deadlines import DeadlineError, DeadlinePart, plan_span, validate_part
from ..models import Task, TaskAssignment, TaskDeadline

MSG_INVALID = "Dữ liệu kế hoạch có {count} lỗi; chưa tạo gì."
MSG_DUPLICATE = "Kế hoạch số {symbol} năm {year} của {issuer} đã có trong hệ thống; chưa tạo gì."


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _units(codes, by_code, where, problems):
    found = []
    for code in codes or []:
        unit = by_code.get(code)
        if unit is None:
            problems.append(f"{where}: không có đơn vị mã «{code}».")
        else:
            found.append(unit)
    return found


def _parts(items, where, problems):
    parts = []
    for item in items or []:
        try:
            part = DeadlinePart.from_dict(item)
            validate_part(part)
        except (DeadlineError, ValueError, KeyError, TypeError) as error:
            problems.append(f"{where}: thời hạn không hợp lệ ({error}).")
            continue
        parts.append(part)
    return parts


def _create_heading(data: dict, issuer: Unit) -> Plan:
    signer = data.get("signer") or {}
    span = plan_span(year=data["year"], signed=_date(data.get("date")))
    plan = Plan(
        issuer=issuer,
        number=data.get("number"),
        doc_code=data.get("doc_code") or f"KH-{issuer.symbol or 'UBND'}",
        place=data["place"],
        date=_date(data.get("date")),
        year=data["year"],
        title=data["title"],
        issued_with=data.get("issued_with", ""),
        intro=data.get("intro") or "",
        purposes=data.get("purposes", ""),
        requirements=data.get("requirements", ""),
        period_start=_date(data.get("period_start")) or span[0],
        period_end=_date(data.get("period_end")) or span[1],
        report_frequency=data.get("report_frequency") or Frequency.QUARTERLY,
        signer_authority=signer.get("authority", ""),
        signer_on_behalf_of=signer.get("on_behalf_of", ""),
        signer_position=signer.get("position", ""),
        signer_name=signer.get("name", ""),
        recipients="\n".join(data.get("recipients") or []),
        budget_total_text=data.get("budget_total_text", ""),
        text_blocks=blocks_clean(data.get("text_blocks") or []),
        tasks_in_appendix=data.get("tasks_in_appendix", True),
        task_appendix_title=data.get("task_appendix_title", ""),
        budget_appendix_title=data.get("budget_appendix_title", ""),
    )
    if (
        plan.number is not None
        and Plan.objects.filter(
            issuer=issuer, year=plan.year, doc_code=plan.doc_code, number=plan.number
        ).exists()
    ):
        raise ApplicationError(MSG_DUPLICATE.format(symbol=plan.symbol, year=plan.year, issuer=issuer))
    try:
        plan.full_clean(exclude=["state"])
    except ValidationError as error:
        problems = [f"{field}: {'; '.join(messages)}" for field, messages in error.message_dict.items()]
        raise ApplicationError(MSG_INVALID.format(count=len(problems)), problems=problems) from None
    plan.save()
    return plan


def _create_children(plan: Plan, data: dict) -> dict[str, Section]:
    bulk_create_with_history(
        LegalBasis,
        [
            LegalBasis(
                plan=plan,
                position=i,
                doc_type=b.get("doc_type", ""),
                number=b.get("number", ""),
                date=_date(b.get("date")),
                issuer=b.get("issuer", ""),
                summary=b.get("summary", ""),
                text=b.get("text", ""),
            )
            for i, b in enumerate(data.get("legal_bases") or [])
        ],
    )
    bulk_create_with_history(
        Target,
        [
            Target(
                plan=plan,
                position=i,
                metric=t["metric"],
                comparison=t["comparison"],
                value=Decimal(str(t["value"])),
                unit=t.get("unit", "%"),
                text=t.get("text", ""),
            )
            for i, t in enumerate(data.get("targets") or [])
        ],
    )
    bulk_create_with_history(
        BudgetLine,
        [
            BudgetLine(
                plan=plan,
                position=i,
                content=b["content"],
                unit_price=int(b["unit_price"]),
                unit_price_text=b.get("unit_price_text", ""),
                quantity=Decimal(str(b["quantity"])),
                quantity_unit=b.get("quantity_unit", ""),
                note=b.get("note", ""),
            )
            for i, b in enumerate(data.get("budget_lines") or [])
        ],
    )
    sections = {}
    for i, s in enumerate(data.get("sections") or []):
        sections[s["label"]] = Section.objects.create(
            plan=plan, position=i, label=s["label"], title=s["title"]
        )
    return sections


def _check(data: dict, by_code: dict) -> list[str]:
    problems = []
    for key in ("issuer", "place", "year", "title"):
        if not data.get(key):
            problems.append(f"Thiếu trường «{key}».")
    if data.get("issuer") and data["issuer"] not in by_code:
        problems.append(f"Không có đơn vị ban hành mã «{data['issuer']}».")
    labels = {s.get("label") for s in data.get("sections") or []}
    for line in data.get("budget_lines") or []:
        try:
            Decimal(str(line.get("quantity")))
            int(line.get("unit_price"))
        except (InvalidOperation, TypeError, ValueError):
            problems.append(
                f"Dòng kinh phí «{line.get('content', '?')}»: đơn giá hoặc số lượng không hợp lệ."
            )
    return problems + _check_tasks(data.get("tasks") or [], by_code, labels)


def _check_tasks(rows: list[dict], by_code: dict, labels: set) -> list[str]:
    problems = []
    for i, task in enumerate(rows, start=1):
        where = f"Dòng {i} (Stt {task.get('order', '?')})"
        if not (task.get("content") or "").strip():
            problems.append(f"{where}: thiếu nội dung công việc.")
        if task.get("section") and task["section"] not in labels:
            problems.append(f"{where}: không có mục «{task['section']}».")
        _units(task.get("lead_units"), by_code, where, problems)
        _units(task.get("coordinating_units"), by_code, where, problems)
        _parts(task.get("deadline"), where, problems)
    return problems


def _task(plan: Plan, sections: dict, position: int, row: dict) -> Task:
    return Task(
        plan=plan,
        section=sections.get(row.get("section")),
        position=position,
        order_label=row.get("order", ""),
        content=row["content"],
        expected_result=row.get("expected_result", ""),
        responsibility_text=row.get("responsibility_text", ""),
        deadline_text=row.get("deadline_text", ""),
        requires_evidence=bool(row.get("requires_evidence")),
        evidence_note=row.get("evidence_note", ""),
    )


def tasks_rows_create(plan: Plan, rows: list[dict], *, sections: dict, by_code: dict, start: int = 0):
    """Write task rows (the ``tasks`` of plain data) with their units and deadline parts, in bulk.

    A 2 000-row appendix is three inserts per table, not three per row.
    """
    tasks = bulk_create_with_history(
        Task, [_task(plan, sections, start + offset, row) for offset, row in enumerate(rows)], batch_size=500
    )
    ignored: list[str] = []
    assignments, rules = [], []
    for task, row in zip(tasks, rows, strict=True):
        for role, key in (
            (TaskAssignment.Role.LEAD, "lead_units"),
            (TaskAssignment.Role.COORDINATING, "coordinating_units"),
        ):
            units = dict.fromkeys(_units(row.get(key), by_code, "", ignored))
            assignments += [
                TaskAssignment(task=task, unit=u, role=role, position=i) for i, u in enumerate(units)
            ]
        parts = _parts(row.get("deadline"), "", ignored)
        rules += [TaskDeadline.from_part(part, task=task, position=i) for i, part in enumerate(parts)]
    bulk_create_with_history(TaskAssignment, assignments, batch_size=1000)
    bulk_create_with_history(TaskDeadline, rules, batch_size=1000)
    return tasks


def task_rows_check(rows: list[dict], *, by_code: dict, labels: set) -> list[str]:
    """What is wrong with task rows, row by row (nothing is written)."""
    return _check_tasks(rows, by_code, labels)


def plan_rows_create(data: dict) -> Plan:
    """Write a draft plan from plain data; raise before writing anything if the data has problems."""
    by_code = {unit.code: unit for unit in Unit.objects.all()}
    problems = _check(data, by_code)
    if problems:
        raise ApplicationError(MSG_INVALID.format(count=len(problems)), problems=problems)
    plan = _create_heading(data, by_code[data["issuer"]])
    sections = _create_children(plan, data)
    tasks_rows_create(plan, data.get("tasks") or [], sections=sections, by_code=by_code)
    return plan
