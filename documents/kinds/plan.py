"""Kế hoạch: the plan itself, with its legal bases, purposes, targets, task appendix and budget appendix."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Prefetch

from core.periods import Frequency
from plans.models import Plan
from plans.text_blocks import BULLET_MARKS, block_text
from tasks.models import Task, TaskAssignment
from units.models import Unit

from .. import formatting, layout
from ..models import Kind
from .base import Heading, KindForm, heading_context, plan_reference, plan_signer, sample_doc

TYPE_NAME = "KẾ HOẠCH"
ABBREVIATION = "KH"
BUILTIN_FILE = "ke_hoach.docx"
LEAD, COORDINATING = TaskAssignment.Role.LEAD, TaskAssignment.Role.COORDINATING
BASIS_PREFIX = re.compile(r"^(Căn cứ|Thực hiện|Xét|Theo)\b", re.IGNORECASE)


def _basis_lines(plan: Plan) -> list[str]:
    texts = []
    for basis in plan.legal_bases.all():
        text = (basis.text or str(basis)).strip().rstrip(";.")
        if not BASIS_PREFIX.match(text):
            text = f"Căn cứ {text}"
        texts.append(text)
    return [f"{text}{'.' if index == len(texts) - 1 else ';'}" for index, text in enumerate(texts)]


def _intro(plan: Plan) -> str:
    """The sentence before part I as the plan was signed, or the usual one when it has none."""
    return plan.intro.strip() or f"{plan.issuer.name} ban hành Kế hoạch {plan.title} như sau:"


def _task_rows(plan: Plan) -> list[dict]:
    """The task table in the document's order, a heading row before each section (two queries).

    Same order as tasks.selectors.plan_table, without the obligations it also reads.
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


def _text(plan: Plan) -> list[dict]:
    """The plan's own sections as the template writes them: a heading's printed line, or runs."""
    out = []
    for block in plan.text_blocks:
        if block["type"] == "heading":
            out.append({"heading": True, "text": block_text(block), "runs": []})
            continue
        runs = list(block["runs"])
        if block["type"] == "bullet":
            runs.insert(0, {"text": f"{BULLET_MARKS[block['level']]} ", "bold": False, "italic": False})
        out.append({"heading": False, "text": "", "runs": runs})
    return out


def _purposes_title(plan: Plan) -> str:
    """Part I in the case the plan writes its other parts: "MỤC ĐÍCH, YÊU CẦU" or "Mục đích, yêu cầu"."""
    titles = [b["text"] for b in plan.text_blocks if b["type"] == "heading" and b["level"] == 1]
    if titles and not any(title.isupper() for title in titles):
        return "Mục đích, yêu cầu"
    return "MỤC ĐÍCH, YÊU CẦU"


TASK_APPENDIX_TITLE = "NỘI DUNG NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN"
BUDGET_APPENDIX_TITLE = "KINH PHÍ THỰC HIỆN KẾ HOẠCH"


def _appendices(plan: Plan, *, has_rows: bool, has_budget: bool) -> dict:
    """Which appendices the plan has and their names: "Phụ lục" alone, "Phụ lục I, II…" for several."""
    present = [
        name
        for name, there in (("task", plan.tasks_in_appendix and has_rows), ("budget", has_budget))
        if there
    ]
    names = {
        name: "Phụ lục" if len(present) == 1 else f"Phụ lục {formatting.roman(index)}"
        for index, name in enumerate(present, start=1)
    }
    return {
        "task_appendix": names.get("task", ""),
        "budget_appendix": names.get("budget", ""),
        "task_appendix_title": (plan.task_appendix_title or TASK_APPENDIX_TITLE).upper(),
        "budget_appendix_title": (plan.budget_appendix_title or BUDGET_APPENDIX_TITLE).upper(),
    }


def _parts(has_targets: bool, has_budget: bool) -> dict:
    names = ["purposes", *(["targets"] if has_targets else []), "tasks"]
    names += [*(["budget"] if has_budget else []), "organisation"]
    return {name: formatting.roman(index) for index, name in enumerate(names, start=1)}


def plan_context(plan: Plan) -> dict:
    """The plan with its legal bases, purposes, targets, task table and budget."""
    budget = _budget(plan)
    targets = [f"- {target.metric}: {target.text or target}" for target in plan.targets.all()]
    reporter = plan.issuer.short_name or plan.issuer.name
    rows = _task_rows(plan)
    return {
        "title": plan.title,
        "symbol": plan.symbol,
        "date": plan.date.isoformat() if plan.date else None,
        "reference": plan_reference(plan),
        "issued_with": plan.issued_with,
        # A signed intro that opens with "Căn cứ" carries the bases itself (Cam Lâm's one paragraph).
        "legal_bases": [] if BASIS_PREFIX.match(plan.intro.strip()) else _basis_lines(plan),
        "intro": _intro(plan),
        "purposes": formatting.lines(plan.purposes),
        "requirements": formatting.lines(plan.requirements),
        "targets": targets,
        "rows": rows,
        "budget": budget,
        "parts": _parts(bool(targets), bool(budget["lines"])),
        "purposes_title": _purposes_title(plan),
        "text": _text(plan),
        **_appendices(plan, has_rows=bool(rows), has_budget=bool(budget["lines"])),
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
        type_name=TYPE_NAME,
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


def context_build(
    plan: Plan, *, today: dt.date, issuer: Unit | None = None, options: dict
) -> tuple[Unit, dict]:
    return plan.issuer, plan_document_context(plan)


def sample_plan() -> dict:
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
        "purposes_title": "MỤC ĐÍCH, YÊU CẦU",
        "text": [],
        "task_appendix": "Phụ lục I",
        "budget_appendix": "Phụ lục II",
        "task_appendix_title": TASK_APPENDIX_TITLE,
        "budget_appendix_title": BUDGET_APPENDIX_TITLE,
        "organisation": ["Tổ chức thực hiện mẫu./."],
    }


def sample_context() -> dict:
    return {
        "doc": sample_doc(Kind.PLAN, type_name=TYPE_NAME, abbreviation=ABBREVIATION),
        "plan": sample_plan(),
    }


class Form(KindForm):
    """A Kế hoạch is the plan as it stands: only the template is chosen."""

    kind_code = Kind.PLAN
    with_signer = False


# ----- the built-in template ------------------------------------------------------------------


def plan_body(doc, *, preamble: bool = True) -> None:
    """Legal bases and intro (not repeated in a plan attached to its decision), purposes, requirements,
    targets, the pointer to the task appendix, budget, organisation."""
    if preamble:
        layout.tag_paragraph(doc, "{%p for text in plan.legal_bases %}")
        layout.para(doc, "{{ text }}", italic=True, indent=True)
        layout.tag_paragraph(doc, "{%p endfor %}")
        layout.tag_paragraph(doc, "{%p if plan.intro %}")
        layout.para(doc, "{{ plan.intro }}", indent=True)
        layout.tag_paragraph(doc, "{%p endif %}")
    layout.para(doc, "{{ plan.parts.purposes }}. {{ plan.purposes_title }}", bold=True, indent=True)
    layout.para(doc, "1. Mục đích", bold=True, indent=True)
    layout.body_paragraphs(doc, "plan.purposes")
    layout.para(doc, "2. Yêu cầu", bold=True, indent=True)
    layout.body_paragraphs(doc, "plan.requirements")
    layout.tag_paragraph(doc, "{%p if plan.text %}")
    own_text(doc)
    layout.tag_paragraph(doc, "{%p else %}")
    generic_parts(doc)
    layout.tag_paragraph(doc, "{%p endif %}")


def own_text(doc) -> None:
    """The plan's own sections (plans.text_blocks): headings bold, paragraphs and bullets run by run."""
    layout.tag_paragraph(doc, "{%p for block in plan.text %}")
    layout.tag_paragraph(doc, "{%p if block.heading %}")
    layout.para(doc, "{{ block.text }}", bold=True, indent=True)
    layout.tag_paragraph(doc, "{%p else %}")
    layout.rich_paragraph(doc, "block.runs", indent=True)
    layout.tag_paragraph(doc, "{%p endif %}")
    layout.tag_paragraph(doc, "{%p endfor %}")


def generic_parts(doc) -> None:
    """Targets, the pointer to the task appendix, budget and organisation, for a plan without its own text."""
    layout.tag_paragraph(doc, "{%p if plan.targets %}")
    layout.para(doc, "{{ plan.parts.targets }}. CHỈ TIÊU", bold=True, indent=True)
    layout.body_paragraphs(doc, "plan.targets")
    layout.tag_paragraph(doc, "{%p endif %}")
    layout.para(
        doc, "{{ plan.parts.tasks }}. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN", bold=True, indent=True
    )
    layout.tag_paragraph(doc, "{%p if plan.task_appendix %}")
    layout.para(doc, "Chi tiết tại {{ plan.task_appendix }} kèm theo Kế hoạch này.", indent=True)
    layout.tag_paragraph(doc, "{%p endif %}")
    layout.tag_paragraph(doc, "{%p if plan.budget.lines %}")
    layout.para(doc, "{{ plan.parts.budget }}. KINH PHÍ THỰC HIỆN", bold=True, indent=True)
    layout.para(
        doc,
        "Tổng kinh phí thực hiện Kế hoạch là {{ plan.budget.total|money }} đồng "
        "({{ plan.budget.total|money_words }}), chi tiết tại {{ plan.budget_appendix }} kèm theo.",
        indent=True,
    )
    layout.tag_paragraph(doc, "{%p endif %}")
    layout.para(doc, "{{ plan.parts.organisation }}. TỔ CHỨC THỰC HIỆN", bold=True, indent=True)
    layout.body_paragraphs(doc, "plan.organisation")


# Landscape: 25.2 cm of text (297 mm less the 30 and 15 mm margins).
TASK_WIDTHS = [1.2, 8.4, 4.0, 3.8, 3.0, 4.8]


def task_appendix(doc, attached_to: str) -> None:
    layout.appendix_heading(
        doc, "{{ plan.task_appendix|upper }}", "{{ plan.task_appendix_title }}", attached_to
    )
    headers = [
        "Stt",
        "Nội dung công việc",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Kết quả",
    ]
    table = layout.grid_table(doc, headers, TASK_WIDTHS)
    layout.control_row(table, "{%tr for row in plan.rows %}")
    layout.control_row(table, "{%tr if row.is_section %}")
    layout.add_row(
        table,
        ["{{ row.order }}", "{{ row.content }}", "", "", "", ""],
        bold=True,
        aligns=[layout.CENTER, layout.LEFT] * 3,
    )
    layout.control_row(table, "{%tr else %}")
    layout.add_row(
        table,
        [
            "{{ row.order }}",
            "{{ row.content }}",
            "{{ row.leads }}",
            "{{ row.coordinating }}",
            "{{ row.deadline }}",
            "{{ row.result }}",
        ],
        aligns=[layout.CENTER, layout.LEFT, layout.LEFT, layout.LEFT, layout.CENTER, layout.LEFT],
    )
    layout.control_row(table, "{%tr endif %}")
    layout.control_row(table, "{%tr endfor %}")
    layout.finish_table(table, TASK_WIDTHS)


BUDGET_WIDTHS = [1.3, 8.9, 4.0, 3.6, 4.2, 3.2]


def budget_appendix(doc, attached_to: str) -> None:
    layout.appendix_heading(
        doc, "{{ plan.budget_appendix|upper }}", "{{ plan.budget_appendix_title }}", attached_to
    )
    headers = ["STT", "Nội dung chi", "Đơn giá (đồng)", "Số lượng", "Thành tiền (đồng)", "Ghi chú"]
    table = layout.grid_table(doc, headers, BUDGET_WIDTHS)
    layout.control_row(table, "{%tr for line in plan.budget.lines %}")
    layout.add_row(
        table,
        [
            "{{ loop.index }}",
            "{{ line.content }}",
            "{{ line.unit_price_text }}",
            "{{ line.quantity_text }}",
            "{{ line.amount|money }}",
            "{{ line.note }}",
        ],
        aligns=[layout.CENTER, layout.LEFT, layout.RIGHT, layout.CENTER, layout.RIGHT, layout.LEFT],
    )
    layout.control_row(table, "{%tr endfor %}")
    layout.add_row(table, ["", "Tổng cộng", "", "", "{{ plan.budget.total|money }}", ""], bold=True)
    layout.finish_table(table, BUDGET_WIDTHS)
    layout.para(
        doc,
        "Bằng chữ: {{ plan.budget.total|money_words }}.",
        italic=True,
        before=6,
        indent=True,
    )


def appendices(doc, attached_to: str) -> None:
    """The task and budget appendices after the main text, each in a landscape section of its own,
    numbered from 1 (Decree 30). The main text's section ends here; the last appendix lives in the
    document's final section, so a plan with one appendix has exactly two sections."""
    layout.new_section(doc, landscape=True, restart_numbering=True)
    layout.tag_paragraph(doc, "{%p if plan.task_appendix %}")
    task_appendix(doc, attached_to)
    layout.tag_paragraph(doc, "{%p if plan.budget_appendix %}")
    layout.new_section(doc, landscape=True, restart_numbering=True)
    layout.tag_paragraph(doc, "{%p endif %}")
    layout.tag_paragraph(doc, "{%p endif %}")
    layout.tag_paragraph(doc, "{%p if plan.budget_appendix %}")
    budget_appendix(doc, attached_to)
    layout.tag_paragraph(doc, "{%p endif %}")


def build():
    doc = layout.new_document()
    layout.header(doc)
    layout.title(doc, "KẾ HOẠCH")
    plan_body(doc)
    layout.signature(doc)
    attached = (
        "(Kèm theo Kế hoạch số {{ doc.number_text }}/{{ doc.code }} {{ doc.date_phrase }} "
        "của {{ doc.agency_name }})"
    )
    appendices(doc, attached)
    return doc
