"""Báo cáo kết quả thực hiện kế hoạch of a quarter or a year (the CCHC desk's quarterly and year-end
report): completion, on-time rate and overdue obligations, overall and by unit, ranked.

The figures are those of the year at a glance: ``tasks.progress.progress_ranking`` over the plan's
obligations due in the period, so the report says what the progress page shows for the same plan and
year (and, for a quarter, what its list of obligations due in that quarter counts).
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError
from plans.models import Plan
from tasks.models import Deliverable
from tasks.progress import Figures, figures_total, progress_ranking
from units.models import Unit

from .. import formatting, layout
from ..models import Kind
from .base import (
    Heading,
    KindForm,
    Signer,
    code_for,
    heading_context,
    lower_first,
    plan_reference,
    plan_signer,
    sample_doc,
    sample_plan_reference,
)

TYPE_NAME = "BÁO CÁO"
ABBREVIATION = "BC"
BUILTIN_FILE = "bao_cao_tien_do_quy_nam.docx"
NO_DATA = "—"
NBSP = "\u00a0"
MSG_PERIOD = (
    "Kỳ báo cáo «{value}» không thuộc thời gian thực hiện kế hoạch; hãy chọn quý hoặc năm trong danh sách."
)


def period_span(key: str) -> tuple[dt.date, dt.date]:
    """ "2022-Q3" → 01/07/2022–30/09/2022; "2022" → the whole year."""
    found = re.fullmatch(r"(\d{4})(?:-Q([1-4]))?", key or "")
    if not found:
        raise ValueError(MSG_PERIOD.format(value=key))
    year, quarter = int(found[1]), int(found[2] or 0)
    if not quarter:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def period_name(key: str) -> str:
    """ "quý III năm 2022" or "năm 2022", as the title and the text say it."""
    year, _, quarter = key.partition("-Q")
    return f"quý {formatting.roman(int(quarter))} năm {year}" if quarter else f"năm {year}"


def plan_periods(plan: Plan) -> list[tuple[str, str]]:
    """Each quarter the plan runs through, and each of its years after that year's quarters."""
    choices = []
    for year in range(plan.period_start.year, plan.period_end.year + 1):
        for quarter in range(1, 5):
            start, end = period_span(f"{year}-Q{quarter}")
            if start <= plan.period_end and end >= plan.period_start:
                choices.append((f"{year}-Q{quarter}", f"Quý {formatting.roman(quarter)}/{year}"))
        choices.append((str(year), f"Cả năm {year}"))
    return choices


def _pct(value: float | None) -> str:
    return NO_DATA if value is None else formatting.number_vn(value, 1)


def _unit_row(unit) -> dict:
    return {
        "rank": unit.rank,
        "name": unit.name,
        "owed": unit.owed,
        "accepted": unit.accepted,
        "completion": _pct(unit.completion),
        "reported": unit.reported,
        "in_time": unit.in_time,
        "on_time": _pct(unit.on_time),
        "overdue": unit.overdue,
    }


def _totals(totals: Figures) -> dict:
    return {
        "total": totals.total,
        "owed": totals.owed,
        "waived": totals.waived,
        "accepted": totals.accepted,
        "completion": _pct(totals.completion),
        "submitted": totals.submitted,
        "open": totals.open,
        "overdue": totals.overdue,
        "reported": totals.reported,
        "in_time": totals.in_time,
        "late": totals.late,
        "on_time": _pct(totals.on_time),
    }


def _summary(totals: Figures, name: str, today: dt.date) -> list[str]:
    if not totals.total:
        return [f"Không có nhiệm vụ nào đến hạn trong {name}."]
    return [
        f"Số lượt nhiệm vụ đến hạn trong {name}: {totals.total}"
        + (f", trong đó {totals.waived} lượt không phải thực hiện" if totals.waived else "")
        + ".",
        f"Đã hoàn thành: {totals.accepted}/{totals.owed}, đạt tỷ lệ {_pct(totals.completion)}%.",
        f"Đã gửi báo cáo: {totals.reported}, trong đó đúng hạn {totals.in_time} ({_pct(totals.on_time)}%), "
        f"trễ hạn {totals.late}; đang chờ xem xét: {totals.submitted}.",
        f"Chưa hoàn thành: {totals.open}, trong đó quá hạn đến ngày {formatting.date_vn(today)}: "
        f"{totals.overdue}.",
    ]


def _closing(late_units: list[dict]) -> list[str]:
    if late_units:
        names = "; ".join(f"{row['name']} ({row['overdue']})" for row in late_units)
        return [
            f"Các cơ quan, đơn vị còn nhiệm vụ quá hạn: {names}. Đề nghị Thủ trưởng các cơ quan, đơn vị "
            "khẩn trương thực hiện, báo cáo kết quả; kết quả thực hiện là căn cứ đánh giá, xếp loại "
            "công tác cải cách hành chính và bình xét thi đua, khen thưởng cuối năm./."
        ]
    return [
        "Các cơ quan, đơn vị đã thực hiện đúng thời hạn các nhiệm vụ đến hạn trong kỳ. Đề nghị tiếp tục "
        "duy trì, thực hiện các nhiệm vụ kỳ tiếp theo theo đúng Kế hoạch./."
    ]


def report_summary(plan: Plan, period: str, name: str) -> str:
    """ "Kết quả thực hiện Kế hoạch CCHC năm 2022 quý II năm 2022", without saying "Kế hoạch" or the
    year twice (a plan's title usually starts with "Kế hoạch" and ends with its year)."""
    title = lower_first(plan.title)
    title = title[len("kế hoạch ") :] if title.startswith("kế hoạch ") else title
    if "-Q" not in period and title.endswith(period):
        return f"Kết quả thực hiện Kế hoạch {title}"
    # A no-break space keeps "quý II năm 2022" on one line of the centred title.
    return f"Kết quả thực hiện Kế hoạch {title} {name.replace(' ', NBSP)}"


def progress_report_context(
    plan: Plan,
    *,
    period: str,
    today: dt.date,
    signer: Signer | None = None,
    number: int | None = None,
    date: dt.date | None = None,
) -> dict:
    """The plan's figures for a quarter or a year, overall and by unit, ranked as the progress page."""
    start, end = period_span(period)
    if end < plan.period_start or start > plan.period_end:
        raise ValueError(MSG_PERIOD.format(value=period))
    due = Deliverable.objects.filter(task__plan=plan, due_date__gte=start, due_date__lte=end)
    ranking = progress_ranking(due, today)
    totals = figures_total(ranking)
    name = period_name(period)
    late_units = [
        {"name": unit.name, "overdue": unit.overdue}
        for unit in sorted((u for u in ranking if u.overdue), key=lambda u: (-u.overdue, u.name))
    ]
    heading = Heading(
        kind=Kind.PROGRESS,
        issuer=plan.issuer,
        code=code_for(plan.issuer, abbreviation=ABBREVIATION),
        type_name=TYPE_NAME,
        place=plan.place,
        summary=report_summary(plan, period, name),
        year=date.year if date else today.year,
        number=number,
        date=date,
        signer=signer or plan_signer(plan),
        recipients=plan.recipient_list,
    )
    return {
        "doc": heading_context(heading),
        "plan": {"title": plan.title, "reference": plan_reference(plan)},
        "progress": {
            "period": period,
            "period_name": name,
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "as_of": today.isoformat(),
            "intro": [
                f"Thực hiện {plan_reference(plan)} về {lower_first(plan.title)}, {plan.issuer.name} báo cáo "
                f"kết quả thực hiện {name} (các nhiệm vụ có hạn từ ngày {formatting.date_vn(start)} đến ngày "
                f"{formatting.date_vn(end)}, số liệu đến ngày {formatting.date_vn(today)}) như sau:"
            ],
            "summary": _summary(totals, name, today),
            "totals": _totals(totals),
            "units": [_unit_row(unit) for unit in ranking],
            "late_units": late_units,
            "closing": _closing(late_units),
        },
    }


def context_build(
    plan: Plan, *, today: dt.date, issuer: Unit | None = None, options: dict
) -> tuple[Unit, dict]:
    period = options.get("period") or str(today.year)
    try:
        context = progress_report_context(plan, period=period, today=today, signer=options.get("signer"))
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    return plan.issuer, context


def sample_context() -> dict:
    unit = {"rank": 1, "name": "Phòng Tư pháp", "owed": 12, "accepted": 10, "completion": "83,3"}
    unit.update(reported=11, in_time=10, on_time="90,9", overdue=1)
    totals = dict.fromkeys(
        (
            "total",
            "owed",
            "waived",
            "accepted",
            "submitted",
            "open",
            "overdue",
            "reported",
            "in_time",
            "late",
        ),
        0,
    )
    return {
        "doc": sample_doc(Kind.PROGRESS, type_name=TYPE_NAME, abbreviation=ABBREVIATION),
        "plan": sample_plan_reference(),
        "progress": {
            "period": "2025-Q1",
            "period_name": "quý I năm 2025",
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "as_of": "2025-04-05",
            "intro": ["Mở đầu mẫu:"],
            "summary": ["Số lượt nhiệm vụ đến hạn trong quý I năm 2025: 12."],
            "totals": {**totals, "completion": "83,3", "on_time": "90,9"},
            "units": [unit],
            "late_units": [{"name": "Phòng Tư pháp", "overdue": 1}],
            "closing": ["Kết luận mẫu./."],
        },
    }


class Form(KindForm):
    """The quarter or year to report on, the template, the signer."""

    kind_code = Kind.PROGRESS

    period = forms.ChoiceField(label=_("Kỳ báo cáo"))

    def __init__(self, *args, issuers, source: Plan, **kwargs):
        super().__init__(*args, issuers=issuers, source=source, **kwargs)
        field = self.fields["period"]
        field.choices = plan_periods(source)
        field.error_messages["invalid_choice"] = MSG_PERIOD.replace("{value}", "%(value)s")
        today = timezone.localdate()
        current = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
        if current in dict(field.choices):
            field.initial = current


# ----- the built-in template ------------------------------------------------------------------


UNIT_WIDTHS = [1.4, 4.3, 1.9, 1.9, 1.9, 1.7, 1.9, 1.5]
UNIT_ALIGNS = [layout.CENTER, layout.LEFT, *[layout.RIGHT] * 6]


def _unit_table(doc) -> None:
    headers = [
        "Hạng",
        "Cơ quan, đơn vị",
        "Nhiệm vụ phải thực hiện",
        "Đã hoàn thành",
        "Tỷ lệ hoàn thành (%)",
        "Gửi đúng hạn",
        "Tỷ lệ đúng hạn (%)",
        "Quá hạn",
    ]
    table = layout.grid_table(doc, headers, UNIT_WIDTHS, size=11)
    layout.control_row(table, "{%tr for row in progress.units %}")
    cells = ["{{ row.rank }}", "{{ row.name }}", "{{ row.owed|number_vn }}", "{{ row.accepted|number_vn }}"]
    cells += ["{{ row.completion }}", "{{ row.in_time|number_vn }}", "{{ row.on_time }}"]
    cells += ["{{ row.overdue|number_vn }}"]
    layout.add_row(table, cells, size=11, aligns=UNIT_ALIGNS)
    layout.control_row(table, "{%tr endfor %}")
    total = "progress.totals"
    cells = ["", "Tổng cộng", f"{{{{ {total}.owed|number_vn }}}}", f"{{{{ {total}.accepted|number_vn }}}}"]
    cells += [f"{{{{ {total}.completion }}}}", f"{{{{ {total}.in_time|number_vn }}}}"]
    cells += [f"{{{{ {total}.on_time }}}}", f"{{{{ {total}.overdue|number_vn }}}}"]
    layout.add_row(table, cells, size=11, bold=True, aligns=UNIT_ALIGNS)
    layout.finish_table(table, UNIT_WIDTHS)


def build():
    """Decree 30 report (Phụ lục III, mẫu 1.4): heading, title, the figures, the ranking, signature."""
    doc = layout.new_document()
    layout.header(doc)
    layout.title(doc, TYPE_NAME)
    layout.body_paragraphs(doc, "progress.intro")
    layout.para(doc, "I. KẾT QUẢ CHUNG", bold=True, indent=True)
    layout.tag_paragraph(doc, "{%p for text in progress.summary %}")
    layout.para(doc, "- {{ text }}", indent=True)
    layout.tag_paragraph(doc, "{%p endfor %}")
    layout.para(doc, "II. KẾT QUẢ THEO CƠ QUAN, ĐƠN VỊ", bold=True, indent=True)
    layout.para(
        doc,
        "Xếp theo tỷ lệ hoàn thành, rồi tỷ lệ gửi báo cáo đúng hạn, rồi số nhiệm vụ quá hạn ít hơn.",
        size=12,
        italic=True,
        indent=True,
    )
    _unit_table(doc)
    layout.para(doc, after=6)
    layout.para(doc, "III. CƠ QUAN, ĐƠN VỊ CÒN NHIỆM VỤ QUÁ HẠN", bold=True, indent=True)
    layout.tag_paragraph(doc, "{%p for row in progress.late_units %}")
    layout.para(doc, "- {{ row.name }}: {{ row.overdue|number_vn }} nhiệm vụ quá hạn.", indent=True)
    layout.tag_paragraph(doc, "{%p endfor %}")
    layout.tag_paragraph(doc, "{%p if not progress.late_units %}")
    layout.para(doc, "Không có cơ quan, đơn vị nào còn nhiệm vụ quá hạn.", indent=True)
    layout.tag_paragraph(doc, "{%p endif %}")
    layout.para(doc, "IV. ĐÁNH GIÁ, ĐỀ XUẤT", bold=True, indent=True)
    layout.body_paragraphs(doc, "progress.closing")
    layout.signature(doc)
    return doc
