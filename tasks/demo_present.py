"""Demo data in the present: the 1 July 2025 reform applied to the demo tree, then this year's plans.

The seed plans stay as history. The reform goes through the reorganisation service, as a
province's batch would; the current-year plans are generated relative to the load date
(items due this week, a few late by days, reports awaiting review), the same for the same
date, and found again (not duplicated) when loaded twice.
"""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import transaction

from plans.models import Plan
from units.models import Membership, Reorganisation, Unit
from units.reorganisation import EventSpec, reorganisation_apply_all

from .demo import User, _at, _coordinator, _head, _officer, _save_unit, _user
from .models import Deliverable
from .services import deliverables as flow
from .services.lifecycle import plan_create_from_data, plan_issue

Kind = Reorganisation.Kind
Role = Membership.Role
REFORM = dt.date(2025, 7, 1)
NQ_PROVINCES = "Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
LAW_2025 = (
    "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (kết thúc hoạt động của đơn vị hành chính cấp huyện)"
)
NQ_KHANHHOA = "Nghị quyết số 1667/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp các ĐVHC cấp xã của tỉnh Khánh Hòa"
NQ_COMMUNES = "Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp các ĐVHC cấp xã năm 2025"
NQ_HUE = "Nghị quyết số 175/2024/QH15 ngày 30/11/2024 của Quốc hội về thành lập thành phố Huế"

# Units the old tree lacked, present before the reform (Bạc Liêu merges into Cà Mau).
EXTRA_UNITS = [
    {
        "code": "BACLIEU-UBND",
        "name": "Ủy ban nhân dân tỉnh Bạc Liêu",
        "short_name": "UBND tỉnh Bạc Liêu",
        "symbol": "UBND",
        "kind": "province",
        "children": [
            {"code": "BACLIEU-SNV", "name": "Sở Nội vụ tỉnh Bạc Liêu", "symbol": "SNV", "kind": "department"}
        ],
    },
    {
        "code": "HUE-SNV",
        "name": "Sở Nội vụ tỉnh Thừa Thiên Huế",
        "symbol": "SNV",
        "kind": "department",
        "parent": "HUE-UBND",
    },
]

XA = "XA-CAMLAM"
SCT = "DONGNAI-SCT"


def _event(
    kind, sources, into=(), *, date=REFORM, basis=NQ_COMMUNES, name="", code="", parent="", carry=True
):
    return {
        "kind": kind,
        "date": date,
        "basis": basis,
        "sources": sources,
        "into": list(into),
        "name": name,
        "code": code,
        "parent": parent,
        "carry": carry,
    }


def _events() -> list[dict]:
    """The reform, in the order a province would apply it: communes and offices, then districts."""
    return [
        # Huế became a centrally-run city on 1 January 2025.
        _event(
            Kind.RENAME,
            ["HUE-UBND"],
            date=dt.date(2025, 1, 1),
            basis=NQ_HUE,
            name="Ủy ban nhân dân thành phố Huế",
        ),
        _event(
            Kind.RENAME, ["HUE-SNV"], date=dt.date(2025, 1, 1), basis=NQ_HUE, name="Sở Nội vụ thành phố Huế"
        ),
        # Phú Lộc district ends; Vinh Mỹ answers to the city.
        _event(Kind.DISSOLVE, ["PHULOC-PNV"], ["HUE-SNV"], basis=LAW_2025, carry=False),
        _event(Kind.DISSOLVE, ["PHULOC-UBND"], ["HUE-UBND"], basis=LAW_2025, carry=False),
        # Cam Lâm: three communes become xã Cam Lâm, the district's offices become the commune's.
        _event(
            Kind.MERGE,
            ["CAMLAM-CAMDUC", "CAMLAM-CAMHAITAY", "CAMLAM-CAMTHANHBAC"],
            basis=NQ_KHANHHOA,
            code=XA,
            name="Ủy ban nhân dân xã Cam Lâm",
            parent="KHANHHOA-UBND",
        ),
        _event(
            Kind.MERGE,
            ["CAMLAM-VP", "CAMLAM-PNV", "CAMLAM-PTP"],
            basis=NQ_KHANHHOA,
            code=f"{XA}-VP",
            name="Văn phòng HĐND và UBND xã Cam Lâm",
            parent=XA,
        ),
        _event(
            Kind.MERGE,
            ["CAMLAM-PVHTT", "CAMLAM-TTVHTT", "CAMLAM-PLDTBXH"],
            basis=NQ_KHANHHOA,
            code=f"{XA}-VHXH",
            name="Phòng Văn hóa - Xã hội xã Cam Lâm",
            parent=XA,
        ),
        _event(
            Kind.MERGE,
            ["CAMLAM-PKTHT", "CAMLAM-PTNMT", "CAMLAM-PTCKH"],
            basis=NQ_KHANHHOA,
            code=f"{XA}-KT",
            name="Phòng Kinh tế xã Cam Lâm",
            parent=XA,
        ),
        _event(
            Kind.MERGE,
            ["CAMLAM-TNTKQ"],
            basis=NQ_KHANHHOA,
            code=f"{XA}-HCC",
            name="Trung tâm Phục vụ hành chính công xã Cam Lâm",
            parent=XA,
        ),
        _event(Kind.SPLIT, ["CAMLAM-UBND"], ["KHANHHOA-UBND", XA], basis=LAW_2025, carry=False),
        # Bình Phước merges into Đồng Nai; its departments into Đồng Nai's.
        _event(Kind.MERGE, ["BINHPHUOC-SNV"], ["DONGNAI-SNV"], basis=NQ_PROVINCES),
        _event(Kind.MERGE, ["BINHPHUOC-HCC"], ["DONGNAI-HCC"], basis=NQ_PROVINCES),
        _event(
            Kind.MERGE,
            ["BINHPHUOC-SCT"],
            basis=NQ_PROVINCES,
            code=SCT,
            name="Sở Công Thương tỉnh Đồng Nai",
            parent="DONGNAI-UBND",
        ),
        _event(
            Kind.RENAME,
            ["BINHPHUOC-SCT-VP"],
            basis=NQ_PROVINCES,
            name="Văn phòng Sở Công Thương tỉnh Đồng Nai",
        ),
        _event(
            Kind.RENAME,
            ["BINHPHUOC-SCT-QLCN"],
            basis=NQ_PROVINCES,
            name="Phòng Quản lý công nghiệp - Sở Công Thương tỉnh Đồng Nai",
        ),
        _event(
            Kind.RENAME,
            ["BINHPHUOC-SCT-QLTM"],
            basis=NQ_PROVINCES,
            name="Phòng Quản lý thương mại - Sở Công Thương tỉnh Đồng Nai",
        ),
        _event(Kind.MERGE, ["BINHPHUOC-UBND"], ["DONGNAI-UBND"], basis=NQ_PROVINCES),
        _event(Kind.DISSOLVE, ["BIENHOA-PTP"], ["DONGNAI-STP"], basis=LAW_2025, carry=False),
        _event(Kind.DISSOLVE, ["BIENHOA-UBND"], ["DONGNAI-UBND"], basis=LAW_2025, carry=False),
        _event(Kind.DISSOLVE, ["LONGKHANH-PTP"], ["DONGNAI-STP"], basis=LAW_2025, carry=False),
        _event(Kind.DISSOLVE, ["LONGKHANH-UBND"], ["DONGNAI-UBND"], basis=LAW_2025, carry=False),
        # Bạc Liêu merges into Cà Mau; Cà Mau's districts end.
        _event(Kind.MERGE, ["BACLIEU-SNV"], ["CAMAU-SNV"], basis=NQ_PROVINCES),
        _event(Kind.MERGE, ["BACLIEU-UBND"], ["CAMAU-UBND"], basis=NQ_PROVINCES),
        _event(
            Kind.MERGE,
            ["NAMCAN-TTNAMCAN", "NAMCAN-HAMRONG"],
            code="XA-NAMCAN",
            name="Ủy ban nhân dân xã Năm Căn",
            parent="CAMAU-UBND",
        ),
        _event(Kind.DISSOLVE, ["NAMCAN-UBND"], ["CAMAU-UBND"], basis=LAW_2025, carry=False),
        _event(Kind.DISSOLVE, ["PHUTAN-UBND"], ["CAMAU-UBND"], basis=LAW_2025, carry=False),
        _event(Kind.RENAME, ["PHUTAN-CAIDOIVAM"], name="Ủy ban nhân dân xã Cái Đôi Vàm"),
        _event(Kind.DISSOLVE, ["TPCAMAU-UBND"], ["CAMAU-UBND"], basis=LAW_2025, carry=False),
    ]


# People who took up roles in the successors (those not carried over by the events).
ACCOUNTS = [
    ("pnv.camlam", "", [(XA, Role.COORDINATOR)]),
    ("chutich.camduc", "", [(f"{XA}-VP", Role.HEAD)]),
    ("vanthu.camlam", "", [(XA, Role.CLERK)]),
    ("khaosat.camlam", "", [(XA, Role.SURVEYOR)]),
    ("lanhdao.camlam", "", [(XA, Role.VIEWER)]),
    ("motcua.xacamlam", "Trần Thị Ngọc Hân", [(f"{XA}-HCC", Role.OFFICER)]),
    (
        "snv.khanhhoa",
        "Phạm Thị Minh Thư",
        [("KHANHHOA-UBND", Role.COORDINATOR), ("KHANHHOA-SNV", Role.OFFICER)],
    ),
    ("pnv.phuloc", "", [("HUE-UBND", Role.COORDINATOR), ("HUE-SNV", Role.OFFICER)]),
    ("noivu.namcan", "", [("XA-NAMCAN", Role.OFFICER)]),
    ("noivu.bienhoa", "", [("DONGNAI-SNV", Role.OFFICER)]),
    ("snv.baclieu", "Lâm Thị Kim Thoa", [("CAMAU-SNV", Role.OFFICER)]),
]


def _units_before_reform() -> None:
    units = {u.code: u for u in Unit.objects.filter(code__in=["HUE-UBND"])}
    for node in EXTRA_UNITS:
        _save_unit({k: v for k, v in node.items() if k != "parent"}, units.get(node.get("parent")))
    # The Bạc Liêu office's own person, before the merger.
    user = _user("snv.baclieu", "Lâm Thị Kim Thoa")
    Membership.objects.get_or_create(user=user, unit=Unit.objects.get(code="BACLIEU-SNV"), role=Role.OFFICER)


def _spec(event: dict, units: dict[str, Unit]) -> EventSpec:
    spec = EventSpec(
        kind=event["kind"],
        effective_on=event["date"],
        basis=event["basis"],
        sources=[units.get(code) or Unit(code=code) for code in event["sources"]],
        targets=[units.get(code) or Unit(code=code) for code in event["into"]],
        new_name=event["name"],
        new_code=event["code"],
        carry_roles=event["carry"],
    )
    if event["parent"]:
        spec.new_parent = units.get(event["parent"]) or Unit(code=event["parent"])
    return spec


def apply_reform() -> list:
    """Apply the reform events (all or nothing); a second load finds them applied."""
    _units_before_reform()
    units = {u.code: u for u in Unit.objects.all()}
    outcomes = reorganisation_apply_all(specs=[_spec(event, units) for event in _events()])
    for username, full_name, roles in ACCOUNTS:
        user = _user(username, full_name)
        for code, role in roles:
            Membership.objects.get_or_create(user=user, unit=Unit.objects.get(code=code), role=role)
    return outcomes


# ----- this year's plans ----------------------------------------------------------------

# (offset of the due date from the load date, what happens before the load date)
#   "accepted": sent on time and accepted; "submitted": awaiting Nội vụ's review;
#   "returned": sent back to be completed; "awaiting": waiting for the unit head; "": still owed.
SCT_TASKS = [
    ("Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực công thương", "QLTM", -24, "accepted"),
    ("Công khai đầy đủ TTHC, quy trình nội bộ trên Cổng dịch vụ công của tỉnh", "VP", -9, ""),
    ("Báo cáo kết quả kiểm soát TTHC, tiếp nhận phản ánh, kiến nghị", "VP", -4, "submitted"),
    ("Cập nhật quy trình nội bộ theo bộ TTHC mới sau hợp nhất", "QLCN", -2, ""),
    ("Số hóa hồ sơ, kết quả giải quyết TTHC còn hiệu lực", "QLTM", 1, ""),
    ("Rà soát dịch vụ công trực tuyến toàn trình, đề xuất bổ sung", "QLCN", 3, ""),
    ("Tập huấn kỹ năng giao tiếp, ứng xử cho công chức tiếp nhận hồ sơ", "VP", 5, "submitted"),
    ("Tự đánh giá, chấm điểm Chỉ số CCHC của Sở", "VP", 26, ""),
]
XA_TASKS = [
    ("Niêm yết công khai TTHC, số điện thoại đường dây nóng tại Trung tâm", "HCC", -15, "accepted"),
    ("Rút ngắn thời gian giải quyết hồ sơ đất đai, trả kết quả đúng hẹn", "KT", -6, ""),
    ("Trả lời phản ánh, kiến nghị của người dân qua hộp thư góp ý", "VP", -3, "returned"),
    ("Báo cáo kết quả khảo sát sự hài lòng quý", "HCC", -1, "submitted"),
    ("Tổ chức lấy phiếu khảo sát sự hài lòng tại Trung tâm", "HCC", 2, ""),
    ("Bố trí khu vực chờ, ghế ngồi, nước uống cho người dân", "VP", 4, "awaiting"),
    ("Tuyên truyền dịch vụ công trực tuyến trên loa truyền thanh xã", "VHXH", 6, ""),
    ("Đánh giá, xếp loại cán bộ tiếp nhận theo kết quả khảo sát", "VP", 40, ""),
]


def _task_rows(tasks, prefix: str, today: dt.date, monthly: tuple[str, str]) -> list[dict]:
    rows = [
        {
            "order": str(index),
            "content": content,
            "lead_units": [f"{prefix}-{office}"],
            "coordinating_units": [],
            "deadline_text": f"Trước ngày {today + dt.timedelta(days=offset):%d/%m/%Y}",
            "deadline": [
                {"kind": "date", "date": (today + dt.timedelta(days=offset)).isoformat(), "before": True}
            ],
            "requires_evidence": False,
        }
        for index, (content, office, offset, _) in enumerate(tasks, start=1)
    ]
    rows.append(
        {
            "order": str(len(rows) + 1),
            "content": monthly[0],
            "lead_units": [f"{prefix}-{monthly[1]}"],
            "coordinating_units": [],
            "deadline_text": "Hàng tháng",
            "deadline": [{"kind": "recurring", "frequency": "monthly"}],
            "requires_evidence": False,
        }
    )
    return rows


def _plan_data(today: dt.date) -> list[tuple[dict, list]]:
    start = min(dt.date(today.year, 1, 1), today - dt.timedelta(days=75))
    end = max(dt.date(today.year, 12, 31), today + dt.timedelta(days=60))
    common = {
        "year": today.year,
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "report_frequency": "monthly",
        "date": (start + dt.timedelta(days=5)).isoformat(),
    }
    sct = {
        **common,
        "issuer": SCT,
        "number": 42,
        "doc_code": "KH-SCT",
        "place": "Đồng Nai",
        "title": f"Cải cách hành chính năm {today.year} của Sở Công Thương tỉnh Đồng Nai",
        "purposes": "Thống nhất quy trình giải quyết TTHC của Sở sau hợp nhất, nâng cao Chỉ số CCHC.",
        "tasks": _task_rows(
            SCT_TASKS, "BINHPHUOC-SCT", today, ("Báo cáo tình hình thực hiện CCHC hàng tháng", "VP")
        ),
    }
    xa = {
        **common,
        "issuer": XA,
        "number": 15,
        "doc_code": "KH-UBND",
        "place": "Cam Lâm",
        "title": (
            "Nâng cao mức độ hài lòng của người dân, tổ chức đối với sự phục vụ "
            f"của xã Cam Lâm năm {today.year}"
        ),
        "purposes": "Chỉ số hài lòng đối với Trung tâm Phục vụ hành chính công xã đạt trên 85 %.",
        "tasks": _task_rows(XA_TASKS, XA, today, ("Báo cáo tiến độ thực hiện kế hoạch hàng tháng", "VP")),
    }
    return [(sct, SCT_TASKS), (xa, XA_TASKS)]


def _play(deliverable: Deliverable, outcome: str, reviewer, today: dt.date) -> None:
    due = deliverable.due_date
    sent = min(due - dt.timedelta(days=2), today - dt.timedelta(days=1))
    if not outcome or sent < deliverable.task.plan.date:
        return
    text = "Đơn vị đã thực hiện, kèm số liệu tổng hợp đến ngày báo cáo."
    with time_machine.travel(_at(sent), tick=False):
        flow.deliverable_submit(deliverable=deliverable, actor=_officer(deliverable.unit), text=text)
    if outcome == "awaiting":
        return
    if deliverable.unit.requires_head_approval:
        with time_machine.travel(_at(sent, 15), tick=False):
            flow.deliverable_approve(deliverable=deliverable, actor=_head(deliverable.unit))
    if outcome == "submitted":
        return
    with time_machine.travel(_at(min(sent + dt.timedelta(days=1), today), 10), tick=False):
        if outcome == "returned":
            flow.deliverable_return(
                deliverable=deliverable, actor=reviewer, comment="Chưa nêu số phản ánh đã trả lời; bổ sung."
            )
        else:
            flow.deliverable_accept(deliverable=deliverable, actor=reviewer)


def _head_approval_for(code: str) -> None:
    Unit.objects.filter(code=code).update(requires_head_approval=True)


def load_present_plans(today: dt.date) -> list[tuple[Plan, bool]]:
    _head_approval_for(f"{XA}-VP")
    result = []
    for data, scenario in _plan_data(today):
        issuer = Unit.objects.get(code=data["issuer"])
        existing = Plan.objects.filter(issuer=issuer, year=data["year"], title=data["title"]).first()
        if existing:
            result.append((existing, False))
            continue
        with transaction.atomic():
            plan = plan_create_from_data(data)
            reviewer = _coordinator(plan)
            with time_machine.travel(_at(plan.date, 8), tick=False):
                plan = plan_issue(plan=plan, actor=reviewer, comment="Ban hành kế hoạch.")
            outcomes = {row[0]: row[3] for row in scenario}
            items = Deliverable.objects.filter(task__plan=plan).select_related("task__plan", "unit")
            for item in items.order_by("due_date", "id"):
                outcome = outcomes.get(item.task.content)
                if outcome is None:  # the monthly report: past months accepted, this one owed
                    outcome = "accepted" if item.due_date < today - dt.timedelta(days=20) else ""
                _play(item, outcome, reviewer, today)
        result.append((plan, True))
    return result


def load_present(today: dt.date) -> dict:
    outcomes = apply_reform()
    return {"reform": outcomes, "plans": load_present_plans(today)}


def accounts_now(usernames: list[str]) -> list[tuple[str, str, str]]:
    """(username, name, current roles) after the reform: ended roles are not shown."""
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}
    current = Membership.objects.filter(user__in=users.values(), ended_on__isnull=True).select_related("unit")
    roles: dict[int, list[str]] = {}
    for membership in current.order_by("id"):
        roles.setdefault(membership.user_id, []).append(
            f"{membership.get_role_display()} — {membership.unit}"
        )
    rows = []
    for name in usernames:
        if name in users:
            user = users[name]
            fallback = "quản trị (trang /admin/)" if user.is_superuser else "(không còn vai trò)"
            full_name = f"{user.last_name} {user.first_name}".strip()
            rows.append((name, full_name, "; ".join(roles.get(user.pk, [])) or fallback))
    return rows
