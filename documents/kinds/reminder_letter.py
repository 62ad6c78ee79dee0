"""Công văn đôn đốc: the late units as addressees and what each owes; drafted by a clerk for a plan,
or by the product itself when a unit's overdue items reach Nội vụ (an escalation)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import Plan
from tasks.models import Deliverable
from units.models import Unit

from .. import formatting, layout
from ..addressing import addressee_title, drafting_unit_symbol
from ..models import Kind
from .base import (
    Heading,
    KindForm,
    Signer,
    code_for,
    heading_context,
    lower_first,
    plan_reference,
    plan_signer,
    sample_doc,
    sample_plan_reference,
)
from .report import plan_deliverables

TYPE_NAME = ""
BUILTIN_FILE = "cong_van_don_doc.docx"


def late_units(plan: Plan, today: dt.date) -> list[tuple[Unit, list[Deliverable]]]:
    """Units with overdue deliverables on ``plan``, the latest first, each with what it owes."""
    grouped: dict[int, tuple[Unit, list[Deliverable]]] = {}
    for item in plan_deliverables(plan).overdue(today):
        grouped.setdefault(item.unit_id, (item.unit, []))[1].append(item)
    return sorted(grouped.values(), key=lambda pair: (-len(pair[1]), pair[0].name))


REMINDER_CLOSING = (
    "Đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên khẩn trương chỉ đạo thực hiện và báo cáo kết quả "
    "trước ngày {reply_by}. Trường hợp không thực hiện được, đề nghị báo cáo rõ lý do và đề xuất thời hạn "
    "hoàn thành./."
)


ESCALATION_CLOSING = (
    "Đề nghị {head} khẩn trương chỉ đạo thực hiện và báo cáo kết quả trước ngày {reply_by}. "
    "Trường hợp không thực hiện được, đề nghị báo cáo rõ lý do và đề xuất thời hạn hoàn thành./."
)


def _reminder_rows(late: list[tuple[Unit, list[Deliverable]]], today: dt.date) -> list[dict]:
    """A heading row per unit (I, II…), then what it owes with the days late."""
    rows = []
    for order, (unit, items) in enumerate(late, start=1):
        rows.append({"is_unit": True, "order": formatting.roman(order), "unit": unit.name})
        for index, item in enumerate(items, start=1):
            rows.append(
                {
                    "is_unit": False,
                    "order": str(index),
                    "unit": unit.name,
                    "task": f"{item.task.full_label}. {item.task.content}",
                    "due": item.due_date.isoformat(),
                    "days_late": item.days_late(today),
                    "period": item.period_label,
                }
            )
    return rows


def reminder_context(
    plan: Plan,
    *,
    today: dt.date,
    drafting: str = "",
    signer: Signer | None = None,
    reply_by: dt.date | None = None,
    number: int | None = None,
    date: dt.date | None = None,
) -> dict:
    """Công văn đôn đốc: the late units as addressees, and what each owes."""
    late = late_units(plan, today)
    rows = _reminder_rows(late, today)
    reply_by = reply_by or today + dt.timedelta(days=7)
    reference = plan_reference(plan)
    heading = Heading(
        kind=Kind.REMINDER,
        issuer=plan.issuer,
        code=code_for(plan.issuer, drafting=drafting or drafting_unit_symbol(plan.issuer)),
        place=plan.place,
        summary=f"đôn đốc thực hiện {reference}",
        year=date.year if date else today.year,
        number=number,
        date=date,
        signer=signer or plan_signer(plan),
        recipients=["Như trên;", "Lưu: VT."],
        addressees=[f"{addressee_title(unit)};" for unit, _ in late],
    )
    return {
        "doc": heading_context(heading),
        "plan": {"title": plan.title, "reference": reference},
        "reminder": {
            "today": today.isoformat(),
            "reply_by": reply_by.isoformat(),
            "unit_count": len(late),
            "intro": [
                f"Thực hiện {reference} về {lower_first(plan.title)}, đến ngày "
                f"{formatting.date_vn(today)}, các cơ quan, đơn vị sau chưa hoàn thành nhiệm vụ được giao "
                "đã quá thời hạn:"
            ],
            "rows": rows,
            "closing": [REMINDER_CLOSING.format(reply_by=formatting.date_vn(reply_by))],
        },
    }


def escalation_context(
    *, issuer: Unit, unit: Unit, deliverables: list[Deliverable], today: dt.date, reply_days: int = 7
) -> dict:
    """Công văn đôn đốc drafted by the product when ``unit``'s overdue items reach Nội vụ.

    Same shape as ``reminder_context`` (the DD template renders both), addressed to the one unit and
    listing only the deliverables of the escalation, oldest first; the plans they come from are cited.
    """
    items = sorted(deliverables, key=lambda item: (item.due_date, item.task.plan_id, item.task_id))
    plans = list({item.task.plan_id: item.task.plan for item in items}.values())
    references = [plan_reference(plan) for plan in plans]
    reference = "; ".join(references)
    titles = "; ".join(lower_first(plan.title) for plan in plans)
    reply_by = today + dt.timedelta(days=reply_days)
    heading = Heading(
        kind=Kind.REMINDER,
        issuer=issuer,
        code=code_for(issuer, drafting=drafting_unit_symbol(issuer)),
        place=plans[0].place,
        summary=f"đôn đốc thực hiện {reference}",
        year=today.year,
        signer=plan_signer(plans[0]),
        recipients=["Như trên;", "Lưu: VT."],
        addressees=[f"{addressee_title(unit)};"],
    )
    return {
        "doc": heading_context(heading),
        "plan": {"title": plans[0].title, "reference": reference},
        "reminder": {
            "today": today.isoformat(),
            "reply_by": reply_by.isoformat(),
            "unit_count": 1,
            "unit_id": unit.pk,
            "deliverable_ids": [item.pk for item in items],
            "intro": [
                f"Thực hiện {reference} về {titles}, đến ngày {formatting.date_vn(today)}, {unit.name} "
                "chưa hoàn thành các nhiệm vụ được giao sau đây đã quá thời hạn:"
            ],
            "rows": _reminder_rows([(unit, items)], today),
            "closing": [
                ESCALATION_CLOSING.format(head=addressee_title(unit), reply_by=formatting.date_vn(reply_by))
            ],
        },
    }


def context_build(
    plan: Plan, *, today: dt.date, issuer: Unit | None = None, options: dict
) -> tuple[Unit, dict]:
    return plan.issuer, reminder_context(
        plan,
        today=today,
        drafting=options.get("drafting", ""),
        signer=options.get("signer"),
        reply_by=options.get("reply_by"),
    )


def sample_context() -> dict:
    return {
        "doc": sample_doc(Kind.REMINDER),
        "plan": sample_plan_reference(),
        "reminder": {
            "today": "2025-04-10",
            "reply_by": "2025-04-17",
            "unit_count": 1,
            "intro": ["Mở đầu mẫu:"],
            "rows": [
                {"is_unit": True, "order": "I", "unit": "Phòng Tư pháp"},
                {
                    "is_unit": False,
                    "order": "1",
                    "unit": "Phòng Tư pháp",
                    "task": "1. Nội dung mẫu",
                    "due": "2025-03-31",
                    "days_late": 10,
                    "period": "Quý I/2025",
                },
            ],
            "closing": ["Kết luận mẫu./."],
        },
    }


class Form(KindForm):
    kind_code = Kind.REMINDER

    drafting = forms.CharField(
        label=_("Ký hiệu đơn vị soạn thảo (để trống: Phòng/Sở Nội vụ của cơ quan)"),
        max_length=20,
        required=False,
    )
    reply_by = forms.DateField(
        label=_("Báo cáo trước ngày (để trống: sau 7 ngày)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


# ----- the built-in template ------------------------------------------------------------------


REMINDER_WIDTHS = [1.0, 8.0, 2.6, 2.4, 2.5]


def build():
    doc = layout.new_document()
    layout.header(doc, dispatch=True)
    layout.para(doc, after=6)
    layout.addressees(doc)
    layout.body_paragraphs(doc, "reminder.intro")
    headers = ["Stt", "Nội dung công việc còn nợ", "Hạn", "Số ngày quá hạn", "Kỳ"]
    table = layout.grid_table(doc, headers, REMINDER_WIDTHS)
    layout.control_row(table, "{%tr for row in reminder.rows %}")
    layout.control_row(table, "{%tr if row.is_unit %}")
    layout.add_row(
        table,
        ["{{ row.order }}", "{{ row.unit }}", "", "", ""],
        bold=True,
        aligns=[layout.CENTER, layout.LEFT, layout.CENTER] + [layout.CENTER] * 2,
    )
    layout.control_row(table, "{%tr else %}")
    layout.add_row(
        table,
        [
            "{{ row.order }}",
            "{{ row.task }}",
            "{{ row.due|date_vn }}",
            "{{ row.days_late }}",
            "{{ row.period }}",
        ],
        aligns=[layout.CENTER, layout.JUSTIFY, layout.CENTER, layout.CENTER, layout.CENTER],
    )
    layout.control_row(table, "{%tr endif %}")
    layout.control_row(table, "{%tr endfor %}")
    layout.finish_table(table, REMINDER_WIDTHS)
    layout.para(doc, after=6)
    layout.body_paragraphs(doc, "reminder.closing")
    layout.signature(doc)
    return doc
