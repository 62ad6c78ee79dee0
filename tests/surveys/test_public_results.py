"""The operator publishes a period's results; anyone reads them without login, with no personal data."""

import pytest
from django.test import Client
from django.urls import reverse

from core.errors import AccessDenied
from surveys.services import campaign_publish


@pytest.fixture
def answered(submit, campaign):
    submit({"1": 1, "2": 1}, contact={"name": "Trần Thị Riêng Tư", "phone": "0909 111 222"})
    submit({"1": 3, "2": 1, "3": "Ý KIẾN RIÊNG của người dân"})
    return campaign


def _public(campaign, period="2022-Q1"):
    return reverse("survey_public_results", args=[campaign.pk, period])


def test_unpublished_results_are_not_public(client, answered):
    assert client.get(_public(answered)).status_code == 404


def test_published_results_read_without_login_and_show_no_person(client, answered, org):
    # given the operator publishes the first quarter from the results page
    operator = Client()
    operator.force_login(org.coordinator)
    sent = operator.post(reverse("survey_publish", args=[answered.pk]), {"period": "2022-Q1"})
    assert sent.status_code == 302
    # when a citizen opens the public page
    html = client.get(_public(answered)).content.decode()
    # then the index, the chart and the sample size are there, and nothing personal
    assert "Quý I/2022" in html and "<svg" in html and "n = 2" in html
    assert org.office_a.name in html
    for private in ("Trần Thị Riêng Tư", "0909 111 222", "Ý KIẾN RIÊNG"):
        assert private not in html
    # and another period stays private
    assert client.get(_public(answered, "2022-Q2")).status_code == 404


def test_withdrawing_hides_the_page_again(client, answered, org):
    campaign_publish(campaign=answered, period="2022-Q1", actor=org.coordinator)
    campaign_publish(campaign=answered, period="2022-Q1", actor=org.coordinator, publish=False)
    assert client.get(_public(answered)).status_code == 404


@pytest.mark.parametrize("user", ["officer_a", "head_a", "viewer", "other_coordinator"])
def test_only_a_manager_publishes(client, answered, org, user):
    client.force_login(getattr(org, user))
    response = client.post(reverse("survey_publish", args=[answered.pk]), {"period": "2022-Q1"})
    assert response.status_code in (403, 404)
    answered.refresh_from_db()
    assert answered.published_periods == []
    with pytest.raises(AccessDenied):
        campaign_publish(campaign=answered, period="2022-Q1", actor=getattr(org, user))


def test_a_period_without_answers_cannot_be_published(client, answered, org):
    client.force_login(org.coordinator)
    client.post(reverse("survey_publish", args=[answered.pk]), {"period": "2022-Q4"})
    answered.refresh_from_db()
    assert answered.published_periods == []
