"""The English interface: the language cookie switches the UI from Vietnamese to English."""

from django.urls import reverse


def test_login_page_is_in_english_when_the_language_cookie_says_so(client):
    # given
    client.cookies["django_language"] = "en"

    # when
    response = client.get(reverse("login"))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert "Log in" in html
    assert "Username" in html
    assert "Đăng nhập" not in html


def test_login_page_stays_vietnamese_without_the_cookie(client):
    # when
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")

    # then
    html = response.content.decode()
    assert "Đăng nhập" in html
    assert "Log in" not in html


def test_coordinator_dashboard_heading_is_in_english(client, org):
    # given
    client.force_login(org.coordinator)
    client.cookies["django_language"] = "en"

    # when
    response = client.get("/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Plan implementation overview</h1>" in html
    assert "Tổng quan thực hiện kế hoạch" not in html
    assert "Log out" in html
