"""Issue 18: a coordinator who is neither staff nor superuser types a plan on screens, issues it
through the confirmation page and amends one task after issue, on a laptop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from plans.models import Plan
from tasks.models import Deliverable

pytestmark = pytest.mark.browser

TITLE = "Kế hoạch cải cách hành chính năm 2027 của huyện Cam Lâm"
TASKS = [
    ("Ban hành kế hoạch tuyên truyền", "Phòng Văn hóa và Thông tin huyện Cam Lâm", "Quý II/2027"),
    ("Báo cáo kết quả cải cách hành chính", "Phòng Nội vụ huyện Cam Lâm", "Hàng quý"),
    ("Rà soát thủ tục hành chính", "Phòng Tư pháp huyện Cam Lâm", "Tháng 9/2027"),
    ("Cập nhật số liệu hồ sơ trễ hạn", "Bộ phận Tiếp nhận và Trả kết quả huyện Cam Lâm", "Hàng tháng"),
    ("Tổ chức khảo sát sự hài lòng", "Phòng Nội vụ huyện Cam Lâm", "Trước ngày 30/06/2027"),
]


def _type_heading(page):
    page.get_by_role("link", name="Soạn kế hoạch mới").click()
    assert page.locator("#id_issuer option:checked").inner_text() == "Ủy ban nhân dân huyện Cam Lâm"
    page.fill("#id_place", "Cam Lâm")
    page.fill("#id_year", "2027")
    page.fill("#id_period_start", "01/01/2027")
    page.fill("#id_period_end", "31/12/2027")
    page.fill("#id_title", TITLE)
    page.fill("#id_bases-0-doc_type", "Quyết định")
    page.fill("#id_bases-0-number", "308/QĐ-UBND")
    page.fill("#id_bases-0-date", "04/03/2025")
    page.fill("#id_sections-0-label", "I")
    page.fill("#id_sections-0-title", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
    page.fill("#id_budget-0-content", "In tài liệu tuyên truyền")
    page.fill("#id_budget-0-unit_price", "1500000")
    page.fill("#id_budget-0-quantity", "2")
    page.get_by_text("Ba triệu đồng").wait_for()
    page.fill("#id_signer_position", "CHỦ TỊCH")
    page.fill("#id_signer_name", "Nguyễn Văn An")


def _type_task(session, content, unit, deadline, position):
    page = session.page
    page.get_by_role("link", name="Thêm nhiệm vụ").first.click()
    page.wait_for_load_state()  # htmx listens only once its script has loaded
    page.fill("#id_order_label", str(position + 1))
    page.fill("#id_position", str(position))
    page.fill("#id_content", content)
    lead = page.locator(".field:has(#id_lead_units)")
    lead.locator(".picker-search").fill(unit.split(" huyện")[0])
    lead.get_by_label(unit).check()
    assert lead.locator(".chip").inner_text().startswith(unit)
    page.fill("#id_deadline_text", deadline)
    page.locator("#deadline-preview .ok-text").wait_for()
    if position == 1:
        assert page.locator("#deadline-preview li").count() == 4  # four quarters of 2027
        session.shot("18-trinh-soan-nhiem-vu")
    page.get_by_role("button", name="Lưu nhiệm vụ").click()
    page.get_by_text("Đã lưu kế hoạch.").wait_for()


def test_coordinator_types_issues_and_amends_a_plan(demo, open_session):
    # given a coordinator of Cam Lâm, not staff
    noivu = open_session("pnv.camlam")
    page = noivu.page
    page.get_by_role("link", name="Kế hoạch", exact=True).click()

    # when they type the heading and five tasks (two recurring)
    _type_heading(page)
    noivu.shot("18-soan-ke-hoach")
    page.get_by_role("button", name="Tạo kế hoạch dự thảo").click()
    page.get_by_text("Đã tạo kế hoạch dự thảo.").wait_for()
    for position, (content, unit, deadline) in enumerate(TASKS):
        _type_task(noivu, content, unit, deadline, position)
    plan = Plan.objects.get(title=TITLE)
    assert plan.tasks.count() == 5

    # and issue it through the confirmation page
    page.get_by_role("link", name="Ban hành kế hoạch…").click()
    expected = 1 + 4 + 1 + 12 + 1
    expect(page.get_by_text(f"Tạo {expected} nghĩa vụ báo cáo")).to_be_visible()
    expect(page.get_by_text("chưa có số")).to_be_visible()
    noivu.shot("18-xac-nhan-ban-hanh")
    page.get_by_role("button", name="Xác nhận: Ban hành").click()
    page.get_by_text("Đã ban hành kế hoạch").wait_for()
    assert Deliverable.objects.filter(task__plan=plan).count() == expected

    # and amend the third task's deadline, with a reason
    row = page.locator("tr", has_text="Rà soát thủ tục hành chính")
    row.get_by_role("link", name="Điều chỉnh").click()
    page.wait_for_load_state()  # htmx listens only once its script has loaded
    page.fill("#id_deadline_text", "Tháng 10/2027")
    page.locator("#deadline-preview li", has_text="/10/2027").wait_for()
    page.fill("#id_reason", "Theo Công văn số 15/UBND ngày 02/8/2027 lùi thời hạn rà soát.")
    noivu.shot("18-dieu-chinh-nhiem-vu")
    page.get_by_role("button", name="Lưu điều chỉnh").click()

    # then the obligation follows and the history keeps both
    page.get_by_text("Đã điều chỉnh kế hoạch").wait_for()
    task = plan.tasks.get(content="Rà soát thủ tục hành chính")
    states = dict(task.deliverables.values_list("original_due_date__month", "state"))
    assert states == {9: "waived", 10: "pending"}
    row = page.locator("tr", has_text="Rà soát thủ tục hành chính")
    expect(row.get_by_text(re.compile(r"\d\d/10/2027")).first).to_be_visible()
    page.get_by_text("Lịch sử kế hoạch").click()
    expect(page.get_by_text("Theo Công văn số 15/UBND").first).to_be_visible()
    noivu.shot("18-lich-su-dieu-chinh")


def test_plan_and_task_editors_fit_a_phone(demo, open_session):
    phone = open_session("pnv.camlam", width=375, height=800)
    phone.open("/ke-hoach/moi/")
    assert phone.no_horizontal_scroll()
    phone.shot("18-soan-ke-hoach-dien-thoai")
    plan = Plan.objects.filter(state="draft", issuer__code="CAMLAM-UBND").first()
    phone.open(f"/ke-hoach/{plan.pk}/nhiem-vu/them/")
    phone.page.fill("#id_deadline_text", "Hàng quý")
    phone.page.locator("#deadline-preview .ok-text").wait_for()
    assert phone.no_horizontal_scroll()
    phone.shot("18-nhiem-vu-dien-thoai")
    phone.open(f"/ke-hoach/{plan.pk}/trang-thai/issue/")
    assert phone.no_horizontal_scroll()
    phone.shot("18-xac-nhan-dien-thoai")
