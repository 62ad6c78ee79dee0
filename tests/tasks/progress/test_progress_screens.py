"""The year at a glance: ranking, months, overdue by unit, each figure a link to its list."""

import datetime as dt
import io
import re
from html import unescape

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from core.models import Job
from tasks import exports
from tasks.models import Deliverable
from tasks.progress import progress_by_month, progress_ranking, progress_scope, progress_totals

from .conftest import TODAY

pytestmark = pytest.mark.django_db
TODAY_DATE = dt.date(2022, 8, 10)


@time_machine.travel(TODAY, tick=False)
def test_ranking_orders_units_by_completion_then_on_time(province, org):
    # given the fixture: office A on time, Tư pháp late, Nội vụ nothing done in Q1
    scope = progress_scope(user=org.coordinator, plan_id=province["big"].pk)
    # when
    ranking = progress_ranking(scope, TODAY_DATE)
    # then
    assert [u.unit_id for u in ranking] == [org.office_a.pk, province["office_c"].pk, org.noivu.pk]
    first = ranking[0]
    # one of office A's 16 is waived: 4 accepted of 15 owed
    assert (first.total, first.owed, first.accepted, first.completion, first.on_time) == (
        16,
        15,
        4,
        26.7,
        100.0,
    )
    assert (ranking[1].completion, ranking[1].on_time, ranking[1].overdue) == (25.0, 0.0, 4)
    assert (ranking[2].completion, ranking[2].on_time, ranking[2].overdue) == (0.0, 100.0, 4 + 1)
    totals = progress_totals(scope, TODAY_DATE)
    assert totals.accepted == sum(u.accepted for u in ranking)
    assert totals.overdue == sum(u.overdue for u in ranking)


@time_machine.travel(TODAY, tick=False)
def test_months_count_due_and_done(province, org):
    months = progress_by_month(progress_scope(user=org.coordinator, plan_id=province["big"].pk), TODAY_DATE)
    march = next(m for m in months if (m.year, m.month) == (2022, 3))
    assert (march.due, march.done) == (12, 8)
    assert sum(m.due for m in months) == Deliverable.objects.filter(task__plan=province["big"]).count()


@time_machine.travel(TODAY, tick=False)
def test_year_filter_keeps_due_dates_of_that_year(province, org):
    assert progress_scope(user=org.coordinator, year=2021).count() == 0
    assert progress_scope(user=org.coordinator, year=2022).count() == Deliverable.objects.count()


def _links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*/nghia-vu/\?[^"]*)"', html)]


@time_machine.travel(TODAY, tick=False)
def test_every_number_leads_to_a_list_with_that_many_rows(client, province, org):
    # given
    client.force_login(org.coordinator)
    # when
    response = client.get(reverse("progress_overview"), {"plan": province["big"].pk, "year": 2022})
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    unit_row = re.search(r"<td>Phòng Tư pháp</td>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r'<a href="([^"]+)">(\d+)</a>', unit_row)
    assert len(cells) == 6
    for href, number in cells:
        listed = client.get(unescape(href))
        assert listed.context["page"].paginator.count == int(number), href
    assert len(_links(html)) > 20


@time_machine.travel(TODAY, tick=False)
def test_units_and_strangers_cannot_read_the_overview(client, province, org):
    for user in (org.officer_a, org.other_coordinator):
        client.force_login(user)
        response = client.get(reverse("progress_overview"))
        if user is org.officer_a:
            assert response.status_code == 403
        else:
            assert response.status_code == 200
            assert response.context["ranking_count"] == 0


@time_machine.travel(TODAY, tick=False)
def test_plan_timeline_marks_every_due_date_and_today(client, province, org):
    client.force_login(org.viewer)
    response = client.get(reverse("plan_gantt", args=[province["big"].pk]))
    assert response.status_code == 200
    chart = response.context["chart"]
    assert len(chart["rows"]) == 4
    assert all(len(row["marks"]) == 4 for row in chart["rows"])
    first = chart["rows"][0]["marks"][0]
    assert first["css"] == "overdue"  # Nội vụ's Q1 is still open
    assert chart["today_x"] is not None
    html = response.content.decode()
    assert html.count('class="pg-mark') == 16


@time_machine.travel(TODAY, tick=False)
def test_plan_timeline_refuses_other_provinces(client, province, org):
    client.force_login(org.other_coordinator)
    assert client.get(reverse("plan_gantt", args=[province["big"].pk])).status_code == 403


def _workbook(client, plan, on_commit):
    """Ask for the workbook as a person does: the button, the job's page, its download link."""
    assert client.get(reverse("plan_progress_export", args=[plan.pk])).status_code == 200
    with on_commit(execute=True):  # the job is queued when the request's transaction commits
        started = client.post(reverse("plan_progress_export", args=[plan.pk]))
    job_page = client.get(started["Location"])
    assert job_page.status_code == 200
    job = job_page.context["job"]
    link = reverse("job_download", args=[job.pk])
    assert link in job_page.content.decode()
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'filename="tien-do-ke-hoach-{plan.pk}.xlsx"')
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))), job


@time_machine.travel(TODAY, tick=False)
def test_progress_workbook_has_named_sheets_and_the_ranking_figures(
    client, province, org, django_capture_on_commit_callbacks
):
    # given
    client.force_login(org.coordinator)
    # when
    book, job = _workbook(client, province["big"], django_capture_on_commit_callbacks)
    # then
    assert job.result["obligations"] == 48
    assert (job.rows_done, job.rows_total) == (96, 96)  # each obligation on two sheets
    assert book.sheetnames == [exports.SHEET_MATRIX, exports.SHEET_ITEMS, exports.SHEET_RANKING]
    ranking_rows = list(book[exports.SHEET_RANKING].iter_rows(min_row=2, values_only=True))
    scope = progress_scope(user=org.coordinator, plan_id=province["big"].pk)
    expected = progress_ranking(scope, TODAY_DATE)
    assert [(r[1], r[4], r[5], r[8], r[9]) for r in ranking_rows] == [
        (u.name, u.accepted, u.completion, u.on_time, u.overdue) for u in expected
    ]
    items = list(book[exports.SHEET_ITEMS].iter_rows(min_row=2, values_only=True))
    assert len(items) == scope.count()
    assert sum(1 for row in items if row[6] == "Quá hạn") == progress_totals(scope, TODAY_DATE).overdue


@time_machine.travel(TODAY, tick=False)
def test_progress_workbook_keeps_formula_like_text_as_text(
    client, province, org, django_capture_on_commit_callbacks
):
    client.force_login(org.coordinator)
    book, _ = _workbook(client, province["big"], django_capture_on_commit_callbacks)
    cell = book[exports.SHEET_MATRIX]["B2"]
    assert cell.value.startswith("=HYPERLINK")
    assert cell.data_type == "s"
    assert all(c.data_type != "f" for row in book[exports.SHEET_ITEMS].iter_rows() for c in row)


@time_machine.travel(TODAY, tick=False)
def test_workbook_and_dashboard_agree(client, province, org, django_capture_on_commit_callbacks):
    """The figures sent upward are the figures the leader reads."""
    client.force_login(org.coordinator)
    page = client.get(reverse("progress_overview"), {"plan": province["big"].pk})
    book, _ = _workbook(client, province["big"], django_capture_on_commit_callbacks)
    sheet = {r[1]: r for r in book[exports.SHEET_RANKING].iter_rows(min_row=2, values_only=True)}
    for unit in page.context["page"].object_list:
        row = sheet[unit.name]
        assert (row[0], row[2], row[4], row[5], row[8], row[9]) == (
            unit.rank,
            unit.total,
            unit.accepted,
            unit.completion,
            unit.on_time,
            unit.overdue,
        )


@time_machine.travel(TODAY, tick=False)
def test_only_who_asked_downloads_the_workbook_and_strangers_cannot_ask(
    client, province, org, django_capture_on_commit_callbacks
):
    client.force_login(org.coordinator)
    _, job = _workbook(client, province["big"], django_capture_on_commit_callbacks)
    for user in (org.viewer, org.other_coordinator):
        client.force_login(user)
        assert client.get(reverse("job_download", args=[job.pk])).status_code == 403
    before = Job.objects.count()
    assert client.post(reverse("plan_progress_export", args=[province["big"].pk])).status_code == 403
    assert client.get(reverse("plan_progress_export", args=[province["big"].pk])).status_code == 403
    assert Job.objects.count() == before
