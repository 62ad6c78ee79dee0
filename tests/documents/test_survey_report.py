"""Built-in template 5: the survey results report (Báo cáo / Thông báo kết quả khảo sát) of a campaign."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from documents import services
from documents.kinds.survey_report import NBSP
from documents.models import GeneratedDocument, Kind
from documents.rendering import docx_text
from surveys.builtin import questionnaire_install_builtin
from surveys.demo import load_demo as load_survey_demo
from surveys.index import index_compute
from surveys.models import Campaign, Channel, Response
from surveys.quotas import quota_progress
from surveys.services import campaign_create, response_submit, transaction_counts_set
from tests.documents.conftest import TODAY
from tests.surveys.conftest import at

ALLOWED = ["clerk", "coordinator"]
REFUSED = ["viewer", "officer_a", "head_a", "other_officer", "other_coordinator"]


def _tables(data: bytes) -> list[list[list[str]]]:
    """Every table as rows of cell texts: header, sample, index by unit, index by criterion, signature."""
    return [
        [[c.text for c in row.cells] for row in table.rows] for table in Document(io.BytesIO(data)).tables
    ]


def _header(data: bytes) -> tuple[list[str], list[str]]:
    left, right = Document(io.BytesIO(data)).tables[0].rows[0].cells
    return [p.text for p in left.paragraphs if p.text], [p.text for p in right.paragraphs if p.text]


@pytest.fixture
def cam_lam(demo) -> Campaign:
    load_survey_demo(TODAY)
    return Campaign.objects.select_related("plan__issuer").get(plan__issuer__code="CAMLAM-UBND")


def test_cam_lam_report_for_a_quarter(cam_lam):
    """Header block, period, each unit's required and collected counts, its index with a decimal comma,
    the plan's target (> 83 %) and the previous quarter, as the results page computes them."""
    # given
    actor = get_user_model().objects.get(username="admin")
    names = {cu.unit_id: cu.unit.display_name for cu in cam_lam.scope.select_related("unit")}
    required = {names[row.unit_id]: row.required for row in quota_progress(campaign=cam_lam, today=TODAY)}
    in_quarter = {
        name: Response.objects.filter(campaign=cam_lam, unit_id=unit_id, year=2022, quarter=2).count()
        for unit_id, name in names.items()
    }
    index = index_compute(campaign=cam_lam, period="2022-Q2", by_unit=True, with_general=False)
    # when
    document = services.document_create_for_survey(
        campaign=cam_lam, period="2022-Q2", actor=actor, today=TODAY
    )
    data = services.document_bytes(document=document)
    text = "\n".join(docx_text(data))
    left, right = _header(data)
    tables = _tables(data)
    samples, units, criteria = tables[1], tables[2], tables[3]
    # then
    assert document.kind == Kind.SURVEY and document.state == GeneratedDocument.State.DRAFT
    assert left[0] == "ỦY BAN NHÂN DÂN HUYỆN CAM LÂM" and left[1].replace(" ", "") == "Số:/BC-UBND"
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cam Lâm, ngày     tháng     năm 2026",
    ]
    assert "BÁO CÁO\n" in text and f"(quý{NBSP}II/2022)" in text
    assert "kết quả khảo sát quý II/2022 (từ ngày 01/4/2022 đến ngày 30/6/2022)" in text
    assert "- Chỉ tiêu của Kế hoạch: chỉ số hài lòng > 83%." in text
    assert samples[0][:3] == ["Stt", "Đơn vị", "Số phiếu tối thiểu"] and samples[-1][1] == "Tổng cộng"
    assert {row[1] for row in samples[1:-1]} == set(names.values())
    for row in samples[1:-1]:
        assert int(row[2].replace(".", "")) == required[row[1]]
        assert int(row[3].replace(".", "")) == in_quarter[row[1]] > 0
    assert units[0][3:5] == ["Quý II/2022 (%)", "Kỳ trước: Quý I/2022 (%)"]
    by_name = {row[1]: row for row in units[1:]}
    for unit_id, figure in index.overall["2022-Q2"].items():
        row = by_name[names[unit_id]]
        assert re.fullmatch(r"\d{2},\d", row[3]) and row[3] == f"{figure.percent:.1f}".replace(".", ",")
        assert int(row[2]) == figure.n and row[6] in {"Đạt", "Chưa đạt"}
        assert re.fullmatch(r"\d{2},\d", row[4])  # Quý I/2022 has answers too
    assert by_name["Chung"][6] in {"Đạt", "Chưa đạt"}
    assert [row[0] for row in criteria[1:]] == ["I", "II", "III", "IV", "V", "VI"]
    assert "TM. ỦY BAN NHÂN DÂN" in text and "III. ĐÁNH GIÁ, ĐỀ XUẤT" in text


@pytest.fixture
def survey(org, issued_plan) -> Campaign:
    """A small campaign on the district's plan: two offices, yearly counts, a few answers in 2022-Q1."""
    campaign = campaign_create(
        plan=issued_plan,
        questionnaire=questionnaire_install_builtin(code="vinh-my-2021"),
        title="Khảo sát thử 2022",
        frequency="quarterly",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        units=[org.office_a, org.office_b],
        design=Campaign.Design.THRESHOLD,
        target_percent=83,
        target_strict=True,
    )
    transaction_counts_set(
        campaign=campaign, rows=[(org.office_a, None, "2022", 850), (org.office_b, None, "2022", 80)]
    )
    questions = {q.code: q for q in campaign.questionnaire.questions.all()}
    scored = [q for q in questions.values() if q.is_scored]
    for day in (10, 11, 12):
        response_submit(
            campaign=campaign,
            unit=org.office_a,
            channel=Channel.PAPER,
            answers={q.code: 1 for q in scored},
            submitted_at=at(2022, 2, day),
        )
    return campaign


def test_thong_bao_is_chosen_by_the_clerk_and_registered_as_tb(org, survey):
    """THÔNG BÁO (TB): type name and symbol follow the choice; the register numbers it 01/TB-UBND."""
    document = services.document_create_for_survey(
        campaign=survey,
        period="2022-Q1",
        actor=org.clerk,
        today=dt.date(2022, 4, 5),
        options={"doc_type": "TB"},
    )
    document = services.document_register(document=document, actor=org.clerk, date=dt.date(2022, 4, 6))
    text = "\n".join(docx_text(services.document_bytes(document=document)))
    samples = _tables(services.document_bytes(document=document))[1][1:]
    assert document.symbol == "01/TB-UBND" and "THÔNG BÁO\n" in text
    assert "thông báo kết quả khảo sát quý I/2022" in text
    assert samples[0][1:5] == [org.office_b.display_name, "80", "0", "0"]  # units by name
    assert samples[1][1:5] == [org.office_a.display_name, "100", "3", "3"]
    assert "| 100,0 | — | — | Đạt" in text  # no previous quarter: dashes, not zeros


@pytest.mark.parametrize("who", ALLOWED + REFUSED)
def test_permissions_as_for_the_other_kinds(org, survey, client, who):
    """Clerks and coordinators of the issuer's tree draft the report; everybody else gets 403."""
    client.force_login(getattr(org, who))
    url = reverse("document_create_survey", args=[survey.pk])
    page = client.get(url + "?period=2022-Q1")
    posted = client.post(url, {"doc_type": "BC", "period": "2022-Q1"})
    if who in ALLOWED:
        assert page.status_code == 200 and 'value="2022-Q1"' in page.content.decode()
        assert posted.status_code == 302
        document = GeneratedDocument.objects.get()
        assert document.kind == Kind.SURVEY and document.author == getattr(org, who)
        assert posted["Location"] == reverse("document_detail", args=[document.pk])
    else:
        assert (page.status_code, posted.status_code) == (403, 403)
        assert not GeneratedDocument.objects.exists()


def test_a_bad_period_is_refused_on_the_form(org, survey, client):
    client.force_login(org.clerk)
    response = client.post(
        reverse("document_create_survey", args=[survey.pk]), {"doc_type": "BC", "period": "Q1"}
    )
    assert response.status_code == 400 and "không đúng dạng" in response.content.decode()


def test_results_page_links_to_the_draft_for_producers_only(org, survey, client):
    """ "Tạo văn bản" on the survey results page carries the period shown; a reader does not see it."""
    url = reverse("document_create_survey", args=[survey.pk]) + "?period=2022-Q1"
    client.force_login(org.coordinator)
    assert url in client.get(reverse("survey_detail", args=[survey.pk]) + "?period=2022-Q1").content.decode()
    client.force_login(org.viewer)
    page = client.get(reverse("survey_detail", args=[survey.pk]))
    assert (
        page.status_code == 200
        and reverse("document_create_survey", args=[survey.pk]) not in page.content.decode()
    )


def test_render_document_command_for_a_survey(org, survey, tmp_path):
    out = tmp_path / "ks.docx"
    call_command(
        "render_document", "--kind", "KS", "--survey", str(survey.pk), "--period", "2022-Q1",
        "--today", "2022-04-05", "--out", str(out),
    )  # fmt: skip
    assert "BÁO CÁO" in docx_text(out.read_bytes()) and GeneratedDocument.objects.count() == 0
    with pytest.raises(CommandError, match="--survey"):
        call_command("render_document", "--kind", "KS", "--out", str(out))
    with pytest.raises(CommandError, match="không đúng dạng"):
        call_command(
            "render_document", "--kind", "KS", "--survey", str(survey.pk), "--period", "Q5", "--out", str(out)
        )


def test_the_plan_page_does_not_offer_the_survey_kind(org, issued_plan, client):
    """A survey report starts from a campaign: the plan's form lists the five plan kinds only."""
    client.force_login(org.clerk)
    page = client.get(reverse("document_create", args=[issued_plan.pk])).content.decode()
    assert 'value="KS"' not in page and 'value="DD"' in page
