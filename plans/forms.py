"""The plan's heading on a screen: the Plan form and its rows (bases, targets, sections, budget)."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError
from units.forms import DateVNField
from units.models import Unit

from .models import BudgetLine, LegalBasis, Plan, Section, Target
from .text_blocks import blocks_from_markup

# One date field for every form: 01/02/2026 is the first of February.
VietnameseDateField = DateVNField


class PlanForm(forms.ModelForm):
    date = VietnameseDateField(label=_("Ngày ban hành"), required=False)
    period_start = VietnameseDateField(label=_("Thực hiện từ ngày"))
    period_end = VietnameseDateField(label=_("Đến ngày"))

    class Meta:
        model = Plan
        fields = [
            "issuer",
            "number",
            "doc_code",
            "place",
            "date",
            "year",
            "period_start",
            "period_end",
            "report_frequency",
            "title",
            "issued_with",
            "purposes",
            "requirements",
            "parent",
            "signer_authority",
            "signer_on_behalf_of",
            "signer_position",
            "signer_name",
            "recipients",
            "budget_total_text",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, issuers, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False
        if not self.instance.pk:
            self.initial["issuer"] = self.initial.get("issuer") or _top_unit(issuers)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return cleaned


class PlanHeadingAmendForm(forms.ModelForm):
    """What of an issued plan's heading may still change: nothing that alters an obligation.

    The issuer, year, period and reporting frequency stay (obligations follow from them); the
    number and date are written only by registering the plan in the outgoing register.
    """

    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Cần ghi lý do điều chỉnh kế hoạch.")},
    )

    class Meta:
        model = Plan
        fields = [
            "place",
            "title",
            "issued_with",
            "purposes",
            "requirements",
            "parent",
            "signer_authority",
            "signer_on_behalf_of",
            "signer_position",
            "signer_name",
            "recipients",
            "budget_total_text",
        ]
        widgets = PlanForm.Meta.widgets

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False


def _top_unit(units) -> int | None:
    """The unit the user coordinates from: the one of ``units`` whose parent is not among them."""
    ids = {unit.pk: unit.parent_id for unit in units}
    return next((pk for pk, parent in ids.items() if parent not in ids), None)


class LegalBasisForm(forms.ModelForm):
    date = VietnameseDateField(label=_("Ngày"), required=False)

    class Meta:
        model = LegalBasis
        fields = ["position", "doc_type", "number", "date", "issuer", "summary", "linked_plan"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}


def _formset(model, form=forms.ModelForm, fields=None):
    return inlineformset_factory(
        Plan, model, form=form, fields=fields, fk_name="plan", extra=1, can_delete=True, min_num=0
    )


LegalBasisFormSet = _formset(LegalBasis, form=LegalBasisForm)
TargetFormSet = _formset(Target, fields=["position", "metric", "comparison", "value", "unit", "text"])
SectionFormSet = _formset(Section, fields=["position", "label", "title"])
BudgetLineFormSet = _formset(
    BudgetLine, fields=["position", "content", "unit_price", "quantity", "quantity_unit", "note"]
)

FORMSETS = [
    ("bases", LegalBasisFormSet, _("Căn cứ")),
    ("targets", TargetFormSet, _("Chỉ tiêu")),
    ("sections", SectionFormSet, _("Các mục của bảng nhiệm vụ")),
    ("budget", BudgetLineFormSet, _("Kinh phí")),
]


def plan_formsets(data, *, plan: Plan, linkable) -> list:
    """The plan's row formsets, bound to ``data`` on a POST; bases may link to a readable plan."""
    result = []
    for prefix, formset_class, title in FORMSETS:
        formset = formset_class(data, instance=plan, prefix=prefix)
        formset.title = title
        if prefix == "bases":
            for form in [*formset.forms, formset.empty_form]:
                form.fields["linked_plan"].queryset = linkable
        result.append(formset)
    return result


def issuer_choices(access) -> "forms.QuerySet":
    units = Unit.objects.all() if access.is_superuser else Unit.objects.filter(id__in=access.coordinated)
    return units.filter(is_active=True).order_by("name")


class PlanTextForm(forms.Form):
    """The plan's own text in light markup (plans.text_blocks), one block per line."""

    markup = forms.CharField(
        label=_("Nội dung văn bản"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "markup"}),
        help_text=_(
            "Mỗi dòng một đoạn. «# II. Tên phần» là đề mục lớn, «## 1. Tên mục» là mục nhỏ, "
            "«- …» là gạch đầu dòng, «+ …» là gạch đầu dòng cấp hai; **chữ đậm**, *chữ nghiêng*. "
            "Để trống: văn bản dùng các phần mặc định (nội dung nhiệm vụ, kinh phí, tổ chức thực hiện)."
        ),
    )
    tasks_in_appendix = forms.BooleanField(label=_("In bảng nhiệm vụ thành phụ lục"), required=False)
    task_appendix_title = forms.CharField(label=_("Tên phụ lục nhiệm vụ"), max_length=300, required=False)
    budget_appendix_title = forms.CharField(label=_("Tên phụ lục kinh phí"), max_length=300, required=False)
    reason = forms.CharField(
        label=_("Lý do điều chỉnh (kế hoạch đã ban hành)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_markup(self):
        try:
            self.blocks = blocks_from_markup(self.cleaned_data["markup"])
        except ApplicationError as problem:
            raise forms.ValidationError(problem.message) from None
        return self.cleaned_data["markup"]
