"""The results tables' figures read exactly as Django's ``floatformat`` printed them."""

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from surveys.jinja_helpers import decimal


@pytest.mark.parametrize(
    "value", [0, 0.0, 0.05, 0.15, 2.675, 66.66666666666667, 84.85, 99.95, 100, 100.0, 80, 82.5]
)
@pytest.mark.parametrize("places", [1, 0, -2])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_decimal_reads_as_floatformat(value, places, language):
    with translation.override(language):
        assert decimal(value, places) == floatformat(value, str(places) if places < 0 else places)


def test_decimal_comma_and_half_up():
    with translation.override("vi"):
        assert decimal(84.85, 1) == "84,9"
        assert decimal(None, 1) == ""
