"""Reporting periods: how often something is reported, and the Vietnamese name of a period."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How often a task, a plan or a survey reports; each record allows the members it needs."""

    ONGOING = "ongoing", _("Thường xuyên (theo kỳ báo cáo của kế hoạch)")  # the plan's period decides
    MONTHLY = "monthly", _("Hàng tháng")
    QUARTERLY = "quarterly", _("Hàng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng")
    YEARLY = "yearly", _("Hàng năm")


# Frequencies a plan may report on; ONGOING is resolved to one of these.
REPORTING_FREQUENCIES = (Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY)
# Frequencies a survey's index is computed for.
SURVEY_FREQUENCIES = (Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY)


def frequency_choices(members) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in members]


_ROMAN = ("I", "II", "III", "IV")


def period_label(day: dt.date, frequency: Frequency | str | None) -> str:
    """Name the reporting period ``day`` falls in, the way official documents write it:
    "Tháng 3/2022", "Quý I/2022", "6 tháng đầu năm 2022", "Năm 2022"; "" for no period."""
    if frequency == Frequency.MONTHLY:
        return f"Tháng {day.month}/{day.year}"
    if frequency == Frequency.QUARTERLY:
        return f"Quý {_ROMAN[(day.month - 1) // 3]}/{day.year}"
    if frequency == Frequency.HALF_YEARLY:
        return f"6 tháng {'đầu' if day.month <= 6 else 'cuối'} năm {day.year}"
    if frequency == Frequency.YEARLY:
        return f"Năm {day.year}"
    return ""
