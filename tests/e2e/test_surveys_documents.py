"""Journeys 6 and 7: a citizen answers at the counter; a clerk produces and registers the plan."""

import hashlib
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from documents.models import GeneratedDocument
from plans.models import Plan
from surveys.demo import load_demo as load_survey_demo
from surveys.models import Alert, Campaign, Response

pytestmark = pytest.mark.browser


def test_citizen_answers_from_the_qr_link_and_the_operator_sees_the_alert(demo, open_session):
    """Journey 6: the QR sheet's link opens the public form on a phone; a bad answer raises an alert."""
    today = timezone.localdate()
    load_survey_demo(today)
    # The commune keeps surveying this year: the 2021 campaign is extended to cover today.
    Campaign.objects.filter(plan__issuer__code="VINHMY-UBND").update(
        period_end=today.replace(month=12, day=31)
    )
    campaign = Campaign.objects.get(plan__issuer__code="VINHMY-UBND")
    operator = open_session("vanphong.vinhmy")
    operator.open(f"/khao-sat/{campaign.pk}/ma-qr/")
    link = operator.page.locator(".sv-url").first.inner_text().strip()
    path = re.sub(r"^https?://[^/]+", "", link)
    operator.shot("6-ma-qr")

    citizen = open_session(width=375, height=800)
    citizen.open(path)
    page = citizen.page
    assert citizen.no_horizontal_scroll()
    page.get_by_label("Không hài lòng").first.check()
    page.get_by_label(re.compile("không đúng hẹn", re.IGNORECASE)).first.check()
    citizen.shot("6-phieu-tren-dien-thoai")
    before = Response.objects.count()
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_load_state()
    assert "/cam-on/" in page.url, page.locator("main").inner_text()[:500]
    assert Response.objects.count() == before + 1
    assert "Không hài lòng" not in page.locator("main").inner_text()  # the thank-you page shows no answers

    alert = Alert.objects.filter(campaign=campaign).latest("id")
    operator.open(f"/khao-sat/{campaign.pk}/canh-bao/")
    expect(operator.page.get_by_text(alert.unit.name).first).to_be_visible()
    operator.shot("6-canh-bao")


def test_clerk_generates_registers_and_downloads_the_same_bytes(demo, open_session):
    """Journey 7: from the plan page, a clerk drafts the plan's .docx, registers it, downloads it twice."""
    plan = Plan.objects.get(title__startswith="Nâng cao Chỉ số hài lòng")
    clerk = open_session("vanthu.camlam")
    clerk.open(f"/ke-hoach/{plan.pk}/")
    clerk.page.get_by_role("link", name="Tạo văn bản").click()
    clerk.page.get_by_role("button", name="Tạo dự thảo và xem trước").click()
    expect(clerk.page.get_by_text("chưa vào sổ")).to_be_visible()
    clerk.page.get_by_role("link", name="Vào sổ, cấp số…").click()
    expect(clerk.page.get_by_role("heading", name="Vào sổ văn bản đi?")).to_be_visible()
    clerk.page.get_by_role("button", name="Xác nhận: vào sổ, cấp số").click()
    document = GeneratedDocument.objects.filter(plan=plan).exclude(number=None).latest("id")
    expect(clerk.page.get_by_role("heading", name=document.symbol)).to_be_visible()
    clerk.shot("7-van-ban-da-vao-so")
    url = clerk.base + f"/van-ban/{document.pk}/tai-ve/"
    first = clerk.page.request.get(url).body()
    second = clerk.page.request.get(url).body()
    assert first == second
    assert hashlib.sha256(first).hexdigest() == document.sha256
    assert first[:2] == b"PK"


@pytest.mark.parametrize("width", [375, 1366])
def test_survey_and_document_pages_fit_and_pass_the_accessibility_check(demo, open_session, width):
    from axe_playwright_python.sync_playwright import Axe

    today = timezone.localdate()
    load_survey_demo(today)
    campaign = Campaign.objects.get(plan__issuer__code="VINHMY-UBND")
    public = campaign.scope.first().public_token
    pages = {
        None: [f"/khao-sat/phieu/{public}/"],
        "vanphong.vinhmy": [
            "/khao-sat/",
            f"/khao-sat/{campaign.pk}/",
            f"/khao-sat/{campaign.pk}/nhap-phieu/",
            "/khao-sat/canh-bao/",
            "/van-ban/",
            "/van-ban/mau/",
        ],
    }
    problems = []
    for username, paths in pages.items():
        session = open_session(username, width=width) if username else open_session(width=width)
        for path in paths:
            session.open(path)
            if not session.no_horizontal_scroll():
                problems.append(f"{path} ({width}px): cuộn ngang")
            violations = Axe().run(session.page).response["violations"]
            problems += [f"{path}: {v['id']}" for v in violations if v["impact"] in ("serious", "critical")]
    assert problems == []
