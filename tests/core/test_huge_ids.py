"""An id no database can hold (400 digits) is "not found" or a named refusal, never a server error:
on the screens, the admin and the API, on SQLite and PostgreSQL."""

import pytest
from django.db import DataError
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIClient

from core.errors import is_out_of_range
from project.middleware import OutOfRangeIdMiddleware
from tests.factories import UserFactory
from units.services import api_token_create

HUGE = "9" * 400

SCREENS = [
    f"/ke-hoach/{HUGE}/",
    f"/ke-hoach/{HUGE}/tien-do.xlsx",
    f"/ke-hoach/{HUGE}/nhiem-vu/{HUGE}/sua/",
    f"/nghia-vu/{HUGE}/",
    f"/khao-sat/{HUGE}/",
    f"/van-ban/{HUGE}/",
    f"/don-vi/{HUGE}/",
    f"/viec-nen/{HUGE}/",
]
API_DETAIL = [f"/api/v1/plans/{HUGE}/", f"/api/v1/deliverables/{HUGE}/", f"/api/v1/surveys/{HUGE}/index/"]
API_FILTERS = [f"/api/v1/deliverables/?plan={HUGE}", f"/api/v1/tasks/?plan={HUGE}"]
ADMIN = [f"/admin/plans/plan/{HUGE}/change/", f"/admin/tasks/deliverable/{HUGE}/change/"]


@pytest.fixture
def api(org):
    client = APIClient()
    key = api_token_create(unit=org.office_a, name="Một cửa điện tử", scopes=["read", "report"])[1]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.parametrize("url", SCREENS)
def test_screen_with_a_huge_id_is_not_found(client, org, url):
    client.force_login(org.coordinator)
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


@pytest.mark.parametrize("url", API_DETAIL)
def test_api_with_a_huge_id_answers_the_not_found_body(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("url", API_FILTERS)
def test_api_filter_with_a_huge_plan_id_is_refused_by_name(api, url):
    response = api.get(url)
    assert response.status_code == 400
    assert "plan" in response.json()["error"]["details"]


@pytest.mark.parametrize("url", ADMIN)
def test_admin_with_a_huge_id_is_not_a_server_error(client, db, url):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = client.get(url)
    assert response.status_code in (302, 404)  # the admin sends a missing object back to its list


class NumericValueOutOfRange(Exception):
    """Stands for psycopg's error of the same name (matched by name, so SQLite runs need no psycopg)."""


def _pg_out_of_range():
    error = DataError("value out of range for type bigint")
    error.__cause__ = NumericValueOutOfRange()
    return error


@pytest.mark.parametrize(
    "error, caught",
    [
        (OverflowError("Python int too large to convert to SQLite INTEGER"), True),
        (_pg_out_of_range(), True),
        (DataError("value too long for type character varying(20)"), False),
        (ValueError("x"), False),
    ],
)
def test_only_out_of_range_numbers_become_not_found(error, caught):
    middleware = OutOfRangeIdMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/")
    if caught:
        with pytest.raises(Http404):
            middleware.process_exception(request, error)
    else:
        assert middleware.process_exception(request, error) is None
    assert is_out_of_range(error) is caught
