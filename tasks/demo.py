"""Demo data: the organisation and the five seed plans, replayed through the services.

Each seed plan's history is replayed at the dates it would have happened (clock
moved with time-machine) so timeliness and logs read as they would in real use.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.text import fold
from plans.models import Plan
from units.models import Membership, Unit, UnitAlias
from units.selectors import access_for, access_stale

from .models import Deliverable, ExtensionRequest
from .services import deliverables as flow
from .services import extensions
from .services.lifecycle import plan_create_from_data, plan_issue

DATA_DIR = Path(__file__).parent / "demo_data"
PLAN_FILES = ["vinhmy_2021", "binhphuoc_2023", "camlam_2022", "camau_2015", "dongnai_2020"]
DEMO_PASSWORD = "kehoach2026"  # noqa: S105 — printed on the console for the demo only
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
User = get_user_model()


def _load(name: str) -> dict:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _save_unit(node: dict, parent: Unit | None) -> None:
    fields = {
        "parent": parent,
        "name": node["name"],
        "short_name": node.get("short_name", ""),
        "symbol": node.get("symbol", ""),
        "kind": node.get("kind", Unit.Kind.OFFICE),
        "requires_head_approval": bool(node.get("requires_head_approval")),
    }
    unit, created = Unit.objects.get_or_create(code=node["code"], defaults=fields)
    # A unit reorganised since keeps what the events made of it (name, parent).
    if not created and not unit.reorganisations.exists():
        Unit.objects.filter(pk=unit.pk).update(**fields)
        access_stale()  # an update sends no signal
    for text in node.get("aliases", []):
        UnitAlias.objects.get_or_create(unit=unit, folded=fold(text), defaults={"text": text})
    for child in node.get("children", []):
        _save_unit(child, unit)


@functools.cache
def _demo_password_hash() -> str:
    # Hashing is deliberately slow; every demo account shares one hash.
    return make_password(DEMO_PASSWORD)


def _user(username: str, full_name: str = "", **extra):
    last, _, first = full_name.rpartition(" ")
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "password": _demo_password_hash(), **extra},
    )
    return user


def load_units_and_accounts() -> list[tuple[str, str, str]]:
    """Create units and accounts; return (username, name, roles) of the named accounts."""
    data = _load("units")
    for root in data["units"]:
        _save_unit(root, None)
    units = {u.code: u for u in Unit.objects.all()}
    shown = [("admin", "Quản trị hệ thống", "quản trị (trang /admin/)")]
    _user("admin", "Quản trị hệ thống", is_staff=True, is_superuser=True)
    for account in data["accounts"]:
        user = _user(account["username"], account.get("full_name", ""))
        roles = []
        for m in account["memberships"]:
            Membership.objects.get_or_create(user=user, unit=units[m["unit"]], role=m["role"])
            roles.append(f"{Membership.Role(m['role']).label} — {units[m['unit']]}")
        shown.append((user.username, account.get("full_name", ""), "; ".join(roles)))
    return shown


def _member(unit: Unit, role: str, prefix: str, title: str):
    """The unit's person in ``role``: a named demo account, or one generated for the demo."""
    membership = Membership.objects.filter(unit=unit, role=role).select_related("user").first()
    if membership:
        return membership.user
    user = _user(f"{prefix}.{unit.code.lower()}", f"{title} {unit.display_name}")
    Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return user


def _officer(unit: Unit):
    return _member(unit, Membership.Role.OFFICER, "cb", "Cán bộ")


def _head(unit: Unit):
    return _member(unit, Membership.Role.HEAD, "ld", "Lãnh đạo")


def _coordinator(plan: Plan):
    admin = User.objects.get(username="admin")
    for membership in Membership.objects.filter(role=Membership.Role.COORDINATOR).select_related("user"):
        if access_for(membership.user).can_manage_issuer(plan.issuer_id):
            return membership.user
    return admin


def _demo_pdf(title: str) -> SimpleUploadedFile:
    """A one-page PDF standing in for a scanned signed report."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")[:90]
    stream = f"BT /F1 12 Tf 50 780 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return SimpleUploadedFile("bao-cao-ket-qua.pdf", body, content_type="application/pdf")


def _at(day: dt.date, hour: int = 9):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def _roll(*keys) -> float:
    digest = hashlib.sha256("|".join(map(str, keys)).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _replay(deliverable: Deliverable, reviewer, today: dt.date) -> None:
    """Move one deliverable to a plausible state, at plausible dates."""
    # Keyed on what the plan says, not on ids: on PostgreSQL ids depend on what was written before.
    task = deliverable.task
    roll = _roll(task.plan.title, task.position, task.content, deliverable.unit.code, deliverable.due_date)
    due = deliverable.due_date
    if roll >= 0.86 or due > today:
        return  # still owed
    if roll >= 0.83:
        with time_machine.travel(_at(due - dt.timedelta(days=3)), tick=False):
            flow.deliverable_waive(
                deliverable=deliverable,
                actor=reviewer,
                reason="Nội dung đã được thực hiện lồng ghép trong nhiệm vụ khác.",
            )
        return
    officer = _officer(deliverable.unit)
    shift = int(roll * 100) % 6 - 4 if roll < 0.6 else int(roll * 100) % 9 + 1  # early/on time, or late
    sent = min(due + dt.timedelta(days=shift), today)
    text = f"Đơn vị đã triển khai thực hiện nội dung «{deliverable.task.content[:120]}». Kết quả đạt yêu cầu."
    with time_machine.travel(_at(sent), tick=False):
        files = (
            [_demo_pdf(f"Bao cao ket qua - {deliverable.unit.code}")]
            if deliverable.task.requires_evidence
            else []
        )
        flow.deliverable_submit(
            deliverable=deliverable, actor=officer, text=text, percent_done=100, files=files
        )
    if deliverable.unit.requires_head_approval:
        if roll >= 0.78:
            return  # waiting for the unit head
        with time_machine.travel(_at(sent, 15), tick=False):
            flow.deliverable_approve(deliverable=deliverable, actor=_head(deliverable.unit))
    if roll >= 0.74:
        return  # awaiting Nội vụ's review
    with time_machine.travel(_at(min(sent + dt.timedelta(days=2), today), 10), tick=False):
        if roll >= 0.66:
            flow.deliverable_return(
                deliverable=deliverable,
                actor=reviewer,
                comment="Báo cáo chưa nêu số liệu cụ thể; đề nghị bổ sung và gửi lại.",
            )
        else:
            flow.deliverable_accept(deliverable=deliverable, actor=reviewer)


def _replay_extensions(plan: Plan, reviewer) -> None:
    """One approved and one pending extension request, so both screens show one."""
    open_items = list(Deliverable.objects.filter(task__plan=plan).open().select_related("unit")[:2])
    for index, item in enumerate(open_items):
        officer = _officer(item.unit)
        asked = item.due_date - dt.timedelta(days=5)
        with time_machine.travel(_at(asked), tick=False):
            request = extensions.extension_request(
                deliverable=item,
                actor=officer,
                requested_due_date=item.due_date + dt.timedelta(days=15),
                reason="Đơn vị đang chờ số liệu tổng hợp từ Bộ phận một cửa; đề nghị lùi hạn 15 ngày.",
            )
        if index == 0:
            with time_machine.travel(_at(asked + dt.timedelta(days=1)), tick=False):
                extensions.extension_approve(request=request, actor=reviewer, comment="Đồng ý.")


def load_plan(name: str, today: dt.date) -> tuple[Plan, bool]:
    data = _load(name)
    issuer = Unit.objects.get(code=data["issuer"])
    existing = Plan.objects.filter(issuer=issuer, year=data["year"], title=data["title"]).first()
    if existing:
        return existing, False
    with transaction.atomic():
        plan = plan_create_from_data(data)
        if data.get("state") != "issued":
            return plan, True
        reviewer = _coordinator(plan)
        issued_on = plan.date or plan.period_start
        with time_machine.travel(_at(issued_on, 8), tick=False):
            plan = plan_issue(plan=plan, actor=reviewer, comment="Ban hành kế hoạch.")
        deliverables = Deliverable.objects.filter(task__plan=plan).select_related("task__plan", "unit")
        for deliverable in deliverables.order_by("due_date", "id"):
            _replay(deliverable, reviewer, today)
        _replay_extensions(plan, reviewer)
    return plan, True


def load_demo(today: dt.date) -> dict:
    accounts = load_units_and_accounts()
    plans = [load_plan(name, today) for name in PLAN_FILES]
    return {
        "accounts": accounts,
        "plans": plans,
        "pending_extensions": ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING).count(),
    }
