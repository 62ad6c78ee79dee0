"""Screens: who may see and do what, quotas, the link to plan tasks, bounded queries."""

import datetime as dt

import pytest
from django.urls import reverse

from plans.models import Section
from surveys.models import Campaign, Question, Response
from surveys.quotas import quota_progress
from surveys.services import transaction_counts_set
from tests.factories import MembershipFactory, TaskFactory
from units.models import Membership

from .conftest import at


def test_viewer_reads_results_but_cannot_enter(client, campaign, org, submit):
    submit({"1": 1, "2": 1})
    client.force_login(org.viewer)
    assert client.get(reverse("survey_detail", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("survey_entry", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("survey_export", args=[campaign.pk])).status_code == 200


def test_other_tree_sees_nothing(client, campaign, org):
    client.force_login(org.other_coordinator)
    assert client.get(reverse("survey_detail", args=[campaign.pk])).status_code == 404
    assert campaign.title not in client.get(reverse("survey_list")).content.decode()


def test_surveyor_enters_a_paper_questionnaire(client, campaign, org):
    # given a surveyor of the district
    surveyor = MembershipFactory(unit=org.district, role=Membership.Role.SURVEYOR).user
    client.force_login(surveyor)
    q1 = Question.objects.get(questionnaire=campaign.questionnaire, code="1")
    # when
    response = client.post(
        reverse("survey_entry", args=[campaign.pk]),
        {"unit": org.office_b.pk, "channel": "paper", "submitted_on": "2022-04-05", f"q_{q1.pk}": "2"},
    )
    # then
    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.unit, stored.entered_by, stored.quarter) == (org.office_b, surveyor, 2)


def test_entry_outside_the_period_is_refused(client, campaign, org):
    client.force_login(org.coordinator)
    q1 = Question.objects.get(questionnaire=campaign.questionnaire, code="1")
    response = client.post(
        reverse("survey_entry", args=[campaign.pk]),
        {"unit": org.office_a.pk, "channel": "paper", "submitted_on": "2023-01-05", f"q_{q1.pk}": "2"},
    )
    assert response.status_code == 200
    assert "nằm ngoài thời gian khảo sát" in response.content.decode()


def test_quota_progress_and_supplement_warning(campaign, org, submit):
    """Threshold design: 850 transactions → 100 required; 2 collected in a finished year → supplement."""
    transaction_counts_set(
        campaign=campaign, rows=[(org.office_a, None, "2022", 850), (org.office_b, None, "2022", 40)]
    )
    submit({"1": 1})
    submit({"1": 1}, when=at(2022, 11, 1))
    rows = {r.unit_id: r for r in quota_progress(campaign=campaign, today=dt.date(2023, 1, 10))}
    assert (rows[org.office_a.pk].required, rows[org.office_a.pk].collected) == (100, 2)
    assert rows[org.office_a.pk].warning == "Cần khảo sát bổ sung"
    assert rows[org.office_b.pk].required == 40
    midyear = {r.unit_id: r for r in quota_progress(campaign=campaign, today=dt.date(2022, 6, 30))}
    assert midyear[org.office_a.pk].warning == "Có nguy cơ không đạt số phiếu"


def test_fixed_design_per_unit_and_service(campaign, org):
    campaign.design = Campaign.Design.FIXED
    campaign.save(update_fields=["design"])
    campaign.scope.filter(unit=org.office_a).update(fixed_quota=70)
    campaign.scope.filter(unit=org.office_b).update(fixed_quota=80)
    rows = quota_progress(campaign=campaign, today=dt.date(2022, 6, 1))
    assert sum(r.required for r in rows) == 150


def test_proportional_design_adds_up(campaign, org):
    campaign.design = Campaign.Design.PROPORTIONAL
    campaign.design_params = {"total": 14500}
    campaign.save(update_fields=["design", "design_params"])
    transaction_counts_set(
        campaign=campaign, rows=[(org.office_a, None, "2022", 3), (org.office_b, None, "2022", 4)]
    )
    rows = quota_progress(campaign=campaign, today=dt.date(2022, 6, 1))
    assert sum(r.required for r in rows) == 14500


def test_weak_criterion_lists_mapped_plan_tasks(client, campaign, org, submit, draft_plan):
    # given the timeliness criterion mapped to a section with a task, and a bad quarter
    section = Section.objects.create(plan=draft_plan, label="V", title="Tiêu chí Kết quả, tiến độ giải quyết")
    TaskFactory(plan=draft_plan, section=section, content="Rà soát hồ sơ trễ hạn hằng tháng")
    campaign.questionnaire.criteria.get(code="HEN").sections.add(section)
    submit({"1": 1, "2": 3})
    # when
    client.force_login(org.viewer)
    html = client.get(reverse("survey_detail", args=[campaign.pk])).content.decode()
    # then
    assert "Tiêu chí chưa đạt" in html
    assert "Rà soát hồ sơ trễ hạn hằng tháng" in html
    assert "<svg" in html


def test_results_page_queries_are_bounded(client, campaign, org, submit, django_assert_max_num_queries):
    """The same number of queries for 3 or 40 responses over several periods."""
    client.force_login(org.coordinator)
    url = reverse("survey_detail", args=[campaign.pk])
    transaction_counts_set(campaign=campaign, rows=[(org.office_a, None, "2022", 850)])
    for month in (1, 2, 3):
        submit({"1": month, "2": 3}, when=at(2022, month, 5))
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for i in range(40):
        submit({"1": 1 + i % 3, "2": 1}, when=at(2022, 1 + i % 12, 3), unit=org.office_b if i % 2 else None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_list_page(client, campaign, org):
    client.force_login(org.coordinator)
    assert campaign.title in client.get(reverse("survey_list")).content.decode()


@pytest.mark.parametrize("name", ["survey_import_template", "survey_export", "survey_qr"])
def test_downloads_for_coordinator(client, campaign, org, name):
    client.force_login(org.coordinator)
    assert client.get(reverse(name, args=[campaign.pk])).status_code == 200


def test_the_entry_page_script_runs_only_with_the_nonce_of_its_page(client, org, campaign):
    """Content-Security-Policy: the keyboard script carries this answer's nonce, new at each answer."""
    client.force_login(org.coordinator)
    nonces = []
    for _ in range(2):
        response = client.get(reverse("survey_entry", args=[campaign.pk]))
        script_src = next(
            p for p in response["Content-Security-Policy"].split(";") if "script-src" in p
        ).split()
        nonce = next(s[7:-1] for s in script_src if s.startswith("'nonce-"))
        assert f'<script nonce="{nonce}">' in response.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_unit_rows_show_the_period_and_the_one_before(client, campaign, org, submit):
    """Each unit's row has its index of the period shown and of the period before, as the page prints them."""
    from django.template.defaultfilters import floatformat

    from surveys.index import index_compute

    submit({"1": 1, "2": 1}, when=at(2022, 2, 10))
    submit({"1": 2, "2": 3}, when=at(2022, 3, 10))
    submit({"1": 1, "2": 2}, when=at(2022, 5, 10))
    figures = index_compute(campaign=campaign, period_kind="quarter", by_unit=True).overall
    now, before = figures["2022-Q2"][org.office_a.pk], figures["2022-Q1"][org.office_a.pk]
    assert now.percent != before.percent
    client.force_login(org.coordinator)
    html = client.get(reverse("survey_detail", args=[campaign.pk]) + "?period=2022-Q2").content.decode()
    row = html[html.index(f'<th scope="row">{org.office_a.display_name}') :].split("</tr>")[0]
    assert f'<td class="num">{floatformat(now.percent, 1)}</td>' in row
    assert f'<td class="num">{floatformat(before.percent, 1)}</td>' in row
