"""Quyết định ban hành kế hoạch: the decision, its articles, and the plan attached."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import Plan
from units.models import Unit

from .. import layout
from ..models import Kind
from . import plan as plan_kind
from .base import Heading, KindForm, Signer, code_for, heading_context, lower_first, plan_signer, sample_doc

TYPE_NAME = "QUYẾT ĐỊNH"
ABBREVIATION = "QĐ"
BUILTIN_FILE = "quyet_dinh_ban_hanh_ke_hoach.docx"


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
        code=code_for(plan.issuer, abbreviation=ABBREVIATION),
        type_name=TYPE_NAME,
        place=plan.place,
        summary=summary,
        year=date.year if date else plan.year,
        number=number,
        date=date,
        signer=signer,
        recipients=recipients if recipients is not None else plan.recipient_list,
    )
    context = {"doc": heading_context(heading), "plan": plan_kind.plan_context(plan)}
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


def context_build(
    plan: Plan, *, today: dt.date, issuer: Unit | None = None, options: dict
) -> tuple[Unit, dict]:
    return plan.issuer, decision_context(
        plan,
        executors=options.get("executors", ""),
        signer=options.get("signer"),
        recipients=options.get("recipients"),
    )


def sample_context() -> dict:
    context = {
        "doc": sample_doc(Kind.DECISION, type_name=TYPE_NAME, abbreviation=ABBREVIATION),
        "plan": plan_kind.sample_plan(),
    }
    context["decision"] = {
        "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN",
        "signed_by": "Chủ tịch Ủy ban nhân dân huyện",
        "bases": context["plan"]["legal_bases"],
        "articles": ["Ban hành kèm theo Quyết định này Kế hoạch mẫu.", "Hiệu lực.", "Thi hành./."],
    }
    return context


class Form(KindForm):
    kind_code = Kind.DECISION

    executors = forms.CharField(
        label=_("Điều thi hành (để trống: Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan…)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


# ----- the built-in template ------------------------------------------------------------------


def build():
    doc = layout.new_document()
    layout.header(doc)
    layout.title(doc, "QUYẾT ĐỊNH")
    layout.para(doc, "{{ decision.authority }}", bold=True, align=layout.CENTER, after=12)
    layout.tag_paragraph(doc, "{%p for text in decision.bases %}")
    layout.para(doc, "{{ text }}", italic=True, indent=True)
    layout.tag_paragraph(doc, "{%p endfor %}")
    layout.para(doc, "QUYẾT ĐỊNH:", bold=True, align=layout.CENTER, before=6, after=12)
    layout.tag_paragraph(doc, "{%p for text in decision.articles %}")
    paragraph = layout.para(doc, indent=True)
    layout.add_run(paragraph, "Điều {{ loop.index }}. ", bold=True)
    layout.add_run(paragraph, "{{ text }}")
    layout.tag_paragraph(doc, "{%p endfor %}")
    layout.signature(doc)
    layout.page_break(doc)
    layout.para(doc, "KẾ HOẠCH", bold=True, align=layout.CENTER, after=0, spacing=1.0)
    layout.para(doc, "{{ plan.title|upper }}", bold=True, align=layout.CENTER, after=0, spacing=1.0)
    layout.para(
        doc,
        "(Ban hành kèm theo Quyết định số {{ doc.number_text }}/{{ doc.code }} {{ doc.date_phrase }} "
        "của {{ decision.signed_by }})",
        italic=True,
        align=layout.CENTER,
        after=0,
    )
    layout.rule_line(doc, indent_cm=6.0)
    layout.para(doc, after=6)
    plan_kind.plan_body(doc, preamble=False)
    attached = "(Kèm theo Kế hoạch ban hành kèm theo Quyết định số {{ doc.number_text }}/{{ doc.code }})"
    plan_kind.appendices(doc, attached)
    return doc
