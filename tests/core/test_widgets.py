"""The one-pass select: the same options, choice and escaping as Django's own widget."""

import re

from django import forms

from core.widgets import PlainSelect

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
