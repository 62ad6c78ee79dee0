"""The survey screens added for the operator, as a role × action matrix on this district or another
province; each allowed action is checked to have taken effect, each refused one to have changed nothing."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from surveys.forms import questionnaire_initial
from surveys.models import Campaign, Questionnaire
from surveys.selectors import survey_access
from surveys.services import campaign_publish, questionnaire_copy
from tests.conftest import member
from units.models import Membership
from units.services import membership_end

MANAGERS = {"coordinator", "surveyor"}
DISTRICT = {"coordinator", "surveyor", "officer_a", "officer_b", "head_a", "viewer", "clerk"}
ROLES = [*sorted(DISTRICT | {"other_officer", "other_coordinator"}), "anonymous"]


@pytest.fixture
def people(org):
    people = {name: getattr(org, name) for name in ROLES if name not in ("surveyor", "anonymous")}
    people["surveyor"] = member(org.district, Membership.Role.SURVEYOR, "khaosat_huyen")
    return people


@pytest.fixture
def published(submit, campaign, org):
    submit({"1": 1, "2": 1})
    campaign_publish(campaign=campaign, period="2022-Q1", actor=org.coordinator)
    return campaign


def _client(people, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    return client


def _wizard_fields(org, draft_plan):
    return {
        "title": "Đợt ma trận quyền",
        "plan": draft_plan.pk,
        "questionnaire": "builtin:vinh-my-2021",
        "units": [org.office_a.pk],
        "period_start": "01/01/2026",
        "period_end": "31/12/2026",
        "frequency": "quarterly",
        "design": "sipas",
        "margin": "0.05",
        "target_percent": "80",
        "methods": ["paper"],
        "save": "1",
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_campaign_wizard(people, org, draft_plan, role):
    client = _client(people, role)
    response = client.post(reverse("survey_create"), _wizard_fields(org, draft_plan))
    created = Campaign.objects.filter(title="Đợt ma trận quyền").exists()
    assert created is (role in MANAGERS)
    if role == "anonymous":
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    elif role not in MANAGERS and role != "other_coordinator":
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_publishing_a_period(people, submit, campaign, role):
    submit({"1": 1, "2": 1})
    client = _client(people, role)
    client.post(reverse("survey_publish", args=[campaign.pk]), {"period": "2022-Q1"})
    campaign.refresh_from_db()
    assert (campaign.published_periods == ["2022-Q1"]) is (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_making_a_counter_kiosk(people, campaign, org, role):
    client = _client(people, role)
    response = client.post(reverse("survey_kiosk", args=[campaign.pk, org.office_a.pk]))
    assert ("kh_kiosk" in response.cookies) is (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_qr_sheet(people, campaign, role):
    response = _client(people, role).get(reverse("survey_qr", args=[campaign.pk]))
    assert (response.status_code == 200) is (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_published_results_are_open_to_everyone(people, published, role):
    url = reverse("survey_public_results", args=[published.pk, "2022-Q1"])
    assert _client(people, role).get(url).status_code == 200


OPERATORS = MANAGERS | {"other_coordinator"}  # each runs surveys in their own province


@pytest.mark.parametrize("role", ROLES)
def test_the_questionnaire_list_and_copying_a_builtin(people, campaign, role):
    client = _client(people, role)
    listing = client.get(reverse("questionnaire_list"))
    client.post(reverse("questionnaire_copy", args=[campaign.questionnaire_id]))
    assert (listing.status_code == 200) is (role in OPERATORS)
    assert Questionnaire.objects.filter(is_builtin=False).exists() is (role in OPERATORS)


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_copy_the_districts_campaign_uses(people, campaign, org, role):
    # given the district's campaign runs on a copy
    copy = questionnaire_copy(questionnaire=campaign.questionnaire, title="Bản sao của huyện")
    Campaign.objects.filter(pk=campaign.pk).update(questionnaire=copy)
    head, criteria, questions = questionnaire_initial(copy)
    data = {"title": "Tên mới", "intro": head["intro"]}
    for prefix, rows in (("c", criteria), ("q", questions)):
        data |= {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows))}
        for i, row in enumerate(rows):
            data |= {f"{prefix}-{i}-{k}": v for k, v in row.items() if v not in (None, False, "")}
    # when
    response = _client(people, role).post(reverse("questionnaire_edit", args=[copy.pk]), data)
    # then only the district's operators changed it
    changed = Questionnaire.objects.get(pk=copy.pk).title == "Tên mới"
    assert changed is (role in MANAGERS)
    if role not in MANAGERS and role != "anonymous":
        assert response.status_code == 403


def test_a_surveyor_whose_membership_ended_no_longer_runs_the_districts_campaigns(org, django_user_model):
    surveyor = member(org.district, Membership.Role.SURVEYOR, "khaosat_da_nghi")
    assert {org.district.pk, org.office_a.pk} <= survey_access(surveyor).surveyed
    membership_end(
        actor=org.coordinator, membership=Membership.objects.get(user=surveyor), on=dt.date(2020, 1, 1)
    )
    assert survey_access(django_user_model.objects.get(pk=surveyor.pk)).surveyed == frozenset()
