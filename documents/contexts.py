"""The data a template is rendered from: built from a plan, a period or the late units.

Other apps are read through their selectors and models; the result is plain JSON
(dates as ISO strings), stored with the generated document so it can be rendered again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from plans.models import Plan
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
            f"Định kỳ {Plan.ReportFrequency(plan.report_frequency).label.lower()}, các cơ quan, đơn vị báo "
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
            "closing": [
                "Đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên khẩn trương chỉ đạo thực hiện và báo "
                f"cáo kết quả trước ngày {formatting.date_vn(reply_by)}. Trường hợp không thực hiện "
                "được, đề nghị báo "
                "cáo rõ lý do và đề xuất thời hạn hoàn thành./."
            ],
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
