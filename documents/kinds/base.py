"""What every document kind shares: the heading (agency, number, place and date, signer, recipients),
the symbol, references to a plan, and the options a clerk types over the defaults.

The result of a context builder is plain JSON (dates as ISO strings), stored with the generated
document so it can be rendered again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans.models import Plan
from units.models import Unit

from .. import formatting
from ..models import DocumentTemplate

TOP_LEVEL_KINDS = {Unit.Kind.PROVINCE, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE}


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
    type_name: str = ""
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
        "type_name": heading.type_name,
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


def code_for(issuer: Unit, *, abbreviation: str = "", drafting: str = "") -> str:
    """The symbol after "/": type and issuer (KH-UBND), or issuer and drafting unit (STP-VP)."""
    symbol = issuer.symbol or issuer.code
    if abbreviation:
        return f"{abbreviation}-{symbol}"
    return f"{symbol}-{drafting}" if drafting else symbol


def plan_signer(plan: Plan) -> Signer:
    return Signer(plan.signer_authority, plan.signer_on_behalf_of, plan.signer_position, plan.signer_name)


def plan_reference(plan: Plan) -> str:
    """ "Kế hoạch số 1036/KH-UBND ngày 10/02/2020 của UBND tỉnh" (or without number for a draft)."""
    number = f" số {plan.symbol}" if plan.symbol else ""
    day = f" ngày {formatting.date_vn(plan.date)}" if plan.date else ""
    return f"Kế hoạch{number}{day} của {plan.issuer.short_name or plan.issuer.name}"


def plan_refs(*plans: Plan) -> dict[str, str]:
    """How the document cites each plan, kept with the data so a later number can replace the citation."""
    return {str(plan.pk): plan_reference(plan) for plan in plans}


def references_refreshed(context: dict) -> dict:
    """The data with every plan citation as the plan stands now: a draft written before the plan got
    its number and date names them once it is registered (or rendered again)."""
    refs = context.get("plan_refs") or {}
    plans = Plan.objects.select_related("issuer").in_bulk([int(key) for key in refs])
    now = {key: plan_reference(plans[int(key)]) for key in refs if int(key) in plans}
    changed = {old: now[key] for key, old in refs.items() if key in now and now[key] != old}
    if not changed:
        return context
    text = json.dumps(context, ensure_ascii=False)
    for old, new in changed.items():
        text = text.replace(
            json.dumps(old, ensure_ascii=False)[1:-1], json.dumps(new, ensure_ascii=False)[1:-1]
        )
    refreshed = json.loads(text)
    refreshed["plan_refs"] = {**refs, **now}
    return refreshed


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


# ----- what the clerk typed over the defaults -------------------------------------------------------


def typed_over(options: dict | None) -> tuple[dict, Signer | None]:
    """The non-empty options, and a signer if one was named."""
    options = {key: value for key, value in (options or {}).items() if value not in (None, "", [])}
    if not options.get("signer_name"):
        return options, None
    signer = Signer(
        options.get("signer_authority", ""),
        options.get("signer_on_behalf_of", ""),
        options.get("signer_position", ""),
        options["signer_name"],
    )
    return options, signer


# ----- sample data, to try an uploaded template before accepting it ----------------------------------


def sample_issuer() -> Unit:
    return Unit(
        name="Ủy ban nhân dân huyện Mẫu", short_name="UBND huyện", symbol="UBND", kind=Unit.Kind.DISTRICT
    )


def sample_doc(kind: str, *, type_name: str = "", abbreviation: str = "") -> dict:
    issuer = sample_issuer()
    heading = Heading(
        kind=kind,
        issuer=issuer,
        code=code_for(issuer, abbreviation=abbreviation, drafting="VP"),
        place="Mẫu",
        summary="Trích yếu mẫu",
        year=2025,
        type_name=type_name,
        signer=Signer("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"),
        recipients=["Như trên;", "Lưu: VT, VP."],
        addressees=["Phòng Nội vụ;", "Văn phòng HĐND và UBND;"],
        body=["Đoạn nội dung mẫu."],
    )
    return heading_context(heading)


def sample_plan_reference() -> dict:
    return {
        "title": "Kế hoạch mẫu năm 2025",
        "reference": "Kế hoạch số 01/KH-UBND ngày 06/01/2025 của UBND huyện",
    }


# ----- the form every kind starts from ----------------------------------------------------------------


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


SIGNER_AUTHORITIES = [
    ("", "—"),
    ("TM.", "TM."),
    ("KT.", "KT."),
    ("Q.", "Q."),
    ("TL.", "TL."),
    ("TUQ.", "TUQ."),
]


class KindForm(forms.Form):
    """The template of this kind the issuer may use, and the signer if not the plan's.

    A kind's form adds its own fields; ``options()`` gives them to the kind's context builder.
    """

    kind_code = ""
    with_signer = True

    template = forms.ModelChoiceField(
        label=_("Mẫu"),
        queryset=DocumentTemplate.objects.none(),
        required=False,
        empty_label=_("Mẫu đang dùng của cơ quan (hoặc mẫu chung)"),
    )
    signer_authority = forms.ChoiceField(label=_("Thẩm quyền ký"), choices=SIGNER_AUTHORITIES, required=False)
    signer_on_behalf_of = forms.CharField(label=_("Thay mặt / ký thay cho"), max_length=120, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    signer_name = forms.CharField(
        label=_("Họ tên người ký (để trống: như kế hoạch)"), max_length=120, required=False
    )

    def __init__(self, *args, issuers, source=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["template"].queryset = (
            DocumentTemplate.objects.filter(kind=self.kind_code, active=True)
            .filter(Q(issuer__isnull=True) | Q(issuer__in=issuers))
            .order_by("name", "-version")
        )
        if not self.with_signer:
            for name in ("signer_authority", "signer_on_behalf_of", "signer_position", "signer_name"):
                del self.fields[name]
        # The kind's own fields first, then the template and the signer.
        own = [name for name in self.fields if name not in self._common()]
        self.order_fields(own + [name for name in self._common() if name in self.fields])

    @staticmethod
    def _common() -> list[str]:
        return ["template", "signer_authority", "signer_on_behalf_of", "signer_position", "signer_name"]

    def options(self) -> dict:
        data = self.cleaned_data
        options = {}
        for name in self.fields:
            if name == "template":
                continue
            value = data.get(name)
            options[name] = value.strip() if isinstance(value, str) else value
        return options
