"""API tokens: stored hashed, shown once, scoped, revocable; created and revoked by command or admin."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from core.errors import ApplicationError
from units.models import ApiToken
from units.selectors import access_for
from units.services import api_token_create


def _client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_command_prints_the_key_once_and_stores_only_its_hash(org):
    out = StringIO()

    call_command(
        "create_api_token", unit="CL-VP", scopes="read,report", name="Một cửa", stdout=out, stderr=StringIO()
    )

    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert key.startswith("kh_") and len(key) > 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.prefix}
    assert token.scope_set == {"read", "report"}
    assert _client(key).get(reverse("api_deliverable_list")).status_code == 200


def test_command_refuses_unknown_scope_and_unit(org):
    with pytest.raises(CommandError, match="Phạm vi không hợp lệ: ghi"):
        call_command("create_api_token", unit="CL-VP", scopes="read,ghi", name="X", stdout=StringIO())
    with pytest.raises(CommandError, match="Không có đơn vị mã «KHONG-CO»"):
        call_command("create_api_token", unit="KHONG-CO", name="X", stdout=StringIO())


def test_service_account_is_an_officer_who_cannot_log_in(org):
    """The token's user reports for its unit only, manages nothing, and has no usable password."""
    token, _key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["report"])

    access = access_for(token.user)
    assert access.reporting == {org.office_a.pk}
    assert not access.coordinated and not access.readable_tree and not access.heading
    assert not token.user.has_usable_password()
    assert not token.user.is_staff and not token.user.is_superuser


def test_service_refuses_empty_scopes(org):
    with pytest.raises(ApplicationError, match="Cần ít nhất một phạm vi"):
        api_token_create(unit=org.office_a, name="X", scopes=[" "])


def test_revoke_command_stops_the_token_at_once(org):
    token, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["read"])
    assert _client(key).get(reverse("api_unit_list")).status_code == 200

    call_command("revoke_api_token", token.prefix, stdout=StringIO())

    response = _client(key).get(reverse("api_unit_list"))
    token.refresh_from_db()
    token.user.refresh_from_db()
    assert token.revoked_at is not None and token.user.is_active is False
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "authentication_failed",
        "message": "Mã truy cập không hợp lệ hoặc đã bị thu hồi.",
        "details": {},
    }


def test_admin_action_revokes(org, admin_client):
    token, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["read"])

    admin_client.post(
        reverse("admin:units_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert _client(key).get(reverse("api_unit_list")).status_code == 401


def test_last_used_is_recorded(org):
    token, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["read"])

    _client(key).get(reverse("api_unit_list"))

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_survey_only_token_reads_nothing_here(org, deliverable):
    """A token for the one-stop survey feed cannot read deliverables: scopes are not implied."""
    _token, key = api_token_create(unit=org.office_a, name="Phiếu khảo sát", scopes=["survey_responses"])

    response = _client(key).get(reverse("api_deliverable_list"))

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Mã truy cập này không có phạm vi «read»."


def test_bearer_keyword_and_malformed_headers(org):
    _token, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["read"])
    client = APIClient()

    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get(reverse("api_unit_list")).status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token")
    assert client.get(reverse("api_unit_list")).status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token kh_khong-dung")
    assert client.get(reverse("api_unit_list")).status_code == 401


def test_unit_list_is_scoped(client_for, org):
    """A token sees its own unit; the district's reader sees the district's tree, not Cà Mau."""
    token_codes = {
        u["code"] for u in client_for("token_read_a").get(reverse("api_unit_list")).json()["results"]
    }
    viewer_codes = {u["code"] for u in client_for("viewer").get(reverse("api_unit_list")).json()["results"]}

    assert token_codes == {"CL-VP"}
    assert viewer_codes == {"CL-UBND", "CL-PNV", "CL-VP", "CL-VHTT"}
