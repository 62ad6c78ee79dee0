"""Báo cáo (or Thông báo) kết quả khảo sát: sample achieved vs required, the index per unit and per
criterion against the plan's target, each with its number of answers and the previous period.

Figures come from the surveys app's own functions (index_compute, quota_for_period), so the document
says exactly what the results page shows for the same period.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError
from surveys.index import FREQUENCY_PERIOD, Figure, index_compute, period_label, period_parse, period_previous
from surveys.models import Campaign, CampaignUnit, Channel
from surveys.quotas import SPAN, period_span, quota_for_period
from units.models import Unit

from .. import formatting, layout
from ..models import Kind
from .base import (
    Heading,
    KindForm,
    Signer,
    heading_context,
    lower_first,
    plan_reference,
    plan_signer,
    sample_doc,
    sample_plan_reference,
)

# A survey's results go out as a Báo cáo or a Thông báo: the clerk chooses, the kind stays KS.
SURVEY_TYPES = {"BC": "BÁO CÁO", "TB": "THÔNG BÁO"}
SURVEY_VERBS = {"BC": "báo cáo", "TB": "thông báo"}
TYPE_NAME = SURVEY_TYPES["BC"]
BUILTIN_FILE = "bao_cao_khao_sat.docx"
MET, NOT_MET, NO_DATA = "Đạt", "Chưa đạt", "—"
NBSP = "\u00a0"
SAMPLE_ENOUGH, SAMPLE_SHORT = "Đủ", "Chưa đủ"
MSG_PERIOD_NOT_IN_CAMPAIGN = (
    "Kỳ «{value}» không đúng dạng hoặc không thuộc đợt khảo sát; hãy chọn trong danh sách."
)


# Both tables: order centred, unit name left, figures right, the verdict centred.
TABLE_ALIGNS = [layout.CENTER, layout.LEFT, *[layout.RIGHT] * 4, layout.CENTER]


def _pct(value: float | None) -> str:
    """Index with one decimal and a decimal comma ("85,3"); a dash when nothing was measured."""
    return NO_DATA if value is None else formatting.number_vn(round(value, 1), 1)


def _change(now: Figure | None, before: Figure | None) -> str:
    if now is None or before is None or now.percent is None or before.percent is None:
        return NO_DATA
    # From the rounded figures, so the column agrees with the two printed beside it.
    delta = round(round(now.percent, 1) - round(before.percent, 1), 1)
    return f"{'+' if delta > 0 else ''}{formatting.number_vn(delta, 1)}"


def _met(campaign: Campaign, figure: Figure | None) -> str:
    met = campaign.target_met(figure.percent) if figure else None
    return NO_DATA if met is None else MET if met else NOT_MET


def _figure_row(order: str, name: str, now: Figure | None, before: Figure | None, campaign) -> dict:
    return {
        "order": order,
        "name": name,
        "n": now.n if now else 0,
        "index": _pct(now.percent if now else None),
        "previous": _pct(before.percent if before else None),
        "change": _change(now, before),
        "met": _met(campaign, now),
    }


def target_text(campaign: Campaign) -> str:
    """ "> 83%" for a target "trên 83%", "≥ 80%" for "từ 80% trở lên" (decimal comma if any)."""
    return f"{'>' if campaign.target_strict else '≥'} {formatting.number_vn(campaign.target_percent)}%"


def _sample_rows(campaign: Campaign, *, period: str, today: dt.date, names: dict[int, str]):
    """Per unit in scope: the minimum for the period, collected in it and cumulative (from surveys)."""
    samples, spans = quota_for_period(campaign=campaign, period=period, today=today, unit_ids=list(names))
    rows, short = [], []
    for order, sample in enumerate(samples, start=1):
        name = names[sample.unit_id]
        if not sample.enough:
            short.append(name)
        rows.append(
            {
                "order": str(order),
                "unit": name,
                "required": sample.required,
                "in_period": sample.in_period,
                "cumulative": sample.cumulative,
                "percent": formatting.number_vn(round(100 * sample.cumulative / sample.required), 0)
                if sample.required
                else NO_DATA,
                "status": SAMPLE_ENOUGH if sample.enough else SAMPLE_SHORT,
            }
        )
    return rows, spans, short


def _span_phrase(spans: set[str], campaign: Campaign) -> str:
    if not spans or spans == {SPAN}:
        return "cả đợt khảo sát"
    if len(spans) == 1:
        return period_label(next(iter(spans))).lower()
    return "các kỳ " + ", ".join(period_label(key).lower() for key in sorted(spans - {SPAN}))


def survey_report_context(
    campaign: Campaign,
    *,
    period: str,
    today: dt.date,
    doc_type: str = "BC",
    signer: Signer | None = None,
    number: int | None = None,
    date: dt.date | None = None,
) -> dict:
    """Báo cáo (or Thông báo) kết quả khảo sát: sample achieved vs required, the index per unit and per
    criterion against the plan's target, each with its number of answers and the previous period.

    """
    plan = campaign.plan
    issuer = plan.issuer
    period_parse(period)  # a malformed period fails here, with the surveys app's message
    previous = period_previous(period)
    period_name, previous_name = period_label(period), period_label(previous)
    scope = CampaignUnit.objects.filter(campaign=campaign).select_related("unit").order_by("unit__name")
    names = {cu.unit_id: cu.unit.display_name for cu in scope}
    now_all = index_compute(campaign=campaign, period=period, by_unit=False)
    before_all = index_compute(campaign=campaign, period=previous, by_unit=False, with_general=False)
    now_units = index_compute(campaign=campaign, period=period, by_unit=True, with_general=False)
    before_units = index_compute(campaign=campaign, period=previous, by_unit=True, with_general=False)

    total = now_all.overall.get(period, {}).get(None)
    total_before = before_all.overall.get(previous, {}).get(None)
    unit_rows = [
        _figure_row(
            str(order),
            name,
            now_units.overall.get(period, {}).get(unit_id),
            before_units.overall.get(previous, {}).get(unit_id),
            campaign,
        )
        for order, (unit_id, name) in enumerate(names.items(), start=1)
    ]
    now_criteria = now_all.by_criterion.get(period, {}).get(None, {})
    before_criteria = before_all.by_criterion.get(previous, {}).get(None, {})
    criterion_rows = [
        _figure_row(
            formatting.roman(order),
            criterion.name,
            now_criteria.get(criterion.pk),
            before_criteria.get(criterion.pk),
            campaign,
        )
        for order, criterion in enumerate(now_all.criteria, start=1)
    ]
    sample_rows, spans, short = _sample_rows(campaign, period=period, today=today, names=names)
    start, end = period_span(period)
    target = target_text(campaign)
    verb = SURVEY_VERBS.get(doc_type, SURVEY_VERBS["BC"])
    methods = ", ".join(str(Channel(m).label).lower() for m in campaign.methods if m in Channel.values)

    summary = [f"Chỉ tiêu của Kế hoạch: chỉ số hài lòng {target}."]
    if total is not None and total.percent is not None:
        line = f"Chỉ số hài lòng chung {lower_first(period_name)}: {_pct(total.percent)}% ({total.n} ý kiến)"
        if total_before is not None and total_before.percent is not None:
            line += (
                f"; {lower_first(previous_name)}: {_pct(total_before.percent)}%, "
                f"thay đổi {_change(total, total_before)} điểm phần trăm"
            )
        summary.append(f"{line}; {_met(campaign, total).lower()} chỉ tiêu.")
    else:
        summary.append(f"Chưa có ý kiến trả lời nào trong {lower_first(period_name)}.")
    general = now_all.general.get(period, {}).get(None)
    if general is not None and general.percent is not None:
        summary.append(
            f"Câu hỏi về mức độ hài lòng chung: {_pct(general.percent)}% người trả lời hài lòng "
            f"({general.n} ý kiến)."
        )

    below_units = [f"{row['name']} ({row['index']}%)" for row in unit_rows if row["met"] == NOT_MET]
    below_criteria = [f"{row['name']} ({row['index']}%)" for row in criterion_rows if row["met"] == NOT_MET]
    closing = []
    if below_units:
        closing.append(
            f"Các đơn vị có chỉ số hài lòng chưa đạt chỉ tiêu: {'; '.join(below_units)}. Đề nghị Thủ trưởng "
            "các đơn vị rà soát nguyên nhân, có giải pháp nâng cao chất lượng phục vụ."
        )
    if below_criteria:
        closing.append(
            f"Các tiêu chí chưa đạt chỉ tiêu: {'; '.join(below_criteria)}. Đề nghị các cơ quan, đơn vị "
            "chủ trì các nhiệm vụ tương ứng của Kế hoạch tập trung thực hiện."
        )
    if short:
        closing.append(
            f"Các đơn vị chưa đủ số phiếu tối thiểu: {'; '.join(short)}. Đề nghị tổ chức khảo sát bổ sung "
            "để bảo đảm độ tin cậy của kết quả."
        )
    if not closing:
        closing.append("Các đơn vị đều đạt chỉ tiêu và đủ số phiếu khảo sát tối thiểu.")
    closing[-1] += "/."

    type_name = SURVEY_TYPES.get(doc_type, SURVEY_TYPES["BC"])
    symbol = issuer.symbol or issuer.code
    heading = Heading(
        kind=Kind.SURVEY,
        type_name=type_name,
        issuer=issuer,
        code=f"{doc_type if doc_type in SURVEY_TYPES else 'BC'}-{symbol}",
        place=plan.place,
        # A no-break space keeps "quý II/2022" on one line of the centred title.
        summary=f"Kết quả {lower_first(campaign.title)} ({lower_first(period_name).replace(' ', NBSP)})",
        year=date.year if date else today.year,
        number=number,
        date=date,
        signer=signer or plan_signer(plan),
        recipients=plan.recipient_list,
    )
    return {
        "doc": heading_context(heading),
        "plan": {"title": plan.title, "reference": plan_reference(plan)},
        "survey": {
            "campaign_id": campaign.pk,
            "campaign": campaign.title,
            "doc_type": doc_type,
            "period": period,
            "period_name": period_name,
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "previous": previous,
            "previous_name": previous_name,
            "target": target,
            "intro": [
                f"Thực hiện {plan_reference(plan)} về {lower_first(plan.title)}, {issuer.name} {verb} "
                f"kết quả khảo sát {lower_first(period_name)} (từ ngày {formatting.date_vn(start)} đến ngày "
                f"{formatting.date_vn(end)}) như sau:"
            ],
            "method": (
                f"Hình thức khảo sát: {methods or 'phiếu khảo sát'}; cách xác định cỡ mẫu: "
                f"{lower_first(str(campaign.get_design_display()))}."
            ),
            "sample_rows": sample_rows,
            "sample_total": {
                "required": sum(row["required"] for row in sample_rows),
                "in_period": sum(row["in_period"] for row in sample_rows),
                "cumulative": sum(row["cumulative"] for row in sample_rows),
            },
            "sample_note": (
                f"Số phiếu tối thiểu tính cho {_span_phrase(spans, campaign)}; lũy kế tính từ đầu kỳ tính "
                f"cỡ mẫu đến hết {lower_first(period_name)}."
            ),
            "summary": summary,
            "unit_rows": unit_rows,
            "unit_total": _figure_row("", "Chung", total, total_before, campaign),
            "criterion_rows": criterion_rows,
            "closing": closing,
        },
    }


def campaign_periods(campaign: Campaign) -> list[tuple[str, str]]:
    """The campaign's report periods, as (key, label): its months, quarters or years, and the years."""
    kind = FREQUENCY_PERIOD.get(campaign.frequency, "year")
    keys, day = [], campaign.period_start.replace(day=1)
    while day <= campaign.period_end:
        quarter = (day.month - 1) // 3 + 1
        key = {"month": f"{day.year}-{day.month:02d}", "quarter": f"{day.year}-Q{quarter}"}.get(
            kind, str(day.year)
        )
        for candidate in (key, str(day.year)):
            if candidate not in keys:
                keys.append(candidate)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return [(key, period_label(key)) for key in keys]


def context_build(
    campaign: Campaign, *, today: dt.date, issuer: Unit | None = None, options: dict
) -> tuple[Unit, dict]:
    """The campaign's plan issues the report (its register, its signer by default)."""
    try:
        context = survey_report_context(
            campaign,
            period=options.get("period", ""),
            today=today,
            doc_type=options.get("doc_type", "BC"),
            signer=options.get("signer"),
        )
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    return campaign.plan.issuer, context


def sample_context() -> dict:
    figure = {"order": "1", "name": "Phòng Tư pháp", "n": 120, "index": "85,3", "previous": "83,1"}
    figure.update(change="+2,2", met=MET)
    doc = sample_doc(Kind.SURVEY, type_name=SURVEY_TYPES["BC"], abbreviation="BC")
    return {
        "doc": doc,
        "plan": sample_plan_reference(),
        "survey": {
            "campaign_id": 0,
            "campaign": "Khảo sát mẫu năm 2025",
            "doc_type": "BC",
            "period": "2025-Q1",
            "period_name": "Quý I/2025",
            "period_start": "2025-01-01",
            "period_end": "2025-03-31",
            "previous": "2024-Q4",
            "previous_name": "Quý IV/2024",
            "target": "> 83%",
            "intro": ["Mở đầu mẫu:"],
            "method": "Hình thức khảo sát: phiếu giấy tại quầy.",
            "sample_rows": [
                {
                    "order": "1",
                    "unit": "Phòng Tư pháp",
                    "required": 100,
                    "in_period": 40,
                    "cumulative": 40,
                    "percent": "40",
                    "status": SAMPLE_SHORT,
                }
            ],
            "sample_total": {"required": 100, "in_period": 40, "cumulative": 40},
            "sample_note": "Số phiếu tối thiểu tính cho năm 2025.",
            "summary": ["Chỉ tiêu của Kế hoạch: chỉ số hài lòng > 83%."],
            "unit_rows": [figure],
            "unit_total": {**figure, "order": "", "name": "Chung"},
            "criterion_rows": [{**figure, "order": "I", "name": "Tiếp cận dịch vụ"}],
            "closing": ["Kết luận mẫu./."],
        },
    }


class Form(KindForm):
    """The survey report: Báo cáo or Thông báo, one of the campaign's periods, the template, the signer."""

    kind_code = Kind.SURVEY

    doc_type = forms.ChoiceField(
        label=_("Loại văn bản"),
        choices=[("BC", _("Báo cáo (BC)")), ("TB", _("Thông báo (TB)"))],
        initial="BC",
        widget=forms.RadioSelect,
    )
    period = forms.ChoiceField(label=_("Kỳ"))

    def __init__(self, *args, issuers, source: Campaign, **kwargs):
        super().__init__(*args, issuers=issuers, source=source, **kwargs)
        field = self.fields["period"]
        field.choices = campaign_periods(source)
        field.error_messages["invalid_choice"] = MSG_PERIOD_NOT_IN_CAMPAIGN.replace("{value}", "%(value)s")

    def clean_period(self):
        period = self.cleaned_data["period"]
        try:
            period_parse(period)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return period


# ----- the built-in template ------------------------------------------------------------------


SAMPLE_WIDTHS = [1.0, 5.3, 2.2, 2.0, 2.0, 1.8, 2.2]


INDEX_WIDTHS = [1.0, 4.9, 1.6, 2.3, 2.3, 2.2, 2.2]


def index_table(doc, first: str, rows: str, *, total: str | None = None) -> None:
    """Index with its number of answers, the previous period and the target, one row per unit or criterion."""
    headers = [
        "Stt",
        first,
        "Số ý kiến",
        "{{ survey.period_name }} (%)",
        "Kỳ trước: {{ survey.previous_name }} (%)",
        "Tăng, giảm (điểm %)",
        "So với chỉ tiêu",
    ]
    table = layout.grid_table(doc, headers, INDEX_WIDTHS, size=11)
    layout.control_row(table, f"{{%tr for row in {rows} %}}")
    cells = ["{{ row.order }}", "{{ row.name }}", "{{ row.n }}", "{{ row.index }}"]
    cells += ["{{ row.previous }}", "{{ row.change }}", "{{ row.met }}"]
    layout.add_row(
        table,
        cells,
        size=11,
        aligns=TABLE_ALIGNS,
    )
    layout.control_row(table, "{%tr endfor %}")
    if total:
        cells = ["", f"{{{{ {total}.name }}}}", f"{{{{ {total}.n }}}}", f"{{{{ {total}.index }}}}"]
        cells += [f"{{{{ {total}.previous }}}}", f"{{{{ {total}.change }}}}", f"{{{{ {total}.met }}}}"]
        layout.add_row(
            table,
            cells,
            size=11,
            bold=True,
            aligns=TABLE_ALIGNS,
        )
    layout.finish_table(table, INDEX_WIDTHS)


def build():
    """Báo cáo / Thông báo kết quả khảo sát: the type name is the clerk's choice, carried in the data."""
    doc = layout.new_document()
    layout.header(doc)
    layout.title(doc, "{{ doc.type_name }}")
    layout.body_paragraphs(doc, "survey.intro")
    layout.para(doc, "I. SỐ PHIẾU KHẢO SÁT", bold=True, indent=True)
    layout.para(doc, "{{ survey.method }}", indent=True)
    headers = ["Stt", "Đơn vị", "Số phiếu tối thiểu", "Thu trong kỳ", "Lũy kế", "Tỷ lệ đạt (%)", "Đánh giá"]
    table = layout.grid_table(doc, headers, SAMPLE_WIDTHS, size=11)
    layout.control_row(table, "{%tr for row in survey.sample_rows %}")
    layout.add_row(
        table,
        [
            "{{ row.order }}",
            "{{ row.unit }}",
            "{{ row.required|number_vn }}",
            "{{ row.in_period|number_vn }}",
            "{{ row.cumulative|number_vn }}",
            "{{ row.percent }}",
            "{{ row.status }}",
        ],
        size=11,
        aligns=TABLE_ALIGNS,
    )
    layout.control_row(table, "{%tr endfor %}")
    layout.add_row(
        table,
        [
            "",
            "Tổng cộng",
            "{{ survey.sample_total.required|number_vn }}",
            "{{ survey.sample_total.in_period|number_vn }}",
            "{{ survey.sample_total.cumulative|number_vn }}",
            "",
            "",
        ],
        size=11,
        bold=True,
        aligns=TABLE_ALIGNS,
    )
    layout.finish_table(table, SAMPLE_WIDTHS)
    layout.para(doc, "{{ survey.sample_note }}", size=12, italic=True, before=3, indent=True)
    layout.para(doc, "II. CHỈ SỐ HÀI LÒNG", bold=True, indent=True)
    layout.tag_paragraph(doc, "{%p for text in survey.summary %}")
    layout.para(doc, "- {{ text }}", indent=True)
    layout.tag_paragraph(doc, "{%p endfor %}")
    layout.para(doc, "1. Chỉ số hài lòng theo đơn vị", bold=True, indent=True)
    index_table(doc, "Đơn vị", "survey.unit_rows", total="survey.unit_total")
    layout.para(doc, after=6)
    layout.para(doc, "2. Chỉ số hài lòng theo tiêu chí", bold=True, indent=True)
    index_table(doc, "Tiêu chí", "survey.criterion_rows")
    layout.para(doc, after=6)
    layout.para(doc, "III. ĐÁNH GIÁ, ĐỀ XUẤT", bold=True, indent=True)
    layout.body_paragraphs(doc, "survey.closing")
    layout.signature(doc)
    return doc
