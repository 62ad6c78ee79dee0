"""Demo documents: the seed documents regenerated from the demo data, with their real numbers.

Registering 09/KH-UBND (Vinh Mỹ 2021), 1036/KH-UBND (Đồng Nai 2020), 376/STP-VP (Sở Tư pháp
2020) and 308/QĐ-UBND (Cà Mau 2015) makes each register continue after them. Running it
again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth import get_user_model
from django.db import transaction

from plans.models import Plan
from tasks.demo import DATA_DIR
from units.models import Membership, Unit

from . import services
from .kinds import decision, dispatch
from .kinds import plan as plan_kind
from .kinds.base import Signer
from .models import GeneratedDocument, Kind

CAMAU_EXECUTORS = (
    "Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành tỉnh có liên "
    "quan và Chủ tịch Ủy ban nhân dân các huyện, thành phố Cà Mau, Chủ tịch Ủy ban nhân dân xã, phường, "
    "thị trấn được chọn điều tra chịu trách nhiệm thi hành Quyết định này./."
)


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _plan(name: str) -> Plan:
    data = _load(name)
    return Plan.objects.select_related("issuer").get(issuer__code=data["issuer"], title=data["title"])


def _clerk(issuer: Unit):
    membership = (
        Membership.objects.filter(unit=issuer, role=Membership.Role.CLERK).select_related("user").first()
    )
    return membership.user if membership else get_user_model().objects.get(username="admin")


def _exists(issuer: Unit, kind: str, year: int | None, number: int | None, plan: Plan | None) -> bool:
    documents = GeneratedDocument.objects.filter(issuer=issuer, kind=kind)
    if number is not None:
        return documents.filter(year=year, number=number).exists()
    return documents.filter(plan=plan).exists()


def _make(
    *,
    kind: str,
    issuer: Unit,
    context: dict,
    plan: Plan,
    number: int | None = None,
    date: dt.date | None = None,
) -> GeneratedDocument | None:
    if _exists(issuer, kind, date.year if date else None, number, plan):
        return None
    actor = _clerk(issuer)
    template = services.template_resolve(kind=kind, issuer=issuer)
    with transaction.atomic():
        document = services.document_create(
            kind=kind, template=template, issuer=issuer, context=context, actor=actor, plan=plan
        )
        if number is not None:
            document = services.document_register(document=document, actor=actor, number=number, date=date)
    return document


def _dispatch(today: dt.date) -> GeneratedDocument | None:
    data = _load("dongnai_stp_dispatch_2020")
    issuer = Unit.objects.get(code=data["issuer"])
    plan = _plan("dongnai_2020")
    date = dt.date.fromisoformat(data["date"])
    context = dispatch.dispatch_context(
        plan=plan,
        issuer=issuer,
        drafting=data["doc_code"].split("-", 1)[1],
        summary=data["summary"],
        addressees=data["addressees"],
        body=data["body"],
        signer=Signer(**data["signer"]),
        recipients=data["recipients"],
        place=data["place"],
    )
    return _make(
        kind=Kind.DISPATCH, issuer=issuer, context=context, plan=plan, number=data["number"], date=date
    )


def load_demo(today: dt.date) -> list[str]:
    services.builtin_templates_sync()
    made: list[GeneratedDocument | None] = []
    for name in ("vinhmy_2021", "dongnai_2020"):
        plan = _plan(name)
        made.append(
            _make(
                kind=Kind.PLAN,
                issuer=plan.issuer,
                context=plan_kind.plan_document_context(plan),
                plan=plan,
                number=plan.number,
                date=plan.date,
            )
        )
    camau = _plan("camau_2015")
    made.append(
        _make(
            kind=Kind.DECISION,
            issuer=camau.issuer,
            context=decision.decision_context(camau, executors=CAMAU_EXECUTORS),
            plan=camau,
            number=308,
            date=dt.date(2015, 3, 4),
        )
    )
    made.append(_dispatch(today))
    camlam = _plan("camlam_2022")
    made.append(
        _make(
            kind=Kind.PLAN, issuer=camlam.issuer, context=plan_kind.plan_document_context(camlam), plan=camlam
        )
    )
    return [f"{doc.symbol or 'dự thảo'} {doc.summary[:70]}" for doc in made if doc is not None]
