"""Pages and exports name units as they were at the time of the record, in a fixed number of queries.

The district plan of 05/01/2022 is led by the Văn phòng (renamed on 01/07/2022) and by the Phòng Tư
pháp huyện Cam Lâm (dissolved into the Phòng Nội vụ on 01/07/2022). Reports of the first half year
were accepted in April; the later obligations were still owed at the reform.
"""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.periods import Frequency
from tasks.exports import progress_workbook_write
from tasks.models import Deliverable, TaskAssignment
from tasks.services.lifecycle import plan_issue
from tasks.services.summaries import deliverable_summaries_rebuild
from tests.factories import PlanFactory, TaskFactory, UnitFactory, add_recurring, add_unit
from units.models import Reorganisation
from units.reorganisation import EventSpec, reorganisation_apply

REFORM = dt.date(2022, 7, 1)
TODAY = "2022-08-10 09:00 +07:00"
OLD_OFFICE = "Văn phòng HĐND và UBND huyện"
NEW_OFFICE = "Văn phòng UBND huyện Cam Lâm"
JUSTICE = "Phòng Tư pháp huyện Cam Lâm"
JUSTICE_NOW = f"{JUSTICE}, nay là Phòng Nội vụ"


def _build(org, tasks: int, suffix: str = ""):
    """The plan with ``tasks`` quarterly tasks led by both offices, then the two events. A ``suffix``
    builds another such plan beside the first, with its own units."""
    justice = UnitFactory(code=f"CL-PTP{suffix}", name=f"{JUSTICE}{suffix}", parent=org.district)
    office = org.office_a
    if suffix:
        office = UnitFactory(code=f"CL-VP{suffix}", name=f"{OLD_OFFICE}{suffix}", parent=org.district)
    plan = PlanFactory(
        issuer=org.district, date=dt.date(2022, 1, 5), report_frequency=Frequency.QUARTERLY.value
    )
    for index in range(tasks):
        task = TaskFactory(plan=plan, content=f"Nhiệm vụ số {index}", deadline_text="Thường xuyên")
        add_unit(task, office)
        add_unit(task, justice)
        add_unit(task, org.office_b, TaskAssignment.Role.COORDINATING)
        add_recurring(task, Frequency.ONGOING)
    plan = plan_issue(plan=plan, actor=org.coordinator)
    april = dt.datetime(2022, 4, 5, 9, tzinfo=dt.UTC)
    Deliverable.objects.filter(task__plan=plan, due_date__lt=REFORM).update(
        state=Deliverable.State.ACCEPTED, submitted_at=april, closed_at=april, timeliness="early"
    )
    basis = f"Nghị quyết số 9{suffix}/NQ-HĐND"
    for spec in (
        EventSpec(
            kind=Reorganisation.Kind.RENAME,
            effective_on=REFORM,
            basis=basis,
            sources=[office],
            new_name=f"{NEW_OFFICE}{suffix}",
        ),
        EventSpec(
            kind=Reorganisation.Kind.DISSOLVE,
            effective_on=REFORM,
            basis=basis,
            sources=[justice],
            targets=[org.noivu],
        ),
    ):
        reorganisation_apply(spec=spec)
    with time_machine.travel(TODAY, tick=False):
        deliverable_summaries_rebuild()
    return plan


@pytest.fixture
def plan(org):
    return _build(org, 60)


def _get(client, url):
    with time_machine.travel(TODAY, tick=False):
        return client.get(url)


def _workbook(plan) -> bytes:
    """The progress workbook as its background job writes it."""
    target = io.BytesIO()
    progress_workbook_write(plan=plan, today=dt.date(2022, 8, 10), target=target)
    return target.getvalue()


def _sheet_rows(content: bytes, title: str) -> list[tuple]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return list(book[title].iter_rows(values_only=True))


def test_pages_name_finished_records_as_they_were_and_open_ones_as_now(client, org, plan):
    """The list of obligations: April's accepted reports under the names of April (the dissolved unit
    "…, nay là Phòng Nội vụ"), the obligations still owed under today's names."""
    client.force_login(org.coordinator)

    page = _get(client, reverse("deliverable_list") + "?state=accepted").content.decode()
    owed = _get(client, reverse("deliverable_list") + "?state=pending").content.decode()

    assert OLD_OFFICE in page and JUSTICE_NOW in page and NEW_OFFICE not in page
    assert NEW_OFFICE in owed and OLD_OFFICE not in owed
    assert JUSTICE_NOW in owed  # passed on to the successor: "…, nay là …" too
    accepted = Deliverable.objects.filter(unit__code="CL-PTP", state=Deliverable.State.ACCEPTED).first()
    detail = _get(client, reverse("deliverable_detail", args=[accepted.pk])).content.decode()
    assert JUSTICE_NOW in detail and f"{OLD_OFFICE} (chủ trì)" in detail


def test_plan_page_and_dashboard_name_the_units_of_the_plan(client, org, plan):
    """The plan's table names its lead units as on the plan's date; the dashboard's unit table keeps
    the dissolved unit's row, saying who it is now."""
    client.force_login(org.coordinator)

    table = _get(client, reverse("plan_detail", args=[plan.pk])).content.decode()
    dashboard = _get(client, reverse("dashboard")).content.decode()

    assert f"{OLD_OFFICE}, {JUSTICE_NOW}" in table
    assert JUSTICE_NOW in dashboard


def test_plan_page_obligations_name_units_as_on_their_record(client, org, plan):
    """A row's obligations: April's accepted reports under April's names, the owed ones under today's;
    the dissolved office's, accepted or passed to its successor, "…, nay là …"."""
    client.force_login(org.coordinator)

    table = _get(client, reverse("plan_detail", args=[plan.pk])).content.decode()
    chips = {
        (name, state)
        for name, state in re.findall(
            r'<div class="dl"><a href="[^"]+">([^<]+) · \d\d/\d\d/\d{4}</a> '
            r'<span class="badge ([\w-]+)"',
            table,
        )
    }

    assert {(OLD_OFFICE, "st-accepted"), (JUSTICE_NOW, "st-accepted")} <= chips
    assert {(NEW_OFFICE, "st-pending"), (JUSTICE_NOW, "st-pending")} <= chips
    assert (NEW_OFFICE, "st-accepted") not in chips and (OLD_OFFICE, "st-pending") not in chips


def test_exports_name_units_as_they_were(client, org, plan):
    """Progress workbook: accepted rows under the old names; the task table under the plan's names,
    which import back onto today's units (the old names are their aliases)."""
    client.force_login(org.coordinator)

    progress = _workbook(plan)
    tasks = _get(client, reverse("plan_export", args=[plan.pk])).content

    items = _sheet_rows(progress, "Nghĩa vụ")
    units_by_state = {(row[2], row[6]) for row in items[1:]}
    assert (OLD_OFFICE, "Đã hoàn thành") in units_by_state
    assert (JUSTICE_NOW, "Đã hoàn thành") in units_by_state
    assert (NEW_OFFICE, "Chưa gửi") in units_by_state
    assert JUSTICE_NOW in _sheet_rows(progress, "Ma trận đơn vị × nhiệm vụ")[0]
    assert any(row[1] == JUSTICE_NOW for row in _sheet_rows(progress, "Xếp hạng đơn vị")[1:])
    leads = {row[2] for row in _sheet_rows(tasks, "Nhiem vu")[1:]}
    assert leads == {f"{OLD_OFFICE}, {JUSTICE}"}


SCREENS = {
    "accepted list": lambda plan: reverse("deliverable_list") + "?state=accepted",
    "plan page": lambda plan: reverse("plan_detail", args=[plan.pk]),
    "dashboard": lambda plan: reverse("dashboard"),
    "task workbook": lambda plan: reverse("plan_export", args=[plan.pk]),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_naming_units_adds_no_query_per_row(client, org, screen):
    """The same number of queries with 30 tasks (240 obligations, 120 of them accepted under old
    names) and with 60 more beside them."""
    counts = []
    for tasks, suffix in ((30, " (A)"), (60, " (B)")):
        plan = _build(org, tasks, suffix)
        client.force_login(org.coordinator)
        _get(client, SCREENS[screen](plan))  # the session and the caches, warmed
        with CaptureQueriesContext(connection) as queries:
            response = _get(client, SCREENS[screen](plan))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_progress_workbook_names_units_in_a_fixed_number_of_queries(org):
    """The workbook's job reads the same number of queries for 30 tasks and for 60."""
    counts = []
    for tasks, suffix in ((30, " (A)"), (60, " (B)")):
        plan = _build(org, tasks, suffix)
        with CaptureQueriesContext(connection) as queries:
            rows = _sheet_rows(_workbook(plan), "Nghĩa vụ")
        assert f"{JUSTICE}{suffix}, nay là Phòng Nội vụ" in {row[2] for row in rows}
        counts.append(len(queries))
    assert counts[0] == counts[1]
