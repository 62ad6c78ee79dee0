"""Issue 18: Nội vụ of Cam Lâm (not staff) corrects an issued plan's signer and a section's name with a
reason, is told what a batch of đôn đốc letters will cover before drafting it, and, on an imported plan's
preview, finds a unit with the picker's search box and adds a unit the tree lacks; on a laptop and a phone."""

import io
import re

import docx
import pytest
from playwright.sync_api import expect

from plans.models import Plan
from units.models import Membership, Unit

from .test_journeys import _issue_cam_lam

pytestmark = pytest.mark.browser

MISSING = "Ban Quản lý dự án đầu tư xây dựng huyện"


def _suffix(width: int) -> str:
    return "-dien-thoai" if width == 375 else ""


@pytest.mark.parametrize("width", [1366, 375])
def test_noi_vu_amends_the_heading_and_confirms_the_reminder_letters(demo, open_session, width):
    plan = _issue_cam_lam()
    section = plan.sections.filter(tasks__isnull=False).order_by("position").first()
    noivu = open_session("pnv.camlam", width=width, height=800)
    page = noivu.page
    noivu.open(f"/ke-hoach/{plan.pk}/")
    page.get_by_role("link", name="Điều chỉnh: phần mở đầu").click()
    page.wait_for_load_state()
    expect(page.get_by_text("chỉ được ghi khi vào sổ văn bản đi")).to_be_visible()
    assert noivu.no_horizontal_scroll()
    page.fill("#id_signer_name", "Lê Văn Bình")
    index = list(plan.sections.order_by("position", "id")).index(section)
    page.fill(f"#id_sections-{index}-title", "Công tác chỉ đạo, điều hành (đã sửa)")
    page.fill("#id_reason", "Sửa họ tên người ký và tên mục theo bản đã ký.")
    page.locator("#id_signer_name").scroll_into_view_if_needed()
    noivu.shot("18-dieu-chinh-phan-mo-dau" + _suffix(width))
    page.locator(f"#id_sections-{index}-title").scroll_into_view_if_needed()
    noivu.shot("18-dieu-chinh-cac-muc" + _suffix(width))
    page.get_by_role("button", name="Lưu điều chỉnh").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Đã điều chỉnh phần mở đầu")).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).signer_name == "Lê Văn Bình"
    section.refresh_from_db()
    assert section.title == "Công tác chỉ đạo, điều hành (đã sửa)" and section.tasks.exists()

    page.get_by_role("link", name="Soạn công văn đôn đốc các đơn vị quá hạn…").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Soạn công văn đôn đốc các đơn vị quá hạn?")).to_be_visible()
    expect(page.get_by_text("nghĩa vụ đã quá hạn")).to_be_visible()
    noivu.shot("18-xac-nhan-don-doc" + _suffix(width))
    assert noivu.no_horizontal_scroll()


def _plan_naming_a_missing_unit() -> bytes:
    document = docx.Document()
    for line in ("UBND HUYỆN CAM LÂM", "Số:    /KH-UBND", "Cam Lâm, ngày 18 tháng 7 năm 2026", "KẾ HOẠCH"):
        document.add_paragraph(line)
    document.add_paragraph("Đầu tư công năm 2026")
    document.add_paragraph("Căn cứ Quyết định số 01/QĐ-UBND ngày 05/01/2026 của UBND tỉnh Khánh Hòa;")
    table = document.add_table(rows=2, cols=5)
    header = ("Stt", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian")
    row = (
        "1",
        "Báo cáo tiến độ giải ngân vốn đầu tư công",
        MISSING,
        "Phòng Nội vụ huyện Cam Lâm",
        "Hàng tháng",
    )
    for cells, values in ((table.rows[0].cells, header), (table.rows[1].cells, row)):
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    closing = document.add_table(rows=1, cols=2).rows[0].cells
    closing[0].text, closing[1].text = (
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Văn Hùng",
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("width", [1366, 375])
def test_noi_vu_adds_a_unit_the_imported_plan_names(demo, open_session, tmp_path, width):
    path = tmp_path / "dau-tu-cong.docx"
    path.write_bytes(_plan_naming_a_missing_unit())
    noivu = open_session("pnv.camlam", width=width, height=800)
    page = noivu.page
    issuer = Membership.objects.get(user__username="pnv.camlam", role="coordinator").unit
    noivu.open("/ke-hoach/nhap/")
    page.select_option("#id_issuer", str(issuer.pk))
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    page.wait_for_url(re.compile(r"/ke-hoach/nhap/\d+/?$"))
    expect(page.get_by_text("18/07/2026")).to_be_visible()
    expect(page.get_by_text("Trần Văn Hùng")).to_be_visible()
    assert noivu.no_horizontal_scroll()
    # the task editor's picker: typing without accents narrows the list, a ticked unit shows as a chip
    mapping = page.locator("#unit-1")
    mapping.locator(".picker-search").fill("noi vu")
    shown = mapping.locator("div.unit-picker label:visible")
    assert shown.count() >= 1 and all("Nội vụ" in t for t in shown.all_inner_texts())
    shown.first.click()
    assert mapping.locator(".chips .chip").first.inner_text().startswith("Phòng Nội vụ")
    assert page.locator("select[multiple]").count() == 0
    mapping.locator(".picker-search").scroll_into_view_if_needed()
    noivu.shot("18-nhap-chon-don-vi" + _suffix(width))
    mapping.locator(".chips .chip").first.click()
    expect(mapping.locator(".chips .chip")).to_have_count(0)
    page.get_by_text("Chưa có trong cây đơn vị? Thêm đơn vị mới").click()
    page.fill("#id_n0-code", "CAMLAM-BQLDA")
    page.fill("#id_n0-name", "Ban Quản lý dự án đầu tư xây dựng huyện Cam Lâm")
    assert noivu.no_horizontal_scroll()
    noivu.shot("18-nhap-them-don-vi" + _suffix(width))
    page.get_by_role("button", name="Thêm đơn vị và đọc lại").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Đã thêm đơn vị")).to_be_visible()
    unit = Unit.objects.get(code="CAMLAM-BQLDA")
    table = page.locator(".plan-table tbody").inner_text()
    assert unit.name in table and "chưa nhận ra" not in table
    noivu.shot("18-xem-truoc-nhap" + _suffix(width))
    assert noivu.no_horizontal_scroll()
