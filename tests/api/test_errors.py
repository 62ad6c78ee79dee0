"""Every error has one body, {"error": {"code", "message", "details"}}, with a Vietnamese message."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle


def test_unauthenticated_is_401(db):
    response = APIClient().get(reverse("api_deliverable_list"))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "error": {
            "code": "not_authenticated",
            "message": "Chưa xác thực: hãy đăng nhập hoặc gửi mã truy cập (Authorization: Token …).",
            "details": {},
        }
    }


def test_missing_object_is_404(client_for):
    response = client_for("coordinator").get(reverse("api_deliverable_detail", args=[999999]))

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Không tìm thấy.", "details": {}}}


def test_forbidden_object_is_403(client_for, deliverable):
    response = client_for("token_other").get(reverse("api_deliverable_detail", args=[deliverable.pk]))

    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "permission_denied",
        "message": "Bạn không có quyền thực hiện thao tác này.",
        "details": {},
    }


def test_service_refusal_keeps_its_message(client_for, deliverable):
    """A coordinator is not a reporter: the service's own words come back."""
    response = client_for("coordinator").post(
        reverse("api_deliverable_submit", args=[deliverable.pk]), {"text": "Báo cáo thay."}
    )

    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Bạn không báo cáo cho Văn phòng HĐND và UBND huyện."


def test_token_on_review_action_is_told_why(client_for, submitted):
    response = client_for("token_report_a").post(reverse("api_deliverable_accept", args=[submitted.pk]), {})

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Thao tác này chỉ dành cho người dùng đăng nhập, không dùng mã truy cập."
    )


def test_validation_error_names_fields(client_for, deliverable):
    response = client_for("officer_a").post(
        reverse("api_deliverable_submit", args=[deliverable.pk]), {"percent_done": 150}
    )

    error = response.json()["error"]
    assert response.status_code == 400
    assert error["code"] == "invalid"
    assert error["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert set(error["details"]) == {"text", "percent_done"}


def test_wrong_method_is_405(client_for):
    response = client_for("coordinator").delete(reverse("api_deliverable_list"))

    assert response.status_code == 405
    assert response.json()["error"]["message"] == "Phương thức DELETE không được hỗ trợ ở địa chỉ này."


def test_malformed_json_is_400(client_for, deliverable):
    response = client_for("officer_a").post(
        reverse("api_deliverable_submit", args=[deliverable.pk]),
        "{không phải json",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


@pytest.mark.parametrize(
    "scope, caller, url",
    [("anon", "anonymous", "api_schema"), ("user", "token_read_a", "api_unit_list")],
)
def test_rate_limit_is_429(scope, caller, url, client_for, monkeypatch, settings):
    """Past the rate, callers get 429 with a Retry-After and a Vietnamese message.

    (DRF checks credentials before rates: a caller without them gets 401 first.)
    """
    settings.API_DOCS_PUBLIC = True  # the schema is then an endpoint an anonymous caller reaches
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, "2/min")
    client = client_for(caller)

    codes = [client.get(reverse(url), {"format": "json"}).status_code for _ in range(3)]
    response = client.get(reverse(url), {"format": "json"})

    assert codes == [200, 200, 429]
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"
    assert response.json()["error"]["message"].startswith("Quá nhiều yêu cầu. Hãy thử lại sau ")


def test_schema_and_offline_docs(client, org):
    """The schema is served, and the docs page loads Swagger UI from our own static files."""
    client.force_login(org.officer_a)
    schema = client.get(reverse("api_schema"), {"format": "json"})
    docs = client.get(reverse("api_docs"))

    assert schema.status_code == 200
    assert "/api/v1/deliverables/{deliverable_id}/submit/" in schema.json()["paths"]
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    # its start-up script is a file of this site, not an inline script
    assert client.get(reverse("api_docs"), {"script": ""})["Content-Type"].startswith(
        "application/javascript"
    )


def test_api_docs_are_behind_login_unless_configured_public(client, client_for, settings):
    """Anonymous: the docs page sends to the login page and the schema answers 401; a token reads it."""
    docs = client.get(reverse("api_docs"))
    assert docs.status_code == 302 and docs["Location"].startswith(reverse("login"))
    schema = client.get(reverse("api_schema"), {"format": "json"})
    assert schema.status_code == 401 and "/api/v1/" not in schema.content.decode()
    assert client_for("token_read_a").get(reverse("api_schema"), {"format": "json"}).status_code == 200

    settings.API_DOCS_PUBLIC = True
    assert client.get(reverse("api_docs")).status_code == 200
    assert client.get(reverse("api_schema"), {"format": "json"}).status_code == 200


def test_format_json_override(client_for):
    response = client_for("coordinator").get(reverse("api_unit_list"), {"format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
