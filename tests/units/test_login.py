"""Signing in: wrong passwords lock the account out from that address until it cools off or Nội vụ
unlocks it; a forgotten password is reset by e-mail without telling whether an address exists."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from django.urls import reverse

User = get_user_model()
PASSWORD = "mat-khau-dung-2026"
LOCKED = "tạm bị khóa đăng nhập"


@pytest.fixture
def officer(org):
    org.officer_a.set_password(PASSWORD)
    org.officer_a.email = "canbo.a@camlam.gov.vn"
    org.officer_a.save()
    return org.officer_a


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return client.get(reverse("notification_list")).status_code == 200


def _hammer(client, username, times=100, **extra):
    return [_login(client, username, "sai-mat-khau", **extra).status_code for _ in range(times)]


def test_a_hundred_wrong_passwords_then_the_right_one_is_refused_in_vietnamese(client, officer, settings):
    codes = _hammer(client, officer.username)
    # the first tries are ordinary wrong passwords; from the limit on, the lock-out page
    limit = settings.AXES_FAILURE_LIMIT
    assert codes[: limit - 1] == [200] * (limit - 1) and set(codes[limit:]) == {429}

    response = _login(client, officer.username, PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "đề nghị Nội vụ" in page and 'name="password"' in page
    assert not _signed_in(client)


def test_noi_vu_unlocks_and_the_person_logs_in(client, officer, org):
    _hammer(client, officer.username, times=10)
    coordinator = client.__class__()
    coordinator.force_login(org.coordinator)
    page = coordinator.get(reverse("person_detail", args=[officer.pk])).content.decode()
    assert "Mở khóa đăng nhập" in page

    response = coordinator.post(reverse("person_action", args=[officer.pk, "unlock"]), follow=True)

    assert "Đã mở khóa đăng nhập" in response.content.decode()
    assert "Mở khóa đăng nhập</button>" not in response.content.decode()
    assert _login(client, officer.username, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_noi_vu_of_another_tree_cannot_unlock(client, officer, org):
    _hammer(client, officer.username, times=10)
    stranger = client.__class__()
    stranger.force_login(org.other_coordinator)

    assert stranger.post(reverse("person_action", args=[officer.pk, "unlock"])).status_code == 403
    assert _login(client, officer.username, PASSWORD).status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_lock_is_for_the_address_the_proxy_saw(client, officer):
    attacker = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    _hammer(client, officer.username, times=10, **attacker)
    # writing another address on the left of the header changes nothing: the proxy appended the real one
    spoofed = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}
    assert _login(client, officer.username, PASSWORD, **spoofed).status_code == 429
    # the officer at their own desk, through the same proxy, still logs in
    desk = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert _login(client, officer.username, PASSWORD, **desk).status_code == 302


def test_the_right_password_before_the_limit_clears_the_count(client, officer, settings):
    _hammer(client, officer.username, times=settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client, officer.username, PASSWORD).status_code == 302
    client.logout()
    _hammer(client, officer.username, times=settings.AXES_FAILURE_LIMIT - 1)
    assert _login(client, officer.username, PASSWORD).status_code == 302


# ----- forgotten password -------------------------------------------------------------------


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_login_page_offers_a_reset_by_email(client, db):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_reset_mail_arrives_and_its_link_sets_a_new_password(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "canbo.a@camlam.gov.vn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert [message.to for message in mail.outbox] == [["canbo.a@camlam.gov.vn"]]
    body = mail.outbox[0].body
    assert "Chào" in body and officer.username in body
    link = re.search(r"http://testserver(/dat-mat-khau/\S+)", body).group(1)

    form = client.get(link, follow=True)
    assert "Đặt mật khẩu" in form.content.decode() and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Cam-Lam-moi-2026", "new_password2": "Cam-Lam-moi-2026"}
    )
    assert done["Location"] == reverse("password_reset_complete")
    assert _login(client, officer.username, "Cam-Lam-moi-2026").status_code == 302
    # the link was for one use
    client.logout()
    assert "không còn dùng được" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("password_reset"), {"email": "canbo.a@camlam.gov.vn"}, follow=True)
        unknown = client.post(reverse("password_reset"), {"email": "ai.do@example.com"}, follow=True)
    assert len(mail.outbox) == 1
    assert unknown.redirect_chain == known.redirect_chain
    assert _without_csrf(unknown) == _without_csrf(known)
