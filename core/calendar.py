"""The working-day calendar in force: VN public holidays plus the overrides entered in admin."""

from .models import CalendarDay
from .workdays import WorkCalendar


def work_calendar() -> WorkCalendar:
    days = list(CalendarDay.objects.values_list("date", "is_day_off"))
    return WorkCalendar(
        extra_days_off=[day for day, off in days if off],
        extra_working_days=[day for day, off in days if not off],
    )
