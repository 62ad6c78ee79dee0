"""Forms of the unit tree, people and reorganisation screens: input checks only, no rules."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from core.dates import date_in_bounds

from .models import Membership, Reorganisation, Unit

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
MAX_SHEET_BYTES = 2 * 1024 * 1024


class DateVNField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        )
        kwargs.setdefault(
            "error_messages", {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")}
        )
        kwargs.setdefault("validators", [date_in_bounds])
        super().__init__(**kwargs)


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class UnitMultiChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class UnitCreateForm(forms.Form):
    parent = UnitChoice(label=_("Đơn vị cấp trên"), queryset=Unit.objects.none())
    code = forms.CharField(
        label=_("Mã đơn vị"), max_length=40, help_text=_("Ví dụ: XA-CAMLAM-VP. Không dùng lại.")
    )
    name = forms.CharField(label=_("Tên đầy đủ"), max_length=255)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=120, required=False)
    symbol = forms.CharField(label=_("Ký hiệu trên văn bản"), max_length=20, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Unit.Kind.choices, initial=Unit.Kind.OFFICE)
    requires_head_approval = forms.BooleanField(label=_("Lãnh đạo đơn vị duyệt báo cáo"), required=False)

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


class UnitEditForm(forms.Form):
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=120, required=False)
    symbol = forms.CharField(label=_("Ký hiệu trên văn bản"), max_length=20, required=False)
    requires_head_approval = forms.BooleanField(label=_("Lãnh đạo đơn vị duyệt báo cáo"), required=False)
    aliases = forms.CharField(
        label=_("Tên gọi khác (mỗi dòng một tên)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Các cách kế hoạch gọi đơn vị này, dùng khi nhập kế hoạch từ tệp."),
    )


class ReorganisationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại sự kiện"), choices=Reorganisation.Kind.choices)
    effective_on = DateVNField(label=_("Có hiệu lực từ ngày"))
    basis = forms.CharField(
        label=_("Căn cứ pháp lý"), max_length=500, help_text=_("Số, ký hiệu nghị quyết, quyết định.")
    )
    sources = UnitMultiChoice(label=_("Đơn vị được sắp xếp"), queryset=Unit.objects.none())
    targets = UnitMultiChoice(
        label=_("Đơn vị kế thừa (chuyển: đơn vị cấp trên mới)"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Giữ Ctrl để chọn nhiều đơn vị (chia tách); đơn vị mặc định chọn ở ô dưới."),
    )
    default_target = UnitChoice(
        label=_("Đơn vị kế thừa mặc định (chia tách)"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Nhận các nghĩa vụ không được chọn riêng, tiếp quản kế hoạch của đơn vị cũ."),
    )
    new_name = forms.CharField(label=_("Tên mới / tên đơn vị mới"), max_length=255, required=False)
    new_code = forms.CharField(
        label=_("Mã đơn vị mới (hợp nhất thành đơn vị mới)"), max_length=40, required=False
    )
    carry_roles = forms.BooleanField(
        label=_("Giao lại vai trò cho người dùng ở đơn vị kế thừa"), required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = units
        self.fields["targets"].queryset = units
        self.fields["default_target"].queryset = units


class SheetForm(forms.Form):
    """A spreadsheet chosen once: the preview keeps it, and the token confirms that same file."""

    file = forms.FileField(label=_("Bảng tính (.xlsx, .csv)"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("token") and not self.errors:
            raise forms.ValidationError(_("Hãy chọn tệp bảng tính."))
        return data

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return None
        if upload.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        return upload


class ImportForm(SheetForm):
    what = forms.ChoiceField(
        label=_("Bảng tính của"),
        choices=[
            ("units", _("Đơn vị (mã, tên, mã cấp trên, loại, tên ngắn, ký hiệu, lãnh đạo duyệt)")),
            ("people", _("Người dùng (tên đăng nhập, họ tên, thư điện tử, mã đơn vị, vai trò)")),
        ],
    )
    field_order = ["what", "file"]


class PersonCreateForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    unit = UnitChoice(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(
        label=_("Vai trò"), choices=Membership.Role.choices, initial=Membership.Role.OFFICER
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RoleForm(forms.Form):
    unit = UnitChoice(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=Membership.Role.choices)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class PasswordResetByMailForm(PasswordResetForm):
    """ "Quên mật khẩu": the same mail and one-use link Nội vụ sends from the person's page.

    Django's form finds the active accounts with that address and a password of their own (not
    directory accounts), and says the same thing whether or not one was found.
    """

    email = forms.EmailField(label=_("Thư điện tử của tài khoản"), max_length=254)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        from .services import person_reset_mail

        person_reset_mail(user=context["user"], base_url=f"{context['protocol']}://{context['domain']}")
