"""A district with two issued plans, three lead units and obligations in every state."""

import datetime as dt

import pytest

from core.periods import Frequency
from tasks.models import Deliverable
from tasks.services.lifecycle import plan_issue
from tests.factories import PlanFactory, TaskFactory, UnitFactory, add_recurring, add_unit

TODAY = "2022-08-10 09:00 +07:00"
State = Deliverable.State


def set_state(deliverable, state, *, submitted=None, timeliness=""):
    Deliverable.objects.filter(pk=deliverable.pk).update(
        state=state, submitted_at=submitted, timeliness=timeliness
    )


@pytest.fixture
def province(org):
    return build_province(org)


def build_province(org):
    """Plan P (4 quarterly tasks × 3 units = 48 obligations) and a small plan Q of the same district."""
    office_c = UnitFactory(code="CL-TP", name="Phòng Tư pháp", parent=org.district)
    leads = [org.office_a, office_c, org.noivu]
    plans = []
    for size, title in ((4, "Kế hoạch CCHC năm 2022"), (1, "Kế hoạch tuyên truyền")):
        plan = PlanFactory(
            issuer=org.district,
            title=title,
            year=2022,
            period_start=dt.date(2022, 1, 1),
            period_end=dt.date(2022, 12, 31),
            report_frequency=Frequency.QUARTERLY.value,
        )
        for index in range(size):
            content = '=HYPERLINK("http://x")' if index == 0 else f"Nhiệm vụ {index}"
            task = TaskFactory(plan=plan, content=content, deadline_text="Thường xuyên")
            for unit in leads:
                add_unit(task, unit)
            add_recurring(task, Frequency.ONGOING)
        plans.append(plan_issue(plan=plan, actor=org.coordinator))
    big = plans[0]
    items = list(Deliverable.objects.filter(task__plan=big).order_by("due_date", "unit__name", "id"))
    q1 = [d for d in items if d.due_date < dt.date(2022, 4, 1)]
    q2 = [d for d in items if dt.date(2022, 4, 1) <= d.due_date < dt.date(2022, 7, 1)]
    sent = dt.datetime(2022, 3, 20, 9, tzinfo=dt.UTC)
    late = dt.datetime(2022, 4, 15, 9, tzinfo=dt.UTC)
    for d in q1:  # office A on time and accepted, Tư pháp late and accepted, Nội vụ left open (overdue)
        if d.unit_id == org.office_a.pk:
            set_state(d, State.ACCEPTED, submitted=sent, timeliness="early")
        elif d.unit_id == office_c.pk:
            set_state(d, State.ACCEPTED, submitted=late, timeliness="late")
    noivu_q2 = [d for d in q2 if d.unit_id == org.noivu.pk]
    for d in noivu_q2[:3]:  # Nội vụ sent three of its four Q2 reports
        set_state(d, State.SUBMITTED, submitted=late, timeliness="early")
    office_a_q2 = next(d for d in q2 if d.unit_id == org.office_a.pk)
    Deliverable.objects.filter(pk=office_a_q2.pk).update(state=State.WAIVED)
    return {"big": big, "small": plans[1], "office_c": office_c, "leads": leads}
