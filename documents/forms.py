"""The template upload form; each document kind's own form lives in its module (documents/kinds/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind
from .selectors import issuer_list_for_user


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=Kind.choices)
    issuer = forms.ModelChoiceField(label=_("Cơ quan dùng mẫu"), queryset=None)
    name = forms.CharField(label=_("Tên mẫu"), max_length=200, required=False)
    file = forms.FileField(label=_("Tệp mẫu (.docx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuer_list_for_user(user).order_by("name")
