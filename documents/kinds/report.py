"""Báo cáo kết quả thực hiện kế hoạch: every deliverable due in the period, and the counts."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from plans.models import Plan
from tasks.models import Deliverable, Report
from tasks.selectors import deliverable_counts
from units.models import Unit

from .. import formatting, layout
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

TYPE_NAME = "BÁO CÁO"
ABBREVIATION = "BC"
BUILTIN_FILE = "bao_cao_ket_qua.docx"


def plan_deliverables(plan: Plan):
    """The plan's deliverables in the document's order, with their reports (shared with the reminder)."""
    return (
        Deliverable.objects.filter(task__plan=plan)
        .select_related("task__section", "unit")
        .prefetch_related(Prefetch("reports", queryset=Report.objects.order_by("created_at", "id")))
        .order_by("task__section__position", "task__position", "task_id", "due_date", "unit__name")
    )


def report_context(
    plan: Plan,
    *,
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date,
    signer: Signer | None = None,
    number: int | None = None,
    date: dt.date | None = None,
) -> dict:
    """Báo cáo kết quả thực hiện kế hoạch: every deliverable due in the period, and the counts."""
    due = plan_deliverables(plan).filter(due_date__gte=period_start, due_date__lte=period_end)
    counts = deliverable_counts(due, today)
    rows = []
    for index, item in enumerate(due, start=1):
        overdue = item.is_overdue(today)
        rows.append(
            {
                "order": str(index),
                "task": f"{item.task.full_label}. {item.task.content}",
                "unit": item.unit.display_name,
                "due": item.due_date.isoformat(),
                "state": item.get_state_display() + (" (quá hạn)" if overdue else ""),
                "timeliness": item.get_timeliness_display() if item.timeliness else "",
                "reports": "\n".join(report.text for report in item.reports.all()),
            }
        )
    late = sum(1 for item in due if item.timeliness == Deliverable.Timeliness.LATE)
    on_time = sum(1 for item in due if item.timeliness in ("early", "on_time"))
    period = f"từ ngày {formatting.date_vn(period_start)} đến ngày {formatting.date_vn(period_end)}"
    heading = Heading(
        kind=Kind.REPORT,
        issuer=plan.issuer,
        code=code_for(plan.issuer, abbreviation=ABBREVIATION),
        type_name=TYPE_NAME,
        place=plan.place,
        summary=f"Kết quả thực hiện Kế hoạch {lower_first(plan.title)} ({period})",
        year=date.year if date else today.year,
        number=number,
        date=date,
        signer=signer or plan_signer(plan),
        recipients=plan.recipient_list,
    )
    return {
        "doc": heading_context(heading),
        "plan": {"title": plan.title, "reference": plan_reference(plan)},
        "report": {
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
            "intro": [
                f"Thực hiện {plan_reference(plan)} về {lower_first(plan.title)}, "
                f"{plan.issuer.name} báo cáo kết quả thực hiện {period} như sau:"
            ],
            "summary": [
                f"Số nhiệm vụ phải thực hiện trong kỳ: {counts.total}",
                f"Đã hoàn thành: {counts.accepted} ({formatting.percent(counts.done_percent, 0)})",
                f"Đã gửi báo cáo, chờ xem xét: {counts.submitted}",
                f"Hoàn thành hoặc gửi báo cáo đúng hạn: {on_time}; trễ hạn: {late}",
                f"Chưa thực hiện: {counts.pending}, trong đó quá hạn: {counts.overdue}",
                f"Không phải thực hiện: {counts.waived}",
            ],
            "counts": {
                "total": counts.total,
                "accepted": counts.accepted,
                "submitted": counts.submitted,
                "pending": counts.pending,
                "overdue": counts.overdue,
                "waived": counts.waived,
                "on_time": on_time,
                "late": late,
            },
            "rows": rows,
            "closing": [
                "Đề nghị các cơ quan, đơn vị chưa hoàn thành nhiệm vụ khẩn trương thực hiện và báo cáo "
                "kết quả "
                "theo đúng thời hạn quy định./."
            ],
        },
    }


def context_build(
    plan: Plan, *, today: dt.date, issuer: Unit | None = None, options: dict
) -> tuple[Unit, dict]:
    start = options.get("period_start") or plan.period_start
    end = options.get("period_end") or min(plan.period_end, today)
    return plan.issuer, report_context(
        plan, period_start=start, period_end=end, today=today, signer=options.get("signer")
    )


def sample_context() -> dict:
    return {
        "doc": sample_doc(Kind.REPORT, type_name=TYPE_NAME, abbreviation=ABBREVIATION),
        "plan": sample_plan_reference(),
        "report": {
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "intro": ["Mở đầu mẫu."],
            "summary": ["Số nhiệm vụ phải thực hiện trong kỳ: 1"],
            "counts": dict.fromkeys(
                ("total", "accepted", "submitted", "pending", "overdue", "waived", "on_time", "late"), 0
            ),
            "rows": [
                {
                    "order": "1",
                    "task": "1. Nội dung mẫu",
                    "unit": "Phòng Nội vụ",
                    "due": "2025-03-31",
                    "state": "Đã hoàn thành",
                    "timeliness": "Đúng hạn",
                    "reports": "Đã thực hiện.",
                }
            ],
            "closing": ["Kết luận mẫu./."],
        },
    }


class Form(KindForm):
    kind_code = Kind.REPORT

    period_start = forms.DateField(
        label=_("Báo cáo từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


# ----- the built-in template ------------------------------------------------------------------


REPORT_WIDTHS = [0.9, 4.0, 2.4, 2.3, 2.1, 1.7, 3.1]


def build():
    doc = layout.new_document()
    layout.header(doc)
    layout.title(doc, "BÁO CÁO")
    layout.body_paragraphs(doc, "report.intro")
    layout.para(doc, "I. KẾT QUẢ CHUNG", bold=True, indent=True)
    layout.tag_paragraph(doc, "{%p for text in report.summary %}")
    layout.para(doc, "- {{ text }}", indent=True)
    layout.tag_paragraph(doc, "{%p endfor %}")
    layout.para(doc, "II. KẾT QUẢ THỰC HIỆN TỪNG NHIỆM VỤ", bold=True, indent=True)
    headers = [
        "Stt",
        "Nội dung công việc",
        "Đơn vị thực hiện",
        "Hạn",
        "Tình trạng",
        "Tiến độ",
        "Kết quả báo cáo",
    ]
    table = layout.grid_table(doc, headers, REPORT_WIDTHS, size=11)
    layout.control_row(table, "{%tr for row in report.rows %}")
    layout.add_row(
        table,
        [
            "{{ row.order }}",
            "{{ row.task }}",
            "{{ row.unit }}",
            "{{ row.due|date_vn }}",
            "{{ row.state }}",
            "{{ row.timeliness }}",
            "{{ row.reports }}",
        ],
        size=11,
        aligns=[
            layout.CENTER,
            layout.LEFT,
            layout.LEFT,
            layout.CENTER,
            layout.LEFT,
            layout.CENTER,
            layout.LEFT,
        ],
    )
    layout.control_row(table, "{%tr endfor %}")
    layout.finish_table(table, REPORT_WIDTHS)
    layout.para(doc, after=6)
    layout.para(doc, "III. ĐÁNH GIÁ, ĐỀ XUẤT", bold=True, indent=True)
    layout.body_paragraphs(doc, "report.closing")
    layout.signature(doc)
    return doc
