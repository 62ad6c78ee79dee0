"""Survey endpoints: one-stop systems post questionnaires in bulk with a unit token; the index reads back."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from surveys.builtin import questionnaire_install_builtin
from surveys.models import Alert, Campaign, Response
from surveys.services import campaign_create
from units.services import api_token_create

ANSWERS = {"1": "Hài lòng", "2": 1}
UNHAPPY = {"1": "Không hài lòng", "2": 3}


@pytest.fixture
def campaign(org, draft_plan) -> Campaign:
    return campaign_create(
        plan=draft_plan,
        questionnaire=questionnaire_install_builtin(code="vinh-my-2021"),
        title="Khảo sát thử 2022",
        frequency="quarterly",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        units=[org.office_a, org.office_b],
        design=Campaign.Design.THRESHOLD,
        services=[("KS", "Cấp Giấy khai sinh")],
        target_percent=80,
    )


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _post(client, campaign, items):
    return client.post(f"/api/v1/surveys/{campaign.pk}/responses/", {"responses": items}, format="json")


def _item(external_id, answers=ANSWERS, **extra):
    return {
        "external_id": external_id,
        "submitted_at": "2022-03-01T09:00:00+07:00",
        "answers": answers,
        **extra,
    }


def test_a_one_stop_system_posts_a_batch_once(org, campaign):
    # given a token of office A allowed to send survey responses
    _, key = api_token_create(unit=org.office_a, name="Một cửa điện tử", scopes=["survey_responses"])
    client = _client(key)
    # when it posts two questionnaires, then the same batch again
    first = _post(client, campaign, [_item("MC-1"), _item("MC-2", UNHAPPY)])
    again = _post(client, campaign, [_item("MC-1"), _item("MC-2", UNHAPPY)])
    # then two responses are stored once, for office A, and the unhappy one raised an alert
    assert first.status_code == 200 and first.json() == {"created": 2, "already_received": []}
    assert again.json() == {"created": 0, "already_received": ["MC-1", "MC-2"]}
    assert list(Response.objects.values_list("unit_id", flat=True)) == [org.office_a.pk] * 2
    assert Alert.objects.count() == 1


def test_one_bad_questionnaire_stores_none_and_names_it(org, campaign):
    _, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["survey_responses"])
    response = _post(_client(key), campaign, [_item("MC-1"), _item("MC-2", {"1": "Tuyệt vời"})])
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["message"] == "Có 1 phiếu không hợp lệ; chưa lưu phiếu nào."
    assert body["details"]["problems"][0].startswith("Phiếu 1:")
    assert not Response.objects.exists()


def test_a_token_cannot_post_for_another_unit_or_a_campaign_outside_its_unit(org, campaign):
    _, key_a = api_token_create(unit=org.office_a, name="Một cửa", scopes=["survey_responses"])
    other = _post(_client(key_a), campaign, [_item("MC-1", unit=org.office_b.code)])
    assert other.status_code == 400 and not Response.objects.exists()
    _, key_far = api_token_create(unit=org.other_office, name="Một cửa Cà Mau", scopes=["survey_responses"])
    assert _post(_client(key_far), campaign, [_item("MC-9")]).status_code == 404


def test_a_token_without_the_survey_scope_is_refused(org, campaign):
    _, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["read", "report"])
    response = _post(_client(key), campaign, [_item("MC-1")])
    assert response.status_code == 403
    assert not Response.objects.exists()


def test_the_index_reads_back_for_noi_vu_and_not_for_another_province(org, campaign):
    _, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["survey_responses"])
    _post(_client(key), campaign, [_item("MC-1"), _item("MC-2", UNHAPPY)])
    noivu = APIClient()
    noivu.force_login(org.coordinator)
    body = noivu.get(f"/api/v1/surveys/{campaign.pk}/index/", {"period": "2022-Q1"}).json()
    office_a = next(
        group
        for period in body["periods"]
        for group in period["groups"]
        if group["unit_id"] == org.office_a.pk
    )
    assert office_a["general"]["n"] == 2
    assert office_a["general"]["index"] == 50.0
    assert noivu.get(f"/api/v1/surveys/{campaign.pk}/index/", {"period": "2022-Q9"}).status_code == 400
    stranger = APIClient()
    stranger.force_login(org.other_coordinator)
    assert stranger.get(f"/api/v1/surveys/{campaign.pk}/index/").status_code == 404
    listed = stranger.get("/api/v1/surveys/").json()
    assert listed["count"] == 0


def test_no_token_or_a_wrong_one_is_401_and_stores_nothing(org, campaign):
    assert (
        APIClient()
        .post(f"/api/v1/surveys/{campaign.pk}/responses/", {"responses": [_item("MC-1")]}, format="json")
        .status_code
        == 401
    )
    assert _post(_client("kh_sai"), campaign, [_item("MC-1")]).status_code == 401
    assert not Response.objects.exists()
