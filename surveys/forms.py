from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Channel, Question, RespondentType

ANSWER_PREFIX = "q_"


class ResponseForm(forms.Form):
    """A questionnaire as a form: staff entry (unit, channel, date) or the public form (honeypot)."""

    def __init__(self, *args, questions, units=None, services=(), public=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.public = public
        if units is not None:
            self.fields["unit"] = forms.ModelChoiceField(queryset=units, label=_("Đơn vị"))
            self.fields["channel"] = forms.ChoiceField(
                choices=[c for c in Channel.choices if c[0] != Channel.IMPORT],
                initial=Channel.PAPER,
                label=_("Hình thức"),
            )
            self.fields["submitted_on"] = forms.DateField(
                label=_("Ngày trả lời"),
                initial=timezone.localdate,
                input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
        if services:
            self.fields["service"] = forms.ModelChoiceField(
                queryset=services, required=False, label=_("Thủ tục, dịch vụ")
            )
        self.fields["respondent_type"] = forms.ChoiceField(
            choices=[("", "—"), *RespondentType.choices], required=False, label=_("Ông (bà) là")
        )
        for question in questions:
            name = f"{ANSWER_PREFIX}{question.pk}"
            label = f"{question.code}. {question.text}"
            if question.is_scored:
                field = forms.TypedChoiceField(
                    choices=[(i + 1, text) for i, text in enumerate(question.level_labels)],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=question.required,
                    label=label,
                )
            elif question.kind == Question.Kind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(c.code, c.text) for c in question.choices.all()],
                    widget=forms.RadioSelect,
                    required=question.required,
                    label=label,
                )
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(c.code, c.text) for c in question.choices.all()],
                    widget=forms.CheckboxSelectMultiple,
                    required=question.required,
                    label=label,
                )
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=question.required,
                    label=label,
                    max_length=4000,
                )
            field.question = question
            self.fields[name] = field
        self.fields["contact_name"] = forms.CharField(
            required=False, max_length=200, label=_("Tên cá nhân, tổ chức")
        )
        self.fields["contact_address"] = forms.CharField(required=False, max_length=300, label=_("Địa chỉ"))
        self.fields["contact_phone"] = forms.CharField(required=False, max_length=30, label=_("Điện thoại"))
        if public:
            # Honeypot: hidden from people, filled in by bots.
            self.fields["website"] = forms.CharField(required=False, label=_("Để trống ô này"))

    def question_fields(self):
        return [self[name] for name in self.fields if name.startswith(ANSWER_PREFIX)]

    def is_bot(self) -> bool:
        return bool(self.public and self.data.get("website"))

    def answers(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            field.question.code: data.get(name)
            for name, field in self.fields.items()
            if name.startswith(ANSWER_PREFIX)
        }

    def contact(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "name": data.get("contact_name", ""),
            "address": data.get("contact_address", ""),
            "phone": data.get("contact_phone", ""),
        }


class AlertHandleForm(forms.Form):
    note = forms.CharField(
        label=_("Kết quả xử lý"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp .xlsx hoặc .csv"))
    dry_run = forms.BooleanField(label=_("Chỉ kiểm tra, chưa ghi"), required=False)
