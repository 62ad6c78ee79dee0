"""Journey 8: after the 2025 reform, xã Cam Lâm's Nội vụ adds a unit and an officer account; the new
officer logs in with the one-time password and sees the unit's obligations. Pictures for the README."""

import pytest
from playwright.sync_api import expect

from units.models import Unit

pytestmark = pytest.mark.browser


@pytest.fixture
def present(transactional_db, settings, tmp_path):
    from django.utils import timezone

    from tasks.demo import load_demo
    from tasks.demo_present import load_present

    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    load_demo(today)
    return load_present(today)


def test_coordinator_adds_unit_and_officer_who_sees_obligations(present, open_session):
    noivu = open_session("pnv.camlam")
    page = noivu.page
    expect(page.get_by_role("heading", name="Tổng quan thực hiện kế hoạch")).to_be_visible()
    noivu.shot("8-tong-quan-tuan-nay")

    # The commune's page tells where it came from.
    commune = Unit.objects.get(code="XA-CAMLAM")
    noivu.open(f"/don-vi/{commune.pk}/")
    expect(page.get_by_role("heading", name="Quá trình sắp xếp tổ chức")).to_be_visible()
    expect(page.get_by_text("Ủy ban nhân dân thị trấn Cam Đức").first).to_be_visible()
    noivu.shot("8-trang-don-vi-ke-thua")

    # A new unit under the commune.
    page.get_by_role("link", name="Thêm đơn vị trực thuộc").first.click()
    page.select_option("#id_parent", str(commune.pk))
    page.fill("#id_code", "XA-CAMLAM-TH")
    page.fill("#id_name", "Tổ một cửa thôn Tân Hải")
    page.select_option("#id_kind", "one_stop")
    noivu.shot("8-them-don-vi")
    page.get_by_role("button", name="Thêm đơn vị").click()
    expect(page.get_by_text("Đã thêm đơn vị Tổ một cửa thôn Tân Hải")).to_be_visible()

    # An officer account for the commune's economic office, which owes a late report.
    economy = Unit.objects.get(code="XA-CAMLAM-KT")
    noivu.open(f"/don-vi/nguoi-dung/them/?unit={economy.pk}")
    page.fill("#id_username", "canbo.kt.camlam")
    page.fill("#id_full_name", "Nguyễn Văn Bình")
    page.select_option("#id_role", "officer")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_text("Đã tạo tài khoản canbo.kt.camlam")).to_be_visible()
    page.get_by_role("button", name="Cấp mật khẩu dùng một lần").click()
    password = page.locator(".otp").inner_text().strip()
    assert password
    noivu.shot("8-mat-khau-dung-mot-lan")

    # The preview of a rename: nothing changes until "Áp dụng".
    noivu.open("/don-vi/sap-xep/")
    page.select_option("#id_kind", "rename")
    page.fill("#id_effective_on", "01/01/2026")
    page.fill("#id_basis", "Quyết định số 12/QĐ-UBND")
    page.select_option("#id_sources", label="Tổ một cửa thôn Tân Hải (XA-CAMLAM-TH)")
    page.fill("#id_new_name", "Tổ một cửa thôn Tân Hải - Cam Lâm")
    page.get_by_role("button", name="Xem trước").first.click()
    expect(page.get_by_text("Xem trước: chưa thay đổi gì")).to_be_visible()
    noivu.shot("8-sap-xep-xem-truoc")
    assert Unit.objects.get(code="XA-CAMLAM-TH").name == "Tổ một cửa thôn Tân Hải"

    # The new officer logs in and sees the unit's obligations.
    officer = open_session()
    officer.open("/dang-nhap/")
    officer.page.fill("#id_username", "canbo.kt.camlam")
    officer.page.fill("#id_password", password)
    officer.page.click("main button[type=submit]")
    officer.page.wait_for_load_state()
    officer.open("/viec-cua-don-vi/")
    expect(officer.page.get_by_text("Rút ngắn thời gian giải quyết hồ sơ đất đai").first).to_be_visible()
    officer.shot("8-can-bo-moi-thay-viec")

    phone = open_session("pnv.camlam", width=375, height=800)
    phone.open(f"/don-vi/{commune.pk}/")
    assert phone.no_horizontal_scroll()
    phone.shot("8-trang-don-vi-dien-thoai")


def test_people_of_the_old_offices_get_roles_in_the_successor_in_one_click(present, open_session):
    """The merge into the commune's Văn phòng: its result screen offers the old offices' people a
    role there; the coordinator keeps the proposed roles and gives them with one button."""
    from units.models import Membership, Reorganisation

    event = next(
        e
        for e in Reorganisation.objects.filter(lineage__successor__code="XA-CAMLAM-VP").distinct()
        if e.summary.get("offers")
    )
    offered = {offer["user"] for offer in event.summary["offers"]}
    noivu = open_session("pnv.camlam")
    page = noivu.page
    noivu.open(f"/don-vi/sap-xep/{event.pk}/")
    expect(
        page.get_by_role("heading", name="Người dùng của đơn vị cũ: giao vai trò ở đơn vị kế thừa")
    ).to_be_visible()
    noivu.shot("8-giao-vai-tro-ke-thua")
    if page.locator("input[name^=take-]").count():
        page.get_by_role("button", name="Giao các vai trò đã chọn").click()
        expect(page.get_by_text("vai trò ở đơn vị kế thừa").first).to_be_visible()
        noivu.shot("8-da-giao-vai-tro")
    successor = Unit.objects.get(code="XA-CAMLAM-VP")
    held = set(
        Membership.objects.filter(unit=successor, ended_on__isnull=True).values_list(
            "user__username", flat=True
        )
    )
    assert offered <= held

    phone = open_session("pnv.camlam", width=375, height=800)
    phone.open("/")
    assert phone.no_horizontal_scroll()
    phone.shot("8-tong-quan-tuan-nay-dien-thoai")  # the commune's week on a phone
