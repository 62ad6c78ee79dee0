"""Day-first dates and dotted thousands wherever Django reads or writes a date or an amount."""

import datetime as dt

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.template import Context, Template
from django.utils import translation


class _AnyDate(forms.Form):
    day = forms.DateField()
    admin_day = forms.DateField(widget=AdminDateWidget)


def test_01_02_2026_is_the_first_of_february_in_any_form_and_the_admin():
    with translation.override("vi"):
        form = _AnyDate({"day": "01/02/2026", "admin_day": "01/02/2026"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data == {"day": dt.date(2026, 2, 1), "admin_day": dt.date(2026, 2, 1)}


def test_dates_show_day_first_and_amounts_grouped_with_dots():
    template = Template(
        "{% load humanize %}{{ day|date:'SHORT_DATE_FORMAT' }} {{ amount|intcomma }} {{ year }}"
    )
    with translation.override("vi"):
        text = template.render(Context({"day": dt.date(2026, 2, 1), "amount": 1234567, "year": 2026}))
    assert text == "01/02/2026 1.234.567 2026"
