"""The campaign wizard for the survey operator: the form, and the quota table shown before saving.

The preview applies the same sample rules as the results page (``sampling.py``) to what was
typed, without writing anything; saving goes through ``services.campaign_setup``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import openpyxl
from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import date_in_bounds
from core.errors import ApplicationError
from core.periods import SURVEY_FREQUENCIES, frequency_choices
from core.text import fold_phrase
from plans.importing.limits import check_office_xml, check_office_zip
from plans.models import Plan
from units.models import Unit

from . import sampling
from .builtin import BUILTIN
from .models import Campaign, Channel, Questionnaire

DATE_FORMATS = ["%d/%m/%Y"]
BAD_LINE = "Dòng {line} “{text}”: cần dạng “mã | tên”."
BAD_COUNT = "Dòng {line} “{text}”: cần dạng “mã đơn vị | số giao dịch”."
UNIT_NOT_CHOSEN = "Mã đơn vị “{code}” không nằm trong các đơn vị đã chọn."
BAD_TABLE = "Bảng ngưỡng cần dạng “100:100, 1000:200, 5000:500” (số giao dịch từ : số phiếu tối thiểu)."
COUNTS_SHEET_COLUMNS = "Tệp số giao dịch cần hai cột “Mã đơn vị” và “Số giao dịch”."
CODE_TWICE = "Dòng {line}: mã “{code}” đã có ở dòng {first}; mỗi mã chỉ ghi một lần."
PARAM_MISSING = "Cách tính cỡ mẫu này cần: {what}."


def _date_field(label):
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        validators=[date_in_bounds],
    )


class CampaignWizardForm(forms.Form):
    title = forms.CharField(label=_("Tên đợt khảo sát"), max_length=300)
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=Plan.objects.none())
    questionnaire = forms.ChoiceField(label=_("Phiếu khảo sát"))
    copy_questionnaire = forms.BooleanField(
        label=_("Tạo bản sao của phiếu (kèm tiêu chí) để sửa riêng cho đợt này"), required=False
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được khảo sát"), queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    services = forms.CharField(
        label=_("Dịch vụ, thủ tục (mỗi dòng: mã | tên)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    period_start = _date_field(_("Từ ngày"))
    period_end = _date_field(_("Đến ngày"))
    frequency = forms.ChoiceField(
        label=_("Kỳ tổng hợp"), choices=frequency_choices(SURVEY_FREQUENCIES), initial="quarterly"
    )
    design = forms.ChoiceField(
        label=_("Cách tính cỡ mẫu"), choices=Campaign.Design.choices, widget=forms.RadioSelect
    )
    threshold_table = forms.CharField(
        label=_("Bảng ngưỡng (số giao dịch từ : số phiếu tối thiểu)"),
        required=False,
        initial="100:100, 1000:200, 5000:500",
    )
    percent = forms.DecimalField(
        label=_("Tỷ lệ (%) số giao dịch"), required=False, min_value=0, max_value=100
    )
    fixed_quota = forms.IntegerField(
        label=_("Số phiếu cố định mỗi đơn vị × dịch vụ"), required=False, min_value=1
    )
    total = forms.IntegerField(label=_("Tổng số phiếu phân bổ theo số hồ sơ"), required=False, min_value=1)
    margin = forms.DecimalField(
        label=_("Sai số e (SIPAS)"), required=False, min_value=0.01, max_value=0.2, initial=0.05
    )
    target_percent = forms.DecimalField(
        label=_("Chỉ tiêu hài lòng (%)"), min_value=0, max_value=100, initial=80
    )
    target_strict = forms.BooleanField(label=_("Chỉ tiêu “trên” (lớn hơn hẳn)"), required=False)
    methods = forms.MultipleChoiceField(
        label=_("Hình thức thu thập"),
        choices=[c for c in Channel.choices if c[0] != Channel.IMPORT],
        widget=forms.CheckboxSelectMultiple,
    )
    counts = forms.CharField(
        label=_("Số giao dịch cả đợt theo đơn vị (mỗi dòng: mã đơn vị | số)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    counts_file = forms.FileField(
        label=_("hoặc tệp .xlsx xuất từ hệ thống một cửa (cột Mã đơn vị, Số giao dịch)"), required=False
    )

    def __init__(self, *args, plans, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["units"].queryset = units
        builtin = [(f"builtin:{code}", f"{data['title']} (dựng sẵn)") for code, data in BUILTIN.items()]
        own = [
            (f"q:{q.pk}", str(q))
            for q in Questionnaire.objects.filter(is_builtin=False).order_by("title")[:200]
        ]
        self.fields["questionnaire"].choices = builtin + own

    def clean_services(self):
        return _pairs(self.cleaned_data["services"], BAD_LINE)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        design = data.get("design")
        need = {
            Campaign.Design.PERCENT: ("percent", _("tỷ lệ phần trăm")),
            Campaign.Design.FIXED: ("fixed_quota", _("số phiếu cố định")),
            Campaign.Design.PROPORTIONAL: ("total", _("tổng số phiếu")),
        }.get(design)
        if need and data.get(need[0]) in (None, ""):
            self.add_error(need[0], PARAM_MISSING.format(what=need[1]))
        if design == Campaign.Design.THRESHOLD:
            try:
                data["table"] = _table(data.get("threshold_table") or "")
            except ValueError:
                self.add_error("threshold_table", BAD_TABLE)
        units = {fold_phrase(u.code): u for u in data.get("units") or []}
        try:
            data["unit_counts"] = _counts(data.get("counts") or "", data.get("counts_file"), units)
        except ApplicationError as error:
            self.add_error("counts", error.message)
        return data

    def design_params(self) -> dict:
        data, design = self.cleaned_data, self.cleaned_data["design"]
        if design == Campaign.Design.THRESHOLD:
            return {"table": [list(row) for row in data["table"]]}
        if design == Campaign.Design.PERCENT:
            return {"percent": float(data["percent"])}
        if design == Campaign.Design.PROPORTIONAL:
            return {"total": int(data["total"])}
        if design == Campaign.Design.SIPAS:
            return {"margin": float(data.get("margin") or 0.05)}
        return {}


def _pairs(text: str, message: str) -> list[tuple[str, str]]:
    out, seen = [], {}
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.split("|")]
        if len(parts) != 2 or not all(parts):
            raise forms.ValidationError(message.format(line=line, text=raw.strip()[:60]))
        code = parts[0][:40]
        if code in seen:
            raise forms.ValidationError(CODE_TWICE.format(line=line, code=code, first=seen[code]))
        seen[code] = line
        out.append((code, parts[1][:300]))
    return out


def _table(text: str) -> list[tuple[int, int]]:
    rows = []
    for item in re.split(r"[,;\n]", text):
        if not item.strip():
            continue
        bound, minimum = (int(v.strip().replace(".", "")) for v in item.split(":"))
        rows.append((bound, minimum))
    if not rows:
        raise ValueError
    return sorted(rows)


def _counts(text: str, upload, units: dict) -> dict[int, int]:
    """Unit id → transactions, typed or read from a one-stop export .xlsx."""
    pairs = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.split("|")]
        if len(parts) != 2 or not parts[1].replace(".", "").isdigit():
            raise ApplicationError(BAD_COUNT.format(line=line, text=raw.strip()[:60]))
        pairs.append((parts[0], int(parts[1].replace(".", ""))))
    if upload:
        data = upload.read()
        check_office_zip(data, name=upload.name, kind="xlsx")
        check_office_xml(data, name=upload.name)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [fold_phrase(c) for c in next(rows, ())]
        if "ma don vi" not in header or "so giao dich" not in header:
            raise ApplicationError(COUNTS_SHEET_COLUMNS)
        code_at, count_at = header.index("ma don vi"), header.index("so giao dich")
        for row in rows:
            if row and row[code_at] not in (None, ""):
                pairs.append((str(row[code_at]), int(row[count_at] or 0)))
        book.close()
    out: dict[int, int] = {}
    for code, count in pairs:
        unit = units.get(fold_phrase(code))
        if unit is None:
            raise ApplicationError(UNIT_NOT_CHOSEN.format(code=code))
        out[unit.pk] = out.get(unit.pk, 0) + count
    return out


@dataclass
class PreviewRow:
    unit: str
    service: str
    transactions: int | None
    required: int


def quota_preview(form: CampaignWizardForm) -> tuple[list[PreviewRow], int]:
    """The quota table the campaign will have, and its total, from the form alone."""
    data = form.cleaned_data
    design, params = data["design"], form.design_params()
    units = list(data["units"])
    services = data.get("services") or []
    counts = data.get("unit_counts") or {}
    rows = []
    if design == Campaign.Design.FIXED:
        for unit in units:
            for _code, name in services or [("", "")]:
                rows.append(PreviewRow(unit.name, name, None, int(data["fixed_quota"])))
    elif design == Campaign.Design.PROPORTIONAL:
        shares = sampling.allocate_proportional(
            int(params["total"]), {u.pk: counts.get(u.pk, 0) for u in units}
        )
        rows = [PreviewRow(u.name, "", counts.get(u.pk), shares[u.pk]) for u in units]
    else:
        for unit in units:
            count = counts.get(unit.pk)
            if count is None:
                rows.append(PreviewRow(unit.name, "", None, 0))
                continue
            if design == Campaign.Design.THRESHOLD:
                need = sampling.quota_threshold(count, params["table"])
            elif design == Campaign.Design.PERCENT:
                need = sampling.quota_percent(count, params["percent"])
            else:
                need = sampling.quota_sipas(count, params["margin"])
            rows.append(PreviewRow(unit.name, "", count, need))
    return rows, sum(r.required for r in rows)
