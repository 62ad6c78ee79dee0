"""Journey 8: a survey operator (not staff) sets a campaign up with a threshold design, prints the
QR sheet, and a citizen answers on a phone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Plan
from surveys.models import Campaign, Response
from units.models import Unit

pytestmark = pytest.mark.browser


def test_operator_creates_a_campaign_prints_the_qr_sheet_and_a_citizen_answers(demo, open_session):
    today = timezone.localdate()
    plan = Plan.objects.filter(issuer__code="VINHMY-UBND").order_by("-year").first()
    desk, commune = Unit.objects.get(code="VINHMY-TNTKQ"), Unit.objects.get(code="VINHMY-UBND")
    operator = open_session("motcua.vinhmy")
    user = operator.page
    operator.open("/khao-sat/")
    user.get_by_role("link", name="Lập đợt khảo sát mới").click()
    user.fill("#id_title", f"Khảo sát Bộ phận một cửa xã Vinh Mỹ năm {today.year}")
    user.select_option("#id_plan", str(plan.pk))
    user.fill("#id_period_start", f"01/01/{today.year}")
    user.fill("#id_period_end", f"31/12/{today.year}")
    user.select_option("#id_questionnaire", "builtin:vinh-my-2021")
    for unit in (desk, commune):
        user.check(f"input[name=units][value='{unit.pk}']")
    user.check("input[name=design][value=threshold]")
    user.fill("#id_counts", f"{desk.code} | 850\n{commune.code} | 80")
    for method in ("paper", "online"):
        user.check(f"input[name=methods][value={method}]")
    user.get_by_role("button", name="Xem trước cỡ mẫu").click()
    user.wait_for_load_state()
    expect(user.get_by_text("Số phiếu tối thiểu (xem trước, chưa lưu)")).to_be_visible()
    assert user.locator("tfoot").inner_text().split()[-1] == "180"
    assert not Campaign.objects.filter(plan=plan, title__contains=str(today.year)).exists()
    user.locator("tfoot").scroll_into_view_if_needed()
    operator.shot("8-lap-dot-khao-sat")
    user.get_by_role("button", name="Tạo đợt khảo sát").click()
    user.wait_for_url(re.compile(r"/khao-sat/\d+/$"))
    campaign = Campaign.objects.get(plan=plan, title__contains=f"năm {today.year}")
    assert f"/khao-sat/{campaign.pk}/" in user.url

    user.get_by_role("link", name="Mã QR, đường dẫn phiếu trực tuyến").click()
    user.wait_for_load_state()
    assert user.locator(".sv-qr svg").count() == 2
    expect(user.get_by_text(desk.name).first).to_be_visible()
    operator.shot("8-to-ma-qr")
    link = user.locator(".sv-url").first.inner_text().strip()

    citizen = open_session(width=375, height=800)
    citizen.open(re.sub(r"^https?://[^/]+", "", link))
    phone = citizen.page
    assert citizen.no_horizontal_scroll()
    phone.get_by_label("Rất hài lòng").first.check()
    phone.get_by_label("Đúng hẹn").first.check()
    citizen.shot("8-phieu-tren-dien-thoai")
    phone.get_by_role("button", name="Gửi ý kiến").click()
    phone.wait_for_load_state()
    assert "/cam-on/" in phone.url, phone.locator("main").inner_text()[:500]
    assert Response.objects.filter(campaign=campaign).count() == 1
