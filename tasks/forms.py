from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from plans.forms import VietnameseDateField
from plans.models import Section
from units.models import Unit

from .deadlines import DeadlineError, validate_part
from .models import Task, TaskDeadline


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea(attrs={"rows": 6}))
    percent_done = forms.IntegerField(
        label=_("Tỷ lệ hoàn thành (%)"), min_value=0, max_value=100, initial=100
    )
    files = MultipleFileField(label=_("Tài liệu kèm theo"), required=False)


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class RequiredCommentForm(forms.Form):
    comment = forms.CharField(label=_("Lý do / ý kiến"), widget=forms.Textarea(attrs={"rows": 3}))


class PlanStepForm(forms.Form):
    """The confirmation of a plan step; closing asks what becomes of the obligations still open."""

    KEEP, WAIVE = "keep", "waive"
    comment = forms.CharField(
        label=_("Ghi chú / lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    open_obligations = forms.ChoiceField(
        label=_("Các nghĩa vụ chưa hoàn thành"),
        choices=[
            (KEEP, _("Giữ nguyên, các đơn vị vẫn phải báo cáo")),
            (WAIVE, _("Miễn thực hiện tất cả, với lý do ghi ở trên")),
        ],
        widget=forms.RadioSelect,
        initial=KEEP,
        required=False,
    )

    def __init__(self, *args, closing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not closing:
            del self.fields["open_obligations"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("open_obligations") == self.WAIVE and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Cần ghi lý do khi miễn các nghĩa vụ chưa hoàn thành."))
        return cleaned


class ContributionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị phối hợp"), queryset=Unit.objects.none())
    text = forms.CharField(label=_("Nội dung phối hợp"), widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=_("Tài liệu kèm theo"), required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()


class ExtensionForm(forms.Form):
    requested_due_date = VietnameseDateField(label=_("Đề nghị gia hạn đến ngày"))
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class UnitPicker(forms.CheckboxSelectMultiple):
    """A searchable list of checkboxes; static/js/plan_editor.js adds the search box and the chips."""

    def __init__(self):
        super().__init__(attrs={"class": "unit-picker"})


class TaskForm(forms.ModelForm):
    lead_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), widget=UnitPicker()
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), required=False, widget=UnitPicker()
    )
    use_structured = forms.BooleanField(
        label=_("Nhập thời hạn có cấu trúc (khi ô thời hạn không đọc được)"), required=False
    )
    reason = forms.CharField(
        label=_("Lý do điều chỉnh (bắt buộc khi kế hoạch đã ban hành)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Task
        fields = [
            "section",
            "order_label",
            "position",
            "content",
            "expected_result",
            "responsibility_text",
            "deadline_text",
            "requires_evidence",
            "evidence_note",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 4}),
            "expected_result": forms.Textarea(attrs={"rows": 3}),
            "responsibility_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(plan=plan)
        self.fields["lead_units"].queryset = units
        self.fields["coordinating_units"].queryset = units
        self.fields["deadline_text"].widget.attrs.update(
            {"placeholder": _("Ví dụ: Quý II/2026; Hàng tháng; trước ngày 15 tháng 11 hàng năm")}
        )

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("lead_units") or []) & set(cleaned.get("coordinating_units") or [])
        if both:
            names = ", ".join(str(unit) for unit in both)
            self.add_error(
                "coordinating_units", _("%(units)s không thể vừa chủ trì vừa phối hợp.") % {"units": names}
            )
        return cleaned


class TaskDeadlineForm(forms.ModelForm):
    date = VietnameseDateField(label=_("Ngày"), required=False)

    class Meta:
        model = TaskDeadline
        fields = [
            "kind",
            "date",
            "before",
            "year",
            "month",
            "months",
            "quarters",
            "half",
            "frequency",
            "day",
            "month_of_year",
            "days",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors or not cleaned.get("kind") or cleaned.get("DELETE"):
            return cleaned
        rule = TaskDeadline(**{name: cleaned.get(name) for name in self.Meta.fields})
        rule.months = cleaned.get("months") or ""
        rule.quarters = cleaned.get("quarters") or ""
        rule.frequency = cleaned.get("frequency") or ""
        try:
            validate_part(rule.to_part())
        except (DeadlineError, ValueError) as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


TaskDeadlineFormSet = inlineformset_factory(
    Task, TaskDeadline, form=TaskDeadlineForm, extra=1, can_delete=True, min_num=1, validate_min=True
)


class ExtensionDecisionForm(forms.Form):
    """Nội vụ's answer to an extension request: the asked date or another later one, with a reason."""

    due_date = VietnameseDateField(label=_("Gia hạn đến ngày"), required=False)
    comment = forms.CharField(label=_("Ý kiến, lý do"), required=False, max_length=2000)


class SelectionForm(forms.Form):
    """Obligations chosen in a list, for an action on all of them at once."""

    ids = forms.TypedMultipleChoiceField(
        coerce=int, choices=(), error_messages={"required": _("Chưa chọn nghĩa vụ nào.")}
    )
    comment = forms.CharField(label=_("Ý kiến chung"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id may be posted: the service checks each against the actor's plans, refusing all if one is not.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()


class RemindForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=False)
    note = forms.CharField(label=_("Lời nhắc thêm"), required=False, max_length=500)
    draft_letter = forms.BooleanField(
        label=_("Soạn công văn đôn đốc cho đơn vị (việc quá hạn)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()
