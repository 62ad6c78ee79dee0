"""Daily work at a province's volume: find, act in bulk, remind one unit, read the year at a glance."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Plan
from tasks.models import Deliverable, ExtensionRequest, TaskAssignment
from tasks.services.extensions import extension_request
from tasks.services.lifecycle import plan_issue
from tests.factories import PlanFactory, TaskFactory
from units.models import Membership

pytestmark = pytest.mark.browser

DONG_NAI = "Khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ"


@pytest.fixture
def mid_month():
    """Run on the 15th when the real day is too early in the month to have overdue items in it."""
    today = dt.date.today()
    if today.day >= 5:
        yield
        return
    with time_machine.travel(dt.datetime.combine(today.replace(day=15), dt.time(9)), tick=True):
        yield


def _user(username: str, role: str = "coordinator"):
    return Membership.objects.get(user__username=username, role=role)


def _busy_department(plans: int = 2, tasks: int = 50) -> tuple[list[Plan], object]:
    """Two plans of Đồng Nai, each with 50 tasks led by Sở Tài chính, five dates each: 500 open rows."""
    officer = _user("stc.dongnai", "officer")
    coordinator = _user("snv.dongnai").user
    today = timezone.localdate()
    first = today.replace(day=1)
    dates = [first, first - dt.timedelta(days=40), first - dt.timedelta(days=80), today + dt.timedelta(20)]
    dates.append(today + dt.timedelta(days=60))
    made = []
    for number in range(plans):
        plan = PlanFactory(
            issuer=coordinator.memberships.get(role="coordinator").unit,
            title=f"Kế hoạch cải cách hành chính số {number + 1} năm {today.year}",
            year=today.year,
            period_start=min(dates) - dt.timedelta(days=5),
            period_end=max(dates) + dt.timedelta(days=5),
        )
        for index in range(tasks):
            task = TaskFactory(plan=plan, content=f"Nhiệm vụ {index + 1} của kế hoạch {number + 1}")
            TaskAssignment.objects.create(task=task, unit=officer.unit, role=TaskAssignment.Role.LEAD)
            for position, day in enumerate(dates):
                task.deadline_rules.create(kind="date", date=day, position=position)
        made.append(plan_issue(plan=plan, actor=coordinator))
    return made, officer


@pytest.mark.parametrize("width", [1366, 375])
def test_department_officer_finds_this_months_overdue_items_of_one_plan(demo, mid_month, open_session, width):
    """An officer with 500 open rows: choose the plan, choose "overdue, due this month" — done."""
    plans, officer = _busy_department()
    assert Deliverable.objects.filter(unit=officer.unit).open().count() >= 500
    session = open_session("stc.dongnai", width=width)
    page = session.page
    page.get_by_role("link", name="Tìm nghĩa vụ").first.click()
    page.select_option("#id_plan", value=str(plans[0].pk))
    page.select_option("#id_when", value="overdue_month")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(lambda url: f"plan={plans[0].pk}" in url and "when=overdue_month" in url)
    found = page.get_by_role("status").inner_text()
    assert found.startswith("50 nghĩa vụ")
    assert page.locator(".pg-list tbody tr").count() == 50
    assert set(page.locator(".pg-list tbody tr td:nth-child(3)").all_inner_texts()) == {officer.unit.name}
    assert session.no_horizontal_scroll()
    session.shot("8-tim-qua-han-thang-nay" + ("-dien-thoai" if width == 375 else ""))


@pytest.mark.parametrize("width", [1366, 375])
def test_coordinator_accepts_five_extends_to_another_date_and_reminds_one_unit(demo, open_session, width):
    """Nội vụ: five reports accepted at once, an extension to another date, one unit reminded, its letter."""
    plan = Plan.objects.get(title__startswith=DONG_NAI)
    waiting = Deliverable.objects.filter(task__plan=plan, state="submitted").count()
    late = Deliverable.objects.filter(task__plan=plan).open().order_by("unit__name", "id").first()
    asker = Membership.objects.filter(unit=late.unit, role="officer").first().user
    new_due = timezone.localdate() + dt.timedelta(days=60)
    extension_request(deliverable=late, actor=asker, requested_due_date=new_due, reason="Chờ số liệu quý")
    noivu = open_session("snv.dongnai", width=width)
    page = noivu.page
    phone = "-dien-thoai" if width == 375 else ""

    page.get_by_role("link", name="Xem xét báo cáo").click()
    boxes = page.locator("input[name=ids][form=accept-many]")
    for index in range(5):
        boxes.nth(index).check()
    page.fill("#accept-many-comment", "Đạt yêu cầu, đủ tài liệu.")
    noivu.shot("9-chap-nhan-nhieu" + phone)
    page.get_by_role("button", name="Chấp nhận các báo cáo đã chọn").click()
    expect(page.get_by_text("Đã chấp nhận 5 báo cáo.")).to_be_visible()
    assert Deliverable.objects.filter(task__plan=plan, state="submitted").count() == waiting - 5

    other = timezone.localdate() + dt.timedelta(days=30)
    request = ExtensionRequest.objects.get(deliverable=late, state="pending")
    page.fill(f"#ext-date-{request.pk}", other.isoformat())
    page.fill(f"#ext-why-{request.pk}", "Gia hạn ngắn hơn để kịp báo cáo quý.")
    page.locator(f"#ext-why-{request.pk}").locator("xpath=ancestor::form").get_by_role(
        "button", name="Đồng ý gia hạn"
    ).click()
    expect(page.get_by_text("Đã đồng ý gia hạn.")).to_be_visible()
    late.refresh_from_db()
    assert late.due_date == other
    noivu.open(f"/nghia-vu/{late.pk}/")
    old = request.current_due_date.strftime("%d/%m/%Y")
    expect(page.get_by_text(f"Gia hạn đến {other:%d/%m/%Y} (hạn cũ {old})")).to_be_visible()

    noivu.open(f"/tong-quan/tien-do/?plan={plan.pk}")
    row = (
        page.locator("table.ranking tbody tr", has=page.locator("form.pg-remind"))
        .filter(has=page.locator("td.late"))
        .first
    )
    unit_name = row.locator("td").nth(1).inner_text()
    row.get_by_role("button", name=re.compile("Nhắc")).click()
    # the confirmation says what will happen; the letter is asked for with the reminder
    expect(page.get_by_role("heading", name=f"Nhắc {unit_name}?")).to_be_visible()
    page.get_by_label("Soạn công văn đôn đốc cho đơn vị (việc quá hạn)").check()
    page.get_by_role("button", name="Xác nhận: gửi lời nhắc").click()
    expect(page.get_by_text(f"Đã nhắc {unit_name}")).to_be_visible()
    noivu.shot("10-nhac-don-vi" + phone)
    page.get_by_role("link", name="Xem công văn").first.click()
    page.get_by_text("Nội dung dạng chữ").click()  # the letter's text, folded under the preview
    expect(page.locator(".doc-preview").get_by_text(unit_name).first).to_be_visible()
    noivu.open("/van-ban/?state=draft")
    letters = page.locator("tbody tr", has_text="Công văn")
    assert letters.filter(has_text=unit_name).count() >= 1
    letters.filter(has_text=unit_name).first.scroll_into_view_if_needed()
    noivu.shot("10-cong-van-cua-don-vi" + phone)
    assert noivu.no_horizontal_scroll()


@pytest.mark.parametrize("width", [1366, 375])
def test_leader_reads_the_ranking_and_follows_a_number_to_its_list(demo, open_session, width):
    """A leader: the year at a glance, then one unit's overdue count opens exactly those obligations."""
    leader = open_session("lanhdao.dongnai", width=width)
    page = leader.page
    page.get_by_role("link", name=re.compile("Tiến độ cả năm")).click()
    expect(page.get_by_role("heading", name="Tiến độ thực hiện kế hoạch")).to_be_visible()
    assert page.locator("svg").count() >= 3
    assert leader.no_horizontal_scroll()
    leader.shot("11-xep-hang" + ("-dien-thoai" if width == 375 else ""))
    first = page.locator("table.ranking tbody tr").first
    overdue = first.locator("td").nth(9).locator("a")
    number = int(overdue.inner_text())
    overdue.click()
    page.wait_for_url(lambda url: "overdue=on" in url)
    assert page.get_by_role("status").inner_text().startswith(f"{number} nghĩa vụ")
    assert leader.no_horizontal_scroll()
    leader.shot("11-danh-sach-sau-con-so" + ("-dien-thoai" if width == 375 else ""))


@pytest.mark.parametrize("width", [1366, 375])
def test_coordinator_sends_the_plans_workbook_and_its_quarterly_report_upward(demo, open_session, width):
    """Nội vụ: the progress workbook made in the background and downloaded, then the quarter's report."""
    plan = Plan.objects.get(title__startswith=DONG_NAI)
    noivu = open_session("snv.dongnai", width=width)
    page = noivu.page
    phone = "-dien-thoai" if width == 375 else ""

    noivu.open(f"/ke-hoach/{plan.pk}/tien-do/")
    page.get_by_role("link", name="Tải tiến độ (.xlsx)").click()
    page.get_by_role("button", name="Lập bảng tiến độ").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Xong").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Tải về")).click()
    assert download.value.suggested_filename == f"tien-do-ke-hoach-{plan.pk}.xlsx"
    assert noivu.no_horizontal_scroll()
    noivu.shot("12-bang-tien-do-xong" + phone)

    noivu.open(f"/van-ban/ke-hoach/{plan.pk}/tao/?loai=TD")
    first_quarter = page.locator("#id_period option").first
    label = first_quarter.inner_text()  # "Quý II/2025": the plan's first quarter
    page.select_option("#id_period", value=first_quarter.get_attribute("value"))
    page.get_by_role("button", name="Tạo dự thảo và xem trước").click()
    page.wait_for_load_state()
    page.get_by_text("Nội dung dạng chữ").click()
    preview = page.locator(".doc-preview")
    expect(preview.get_by_text("I. KẾT QUẢ CHUNG")).to_be_visible()
    numeral, year = label.removeprefix("Quý ").split("/")
    expect(page.get_by_text(re.compile(f"quý.{numeral}.năm.{year}")).first).to_be_visible()
    noivu.shot("12-bao-cao-quy" + phone)
    assert noivu.no_horizontal_scroll()
