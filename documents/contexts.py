"""The data a template is rendered from: built from a plan, a period or the late units.

Other apps are read through their selectors and models; the result is plain JSON
(dates as ISO strings), stored with the generated document so it can be rendered again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from core.periods import Frequency
from plans.models import Plan
from surveys.index import Figure, index_compute, period_label, period_parse, period_previous
from surveys.models import Campaign, CampaignUnit, Channel, Response
from surveys.quotas import SPAN, quota_progress
from tasks.models import Deliverable, Report, Task, TaskAssignment
from tasks.selectors import deliverable_counts
from units.models import Unit

from . import formatting
from .models import Kind

TYPE_NAMES = {
    Kind.PLAN: "KẾ HOẠCH",
    Kind.DECISION: "QUYẾT ĐỊNH",
    Kind.DISPATCH: "",
    Kind.REPORT: "BÁO CÁO",
    Kind.REMINDER: "",
}
# Decree 30, Phụ lục III §I; a công văn has no abbreviation.
ABBREVIATIONS = {Kind.PLAN: "KH", Kind.DECISION: "QĐ", Kind.REPORT: "BC"}
# A survey's results go out as a Báo cáo or a Thông báo: the clerk chooses, the kind stays KS.
SURVEY_TYPES = {"BC": "BÁO CÁO", "TB": "THÔNG BÁO"}
SURVEY_VERBS = {"BC": "báo cáo", "TB": "thông báo"}
TOP_LEVEL_KINDS = {Unit.Kind.PROVINCE, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE}
LEAD, COORDINATING = TaskAssignment.Role.LEAD, TaskAssignment.Role.COORDINATING
BASIS_PREFIX = re.compile(r"^(Căn cứ|Thực hiện|Xét|Theo)\b", re.IGNORECASE)


@dataclass
class Signer:
    authority: str = ""
    on_behalf_of: str = ""
    position: str = ""
    name: str = ""

    def as_dict(self) -> dict:
        authority_line = f"{self.authority} {self.on_behalf_of}".strip() if self.authority else self.position
        return {
            "authority": self.authority,
            "on_behalf_of": self.on_behalf_of,
            "position": self.position if self.authority else "",
            "name": self.name,
            "authority_line": authority_line.upper(),
        }


@dataclass
class Heading:
    """What every document carries: agency, number and symbol, place and date, signer, recipients."""

    kind: str
    issuer: Unit
    code: str
    place: str
    summary: str
    year: int
    number: int | None = None
    date: dt.date | None = None
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def agency_name(issuer: Unit) -> str:
    """Box 2, upper case: a people's committee in full; a body under a parent by its short name."""
    if issuer.kind in TOP_LEVEL_KINDS or issuer.parent is None or not issuer.short_name:
        return issuer.name.upper()
    return issuer.short_name.upper()


def parent_agency(issuer: Unit) -> str:
    """Box 2: the parent body, upper case; people's committees write none (they are the top of their tier)."""
    if issuer.kind in TOP_LEVEL_KINDS or issuer.parent is None:
        return ""
    return issuer.parent.name.replace("Ủy ban nhân dân", "UBND").upper()


def number_text(number: int | None) -> str:
    return f"{number:02d}" if number else "      "


def date_phrase(day: dt.date | None, year: int) -> str:
    return f"ngày {formatting.date_vn(day)}" if day else f"ngày      tháng      năm {year}"


def heading_context(heading: Heading) -> dict:
    issuer = heading.issuer
    return {
        "kind": heading.kind,
        "type_name": TYPE_NAMES.get(heading.kind, ""),
        "parent_agency": parent_agency(issuer),
        "agency": agency_name(issuer),
        "agency_name": issuer.name,
        "code": heading.code,
        "number": heading.number,
        "number_text": number_text(heading.number),
        "symbol": f"{number_text(heading.number).strip()}/{heading.code}",
        "place": heading.place,
        "date": heading.date.isoformat() if heading.date else None,
        "date_phrase": date_phrase(heading.date, heading.year),
        "year": heading.year,
        "summary": heading.summary,
        "signer": heading.signer.as_dict(),
        "recipients": _recipients(heading.recipients),
        "addressees": heading.addressees,
        "body": heading.body,
    }


def _recipients(lines: list[str]) -> list[str]:
    lines = [line.strip().lstrip("-").strip() for line in lines if line.strip()]
    return lines or ["Như trên;", "Lưu: VT."]


def code_for(kind: str, issuer: Unit, drafting: str = "") -> str:
    """The symbol after "/": type and issuer (KH-UBND), or issuer and drafting unit (STP-VP)."""
    symbol = issuer.symbol or issuer.code
    if kind in ABBREVIATIONS:
        return f"{ABBREVIATIONS[kind]}-{symbol}"
    return f"{symbol}-{drafting}" if drafting else symbol


def plan_signer(plan: Plan) -> Signer:
    return Signer(plan.signer_authority, plan.signer_on_behalf_of, plan.signer_position, plan.signer_name)


def plan_reference(plan: Plan) -> str:
    """ "Kế hoạch số 1036/KH-UBND ngày 10/02/2020 của UBND tỉnh" (or without number for a draft)."""
    number = f" số {plan.symbol}" if plan.symbol else ""
    day = f" ngày {formatting.date_vn(plan.date)}" if plan.date else ""
    return f"Kế hoạch{number}{day} của {plan.issuer.short_name or plan.issuer.name}"


# ----- the plan and its appendices ------------------------------------------------------------


def _basis_lines(plan: Plan) -> list[str]:
    texts = []
    for basis in plan.legal_bases.all():
        text = (basis.text or str(basis)).strip().rstrip(";.")
        if not BASIS_PREFIX.match(text):
            text = f"Căn cứ {text}"
        texts.append(text)
    return [f"{text}{'.' if index == len(texts) - 1 else ';'}" for index, text in enumerate(texts)]


def _task_rows(plan: Plan) -> list[dict]:
    """The task table in the document's order, a heading row before each section (two queries).

    Same order as tasks.selectors.plan_table, without the deliverables and deadline rules it also loads.
    """
    tasks = (
        Task.objects.filter(plan=plan)
        .select_related("section")
        .prefetch_related(Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit")))
        .order_by("section__position", "position", "id")
    )
    rows, section_id = [], object()
    for task in tasks:
        if task.section_id != section_id:
            section_id = task.section_id
            if task.section is not None:
                rows.append({"is_section": True, "order": task.section.label, "content": task.section.title})
        assignments = list(task.assignments.all())
        rows.append(
            {
                "is_section": False,
                "order": task.order_label,
                "content": task.content,
                "leads": ", ".join(a.unit.display_name for a in assignments if a.role == LEAD),
                "coordinating": ", ".join(a.unit.display_name for a in assignments if a.role == COORDINATING),
                "deadline": task.deadline_text,
                "result": task.expected_result,
            }
        )
    return rows


def _quantity_text(quantity, unit: str) -> str:
    whole = int(quantity)
    number = f"{whole:02d}" if whole == quantity and whole < 10 else formatting.number_vn(quantity)
    return f"{number} {unit}".strip()


def _budget(plan: Plan) -> dict:
    lines = [
        {
            "content": line.content,
            "unit_price": line.unit_price,
            "unit_price_text": formatting.money(line.unit_price),
            "quantity_text": _quantity_text(line.quantity, line.quantity_unit),
            "amount": line.amount,
            "note": line.note,
        }
        for line in plan.budget_lines.all()
    ]
    return {"lines": lines, "total": sum(line["amount"] for line in lines)}


def _parts(has_targets: bool, has_budget: bool) -> dict:
    names = ["purposes", *(["targets"] if has_targets else []), "tasks"]
    names += [*(["budget"] if has_budget else []), "organisation"]
    return {name: formatting.roman(index) for index, name in enumerate(names, start=1)}


def plan_context(plan: Plan) -> dict:
    """The plan with its legal bases, purposes, targets, task table and budget."""
    budget = _budget(plan)
    targets = [f"- {target.metric}: {target.text or target}" for target in plan.targets.all()]
    reporter = plan.issuer.short_name or plan.issuer.name
    return {
        "title": plan.title,
        "symbol": plan.symbol,
        "date": plan.date.isoformat() if plan.date else None,
        "reference": plan_reference(plan),
        "issued_with": plan.issued_with,
        "legal_bases": _basis_lines(plan),
        "intro": f"{plan.issuer.name} ban hành Kế hoạch {plan.title} như sau:",
        "purposes": formatting.lines(plan.purposes),
        "requirements": formatting.lines(plan.requirements),
        "targets": targets,
        "rows": _task_rows(plan),
        "budget": budget,
        "parts": _parts(bool(targets), bool(budget["lines"])),
        "task_appendix": "Phụ lục I" if budget["lines"] else "Phụ lục",
        "budget_appendix": "Phụ lục II",
        "organisation": [
            "Thủ trưởng các cơ quan, đơn vị được giao chủ trì có trách nhiệm tổ chức thực hiện các nhiệm vụ "
            "tại Kế hoạch này, bảo đảm đúng tiến độ và chất lượng; cơ quan phối hợp có trách nhiệm phối hợp "
            "chặt chẽ với cơ quan chủ trì.",
            f"Định kỳ {Frequency(plan.report_frequency).label.lower()}, các cơ quan, đơn vị báo "
            f"cáo kết quả thực hiện về {reporter} để tổng hợp, theo dõi. Trong quá trình thực hiện, nếu có "
            f"khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh kịp thời về {reporter} để được hướng dẫn./.",
        ],
    }


def plan_document_context(plan: Plan, *, number: int | None = None, date: dt.date | None = None) -> dict:
    """Kế hoạch: the plan itself, numbered with the plan's own number and date when it has them."""
    heading = Heading(
        kind=Kind.PLAN,
        issuer=plan.issuer,
        code=plan.doc_code,
        place=plan.place,
        summary=plan.title,
        year=(date or plan.date).year if (date or plan.date) else plan.year,
        number=number if number is not None else plan.number,
        date=date or plan.date,
        signer=plan_signer(plan),
        recipients=plan.recipient_list,
    )
    return {"doc": heading_context(heading), "plan": plan_context(plan)}


def _issued_by(plan: Plan, signer: Signer) -> str:
    """ "Chủ tịch Ủy ban nhân dân tỉnh" for a decision signed by (or for) the chairman, else the agency."""
    head = (signer.on_behalf_of if signer.authority == "KT." else signer.position) or ""
    agency = plan.issuer.name
    if head.upper() == "CHỦ TỊCH":
        tier = agency.split(" ")[:5] if agency.startswith("Ủy ban nhân dân") else agency.split(" ")
        return f"Chủ tịch {' '.join(tier)}"
    return agency


def decision_context(
    plan: Plan,
    *,
    number: int | None = None,
    date: dt.date | None = None,
    executors: str = "",
    signer: Signer | None = None,
    recipients: list[str] | None = None,
) -> dict:
    """Quyết định ban hành kế hoạch: the decision, its articles, and the plan attached."""
    signer = signer or plan_signer(plan)
    issued_by = _issued_by(plan, signer)
    summary = f"Ban hành Kế hoạch {lower_first(plan.title)}"
    executors = executors or (
        "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành "
        "Quyết định này./."
    )
    heading = Heading(
        kind=Kind.DECISION,
        issuer=plan.issuer,
        code=code_for(Kind.DECISION, plan.issuer),
        place=plan.place,
        summary=summary,
        year=date.year if date else plan.year,
        number=number,
        date=date,
        signer=signer,
        recipients=recipients if recipients is not None else plan.recipient_list,
    )
    context = {"doc": heading_context(heading), "plan": plan_context(plan)}
    context["decision"] = {
        "authority": issued_by.upper(),
        "signed_by": issued_by,
        "bases": context["plan"]["legal_bases"],
        "articles": [
            f"Ban hành kèm theo Quyết định này Kế hoạch {lower_first(plan.title)}.",
            "Quyết định này có hiệu lực kể từ ngày ký.",
            executors,
        ],
    }
    return context


def dispatch_context(
    *,
    plan: Plan,
    issuer: Unit,
    drafting: str,
    summary: str = "",
    addressees: list[str] | None = None,
    body: list[str] | None = None,
    signer: Signer | None = None,
    recipients: list[str] | None = None,
    place: str = "",
    number: int | None = None,
    date: dt.date | None = None,
) -> dict:
    """Công văn triển khai: ``issuer`` forwards ``plan`` (a superior's plan) to its units."""
    reference = plan_reference(plan)
    summary = summary or f"triển khai {reference}"
    summary = re.sub(r"^V/v\s+", "", summary)
    units = addressees or [
        f"{child.name};" for child in Unit.objects.filter(parent=issuer, is_active=True).order_by("name")
    ]
    body = body or [
        f"{issuer.name} nhận được {reference} về việc {lower_first(plan.title)}.",
        "Đề nghị Thủ trưởng các cơ quan, đơn vị nghiên cứu, tổ chức triển khai thực hiện các nội dung "
        "được giao tại Kế hoạch; báo cáo kết quả thực hiện theo quy định./.",
    ]
    heading = Heading(
        kind=Kind.DISPATCH,
        issuer=issuer,
        code=code_for(Kind.DISPATCH, issuer, drafting),
        place=place or plan.place,
        summary=summary,
        year=date.year if date else plan.year,
        number=number,
        date=date,
        signer=signer or Signer(),
        recipients=recipients
        or ["Như trên;", f"{plan.issuer.short_name or plan.issuer.name} (b/c);", "Lưu: VT."],
        addressees=units,
        body=body,
    )
    return {"doc": heading_context(heading), "plan": {"title": plan.title, "reference": reference}}


# ----- the period report and the reminder ----------------------------------------------------------


def _deliverables(plan: Plan):
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
    due = _deliverables(plan).filter(due_date__gte=period_start, due_date__lte=period_end)
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
        code=code_for(Kind.REPORT, plan.issuer),
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


def late_units(plan: Plan, today: dt.date) -> list[tuple[Unit, list[Deliverable]]]:
    """Units with overdue deliverables on ``plan``, the latest first, each with what it owes."""
    grouped: dict[int, tuple[Unit, list[Deliverable]]] = {}
    for item in _deliverables(plan).overdue(today):
        grouped.setdefault(item.unit_id, (item.unit, []))[1].append(item)
    return sorted(grouped.values(), key=lambda pair: (-len(pair[1]), pair[0].name))


REMINDER_CLOSING = (
    "Đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên khẩn trương chỉ đạo thực hiện và báo cáo kết quả "
    "trước ngày {reply_by}. Trường hợp không thực hiện được, đề nghị báo cáo rõ lý do và đề xuất thời hạn "
    "hoàn thành./."
)
ESCALATION_CLOSING = (
    "Đề nghị Thủ trưởng {unit} khẩn trương chỉ đạo thực hiện và báo cáo kết quả trước ngày {reply_by}. "
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
        code=code_for(Kind.REMINDER, plan.issuer, drafting),
        place=plan.place,
        summary=f"đôn đốc thực hiện {reference}",
        year=date.year if date else today.year,
        number=number,
        date=date,
        signer=signer or plan_signer(plan),
        recipients=["Như trên;", "Lưu: VT."],
        addressees=[f"{unit.name};" for unit, _ in late],
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
        code=code_for(Kind.REMINDER, issuer),
        place=plans[0].place,
        summary=f"đôn đốc thực hiện {reference}",
        year=today.year,
        signer=plan_signer(plans[0]),
        recipients=["Như trên;", "Lưu: VT."],
        addressees=[f"{unit.name};"],
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
            "closing": [ESCALATION_CLOSING.format(unit=unit.name, reply_by=formatting.date_vn(reply_by))],
        },
    }


# ----- the survey results report -----------------------------------------------------------------

MET, NOT_MET, NO_DATA = "Đạt", "Chưa đạt", "—"
NBSP = "\u00a0"
SAMPLE_ENOUGH, SAMPLE_SHORT = "Đủ", "Chưa đủ"


def _period_span(key: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period key ("2023", "2023-Q1", "2023-03")."""
    kind, parts = period_parse(key)
    year = parts["year"]
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = (parts["quarter"] - 1) * 3 + 1 if kind == "quarter" else parts["month"]
    last = first + (2 if kind == "quarter" else 0)
    end = dt.date(year + last // 12, last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def _pct(value: float | None) -> str:
    """Index with one decimal and a decimal comma ("85,3"); a dash when nothing was measured."""
    return NO_DATA if value is None else formatting.number_vn(round(value, 1), 1)


def _change(now: Figure | None, before: Figure | None) -> str:
    if now is None or before is None or now.percent is None or before.percent is None:
        return NO_DATA
    # From the rounded figures, so the column agrees with the two printed beside it.
    delta = round(round(now.percent, 1) - round(before.percent, 1), 1)
    return f"{'+' if delta > 0 else ''}{formatting.number_vn(delta, 1)}"


def _met(campaign: Campaign, figure: Figure | None) -> str:
    met = campaign.target_met(figure.percent) if figure else None
    return NO_DATA if met is None else MET if met else NOT_MET


def _figure_row(order: str, name: str, now: Figure | None, before: Figure | None, campaign) -> dict:
    return {
        "order": order,
        "name": name,
        "n": now.n if now else 0,
        "index": _pct(now.percent if now else None),
        "previous": _pct(before.percent if before else None),
        "change": _change(now, before),
        "met": _met(campaign, now),
    }


def target_text(campaign: Campaign) -> str:
    """ "> 83%" for a target "trên 83%", "≥ 80%" for "từ 80% trở lên" (decimal comma if any)."""
    return f"{'>' if campaign.target_strict else '≥'} {formatting.number_vn(campaign.target_percent)}%"


def _collected(campaign: Campaign) -> dict[tuple[int, int, int], int]:
    """Questionnaires by (unit, year, month): one grouped query, summed over any span in Python."""
    rows = Response.objects.filter(campaign=campaign).values_list("unit_id", "year", "month")
    counts = rows.annotate(n=Count("id")).order_by()
    return {(unit, year, month): n for unit, year, month, n in counts}


def _count_between(collected: dict, unit_id: int, start: dt.date, end: dt.date) -> int:
    first, last = (start.year, start.month), (end.year, end.month)
    return sum(
        n
        for (unit, year, month), n in collected.items()
        if unit == unit_id and first <= (year, month) <= last
    )


def _sample_rows(campaign: Campaign, *, period: str, today: dt.date, names: dict[int, str]):
    """Per unit: the minimum of the quota periods touching the report period, and what was collected.

    A quota set for a longer span (the year, the whole campaign) than the report period is compared
    with what was collected from the span's start to the end of the period (lũy kế), not with the
    period alone, which would always look short.
    """
    start, end = _period_span(period)
    quotas: dict[int, list] = {}
    for row in quota_progress(campaign=campaign, today=today):
        span = (
            (campaign.period_start, campaign.period_end) if row.period == SPAN else _period_span(row.period)
        )
        if span[0] <= end and span[1] >= start:
            quotas.setdefault(row.unit_id, []).append((row, span))
    collected = _collected(campaign)
    rows, spans, short = [], set(), []
    for order, (unit_id, name) in enumerate(names.items(), start=1):
        found = quotas.get(unit_id, [])
        required = sum(row.required for row, _ in found)
        span_start = min((span[0] for _, span in found), default=start)
        spans.update(row.period for row, _ in found)
        cumulative = _count_between(collected, unit_id, span_start, end)
        enough = cumulative >= required
        if not enough:
            short.append(name)
        rows.append(
            {
                "order": str(order),
                "unit": name,
                "required": required,
                "in_period": _count_between(collected, unit_id, start, end),
                "cumulative": cumulative,
                "percent": formatting.number_vn(round(100 * cumulative / required), 0)
                if required
                else NO_DATA,
                "status": SAMPLE_ENOUGH if enough else SAMPLE_SHORT,
            }
        )
    return rows, spans, short


def _span_phrase(spans: set[str], campaign: Campaign) -> str:
    if not spans or spans == {SPAN}:
        return "cả đợt khảo sát"
    if len(spans) == 1:
        return period_label(next(iter(spans))).lower()
    return "các kỳ " + ", ".join(period_label(key).lower() for key in sorted(spans - {SPAN}))


def survey_report_context(
    campaign: Campaign,
    *,
    period: str,
    today: dt.date,
    doc_type: str = "BC",
    signer: Signer | None = None,
    number: int | None = None,
    date: dt.date | None = None,
) -> dict:
    """Báo cáo (or Thông báo) kết quả khảo sát: sample achieved vs required, the index per unit and per
    criterion against the plan's target, each with its number of answers and the previous period.

    Figures come from the surveys app's own functions (index_compute, quota_progress), so the document
    says exactly what the results page shows for the same period.
    """
    plan = campaign.plan
    issuer = plan.issuer
    period_parse(period)  # a malformed period fails here, with the surveys app's message
    previous = period_previous(period)
    period_name, previous_name = period_label(period), period_label(previous)
    scope = CampaignUnit.objects.filter(campaign=campaign).select_related("unit").order_by("unit__name")
    names = {cu.unit_id: cu.unit.display_name for cu in scope}
    now_all = index_compute(campaign=campaign, period=period, by_unit=False)
    before_all = index_compute(campaign=campaign, period=previous, by_unit=False, with_general=False)
    now_units = index_compute(campaign=campaign, period=period, by_unit=True, with_general=False)
    before_units = index_compute(campaign=campaign, period=previous, by_unit=True, with_general=False)

    total = now_all.overall.get(period, {}).get(None)
    total_before = before_all.overall.get(previous, {}).get(None)
    unit_rows = [
        _figure_row(
            str(order),
            name,
            now_units.overall.get(period, {}).get(unit_id),
            before_units.overall.get(previous, {}).get(unit_id),
            campaign,
        )
        for order, (unit_id, name) in enumerate(names.items(), start=1)
    ]
    now_criteria = now_all.by_criterion.get(period, {}).get(None, {})
    before_criteria = before_all.by_criterion.get(previous, {}).get(None, {})
    criterion_rows = [
        _figure_row(
            formatting.roman(order),
            criterion.name,
            now_criteria.get(criterion.pk),
            before_criteria.get(criterion.pk),
            campaign,
        )
        for order, criterion in enumerate(now_all.criteria, start=1)
    ]
    sample_rows, spans, short = _sample_rows(campaign, period=period, today=today, names=names)
    start, end = _period_span(period)
    target = target_text(campaign)
    verb = SURVEY_VERBS.get(doc_type, SURVEY_VERBS["BC"])
    methods = ", ".join(str(Channel(m).label).lower() for m in campaign.methods if m in Channel.values)

    summary = [f"Chỉ tiêu của Kế hoạch: chỉ số hài lòng {target}."]
    if total is not None and total.percent is not None:
        line = f"Chỉ số hài lòng chung {lower_first(period_name)}: {_pct(total.percent)}% ({total.n} ý kiến)"
        if total_before is not None and total_before.percent is not None:
            line += (
                f"; {lower_first(previous_name)}: {_pct(total_before.percent)}%, "
                f"thay đổi {_change(total, total_before)} điểm phần trăm"
            )
        summary.append(f"{line}; {_met(campaign, total).lower()} chỉ tiêu.")
    else:
        summary.append(f"Chưa có ý kiến trả lời nào trong {lower_first(period_name)}.")
    general = now_all.general.get(period, {}).get(None)
    if general is not None and general.percent is not None:
        summary.append(
            f"Câu hỏi về mức độ hài lòng chung: {_pct(general.percent)}% người trả lời hài lòng "
            f"({general.n} ý kiến)."
        )

    below_units = [f"{row['name']} ({row['index']}%)" for row in unit_rows if row["met"] == NOT_MET]
    below_criteria = [f"{row['name']} ({row['index']}%)" for row in criterion_rows if row["met"] == NOT_MET]
    closing = []
    if below_units:
        closing.append(
            f"Các đơn vị có chỉ số hài lòng chưa đạt chỉ tiêu: {'; '.join(below_units)}. Đề nghị Thủ trưởng "
            "các đơn vị rà soát nguyên nhân, có giải pháp nâng cao chất lượng phục vụ."
        )
    if below_criteria:
        closing.append(
            f"Các tiêu chí chưa đạt chỉ tiêu: {'; '.join(below_criteria)}. Đề nghị các cơ quan, đơn vị "
            "chủ trì các nhiệm vụ tương ứng của Kế hoạch tập trung thực hiện."
        )
    if short:
        closing.append(
            f"Các đơn vị chưa đủ số phiếu tối thiểu: {'; '.join(short)}. Đề nghị tổ chức khảo sát bổ sung "
            "để bảo đảm độ tin cậy của kết quả."
        )
    if not closing:
        closing.append("Các đơn vị đều đạt chỉ tiêu và đủ số phiếu khảo sát tối thiểu.")
    closing[-1] += "/."

    type_name = SURVEY_TYPES.get(doc_type, SURVEY_TYPES["BC"])
    symbol = issuer.symbol or issuer.code
    heading = Heading(
        kind=Kind.SURVEY,
        issuer=issuer,
        code=f"{doc_type if doc_type in SURVEY_TYPES else 'BC'}-{symbol}",
        place=plan.place,
        # A no-break space keeps "quý II/2022" on one line of the centred title.
        summary=f"Kết quả {lower_first(campaign.title)} ({lower_first(period_name).replace(' ', NBSP)})",
        year=date.year if date else today.year,
        number=number,
        date=date,
        signer=signer or plan_signer(plan),
        recipients=plan.recipient_list,
    )
    doc = heading_context(heading)
    doc["type_name"] = type_name
    return {
        "doc": doc,
        "plan": {"title": plan.title, "reference": plan_reference(plan)},
        "survey": {
            "campaign_id": campaign.pk,
            "campaign": campaign.title,
            "doc_type": doc_type,
            "period": period,
            "period_name": period_name,
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "previous": previous,
            "previous_name": previous_name,
            "target": target,
            "intro": [
                f"Thực hiện {plan_reference(plan)} về {lower_first(plan.title)}, {issuer.name} {verb} "
                f"kết quả khảo sát {lower_first(period_name)} (từ ngày {formatting.date_vn(start)} đến ngày "
                f"{formatting.date_vn(end)}) như sau:"
            ],
            "method": (
                f"Hình thức khảo sát: {methods or 'phiếu khảo sát'}; cách xác định cỡ mẫu: "
                f"{lower_first(str(campaign.get_design_display()))}."
            ),
            "sample_rows": sample_rows,
            "sample_total": {
                "required": sum(row["required"] for row in sample_rows),
                "in_period": sum(row["in_period"] for row in sample_rows),
                "cumulative": sum(row["cumulative"] for row in sample_rows),
            },
            "sample_note": (
                f"Số phiếu tối thiểu tính cho {_span_phrase(spans, campaign)}; lũy kế tính từ đầu kỳ tính "
                f"cỡ mẫu đến hết {lower_first(period_name)}."
            ),
            "summary": summary,
            "unit_rows": unit_rows,
            "unit_total": _figure_row("", "Chung", total, total_before, campaign),
            "criterion_rows": criterion_rows,
            "closing": closing,
        },
    }


# ----- numbering and sample data ----------------------------------------------------------------


def with_number(context: dict, *, number: int, date: dt.date) -> dict:
    """The same data with the register number and date filled in (for the registered copy)."""
    doc = dict(context["doc"])
    doc.update(
        number=number,
        number_text=number_text(number),
        symbol=f"{number_text(number)}/{doc['code']}",
        date=date.isoformat(),
        date_phrase=date_phrase(date, date.year),
        year=date.year,
    )
    return {**context, "doc": doc}


def _sample_doc(kind: str) -> dict:
    issuer = Unit(
        name="Ủy ban nhân dân huyện Mẫu", short_name="UBND huyện", symbol="UBND", kind=Unit.Kind.DISTRICT
    )
    heading = Heading(
        kind=kind,
        issuer=issuer,
        code=code_for(kind, issuer, "VP"),
        place="Mẫu",
        summary="Trích yếu mẫu",
        year=2025,
        signer=Signer("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"),
        recipients=["Như trên;", "Lưu: VT, VP."],
        addressees=["Phòng Nội vụ;", "Văn phòng HĐND và UBND;"],
        body=["Đoạn nội dung mẫu."],
    )
    return heading_context(heading)


def _sample_plan() -> dict:
    return {
        "title": "Kế hoạch mẫu năm 2025",
        "symbol": "01/KH-UBND",
        "date": "2025-01-06",
        "reference": "Kế hoạch số 01/KH-UBND ngày 06/01/2025 của UBND huyện",
        "issued_with": "",
        "legal_bases": ["Căn cứ Quyết định số 01/QĐ-UBND ngày 02/01/2025 của UBND tỉnh."],
        "intro": "Ủy ban nhân dân huyện Mẫu ban hành Kế hoạch mẫu như sau:",
        "purposes": ["- Mục đích mẫu."],
        "requirements": ["- Yêu cầu mẫu."],
        "targets": ["Mức độ hài lòng trên 83%"],
        "rows": [
            {"is_section": True, "order": "I", "content": "Tiêu chí Tiếp cận dịch vụ"},
            {
                "is_section": False,
                "order": "1",
                "content": "Nội dung công việc mẫu",
                "leads": "Phòng Nội vụ",
                "coordinating": "Văn phòng HĐND và UBND",
                "deadline": "Tháng 01/2025",
                "result": "Báo cáo",
            },
        ],
        "budget": {
            "lines": [
                {
                    "content": "Phần mềm khảo sát",
                    "unit_price": 150000000,
                    "unit_price_text": "150.000.000",
                    "quantity_text": "01 phần mềm",
                    "amount": 150000000,
                    "note": "",
                }
            ],
            "total": 150000000,
        },
        "parts": _parts(True, True),
        "task_appendix": "Phụ lục I",
        "budget_appendix": "Phụ lục II",
        "organisation": ["Tổ chức thực hiện mẫu./."],
    }


def sample_context(kind: str) -> dict:
    """Data of the right shape for ``kind``, to try an uploaded template before accepting it."""
    context = {"doc": _sample_doc(kind), "plan": _sample_plan()}
    if kind == Kind.DECISION:
        context["decision"] = {
            "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN",
            "signed_by": "Chủ tịch Ủy ban nhân dân huyện",
            "bases": context["plan"]["legal_bases"],
            "articles": ["Ban hành kèm theo Quyết định này Kế hoạch mẫu.", "Hiệu lực.", "Thi hành./."],
        }
    if kind == Kind.REPORT:
        context["report"] = {
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
        }
    if kind == Kind.SURVEY:
        context["doc"].update(type_name=SURVEY_TYPES["BC"], code="BC-UBND", symbol="/BC-UBND")
        figure = {"order": "1", "name": "Phòng Tư pháp", "n": 120, "index": "85,3", "previous": "83,1"}
        figure.update(change="+2,2", met=MET)
        context["survey"] = {
            "campaign_id": 0,
            "campaign": "Khảo sát mẫu năm 2025",
            "doc_type": "BC",
            "period": "2025-Q1",
            "period_name": "Quý I/2025",
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "previous": "2024-Q4",
            "previous_name": "Quý IV/2024",
            "target": "> 83%",
            "intro": ["Mở đầu mẫu:"],
            "method": "Hình thức khảo sát: phiếu giấy tại quầy.",
            "sample_rows": [
                {
                    "order": "1",
                    "unit": "Phòng Tư pháp",
                    "required": 100,
                    "in_period": 40,
                    "cumulative": 40,
                    "percent": "40",
                    "status": SAMPLE_SHORT,
                }
            ],
            "sample_total": {"required": 100, "in_period": 40, "cumulative": 40},
            "sample_note": "Số phiếu tối thiểu tính cho năm 2025.",
            "summary": ["Chỉ tiêu của Kế hoạch: chỉ số hài lòng > 83%."],
            "unit_rows": [figure],
            "unit_total": {**figure, "order": "", "name": "Chung"},
            "criterion_rows": [{**figure, "order": "I", "name": "Tiếp cận dịch vụ"}],
            "closing": ["Kết luận mẫu./."],
        }
    if kind == Kind.REMINDER:
        context["reminder"] = {
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
        }
    return context
