"""JSON endpoint for one-stop systems: token auth, idempotence on external_id, unit scope."""

import json

import pytest
from django.urls import reverse

from surveys.models import Response
from surveys.services import api_token_create, api_token_revoke

URL = "/khao-sat/api/phieu/"


@pytest.fixture
def token(campaign, org):
    return api_token_create(campaign=campaign, unit=org.office_a, name="Một cửa điện tử")


def _post(client, body, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Token {raw}"} if raw else {}
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


BODY = {
    "external_id": "MC-1",
    "submitted_at": "2022-03-01T09:00:00+07:00",
    "answers": {"1": "Hài lòng", "2": 1},
}


def test_url_name():
    assert reverse("survey_api_responses") == URL


def test_missing_or_wrong_token_is_401(client, token):
    assert _post(client, BODY).status_code == 401
    assert _post(client, BODY, "sai").status_code == 401
    assert Response.objects.count() == 0


def test_post_creates_then_is_idempotent(client, token, org):
    _, raw = token
    first = _post(client, BODY, raw)
    assert first.status_code == 201 and first.json()["created"] is True
    again = _post(client, BODY, raw)
    assert again.status_code == 200 and again.json() == {"id": first.json()["id"], "created": False}
    stored = Response.objects.get()
    assert (stored.unit, stored.channel, stored.quarter) == (org.office_a, "one_stop", 1)


def test_token_is_scoped_to_its_unit(client, token, org):
    _, raw = token
    response = _post(client, {**BODY, "unit": org.office_b.code}, raw)
    assert response.status_code == 403
    assert Response.objects.count() == 0


def test_revoked_token_is_refused(client, token):
    record, raw = token
    api_token_revoke(token=record)
    assert _post(client, BODY, raw).status_code == 401


def test_only_the_hash_is_stored(token):
    record, raw = token
    assert raw not in (record.key_hash, record.prefix) and len(record.key_hash) == 64


def test_invalid_answers_are_400_with_problems(client, token):
    _, raw = token
    response = _post(client, {**BODY, "answers": {"1": 8}}, raw)
    assert response.status_code == 400
    assert response.json()["problems"] == ["Câu 1: giá trị “8” không phải là một mức trả lời hợp lệ."]
    assert _post(client, ["x"], raw).status_code == 400
