"""Công văn triển khai: an issuer forwards a plan (often a superior's) to its units."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import Plan
from units.models import Unit

from .. import layout
from ..models import Kind
from .base import (
    Heading,
    KindForm,
    Signer,
    code_for,
    heading_context,
    lines_of,
    lower_first,
    plan_reference,
    sample_doc,
    sample_plan_reference,
)

TYPE_NAME = ""  # a công văn has no type name and no abbreviation (Decree 30, Phụ lục III §I)
BUILTIN_FILE = "cong_van_trien_khai.docx"


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
        code=code_for(issuer, drafting=drafting),
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


def context_build(
    plan: Plan, *, today: dt.date, issuer: Unit | None = None, options: dict
) -> tuple[Unit, dict]:
    issuer = issuer or plan.issuer
    return issuer, dispatch_context(
        plan=plan,
        issuer=issuer,
        drafting=options.get("drafting", ""),
        summary=options.get("summary", ""),
        addressees=options.get("addressees"),
        body=options.get("body"),
        signer=options.get("signer"),
        recipients=options.get("recipients"),
    )


def sample_context() -> dict:
    return {"doc": sample_doc(Kind.DISPATCH), "plan": sample_plan_reference()}


class Form(KindForm):
    kind_code = Kind.DISPATCH

    issuer = forms.ModelChoiceField(
        label=_("Cơ quan gửi công văn triển khai"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Để trống: cơ quan ban hành kế hoạch."),
    )
    drafting = forms.CharField(
        label=_("Ký hiệu đơn vị soạn thảo"), max_length=20, required=False, initial="VP"
    )
    summary = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    addressees = forms.CharField(
        label=_("Kính gửi (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    body = forms.CharField(
        label=_("Nội dung (mỗi dòng một đoạn)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, issuers=issuers, **kwargs)
        self.fields["issuer"].queryset = issuers

    def clean_addressees(self):
        return lines_of(self.cleaned_data["addressees"])

    def clean_body(self):
        return lines_of(self.cleaned_data["body"])

    def options(self) -> dict:
        options = super().options()
        options.pop("issuer", None)
        return options


# ----- the built-in template ------------------------------------------------------------------


def build():
    doc = layout.new_document()
    layout.header(doc, dispatch=True)
    layout.para(doc, after=6)
    layout.addressees(doc)
    layout.body_paragraphs(doc)
    layout.signature(doc)
    return doc
