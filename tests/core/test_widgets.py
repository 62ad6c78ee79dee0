"""The one-pass select: the same options, choice and escaping as Django's own widget."""

import datetime as dt
import re

import pytest
from django import forms
from django.test.html import parse_html

from core.widgets import PlainCheckboxInput, PlainDateInput, PlainHiddenInput, PlainSelect, PlainTextInput

CHOICES = [("", "Mọi đơn vị"), ("7", "Phòng Văn hóa & Thông tin"), ("8", 'Sở "Nội vụ" <tỉnh>')]
GROUPED = [("", "Mọi đơn vị"), ("Xã", [("9", "Xã Cam Hải Đông"), ("10", "Xã Suối Tân")])]
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def _options(html):
    return OPTION.findall(html)


def test_same_options_as_djangos_select():
    """Values, labels (escaped) and the chosen unit are those the standard widget writes."""
    plain = PlainSelect(choices=CHOICES).render("don_vi", "8", attrs={"id": "id_don_vi"})
    standard = forms.Select(choices=CHOICES).render("don_vi", "8", attrs={"id": "id_don_vi"})

    assert _options(plain) == _options(standard)
    assert ("8", " selected", "Sở &quot;Nội vụ&quot; &lt;tỉnh&gt;") in _options(plain)
    assert plain.startswith('<select name="don_vi" id="id_don_vi">')


def test_groups_keep_their_label():
    html = PlainSelect(choices=GROUPED).render("don_vi", "")

    assert '<optgroup label="Xã"><option value="9">Xã Cam Hải Đông</option>' in html
    assert _options(html)[0] == ("", " selected", "Mọi đơn vị")


@pytest.mark.parametrize(
    ("plain", "standard", "value"),
    [
        (PlainTextInput, forms.TextInput, 'Sở "Nội vụ" <tỉnh>'),
        (PlainTextInput, forms.TextInput, None),
        (PlainHiddenInput, forms.HiddenInput, "17"),
        (PlainDateInput, forms.DateInput, dt.date(2026, 2, 1)),
        (PlainCheckboxInput, forms.CheckboxInput, True),
        (PlainCheckboxInput, forms.CheckboxInput, False),
    ],
)
def test_inputs_write_what_djangos_template_writes(plain, standard, value):
    """A filter form's inputs in one pass: the same markup, value and escaping as Django's widgets."""
    attrs = {"id": "id_q", "placeholder": "Tìm <nhiệm vụ>", "required": True}
    widget_attrs = {"type": "date"} if standard is forms.DateInput else None
    mine = plain(attrs=widget_attrs).render("q", value, attrs=attrs)
    theirs = standard(attrs=widget_attrs).render("q", value, attrs=attrs)
    # Same element, attributes and escaped values; a browser reads attributes in any order.
    assert parse_html(mine) == parse_html(theirs)
    assert "<tỉnh>" not in mine and "<nhiệm vụ>" not in mine
