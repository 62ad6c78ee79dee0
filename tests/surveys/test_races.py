"""Two people at once: the first alert note stays; a duplicate external id is a clear refusal, not a 500."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.errors import ApplicationError
from surveys.models import Alert, Response
from surveys.services import (
    Draft,
    DuplicateSubmission,
    response_frame,
    responses_check,
    responses_store,
    responses_write,
)
from tests.surveys.conftest import at


def test_handling_an_alert_twice_at_once_keeps_the_first_note(submit, org):
    # given one alert, opened by the head and by Nội vụ at the same moment
    submit({"1": 3})
    seen_by_head = Alert.objects.get()
    seen_by_noivu = Alert.objects.get()
    from surveys.services import alert_handle

    # when both record what they did
    alert_handle(alert=seen_by_head, actor=org.head_a, note="Đã gọi điện xin lỗi.")
    with pytest.raises(ApplicationError, match="xử lý trước bạn"):
        alert_handle(alert=seen_by_noivu, actor=org.coordinator, note="Nhắc nhở bộ phận.")
    # then the first note is kept
    alert = Alert.objects.get()
    assert (alert.note, alert.handled_by) == ("Đã gọi điện xin lỗi.", org.head_a)


def test_a_stale_handle_form_is_refused_on_screen(client, submit, org):
    submit({"1": 3})
    alert = Alert.objects.get()
    url = reverse("survey_alert_handle", args=[alert.pk])
    client.force_login(org.head_a)
    assert client.post(url, {"note": "Lần một", "version": alert.version}).status_code == 302
    client.force_login(org.coordinator)
    response = client.post(url, {"note": "Lần hai", "version": alert.version}, follow=True)
    assert "xử lý" in response.content.decode()
    assert Alert.objects.get().note == "Lần một"


def _draft(org, external_id="MC-1"):
    return Draft(
        unit=org.office_a,
        submitted_at=at(2022, 3, 1),
        channel="one_stop",
        answers={"1": 1},
        external_id=external_id,
    )


def test_a_concurrent_duplicate_external_id_is_a_clear_refusal(campaign, org):
    # given a batch checked while another request had not yet stored the same id
    frame = response_frame(campaign)
    drafts = [_draft(org)]
    assert responses_check(frame=frame, drafts=drafts) == [[]]
    responses_store(campaign=campaign, drafts=[_draft(org)])
    # when the checked batch is written
    with pytest.raises(DuplicateSubmission, match="đã lưu"):
        responses_write(frame=frame, drafts=drafts)
    # then one response exists, and nothing of the second
    assert Response.objects.count() == 1


def test_the_api_answers_409_to_a_concurrent_duplicate(campaign, org, monkeypatch):
    client = APIClient()
    client.force_login(org.coordinator)
    responses_store(campaign=campaign, drafts=[_draft(org)])
    # the race: the other request stores MC-1 between this one's check and its write
    monkeypatch.setattr(
        "surveys.apis.SurveyResponseBulkApi._received", staticmethod(lambda campaign, items: set())
    )
    monkeypatch.setattr("surveys.services._external_id_errors", lambda frame, external_id, known: [])
    item = {
        "external_id": "MC-1",
        "unit": org.office_a.code,
        "submitted_at": "2022-03-01T09:00:00+07:00",
        "answers": {"1": 1},
    }
    response = client.post(f"/api/v1/surveys/{campaign.pk}/responses/", {"responses": [item]}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert Response.objects.count() == 1
