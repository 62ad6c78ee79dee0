from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.index import period_parse

from .models import PLAN_KINDS, DocumentTemplate, Kind
from .selectors import issuer_list_for_user


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


SIGNER_AUTHORITIES = [
    ("", "—"),
    ("TM.", "TM."),
    ("KT.", "KT."),
    ("Q.", "Q."),
    ("TL.", "TL."),
    ("TUQ.", "TUQ."),
]


class DocumentCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=[(k.value, k.label) for k in PLAN_KINDS])
    template = forms.ModelChoiceField(
        label=_("Mẫu"),
        queryset=DocumentTemplate.objects.none(),
        required=False,
        empty_label=_("Mẫu đang dùng của cơ quan (hoặc mẫu chung)"),
    )
    issuer = forms.ModelChoiceField(
        label=_("Cơ quan gửi công văn triển khai"),
        queryset=None,
        required=False,
        help_text=_("Chỉ dùng cho công văn triển khai; để trống: cơ quan ban hành kế hoạch."),
    )
    drafting = forms.CharField(
        label=_("Ký hiệu đơn vị soạn thảo (công văn)"), max_length=20, required=False, initial="VP"
    )
    period_start = forms.DateField(
        label=_("Báo cáo từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    summary = forms.CharField(label=_("Trích yếu (công văn)"), max_length=500, required=False)
    addressees = forms.CharField(
        label=_("Kính gửi (mỗi dòng một nơi)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    body = forms.CharField(
        label=_("Nội dung (mỗi dòng một đoạn)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    signer_authority = forms.ChoiceField(
        label=_("Thẩm quyền ký"),
        choices=SIGNER_AUTHORITIES,
        required=False,
    )
    signer_on_behalf_of = forms.CharField(label=_("Thay mặt / ký thay cho"), max_length=120, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    signer_name = forms.CharField(
        label=_("Họ tên người ký (để trống: như kế hoạch)"), max_length=120, required=False
    )

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        issuers = issuer_list_for_user(user).order_by("name")
        self.fields["issuer"].queryset = issuers
        self.fields["template"].queryset = (
            DocumentTemplate.objects.filter(active=True)
            .filter(Q(issuer__isnull=True) | Q(issuer__in=issuers))
            .order_by("kind", "name")
        )

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if template is not None and template.kind != data.get("kind"):
            self.add_error("template", _("Mẫu này dùng cho loại văn bản khác."))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            "drafting": data["drafting"].strip(),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "summary": data["summary"].strip(),
            "addressees": _lines(data["addressees"]),
            "body": _lines(data["body"]),
            "signer_authority": data["signer_authority"],
            "signer_on_behalf_of": data["signer_on_behalf_of"].strip(),
            "signer_position": data["signer_position"].strip(),
            "signer_name": data["signer_name"].strip(),
        }


class SurveyDocumentForm(forms.Form):
    """The survey report: Báo cáo or Thông báo, the period, the template, the signer if not the plan's."""

    doc_type = forms.ChoiceField(
        label=_("Loại văn bản"),
        choices=[("BC", _("Báo cáo (BC)")), ("TB", _("Thông báo (TB)"))],
        initial="BC",
        widget=forms.RadioSelect,
    )
    period = forms.CharField(label=_("Kỳ"), max_length=10, help_text=_("2023, 2023-Q1 hoặc 2023-03"))
    template = forms.ModelChoiceField(
        label=_("Mẫu"),
        queryset=DocumentTemplate.objects.none(),
        required=False,
        empty_label=_("Mẫu đang dùng của cơ quan (hoặc mẫu chung)"),
    )
    signer_authority = forms.ChoiceField(label=_("Thẩm quyền ký"), choices=SIGNER_AUTHORITIES, required=False)
    signer_on_behalf_of = forms.CharField(label=_("Thay mặt / ký thay cho"), max_length=120, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)
    signer_name = forms.CharField(
        label=_("Họ tên người ký (để trống: như kế hoạch)"), max_length=120, required=False
    )

    def __init__(self, *args, issuer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = (
            DocumentTemplate.objects.filter(kind=Kind.SURVEY, active=True)
            .filter(Q(issuer__isnull=True) | Q(issuer=issuer))
            .order_by("name")
        )

    def clean_period(self):
        period = self.cleaned_data["period"].strip()
        try:
            period_parse(period)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return period

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            "doc_type": data["doc_type"],
            "signer_authority": data["signer_authority"],
            "signer_on_behalf_of": data["signer_on_behalf_of"].strip(),
            "signer_position": data["signer_position"].strip(),
            "signer_name": data["signer_name"].strip(),
        }


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=Kind.choices)
    issuer = forms.ModelChoiceField(label=_("Cơ quan dùng mẫu"), queryset=None)
    name = forms.CharField(label=_("Tên mẫu"), max_length=200, required=False)
    file = forms.FileField(label=_("Tệp mẫu (.docx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_list_for_user(user).order_by("name")
