"""The survey list, the results page and the API lists read summaries: a fixed number of queries
whatever the data, checked at two sizes with many rows on a page (more than a page of units)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from surveys.builtin import questionnaire_install_builtin
from surveys.models import Campaign, Channel, IndexTally, ResponseTally
from surveys.services import Draft, campaign_create, responses_store, transaction_counts_set
from surveys.summaries import summaries_rebuild
from tests.factories import PlanFactory, UnitFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _province(org, *, campaigns: int, units: int, per_unit: int) -> list[Campaign]:
    questionnaire = questionnaire_install_builtin(code="vinh-my-2021")
    offices = [UnitFactory(parent=org.district) for _ in range(units)]
    made = []
    for c in range(campaigns):
        campaign = campaign_create(
            plan=PlanFactory(issuer=org.district),
            questionnaire=questionnaire,
            title=f"Khảo sát {c}",
            frequency="quarterly",
            period_start=dt.date(2022, 1, 1),
            period_end=dt.date(2022, 12, 31),
            units=offices,
            design=Campaign.Design.THRESHOLD,
        )
        transaction_counts_set(campaign=campaign, rows=[(u, None, "2022", 300) for u in offices])
        drafts = [
            Draft(
                unit=unit,
                submitted_at=dt.datetime(2022, 1 + i % 6, 1 + i % 27, 9, tzinfo=TZ),
                channel=Channel.PAPER,
                answers={"1": 1 + i % 3, "2": 1 + i % 3},
            )
            for unit in offices
            for i in range(per_unit)
        ]
        responses_store(campaign=campaign, drafts=drafts, notify=False)
        made.append(campaign)
    return made


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def sizes(org):
    """Query counts of each page for a small and a larger province (both over a page of units)."""

    def measure(campaigns, units, per_unit):
        made = _province(org, campaigns=campaigns, units=units, per_unit=per_unit)
        web, api = APIClient(), APIClient()
        web.force_login(org.coordinator)
        api.force_login(org.coordinator)
        campaign = made[-1]
        return {
            "list": _queries(web, reverse("survey_list")),
            "results": _queries(web, reverse("survey_detail", args=[campaign.pk]) + "?period=2022-Q1"),
            "results page 2": _queries(web, reverse("survey_detail", args=[campaign.pk]) + "?page=2"),
            "api list": _queries(api, "/api/v1/surveys/"),
            "api index": _queries(api, f"/api/v1/surveys/{campaign.pk}/index/?period=2022-Q1"),
        }

    return measure


def test_survey_pages_run_the_same_queries_at_two_sizes(sizes):
    small = sizes(campaigns=2, units=55, per_unit=3)
    large = sizes(campaigns=4, units=70, per_unit=6)
    assert small == large
    assert max(small.values()) <= 25


def test_the_running_summaries_equal_a_recount(org):
    # given responses stored through the service, in several batches
    (campaign,) = _province(org, campaigns=1, units=3, per_unit=7)
    index = set(IndexTally.objects.filter(campaign=campaign).values_list())
    tally = set(ResponseTally.objects.filter(campaign=campaign).values_list())
    # when the summaries are rebuilt from the answers
    summaries_rebuild(campaign)
    # then they are the same numbers (ids aside)
    assert {row[1:] for row in IndexTally.objects.filter(campaign=campaign).values_list()} == {
        row[1:] for row in index
    }
    assert {row[1:] for row in ResponseTally.objects.filter(campaign=campaign).values_list()} == {
        row[1:] for row in tally
    }
    assert IndexTally.objects.filter(campaign=campaign, unit_key=0, criterion_key=0).exists()
