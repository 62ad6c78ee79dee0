from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from plans.models import Section
from units.models import Unit

from .deadlines import DeadlineError, validate_part
from .models import Task, TaskDeadline

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


class VietnameseDateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        )
        kwargs.setdefault(
            "error_messages", {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")}
        )
        super().__init__(**kwargs)


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


class TaskForm(forms.ModelForm):
    lead_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị chủ trì"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
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
