"""The surveys vocabulary for Jinja2 row partials (core/jinja.py): the figures of the results tables."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format

_STEPS = {places: Decimal(1).scaleb(-places) for places in range(4)}


def decimal(value, places: int = 1) -> str:
    """As ``|floatformat:places`` (half up, the locale's decimal comma; a negative ``places`` drops the
    decimals of a whole number), about ten times cheaper: a results page shows thousands of figures."""
    if value is None or value == "":
        return ""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    shown = abs(places)
    if places < 0 and number == number.to_integral_value():
        shown = 0
    rounded = number.quantize(_STEPS[shown], ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)  # floatformat never shows "-0"
    text = f"{rounded:f}"
    return text.replace(".", get_format("DECIMAL_SEPARATOR")) if shown else text


FILTERS = {"decimal": decimal}
