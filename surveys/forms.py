from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import date_in_bounds

from .models import Channel, Question, RespondentType

ANSWER_PREFIX = "q_"


class AnyChoices(forms.MultipleChoiceField):
    """Several options, checked by the service rather than by the field."""

    def valid_value(self, value):
        return True


class ResponseForm(forms.Form):
    """A questionnaire as a form: staff entry (unit, channel, date) or the public form (honeypot)."""

    def __init__(self, *args, questions, units=None, services=(), public=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.public = public
        if units is not None:
            self.fields["unit"] = forms.ModelChoiceField(queryset=units, label=_("Đơn vị"))
            self.fields["channel"] = forms.CharField(
                initial=Channel.PAPER,
                label=_("Hình thức"),
                widget=forms.Select(choices=[c for c in Channel.choices if c[0] != Channel.IMPORT]),
            )
            self.fields["submitted_on"] = forms.DateField(
                label=_("Ngày trả lời"),
                initial=timezone.localdate,
                input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                validators=[date_in_bounds],
            )
        if services:
            self.fields["service"] = forms.ModelChoiceField(
                queryset=services, required=False, label=_("Thủ tục, dịch vụ")
            )
        # The answers and the respondent are offered as choices but checked by the response
        # service, so that the form refuses exactly what the import and the API refuse.
        self.fields["respondent_type"] = forms.CharField(
            required=False,
            label=_("Ông (bà) là"),
            widget=forms.Select(choices=[("", "—"), *RespondentType.choices]),
        )
        for question in questions:
            name = f"{ANSWER_PREFIX}{question.pk}"
            label = f"{question.code}. {question.text}"
            attrs = {"required": True} if question.required else {}
            if question.is_scored:
                choices = [(i + 1, text) for i, text in enumerate(question.level_labels)]
                field = forms.CharField(widget=forms.RadioSelect(choices=choices, attrs=attrs))
            elif question.kind == Question.Kind.SINGLE:
                choices = [(c.code, c.text) for c in question.choices.all()]
                field = forms.CharField(widget=forms.RadioSelect(choices=choices, attrs=attrs))
            elif question.kind == Question.Kind.MULTIPLE:
                choices = [(c.code, c.text) for c in question.choices.all()]
                field = AnyChoices(choices=choices, widget=forms.CheckboxSelectMultiple)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, **attrs}), strip=True)
            field.required = False
            field.label = label
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


# ----- editing a questionnaire ----------------------------------------------------------------


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


class QuestionnaireHeadForm(forms.Form):
    title = forms.CharField(label=_("Tên phiếu"), max_length=300)
    intro = forms.CharField(label=_("Lời mở đầu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CriterionRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    code = forms.CharField(label=_("Mã tiêu chí"), max_length=20)
    name = forms.CharField(label=_("Tên tiêu chí"), max_length=255)

    def cleaned_data_row(self) -> dict:
        return {key: self.cleaned_data.get(key) for key in ("id", "code", "name")}


class QuestionRowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    code = forms.CharField(label=_("Số câu"), max_length=20)
    text = forms.CharField(label=_("Nội dung câu hỏi"), widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Loại"), choices=Question.Kind.choices)
    criterion = forms.CharField(
        label=_("Mã tiêu chí"), max_length=20, required=False, help_text=_("Để trống: câu không tính điểm.")
    )
    labels = forms.CharField(
        label=_("Các mức trả lời (mỗi dòng một mức, tốt nhất trước)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    choices = forms.CharField(
        label=_("Các lựa chọn (mỗi dòng một lựa chọn)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    polarity = forms.ChoiceField(
        label=_("Chiều của câu Có/Không"), choices=[("", "—"), *Question.Polarity.choices], required=False
    )
    is_general = forms.BooleanField(label=_("Câu hỏi hài lòng chung"), required=False)
    required = forms.BooleanField(label=_("Bắt buộc"), required=False)
    alert_from_level = forms.IntegerField(
        label=_("Cảnh báo từ mức"), required=False, min_value=1, max_value=7
    )

    def row(self):
        from .questionnaires import QuestionRow

        data = self.cleaned_data
        return QuestionRow(
            id=data.get("id"),
            code=data["code"],
            text=data["text"],
            kind=data["kind"],
            criterion=(data.get("criterion") or "").strip(),
            labels=_lines(data.get("labels")),
            choices=_lines(data.get("choices")),
            polarity=data.get("polarity") or "",
            is_general=data.get("is_general", False),
            required=data.get("required", False),
            alert_from_level=data.get("alert_from_level"),
        )


CriterionFormSet = forms.formset_factory(CriterionRowForm, extra=1, can_delete=True)
QuestionFormSet = forms.formset_factory(QuestionRowForm, extra=1, can_delete=True)


def questionnaire_initial(questionnaire) -> tuple[dict, list[dict], list[dict]]:
    """What the edit screen starts from: the head, one row per criterion and per question."""
    head = {"title": questionnaire.title, "intro": questionnaire.intro}
    criteria = [{"id": c.pk, "code": c.code, "name": c.name} for c in questionnaire.criteria.all()]
    questions = [
        {
            "id": q.pk,
            "code": q.code,
            "text": q.text,
            "kind": q.kind,
            "criterion": q.criterion.code if q.criterion else "",
            "labels": "\n".join(q.labels or []),
            "choices": "\n".join(c.text for c in q.choices.all()),
            "polarity": q.polarity,
            "is_general": q.is_general,
            "required": q.required,
            "alert_from_level": q.alert_from_level,
        }
        for q in questionnaire.questions.select_related("criterion").prefetch_related("choices")
    ]
    return head, criteria, questions
