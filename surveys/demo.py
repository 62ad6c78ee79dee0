"""Demo data: one survey campaign per seed survey plan, with generated responses.

Deterministic (seeded random) and idempotent: a campaign that exists is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from plans.models import Plan
from units.models import Unit

from .builtin import questionnaire_install_builtin
from .models import Alert, Campaign, Channel, Question, RespondentType, Service
from .services import Draft, campaign_create, campaign_questions, responses_store, transaction_counts_set

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
Design = Campaign.Design

CAMPAIGNS = [
    {
        "issuer": "VINHMY-UBND",
        "year": 2021,
        "title": "Khảo sát mức độ hài lòng tại Bộ phận TN&TKQ xã Vinh Mỹ năm 2021",
        "questionnaire": "vinh-my-2021",
        "frequency": "quarterly",
        "design": Design.THRESHOLD,
        "params": {},
        "units": {"VINHMY-TNTKQ": 0.9, "VINHMY-UBND": 0.75},
        "counts": {"VINHMY-TNTKQ": 850, "VINHMY-UBND": 80},
        "responses": 170,
        "methods": [Channel.PAPER, Channel.ONLINE],
        "target": (80, False),
    },
    {
        "issuer": "BINHPHUOC-SCT",
        "year": 2023,
        "title": "Khảo sát sự hài lòng về giải quyết TTHC của Sở Công Thương năm 2023",
        "questionnaire": "binh-phuoc-2023",
        "frequency": "quarterly",
        "design": Design.PERCENT,
        "params": {"percent": 10},
        "units": {"BINHPHUOC-SCT-QLCN": 0.86, "BINHPHUOC-SCT-QLTM": 0.78, "BINHPHUOC-SCT-VP": 0.92},
        "counts": {"BINHPHUOC-SCT-QLCN": 1200, "BINHPHUOC-SCT-QLTM": 2400, "BINHPHUOC-SCT-VP": 300},
        "services": [
            ("BL-RUOU", "Cấp Giấy phép bán lẻ sản phẩm rượu"),
            ("XANG-DAU", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"),
            ("KM", "Đăng ký thực hiện khuyến mại"),
        ],
        "responses": 420,
        "methods": [Channel.PAPER],
        "target": (80, False),
    },
    {
        "issuer": "CAMLAM-UBND",
        "year": 2022,
        "title": "Đo lường Chỉ số hài lòng (SIPAS) huyện Cam Lâm năm 2022",
        "questionnaire": "sipas",
        "frequency": "quarterly",
        "design": Design.SIPAS,
        "params": {"margin": 0.05},
        "units": {
            "CAMLAM-TNTKQ": 0.88,
            "CAMLAM-CAMDUC": 0.84,
            "CAMLAM-CAMHAITAY": 0.74,
            "CAMLAM-CAMTHANHBAC": 0.8,
        },
        "counts": {
            "CAMLAM-TNTKQ": 2600,
            "CAMLAM-CAMDUC": 700,
            "CAMLAM-CAMHAITAY": 380,
            "CAMLAM-CAMTHANHBAC": 260,
        },
        "responses": 1000,
        "methods": [Channel.PAPER, Channel.ONLINE, Channel.FACE_TO_FACE],
        "target": (83, True),
        "link_sections": True,
        "weak": {"I": -0.12, "VI": -0.1},
    },
    {
        "issuer": "CAMAU-UBND",
        "year": 2015,
        "title": "Điều tra xã hội học Chỉ số hài lòng tỉnh Cà Mau năm 2015",
        "questionnaire": "sipas",
        "frequency": "yearly",
        "design": Design.FIXED,
        "params": {},
        "units": {
            "NAMCAN-UBND": 0.82,
            "PHUTAN-UBND": 0.79,
            "TPCAMAU-UBND": 0.87,
            "NAMCAN-TTNAMCAN": 0.85,
            "NAMCAN-HAMRONG": 0.76,
            "PHUTAN-CAIDOIVAM": 0.83,
            "TPCAMAU-P5": 0.9,
        },
        "fixed": {"district": 70, "commune": 80},
        "services_by_kind": {
            "district": [
                ("CMND", "Cấp giấy Chứng minh nhân dân"),
                ("QSDD", "Cấp giấy Chứng nhận quyền sử dụng đất"),
                ("GPXD", "Cấp Giấy phép xây dựng"),
            ],
            "commune": [
                ("CT", "Chứng thực"),
                ("KS", "Cấp Giấy khai sinh"),
                ("KH", "Cấp Giấy đăng ký kết hôn"),
            ],
        },
        "responses": 1500,
        "methods": [Channel.FACE_TO_FACE],
        "target": (80, False),
    },
    {
        "issuer": "DONGNAI-UBND",
        "year": 2020,
        "title": "Khảo sát sự hài lòng của người dân, tổ chức tỉnh Đồng Nai năm 2020",
        "questionnaire": "sipas",
        "frequency": "monthly",
        "design": Design.PROPORTIONAL,
        "params": {"total": 14500},
        "units": {
            "DONGNAI-STP": 0.86,
            "DONGNAI-STC": 0.82,
            "DONGNAI-STTTT": 0.88,
            "DONGNAI-HCC": 0.9,
            "BIENHOA-UBND": 0.77,
            "LONGKHANH-UBND": 0.81,
            "BIENHOA-QUYETTHANG": 0.84,
            "LONGKHANH-XUANAN": 0.79,
        },
        "counts": {
            "DONGNAI-STP": 21800,
            "DONGNAI-STC": 6400,
            "DONGNAI-STTTT": 3900,
            "DONGNAI-HCC": 48200,
            "BIENHOA-UBND": 36500,
            "LONGKHANH-UBND": 12100,
            "BIENHOA-QUYETTHANG": 9800,
            "LONGKHANH-XUANAN": 5300,
        },
        "responses": 1400,
        "methods": [Channel.PHONE, Channel.FACE_TO_FACE],
        "target": (80, False),
        "respondent_types": True,
    },
]


def _plan(issuer_code: str, year: int) -> Plan | None:
    return Plan.objects.filter(issuer__code=issuer_code, year=year).order_by("id").first()


def _level(rng: random.Random, question: Question, quality: float) -> int:
    """A level drawn so that roughly ``quality`` of answers are positive; the worst levels are rare."""
    n = len(question.level_labels)
    if question.kind == Question.Kind.YES_NO:
        return 1 if rng.random() > (1 - quality) / 3 else 2
    if n == 3:
        return rng.choice((1, 2, 2)) if rng.random() > (1 - quality) / 2 else 3
    if rng.random() < quality:
        return 1 if rng.random() < 0.4 else 2
    return 3 if rng.random() < 0.8 else rng.randint(4, n)


def _answers(rng, questions, quality, weak) -> dict:
    raw = {}
    for question in questions:
        if question.is_scored:
            code = question.criterion.code if question.criterion_id else ""
            raw[question.code] = _level(rng, question, quality + weak.get(code, 0.0))
        elif question.kind == Question.Kind.MULTIPLE and question.choices.all():
            raw[question.code] = [rng.choice(list(question.choices.all())).code]
        elif question.kind == Question.Kind.TEXT and rng.random() < 0.05:
            raw[question.code] = rng.choice(
                [
                    "Cán bộ hướng dẫn tận tình.",
                    "Nên bố trí thêm ghế ngồi chờ.",
                    "Cần rút ngắn thời gian trả kết quả.",
                ]
            )
    return raw


def _campaign(spec: dict, today: dt.date) -> tuple[Campaign, bool] | None:
    plan = _plan(spec["issuer"], spec["year"])
    if plan is None:
        return None
    existing = Campaign.objects.filter(plan=plan, title=spec["title"]).first()
    if existing:
        return existing, False
    units = {u.code: u for u in Unit.objects.filter(code__in=spec["units"])}
    if not units:
        return None
    questionnaire = questionnaire_install_builtin(code=spec["questionnaire"])
    fixed = {}
    if spec.get("fixed"):
        for unit in units.values():
            fixed[unit.pk] = spec["fixed"]["district" if unit.kind == Unit.Kind.DISTRICT else "commune"]
    rng = random.Random(spec["title"])
    with transaction.atomic():
        campaign = campaign_create(
            plan=plan,
            questionnaire=questionnaire,
            title=spec["title"],
            frequency=spec["frequency"],
            period_start=plan.period_start,
            period_end=plan.period_end,
            units=list(units.values()),
            design=spec["design"],
            design_params=spec["params"],
            methods=spec["methods"],
            services=spec.get("services", []),
            target_percent=spec["target"][0],
            target_strict=spec["target"][1],
            fixed_quotas=fixed,
        )
        for kind, items in spec.get("services_by_kind", {}).items():
            for code, name in items:
                service = Service.objects.create(campaign=campaign, code=code, name=name, position=len(name))
                service.units.set(
                    [u for u in units.values() if (u.kind == Unit.Kind.DISTRICT) == (kind == "district")]
                )
        if spec.get("link_sections"):
            sections = {s.label: s for s in plan.sections.all()}
            for criterion in questionnaire.criteria.all():
                if criterion.code in sections:
                    criterion.sections.add(sections[criterion.code])
        rows = []
        for code, count in spec.get("counts", {}).items():
            if code not in units:
                continue
            if spec.get("quarterly_counts"):
                rows += [(units[code], None, f"{spec['year']}-Q{q}", count // 4 + q * 7) for q in range(1, 5)]
            else:
                rows.append((units[code], None, str(spec["year"]), count))
        transaction_counts_set(campaign=campaign, rows=rows)
        _generate(campaign, spec, units, rng, today)
    return campaign, True


def _generate(campaign: Campaign, spec: dict, units: dict, rng: random.Random, today: dt.date) -> None:
    questions = campaign_questions(campaign)
    services = list(Service.objects.filter(campaign=campaign).prefetch_related("units"))
    end = min(campaign.period_end, today)
    days = (end - campaign.period_start).days
    if days < 0:
        return
    codes = list(units)
    weights = [spec.get("counts", {}).get(code, 100) ** 0.5 for code in codes]
    drafts = []
    for i in range(spec["responses"]):
        code = rng.choices(codes, weights)[0]
        unit = units[code]
        offered = [s for s in services if not s.units.all() or unit in s.units.all()]
        day = campaign.period_start + dt.timedelta(days=rng.randint(0, days))
        quality = spec["units"][code] + (0.03 if day.month > 6 else 0.0)
        drafts.append(
            Draft(
                unit=unit,
                service=rng.choice(offered) if offered else None,
                submitted_at=dt.datetime.combine(
                    day, dt.time(8 + rng.randint(0, 8), rng.randint(0, 59)), tzinfo=TZ
                ),
                channel=rng.choice(spec["methods"]),
                respondent_type=rng.choice(RespondentType.values) if spec.get("respondent_types") else "",
                answers=_answers(rng, questions, quality, spec.get("weak", {})),
                external_id=f"DEMO-{campaign.pk}-{i:05d}",
            )
        )
    responses_store(campaign=campaign, drafts=drafts, notify=False)
    # Older alerts have been dealt with; the recent ones are still open.
    cutoff = dt.datetime.combine(end - dt.timedelta(days=45), dt.time(), tzinfo=TZ)
    Alert.objects.filter(campaign=campaign, created_at__lt=cutoff).update(
        state=Alert.State.HANDLED,
        note="Đã liên hệ người dân, giải thích và chấn chỉnh bộ phận liên quan.",
        handled_at=cutoff,
    )


def load_demo(today: dt.date) -> list[str]:
    lines = []
    for spec in CAMPAIGNS:
        outcome = _campaign(spec, today)
        if outcome is None:
            lines.append(f"bỏ qua: chưa có kế hoạch của {spec['issuer']} năm {spec['year']}")
            continue
        campaign, created = outcome
        mark = "tạo mới" if created else "đã có"
        counts = f"{campaign.responses.count()} phiếu, {campaign.alerts.count()} cảnh báo"
        lines.append(f"[{mark}] {campaign.title}: {counts}")
    return lines


def load_present(today: dt.date) -> list[str]:
    """This year's campaign of xã Cam Lâm (after the 2025 reform), still collecting answers."""
    spec = {
        "issuer": "XA-CAMLAM",
        "year": today.year,
        "title": f"Khảo sát sự hài lòng tại Trung tâm Phục vụ hành chính công xã Cam Lâm năm {today.year}",
        "questionnaire": "sipas",
        "frequency": "quarterly",
        "design": Design.THRESHOLD,
        "params": {},
        "units": {"XA-CAMLAM-HCC": 0.86, "XA-CAMLAM": 0.8},
        "counts": {"XA-CAMLAM-HCC": 3100, "XA-CAMLAM": 240},
        "responses": 260,
        "methods": [Channel.PAPER, Channel.ONLINE],
        "target": (85, True),
    }
    outcome = _campaign(spec, today)
    if outcome is None:
        return [f"bỏ qua: chưa có kế hoạch của {spec['issuer']} năm {spec['year']}"]
    campaign, created = outcome
    mark = "tạo mới" if created else "đã có"
    return [f"[{mark}] {campaign.title}: {campaign.responses.count()} phiếu, đang thu thập"]
