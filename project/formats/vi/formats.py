"""Vietnamese formats: day first everywhere (01/02/2026 is 1 February 2026), 1.234.567 for amounts.

Django's own ``vi`` formats set no number grouping and no input formats, so the admin and every
form fell back to month-first US input.
"""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday

# Day first; ISO accepted too (date pickers send it).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%H:%M %d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
# Grouping is applied where asked for (amounts, intcomma), not to every number: a year stays 2026.
NUMBER_GROUPING = 3
