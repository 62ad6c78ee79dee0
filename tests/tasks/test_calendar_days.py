"""Days off and worked Saturdays entered by an administrator move working-day deadlines."""

import datetime as dt

from core.calendar import work_calendar
from core.models import CalendarDay
from tasks.deadlines import DeadlinePart, Kind
from tasks.models import Deliverable, TaskDeadline
from tasks.services.lifecycle import plan_issue

FIFTEEN_WORKING_DAYS = DeadlinePart(kind=Kind.WORKING_DAYS, days=15)


def test_an_extra_day_off_pushes_a_working_day_deadline(db):
    # given a plan starting Monday 03/01/2022: 15 working days end on Monday 24/01/2022
    start = dt.date(2022, 1, 3)
    assert work_calendar().add_working_days(start, 15) == dt.date(2022, 1, 24)
    # when the province gives Friday 07/01 off
    CalendarDay.objects.create(date=dt.date(2022, 1, 7), is_day_off=True, note="Thông báo của UBND tỉnh")
    # then the deadline moves one working day
    assert work_calendar().add_working_days(start, 15) == dt.date(2022, 1, 25)


def test_a_worked_saturday_counts(db):
    start = dt.date(2022, 1, 3)
    CalendarDay.objects.create(date=dt.date(2022, 1, 8), is_day_off=False, note="Làm bù")
    # 4–8, 10–14, 17–21 January: fifteen working days with Saturday 08/01 among them
    assert work_calendar().add_working_days(start, 15) == dt.date(2022, 1, 21)


def test_issuing_uses_the_calendar_in_force(draft_plan, org):
    # given a task due "trong 15 ngày làm việc" from the plan's start, 01/01/2022 (a holiday, a Saturday)
    task = draft_plan.tasks.get()
    task.deadline_rules.all().delete()
    TaskDeadline.from_part(FIFTEEN_WORKING_DAYS, task=task).save()
    CalendarDay.objects.create(date=dt.date(2022, 1, 10), is_day_off=True)
    # when
    plan_issue(plan=draft_plan, actor=org.coordinator)
    # then: Monday 03/01 is New Year's day observed, 10/01 is off: 4–7, 11–14, 17–21, 24–25 January
    assert Deliverable.objects.get(task=task).due_date == dt.date(2022, 1, 25)
