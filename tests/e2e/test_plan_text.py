"""Issue 17: a coordinator writes the plan's own text on the plan screen, drafts the plan document and
sees it as the page will print (page images when LibreOffice is installed, else HTML)."""

import pytest
from playwright.sync_api import expect

from documents.preview import preview_kind
from plans.models import Plan

pytestmark = pytest.mark.browser

ADDED = "- Phòng Nội vụ **tổng hợp** kết quả thực hiện hằng quý, báo cáo UBND huyện."


def _natural_size(image) -> tuple[int, int]:
    """The drawn page's own size, once the (lazily loaded) image has arrived."""
    image.scroll_into_view_if_needed()
    image.evaluate("img => img.complete && img.naturalWidth ? 0 : new Promise(ok => img.onload = ok)")
    return image.evaluate("img => [img.naturalWidth, img.naturalHeight]")


def test_coordinator_edits_the_text_and_previews_the_page(demo, open_session):
    # given Cam Lâm's draft plan, whose text came from the signed copy
    noivu = open_session("pnv.camlam")
    page = noivu.page
    plan = Plan.objects.get(issuer__code="CAMLAM-UBND", state="draft", year=2022)
    noivu.open(f"/ke-hoach/{plan.pk}/")

    # when they open "Nội dung văn bản" and add a bullet with a bold word
    page.get_by_role("link", name="Nội dung văn bản").click()
    markup = page.locator("#id_markup")
    assert markup.input_value().startswith("# II. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN")
    markup.fill(markup.input_value() + "\n" + ADDED)
    page.get_by_role("button", name="Lưu nội dung").click()

    # then the text is kept, shown as it will print, and the history names the line
    page.get_by_text("Đã lưu nội dung văn bản.").wait_for()
    printed = page.locator("section", has_text="Văn bản sẽ in")
    expect(printed.locator("strong", has_text="tổng hợp")).to_be_visible()
    expect(page.locator(".edit-changes ins", has_text="**tổng hợp**")).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).text_blocks[-1]["runs"][1]["text"] == "tổng hợp"
    noivu.shot("17-noi-dung-van-ban")

    # when they draft the plan document and ask for the preview
    noivu.open(f"/van-ban/ke-hoach/{plan.pk}/tao/?loai=KH")
    page.get_by_role("button", name="Tạo dự thảo và xem trước").click()
    # Inline (no task queue configured) the job converts before the page answers: seconds on a busy machine.
    page.get_by_role("button", name="Xem trước như trang in").click(timeout=120_000)

    # then the page shows what it is: page images (portrait text, landscape appendix) or HTML
    if preview_kind() == "pages":
        page.get_by_text("vẽ bằng LibreOffice").wait_for()
        images = page.locator(".doc-pages img")
        assert images.count() >= 3
        first, last = _natural_size(images.first), _natural_size(images.last)
        assert first[1] > first[0] and last[0] > last[1]
    else:
        page.get_by_text("Bản xem trước dạng HTML").wait_for()
        expect(page.locator(".doc-html", has_text="tổng hợp")).to_be_visible()
    page.locator("#xem-truoc").scroll_into_view_if_needed()
    noivu.shot("17-xem-truoc-trang-in")


def test_the_text_screen_fits_a_phone(demo, open_session):
    phone = open_session("pnv.camlam", width=375, height=800)
    plan = Plan.objects.get(issuer__code="CAMLAM-UBND", state="draft", year=2022)
    phone.open(f"/ke-hoach/{plan.pk}/noi-dung-van-ban/")
    assert phone.no_horizontal_scroll()
    phone.shot("17-noi-dung-van-ban-dien-thoai")
