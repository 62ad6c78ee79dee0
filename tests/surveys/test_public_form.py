"""The public online form: no login, honeypot, rate limit, CSRF, nothing of others shown."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import CampaignUnit, Question, RespondentContact, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(campaign, org):
    return reverse(
        "survey_public_form",
        args=[CampaignUnit.objects.get(campaign=campaign, unit=org.office_a).public_token],
    )


@pytest.fixture
def now_in_period(time_machine_2022):
    return time_machine_2022


@pytest.fixture
def time_machine_2022():
    import time_machine

    with time_machine.travel(
        timezone.datetime(2022, 3, 1, 9, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        yield


def _payload(campaign, **extra):
    q1 = Question.objects.get(questionnaire=campaign.questionnaire, code="1")
    q3 = Question.objects.get(questionnaire=campaign.questionnaire, code="3")
    return {f"q_{q1.pk}": "1", f"q_{q3.pk}": "Cán bộ tận tình", **extra}


def test_form_opens_without_login(client, link, campaign, time_machine_2022):
    response = client.get(link)
    assert response.status_code == 200
    assert "Mức độ hài lòng của ông (bà)" in response.content.decode()


def test_unknown_link_is_404(client):
    assert client.get(reverse("survey_public_form", args=["khong-co"])).status_code == 404


def test_submission_is_stored_and_personal_details_kept_apart(client, link, campaign, time_machine_2022):
    # when
    response = client.post(
        link, _payload(campaign, contact_name="Nguyễn Văn A", contact_phone="0905 000 000")
    )
    # then
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == "online"
    contact = RespondentContact.objects.get(response=stored)
    assert (contact.name, contact.phone) == ("Nguyễn Văn A", "0905 000 000")
    assert not any(f.name in ("name", "phone") for f in Response._meta.fields)


def test_without_contact_no_contact_row(client, link, campaign, time_machine_2022):
    client.post(link, _payload(campaign))
    assert Response.objects.count() == 1
    assert RespondentContact.objects.count() == 0


def test_honeypot_filled_stores_nothing_but_looks_accepted(client, link, campaign, time_machine_2022):
    response = client.post(link, _payload(campaign, website="http://spam.example"))
    assert response.status_code == 302
    assert Response.objects.count() == 0


def test_rate_limit_per_client(client, link, campaign, time_machine_2022):
    """Ten submissions per client in ten minutes; the eleventh is refused (429), others still pass.

    Each form differs (an identical form sent again is kept once, see test_public_guard)."""
    q3 = Question.objects.get(questionnaire=campaign.questionnaire, code="3")
    for i in range(10):
        payload = _payload(campaign, **{f"q_{q3.pk}": f"Ý kiến {i}"})
        assert client.post(link, payload, REMOTE_ADDR="10.0.0.7").status_code == 302
    refused = client.post(link, _payload(campaign, **{f"q_{q3.pk}": "Ý kiến 10"}), REMOTE_ADDR="10.0.0.7")
    assert refused.status_code == 429
    assert "quá nhiều phiếu" in refused.content.decode()
    assert client.post(link, _payload(campaign), REMOTE_ADDR="10.0.0.8").status_code == 302
    assert Response.objects.count() == 11


def test_csrf_is_required(link, campaign, time_machine_2022):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(link, _payload(campaign)).status_code == 403
    assert Response.objects.count() == 0


def test_thank_you_page_shows_nothing_of_other_answers(
    client, link, campaign, submit, org, time_machine_2022
):
    # given another citizen's answer with a comment and a name
    submit({"1": 3, "3": "Ý KIẾN RIÊNG CỦA NGƯỜI KHÁC"}, contact={"name": "Trần Thị Bí Mật"})
    # when
    thanks = client.post(link, _payload(campaign), follow=True)
    # then
    html = thanks.content.decode()
    assert "cảm ơn" in html
    assert "Ý KIẾN RIÊNG" not in html
    assert "Bí Mật" not in html
    assert "Không hài lòng" not in html


def test_invalid_answer_is_refused(client, link, campaign, time_machine_2022):
    q1 = Question.objects.get(questionnaire=campaign.questionnaire, code="1")
    response = client.post(link, {f"q_{q1.pk}": "9"})
    assert response.status_code == 400
    assert Response.objects.count() == 0


def test_qr_page_draws_an_svg_per_unit(client, campaign, org):
    client.force_login(org.coordinator)
    response = client.get(reverse("survey_qr", args=[campaign.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 2
    assert CampaignUnit.objects.filter(campaign=campaign).first().public_token in html
