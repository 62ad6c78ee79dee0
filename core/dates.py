"""The years a typed date may fall in: a plan, deadline, extension or survey period of this century.

A slip of the keyboard (31/12/9999, 01/01/0202) would otherwise become a due date that never
comes, or a survey period nobody can answer in. Every date a user types is checked here: model
fields and the shared form field carry ``date_in_bounds``, services that take a date without a
form call ``check_date_bounds``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from .errors import ApplicationError

YEAR_MIN = 2000
YEAR_MAX = 2100
MSG_OUT_OF_BOUNDS = "Ngày {date} không hợp lệ: năm phải từ {low} đến {high}."


def _message(value: dt.date, low: int = YEAR_MIN, high: int = YEAR_MAX) -> str:
    typed = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"  # strftime drops a year's zeros
    return MSG_OUT_OF_BOUNDS.format(date=typed, low=low, high=high)


@deconstructible
class DateBounds:
    """Validator for a date field: refuse a year outside ``low``–``high``."""

    def __init__(self, low: int = YEAR_MIN, high: int = YEAR_MAX):
        self.low, self.high = low, high

    def __call__(self, value) -> None:
        if value is not None and not self.low <= value.year <= self.high:
            raise ValidationError(_message(value, self.low, self.high), code="date_out_of_bounds")

    def __eq__(self, other):
        return isinstance(other, DateBounds) and (self.low, self.high) == (other.low, other.high)


date_in_bounds = DateBounds()
# A legal basis may be an older law or decree than any plan.
basis_date_in_bounds = DateBounds(low=1945)


def check_date_bounds(value: dt.date | None, *, label: str) -> None:
    """The same rule for a service: an ``ApplicationError`` that names the field."""
    if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ApplicationError(f"{label}: {_message(value)}")
