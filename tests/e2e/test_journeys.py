"""The journeys people make every week, in a real browser, with pictures for the README."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from plans.models import Plan
from tasks.models import Deliverable
from tasks.services.lifecycle import plan_issue
from units.models import Membership

pytestmark = pytest.mark.browser

CAM_LAM = "Nâng cao Chỉ số hài lòng"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _cam_lam():
    return Plan.objects.get(title__startswith=CAM_LAM)


def _issue_cam_lam():
    plan = _cam_lam()
    coordinator = Membership.objects.get(user__username="pnv.camlam", role="coordinator").user
    return plan_issue(plan=plan, actor=coordinator)


def _owed_by(username: str) -> Deliverable:
    unit = Membership.objects.get(user__username=username, role="officer").unit
    return Deliverable.objects.filter(unit=unit, task__plan=_cam_lam(), state="pending").order_by(
        "due_date", "id"
    )[0]


def _serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _first_page_marks(plan) -> int:
    """The obligations the plan page's first page shows: 50 tasks in the document's order, at most
    12 marks a task (the rest behind "và … nghĩa vụ khác")."""
    tasks = plan.tasks.order_by("section__position", "position", "id")[:50]
    return sum(min(Deliverable.objects.filter(task=task).count(), 12) for task in tasks)


def test_noi_vu_issues_cam_lam_and_sees_each_units_deliverables(demo, open_session):
    """Journey 1: sign in, dashboard, open Cam Lâm's plan, issue it, see deliverables with due dates."""
    noivu = open_session("pnv.camlam")
    page = noivu.page
    expect(page.get_by_role("heading", name="Tổng quan thực hiện kế hoạch")).to_be_visible()
    noivu.shot("1-tong-quan")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name=re.compile(CAM_LAM)).click()
    expect(page.get_by_text("Dự thảo").first).to_be_visible()
    page.get_by_role("link", name="Ban hành kế hoạch…").click()
    expect(page.get_by_role("heading", name="Ban hành kế hoạch?")).to_be_visible()
    page.get_by_role("button", name="Xác nhận: Ban hành").click()
    expect(page.get_by_text("Đã ban hành kế hoạch")).to_be_visible()
    rows = page.locator(".plan-table .dl")
    assert rows.count() == _first_page_marks(_cam_lam()) > 0
    expect(page.locator(".plan-table").get_by_text("31/03/2022").first).to_be_visible()
    noivu.shot("1-ke-hoach-da-ban-hanh")
    assert noivu.no_horizontal_scroll()


def test_unit_officer_reports_with_evidence(demo, open_session, tmp_path):
    """Journey 2: a unit officer sees only their unit's inbox, reports with a file, sees "đã gửi"."""
    _issue_cam_lam()
    item = _owed_by("vanphong.camlam")
    officer = open_session("vanphong.camlam")
    page = officer.page
    expect(page.get_by_role("heading", name="Việc của đơn vị")).to_be_visible()
    units_listed = set(
        page.locator(
            "section:has(h2:text('Đơn vị phải thực hiện')) tbody tr td:nth-child(3)"
        ).all_inner_texts()
    )
    assert units_listed == {item.unit.name}
    officer.shot("2-viec-cua-don-vi")
    officer.open(f"/nghia-vu/{item.pk}/")
    page.fill(
        "#report-text",
        "Đã niêm yết đầy đủ 245 thủ tục hành chính tại Bộ phận một cửa và trên Cổng thông tin.",
    )
    page.fill("#report-percent_done", "100")
    evidence = tmp_path / "bien-ban-kiem-tra.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#report-files", str(evidence))
    officer.shot("2-gui-bao-cao")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    expect(page.locator(".facts").get_by_text("Đã gửi, chờ Nội vụ xem xét")).to_be_visible()
    expect(page.get_by_role("link", name="bien-ban-kiem-tra.pdf")).to_be_visible()


def test_return_correct_resubmit_accept_changes_the_dashboard(demo, open_session):
    """Journey 3: Nội vụ returns with a comment; the unit corrects and resubmits; Nội vụ accepts."""
    _issue_cam_lam()
    item = _owed_by("vanphong.camlam")
    officer = open_session("vanphong.camlam")
    officer.open(f"/nghia-vu/{item.pk}/")
    officer.page.fill("#report-text", "Đã thực hiện.")
    officer.page.get_by_role("button", name="Gửi báo cáo").click()
    expect(officer.page.get_by_text("Đã gửi báo cáo.")).to_be_visible()

    noivu = open_session("pnv.camlam")
    accepted_before = noivu.page.locator(".counts li.ok strong").inner_text()
    noivu.open("/xem-xet/")
    noivu.page.get_by_role("link", name=re.compile(re.escape(item.task.content[:40]))).first.click()
    noivu.page.fill("#return-comment", "Đề nghị nêu số thủ tục đã niêm yết và gửi kèm biên bản.")
    noivu.page.get_by_role("button", name="Trả lại đơn vị").click()
    expect(noivu.page.get_by_text("Đã trả lại báo cáo cho đơn vị.")).to_be_visible()

    officer.open(f"/nghia-vu/{item.pk}/")
    # the reason stands above the form (and stays in the history below)
    expect(
        officer.page.locator(".pg-returned-note").get_by_text("Đề nghị nêu số thủ tục đã niêm yết")
    ).to_be_visible()
    officer.page.fill("#report-text", "Đã niêm yết 245 thủ tục; biên bản kiểm tra kèm theo.")
    officer.page.get_by_role("button", name="Gửi báo cáo").click()
    expect(officer.page.get_by_text("Đã gửi báo cáo.")).to_be_visible()
    officer.shot("3-gui-lai")

    noivu.open(f"/nghia-vu/{item.pk}/")
    noivu.page.get_by_role("button", name="Chấp nhận").click()
    expect(noivu.page.locator(".facts").get_by_text("Đã hoàn thành")).to_be_visible()
    noivu.open("/")
    assert int(noivu.page.locator(".counts li.ok strong").inner_text()) == int(accepted_before) + 1
    noivu.shot("3-tong-quan-sau-chap-nhan")


def test_extension_moves_the_date_and_keeps_the_old_one(demo, open_session):
    """Journey 4: a unit asks for an extension; Nội vụ approves; new date shown, old one kept."""
    _issue_cam_lam()
    item = _owed_by("vanphong.camlam")
    old = item.due_date.strftime("%d/%m/%Y")
    officer = open_session("vanphong.camlam")
    officer.open(f"/nghia-vu/{item.pk}/")
    officer.page.get_by_text("Đề nghị gia hạn", exact=True).first.click()
    officer.page.fill("#extend-requested_due_date", "31/12/2026")
    officer.page.fill("#extend-reason", "Chờ số liệu của Bộ phận một cửa.")
    officer.page.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    expect(officer.page.get_by_text("Đã gửi đề nghị gia hạn.")).to_be_visible()

    noivu = open_session("pnv.camlam")
    noivu.open("/xem-xet/")
    expect(noivu.page.get_by_text("Chờ số liệu của Bộ phận một cửa.")).to_be_visible()
    noivu.open(f"/nghia-vu/{item.pk}/")
    noivu.page.get_by_role("button", name="Đồng ý gia hạn").click()
    facts = noivu.page.locator(".facts")
    expect(facts.get_by_text("31/12/2026")).to_be_visible()
    expect(facts.locator("s", has_text=old)).to_be_visible()
    expect(noivu.page.get_by_text(f"Gia hạn đến 31/12/2026 (hạn cũ {old})")).to_be_visible()
    noivu.shot("4-gia-han")


def test_another_units_deliverable_is_refused(demo, open_session):
    """Journey 5: a user of unit A types the address of unit B's deliverable and gets "không có quyền"."""
    _issue_cam_lam()
    other = _owed_by("tuphap.camlam")
    officer = open_session("vanphong.camlam")
    response = officer.page.goto(f"{officer.base}/nghia-vu/{other.pk}/")
    assert response.status == 403
    expect(officer.page.get_by_role("heading", name="Không có quyền truy cập")).to_be_visible()
    assert other.task.content[:30] not in officer.page.content()
    officer.shot("5-khong-co-quyen")


@pytest.mark.parametrize("width", [375, 1366])
def test_main_pages_fit_the_screen_and_pass_the_accessibility_check(demo, open_session, width):
    """No horizontal scrolling at phone and laptop widths; no serious axe-core violation."""
    _issue_cam_lam()
    item = _owed_by("vanphong.camlam")
    pages = {
        "pnv.camlam": [
            "/",
            "/ke-hoach/",
            f"/ke-hoach/{_cam_lam().pk}/",
            "/xem-xet/",
            f"/nghia-vu/{item.pk}/",
        ],
        "vanphong.camlam": ["/viec-cua-don-vi/", f"/nghia-vu/{item.pk}/"],
    }
    problems = []
    anonymous = open_session(width=width)
    anonymous.open("/dang-nhap/")
    problems += [f"/dang-nhap/ {v}" for v in _serious(anonymous.page)]
    for username, paths in pages.items():
        session = open_session(username, width=width)
        for path in paths:
            session.open(path)
            if not session.no_horizontal_scroll():
                problems.append(f"{path} ({username}, {width}px): cuộn ngang")
            problems += [f"{path} ({username}): {v}" for v in _serious(session.page)]
        if width == 375:
            session.open(paths[0])
            session.shot(f"dien-thoai-{username.replace('.', '-')}")
    assert problems == []
