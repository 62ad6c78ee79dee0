"""The public form behind a proxy, at a counter kiosk, sent twice, and outside the campaign's dates."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from surveys.models import Alert, CampaignUnit, Question, Response


@pytest.fixture
def link(campaign, org):
    token = CampaignUnit.objects.get(campaign=campaign, unit=org.office_a).public_token
    return reverse("survey_public_form", args=[token])


@pytest.fixture
def in_2022():
    import time_machine

    with time_machine.travel(
        timezone.datetime(2022, 3, 1, 9, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        yield


def _form(campaign, text, level="1"):
    q1 = Question.objects.get(questionnaire=campaign.questionnaire, code="1")
    q3 = Question.objects.get(questionnaire=campaign.questionnaire, code="3")
    return {f"q_{q1.pk}": level, f"q_{q3.pk}": text}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_citizen_has_their_own_allowance(client, link, campaign, in_2022):
    # given every request arrives from the nginx at 127.0.0.1, which appends the client's address
    for i in range(10):
        sent = client.post(
            link, _form(campaign, f"A{i}"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.7"
        )
        assert sent.status_code == 302
    # when the same citizen tries again, even claiming another address in front of the proxy's
    forged = client.post(
        link, _form(campaign, "A10"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.7"
    )
    # then that citizen is refused, while another citizen behind the same proxy is not
    assert forged.status_code == 429
    other = client.post(link, _form(campaign, "B"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.8")
    assert other.status_code == 302
    assert Response.objects.count() == 11


def test_only_accepted_forms_count(client, link, campaign, in_2022):
    for i in range(12):
        assert (
            client.post(link, _form(campaign, f"x{i}", level="9"), REMOTE_ADDR="10.0.0.9").status_code == 400
        )
    for i in range(10):
        assert client.post(link, _form(campaign, f"ok{i}"), REMOTE_ADDR="10.0.0.9").status_code == 302
    assert Response.objects.count() == 10


def test_a_counter_kiosk_set_by_the_operator_has_its_own_allowance(client, link, campaign, org, in_2022):
    # given the operator makes the counter tablet a kiosk from the QR page
    client.force_login(org.coordinator)
    made = client.post(reverse("survey_kiosk", args=[campaign.pk, org.office_a.pk]))
    assert made.status_code == 302 and made["Location"] == link
    assert "kh_kiosk" in client.cookies
    # when thirty citizens answer on it in a row
    for i in range(30):
        assert client.post(link, _form(campaign, f"K{i}"), REMOTE_ADDR="10.0.0.5").status_code == 302
    # then all are kept
    assert Response.objects.count() == 30
    # and a forged kiosk cookie from the same address gets only the address's own ten
    stranger = Client()
    stranger.cookies["kh_kiosk"] = "forged"
    for i in range(10):
        assert stranger.post(link, _form(campaign, f"S{i}"), REMOTE_ADDR="10.0.0.5").status_code == 302
    assert stranger.post(link, _form(campaign, "S10"), REMOTE_ADDR="10.0.0.5").status_code == 429
    assert Response.objects.count() == 40


def test_the_kiosk_needs_a_manager(client, campaign, org):
    client.force_login(org.officer_a)
    assert client.post(reverse("survey_kiosk", args=[campaign.pk, org.office_a.pk])).status_code == 404


def test_the_same_form_sent_twice_is_kept_once(client, link, campaign, in_2022):
    unhappy = _form(campaign, "Chờ lâu", level="3")
    assert client.post(link, unhappy, REMOTE_ADDR="10.0.0.3").status_code == 302
    assert client.post(link, unhappy, REMOTE_ADDR="10.0.0.3").status_code == 302
    assert Response.objects.count() == 1 and Alert.objects.count() == 1


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        ((2021, 12, 20), "bắt đầu nhận ý kiến từ ngày 01/01/2022"),
        ((2023, 1, 5), "đã kết thúc ngày 31/12/2022"),
    ],
)
def test_the_form_says_at_once_when_the_campaign_is_closed(client, link, campaign, moment, message):
    import time_machine

    with time_machine.travel(
        timezone.datetime(*moment, 9, tzinfo=timezone.get_current_timezone()), tick=False
    ):
        opened = client.get(link)
        sent = client.post(link, _form(campaign, "x"))
    assert opened.status_code == 200 and message in opened.content.decode()
    assert "Gửi ý kiến" not in opened.content.decode()
    assert sent.status_code == 400 and not Response.objects.exists()
