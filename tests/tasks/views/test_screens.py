"""Each screen shows what its user needs: counts, overdue items, their own tasks, the plan's table."""

import datetime as dt

import time_machine
from django.urls import reverse

from plans.models import Plan
from tasks.models import Deliverable, TaskAssignment
from tasks.services.extensions import extension_request
from tests.factories import TaskFactory, add_unit

from .conftest import TASK_CONTENT

AFTER_DUE = "2022-02-10 09:00 +07:00"  # the 31/01/2022 deliverable is 10 days late
BEFORE_DUE = "2022-01-20 09:00 +07:00"
MARCH_END = dt.date(2022, 3, 31)


def _section(content: str, heading: str, next_heading: str) -> str:
    """Return the part of the page between two headings."""
    start = content.index(heading)
    return content[start : content.index(next_heading, start)]


def test_dashboard_shows_counts_and_the_overdue_item_with_days_late(client, org, deliverable):
    """On 10/02/2022 Nội vụ sees one obligation overdue, "Quá hạn 10 ngày", with its unit and task."""
    # given
    client.force_login(org.coordinator)

    # when
    with time_machine.travel(AFTER_DUE, tick=False):
        response = client.get(reverse("dashboard"))

    # then
    assert response.status_code == 200
    data = response.context["data"]
    assert (data.totals.total, data.totals.pending, data.totals.overdue) == (1, 1, 1)
    assert data.overdue == [deliverable]
    overdue = _section(response.content.decode(), "<h2>Quá hạn</h2>", "</table>")
    assert "Quá hạn 10 ngày" in overdue
    assert TASK_CONTENT in overdue
    assert "Văn phòng HĐND và UBND huyện" in overdue
    assert "31/01/2022" in overdue


def test_dashboard_before_the_due_date_shows_nothing_overdue(client, org, deliverable):
    """On 20/01/2022 the same obligation is pending, not late."""
    # given
    client.force_login(org.coordinator)

    # when
    with time_machine.travel(BEFORE_DUE, tick=False):
        response = client.get(reverse("dashboard"))

    # then
    data = response.context["data"]
    assert (data.totals.pending, data.totals.overdue) == (1, 0)
    assert "Không có nghĩa vụ nào quá hạn." in response.content.decode()
    assert "Quá hạn 10 ngày" not in response.content.decode()


def test_dashboard_counts_reports_awaiting_review_and_extensions(client, org, submitted, issued_plan):
    """Nội vụ sees how many reports and extension requests wait for it, with a link to the queue."""
    # given
    task = TaskFactory(plan=issued_plan, content="Niêm yết thủ tục")
    add_unit(task, org.office_a)
    other = Deliverable.objects.create(
        task=task, unit=org.office_a, due_date=MARCH_END, original_due_date=MARCH_END
    )
    extension_request(
        deliverable=other, actor=org.officer_a, requested_due_date=dt.date(2022, 4, 15), reason="Chờ"
    )
    client.force_login(org.coordinator)

    # when
    with time_machine.travel(BEFORE_DUE, tick=False):
        response = client.get(reverse("dashboard"))

    # then
    content = response.content.decode()
    assert "1 báo cáo chờ xem xét" in content
    assert "1 đề nghị gia hạn" in content
    assert reverse("review_queue") in content


def test_an_extension_request_waits_only_for_the_nội_vụ_of_its_plan(client, org, deliverable):
    """Cam Lâm's Nội vụ counts and lists the request of its plan; Cà Mau's sees neither."""
    # given
    request = extension_request(
        deliverable=deliverable, actor=org.officer_a, requested_due_date=dt.date(2022, 4, 15), reason="Chờ"
    )

    # when
    seen = {}
    for person in (org.coordinator, org.other_coordinator):
        client.force_login(person)
        with time_machine.travel(BEFORE_DUE, tick=False):
            dashboard = client.get(reverse("dashboard"), follow=True).context["data"]
        queue = client.get(reverse("review_queue")).content.decode()
        seen[person.username] = (dashboard.pending_extensions, f"ext-date-{request.pk}" in queue)

    # then
    assert request.plan_id == deliverable.task.plan_id
    assert seen == {org.coordinator.username: (1, True), org.other_coordinator.username: (0, False)}


def test_dashboard_of_another_province_shows_nothing_of_this_district(client, org, deliverable):
    """Nội vụ of Cà Mau opens its dashboard and sees none of Cam Lâm's tasks."""
    # given
    client.force_login(org.other_coordinator)

    # when
    with time_machine.travel(AFTER_DUE, tick=False):
        response = client.get(reverse("dashboard"))

    # then
    assert response.status_code == 200
    assert response.context["data"].totals.total == 0
    assert TASK_CONTENT not in response.content.decode()


def test_inbox_of_the_lead_officer_lists_the_deliverable_as_owed(client, org, deliverable):
    """Office A's officer finds the task under "Đơn vị phải thực hiện", with its due date."""
    # given
    client.force_login(org.officer_a)

    # when
    with time_machine.travel(BEFORE_DUE, tick=False):
        response = client.get(reverse("inbox"))

    # then
    owed = _section(response.content.decode(), "Đơn vị phải thực hiện", "Nhiệm vụ đơn vị phối hợp")
    assert TASK_CONTENT in owed
    assert "31/01/2022" in owed
    assert reverse("deliverable_detail", args=[deliverable.pk]) in owed
    assert response.context["inbox"].supporting == []


def test_inbox_of_the_coordinating_officer_lists_it_under_coordinating_tasks(client, org, deliverable):
    """Office B's officer finds office A's task under "Nhiệm vụ đơn vị phối hợp", not as its own."""
    # given
    client.force_login(org.officer_b)

    # when
    with time_machine.travel(BEFORE_DUE, tick=False):
        response = client.get(reverse("inbox"))

    # then
    content = response.content.decode()
    supporting = _section(content, "Nhiệm vụ đơn vị phối hợp", "Đã gửi, đã xong gần đây")
    owed = _section(content, "Đơn vị phải thực hiện", "Nhiệm vụ đơn vị phối hợp")
    assert TASK_CONTENT in supporting
    assert TASK_CONTENT not in owed
    assert "Đơn vị không còn nghĩa vụ nào chưa hoàn thành." in owed


def test_inbox_moves_a_sent_report_to_recently_done(client, org, submitted):
    """After sending, the task leaves the list of things to do and shows as sent."""
    # given
    client.force_login(org.officer_a)

    # when
    response = client.get(reverse("inbox"))

    # then
    content = response.content.decode()
    owed = _section(content, "Đơn vị phải thực hiện", "Nhiệm vụ đơn vị phối hợp")
    done = content[content.index("Đã gửi, đã xong gần đây") :]
    assert TASK_CONTENT not in owed
    assert TASK_CONTENT in done


def test_inbox_of_the_head_shows_reports_awaiting_approval(client, org, deliverable):
    """When office A needs its head's approval, the head sees the report under "Chờ tôi duyệt"."""
    # given
    org.office_a.requires_head_approval = True
    org.office_a.save()
    client.force_login(org.officer_a)
    client.post(
        reverse("deliverable_action", args=[deliverable.pk, "submit"]),
        {"text": "Đã xong", "percent_done": 100},
    )
    client.force_login(org.head_a)

    # when
    response = client.get(reverse("inbox"))

    # then
    awaiting = _section(response.content.decode(), "Chờ tôi duyệt", "Đơn vị phải thực hiện")
    assert TASK_CONTENT in awaiting


def test_plan_page_lists_tasks_in_document_order_with_deadline_text(client, org, draft_plan):
    """The plan's table follows the document's order (position), each row with its deadline as written."""
    # given
    third = TaskFactory(
        plan=draft_plan,
        position=30,
        order_label="3",
        content="Báo cáo sơ kết thực hiện",
        deadline_text="Tháng 11/2022",
    )
    second = TaskFactory(
        plan=draft_plan,
        position=20,
        order_label="2",
        content="Hội nghị tổ chức triển khai",
        deadline_text="Trước ngày 15/01/2022",
    )
    first = draft_plan.tasks.get(content=TASK_CONTENT)
    first.position = 10
    first.save()
    for task in (second, third):
        add_unit(task, org.office_a)
        add_unit(task, org.office_b, TaskAssignment.Role.COORDINATING)
    client.force_login(org.coordinator)

    # when
    response = client.get(reverse("plan_detail", args=[draft_plan.pk]))

    # then
    table = _section(response.content.decode(), "Bảng nhiệm vụ", "</table>")
    positions = [table.index(task.content) for task in (first, second, third)]
    assert positions == sorted(positions)
    for task in (first, second, third):
        row = table[table.index(task.content) :].split("</tr>")[0]
        assert task.deadline_text in row
        assert "Chủ trì: Văn phòng HĐND và UBND huyện" in row
        assert "Phối hợp: Phòng Văn hóa và Thông tin" in row


def test_issued_plan_page_shows_each_unit_with_its_due_date(client, org, deliverable):
    """Once issued, each task row links the lead unit's obligation with its due date."""
    # given
    client.force_login(org.viewer)

    # when
    with time_machine.travel(AFTER_DUE, tick=False):
        response = client.get(reverse("plan_detail", args=[deliverable.task.plan_id]))

    # then
    content = response.content.decode()
    assert "Văn phòng HĐND và UBND huyện · 31/01/2022" in content
    assert "Quá hạn 10 ngày" in content
    assert "Tháng 01/2022" in content


def test_draft_plan_page_tells_the_coordinator_what_blocks_issuing(client, org, draft_plan):
    """A task without a lead unit is listed as a problem and the issue button is disabled."""
    # given
    TaskFactory(plan=draft_plan, order_label="9", content="Nhiệm vụ chưa giao")
    client.force_login(org.coordinator)

    # when
    response = client.get(reverse("plan_detail", args=[draft_plan.pk]))

    # then
    content = response.content.decode()
    assert "Chưa thể ban hành:" in content
    assert "Nhiệm vụ 9: chưa có đơn vị chủ trì." in content
    assert "disabled" in content


def test_issuing_from_the_plan_page_creates_obligations(client, org, draft_plan):
    """Nội vụ issues the plan; the page confirms and the unit now owes a report."""
    # given
    client.force_login(org.coordinator)

    # when
    response = client.post(
        reverse("plan_transition", args=[draft_plan.pk, "issue"]), {"comment": ""}, follow=True
    )

    # then
    assert "Đã ban hành kế hoạch" in response.content.decode()
    assert Plan.objects.get(pk=draft_plan.pk).state == Plan.State.ISSUED
    assert list(draft_plan.tasks.get().deliverables.values_list("unit_id", flat=True)) == [org.office_a.pk]


def test_officer_with_only_a_unit_role_is_sent_from_home_to_the_inbox(client, org):
    """An officer has no dashboard: "/" takes them to their unit's tasks."""
    # given
    client.force_login(org.officer_a)

    # when
    response = client.get("/")

    # then
    assert response.status_code == 302
    assert response.url == reverse("inbox")


def test_viewer_sees_the_dashboard_at_home(client, org):
    """A district leader (read-only) lands on the dashboard."""
    # given
    client.force_login(org.viewer)

    # when
    response = client.get("/")

    # then
    assert response.status_code == 200
    assert "Tổng quan thực hiện kế hoạch" in response.content.decode()


def test_login_page_is_in_vietnamese(client):
    """The login page speaks Vietnamese."""
    # when
    response = client.get(reverse("login"))

    # then
    assert response.status_code == 200
    content = response.content.decode()
    assert "Đăng nhập" in content
    assert "Tên đăng nhập" in content
    assert "Mật khẩu" in content


def test_wrong_password_is_explained_in_vietnamese(client, org):
    """A wrong password shows a Vietnamese explanation, not a generic error."""
    # when
    response = client.post(reverse("login"), {"username": "canbo_a", "password": "sai"})

    # then
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_logging_in_takes_the_officer_to_the_inbox(client, org):
    """After logging in with the right password, an officer ends on their inbox."""
    # when
    response = client.post(reverse("login"), {"username": "canbo_a", "password": "mat-khau-thu"}, follow=True)

    # then
    assert response.redirect_chain[-1][0] == reverse("inbox")
    assert "Việc của đơn vị" in response.content.decode()


def test_review_queue_lists_submitted_reports_and_extension_requests(client, org, submitted):
    """Nội vụ's queue shows the report office A sent and the pending extension of another task."""
    # given
    client.force_login(org.coordinator)

    # when
    response = client.get(reverse("review_queue"))

    # then
    content = response.content.decode()
    queue = _section(content, "Báo cáo chờ xem xét", 'id="gia-han"')
    assert TASK_CONTENT in queue
    assert "Không có đề nghị gia hạn nào." in content


def test_deliverable_page_shows_the_officer_the_report_form_only(client, org, deliverable):
    """The lead officer sees "Gửi báo cáo"; the Nội vụ review buttons are not shown to them."""
    # given
    client.force_login(org.officer_a)

    # when
    content = client.get(reverse("deliverable_detail", args=[deliverable.pk])).content.decode()

    # then
    assert reverse("deliverable_action", args=[deliverable.pk, "submit"]) in content
    assert reverse("deliverable_action", args=[deliverable.pk, "waive"]) not in content
    assert "Nội vụ xem xét" not in content


def test_deliverable_page_shows_the_coordinating_officer_the_contribution_form(client, org, deliverable):
    """Office B's officer sees the form to send its input, not the report form."""
    # given
    client.force_login(org.officer_b)

    # when
    content = client.get(reverse("deliverable_detail", args=[deliverable.pk])).content.decode()

    # then
    assert reverse("deliverable_action", args=[deliverable.pk, "contribute"]) in content
    assert reverse("deliverable_action", args=[deliverable.pk, "submit"]) not in content


def test_deliverable_page_shows_the_viewer_no_form(client, org, deliverable):
    """A read-only leader sees the task and its history but no button that changes anything."""
    # given
    client.force_login(org.viewer)

    # when
    content = client.get(reverse("deliverable_detail", args=[deliverable.pk])).content.decode()

    # then
    assert TASK_CONTENT in content
    for action in ("submit", "accept", "return", "waive", "extend", "contribute"):
        assert reverse("deliverable_action", args=[deliverable.pk, action]) not in content
