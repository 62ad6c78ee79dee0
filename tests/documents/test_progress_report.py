"""The quarterly and year-end report of a plan: the progress page's figures, through the templates."""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from core.errors import ApplicationError
from documents.models import GeneratedDocument, Kind
from documents.rendering import docx_text
from documents.services import document_create_for_plan
from tasks.progress import figures_total, progress_ranking_for_user
from tests.tasks.progress.conftest import TODAY, build_province

pytestmark = pytest.mark.django_db
TODAY_DATE = dt.date(2022, 8, 10)


@pytest.fixture
def province(org):
    return build_province(org)


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _figures(f) -> list[str]:
    """The figures as the table prints them, from owed to overdue."""
    return [str(f.owed), str(f.accepted), _pct(f.completion), str(f.in_time), _pct(f.on_time), str(f.overdue)]


def _ranking_table(document: GeneratedDocument) -> list[list[str]]:
    """The unit table's rows (no header, no total), cell texts as printed."""
    with document.file.open("rb") as stored:
        tables = Document(io.BytesIO(stored.read())).tables
    table = next(t for t in tables if t.rows[0].cells[0].text == "Hạng")
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def _report(org, plan, period: str) -> GeneratedDocument:
    return document_create_for_plan(
        kind=Kind.PROGRESS, plan=plan, actor=org.clerk, today=TODAY_DATE, options={"period": period}
    )


@time_machine.travel(TODAY, tick=False)
def test_year_end_report_prints_the_ranking_of_the_progress_page(province, org):
    # given the leader's page for the plan and the year
    page = progress_ranking_for_user(
        user=org.coordinator, plan_id=province["big"].pk, year=2022, today=TODAY_DATE
    )
    totals = figures_total(page)
    # when the clerk drafts the year's report
    document = _report(org, province["big"], "2022")
    # then every unit's rank and figures are the page's, and the total row too
    rows = _ranking_table(document)
    assert rows[:-1] == [[str(u.rank), u.name, *_figures(u)] for u in page]
    assert rows[-1] == ["", "Tổng cộng", *_figures(totals)]
    text = "\n".join(docx_text(document.file.open("rb").read()))
    assert "BÁO CÁO" in text and document.summary == "Kết quả thực hiện Kế hoạch CCHC năm 2022"
    assert f"Đã hoàn thành: {totals.accepted}/{totals.owed}, đạt tỷ lệ {_pct(totals.completion)}%." in text
    assert "Phòng Nội vụ: 5 nhiệm vụ quá hạn." in text


@time_machine.travel(TODAY, tick=False)
def test_quarter_report_counts_what_the_list_of_that_quarter_shows(client, province, org):
    # given the obligation list behind the page, narrowed to the first quarter
    client.force_login(org.coordinator)
    params = {"plan": province["big"].pk, "due_after": "2022-01-01", "due_before": "2022-03-31"}
    listed = client.get(reverse("deliverable_list"), params).context["counts"]
    # when
    document = _report(org, province["big"], "2022-Q1")
    # then
    total_row = _ranking_table(document)[-1]
    assert (int(total_row[3]), int(total_row[7])) == (listed.accepted, listed.overdue)
    assert int(total_row[2]) == listed.total - listed.waived
    assert document.summary == "Kết quả thực hiện Kế hoạch CCHC năm 2022 quý\u00a0I\u00a0năm\u00a02022"


@time_machine.travel(TODAY, tick=False)
def test_a_period_outside_the_plan_is_refused_and_nothing_is_drafted(province, org):
    with pytest.raises(ApplicationError, match="Kỳ báo cáo «2019» không thuộc thời gian thực hiện kế hoạch"):
        _report(org, province["big"], "2019")
    assert not GeneratedDocument.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_clerk_chooses_the_quarter_on_the_plan_s_document_form(client, province, org):
    plan = province["big"]
    url = reverse("document_create", args=[plan.pk]) + "?loai=TD"
    client.force_login(org.clerk)
    form = client.get(url).content.decode()
    assert 'value="2022-Q3"' in form and "Cả năm 2022" in form
    response = client.post(url, {"kind": "TD", "period": "2022-Q2"})
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(kind=Kind.PROGRESS)
    assert document.context["progress"]["period_end"] == "2022-06-30"
    refused = client.post(url, {"kind": "TD", "period": "2030-Q1"})
    assert refused.status_code == 400
    assert "Kỳ báo cáo «2030-Q1» không thuộc" in refused.content.decode()
    client.force_login(org.other_coordinator)
    assert client.post(url, {"kind": "TD", "period": "2022-Q2"}).status_code == 403
    assert GeneratedDocument.objects.count() == 1
