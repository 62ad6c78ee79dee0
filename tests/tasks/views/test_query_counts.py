"""The main screens run a fixed number of queries, however many tasks and obligations there are."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.periods import Frequency
from tasks.models import Deliverable, ExtensionRequest, ReminderLog, TaskAssignment
from tasks.selectors import dashboard_for_user
from tasks.services.lifecycle import plan_issue
from tasks.services.summaries import deliverable_summaries_rebuild
from tests.factories import PlanFactory, SectionFactory, TaskFactory, UnitFactory, add_recurring, add_unit

TASKS = 60  # × 3 lead units × 4 quarterly due dates = 720 obligations in the big plan
TODAY = "2022-08-10 09:00 +07:00"  # two quarters are past: many obligations are overdue

# Bounds: measured on SQLite with 60 tasks, session and user lookups included, plus 2 to 5.
# Every list holds 60 rows or more at the small size (120 at the big one), more than a page of
# 50: a query per row would add dozens. The point: the same bound holds with twice the data.
BOUNDS = {
    "dashboard": 20,  # measured 18
    "overdue_list": 13,
    "plan_detail": 22,  # one read of the units' former names for the page (renamed units)
    "inbox": 13,
    "inbox_supporting": 13,
    "review_queue": 15,  # one read of the units' former names for the reports on the page
    "deliverable_list": 12,
    "deliverable_list_overdue": 12,
    "deliverable_detail": 19,  # measured 14 with 5 contributions
    "api_deliverables": 11,  # measured 8
}


def _build(org, tasks: int):
    """Two issued plans of the district: a big one with ``tasks`` ongoing tasks led by three units
    (office B coordinating each), and a small one; some reports sent, some extensions asked."""
    office_c = UnitFactory(code="CL-TP", name="Phòng Tư pháp", parent=org.district)
    leads = [org.office_a, office_c, org.noivu]
    plans = []
    for size in (tasks, 3):
        plan = PlanFactory(issuer=org.district, report_frequency=Frequency.QUARTERLY.value)
        sections = [SectionFactory(plan=plan, label=label) for label in ("I", "II")]
        for index in range(size):
            task = TaskFactory(
                plan=plan,
                section=sections[index % 2],
                content=f"Nhiệm vụ thường xuyên số {index}",
                deadline_text="Thường xuyên",
            )
            for unit in leads:
                add_unit(task, unit)
            add_unit(task, org.office_b, TaskAssignment.Role.COORDINATING)
            add_recurring(task, Frequency.ONGOING)
        plans.append(plan_issue(plan=plan, actor=org.coordinator))
    due = Deliverable.objects.filter(due_date__lt=dt.date(2022, 8, 10))
    sent = due.filter(id__in=due.values("id")[:tasks])
    sent.update(state=Deliverable.State.SUBMITTED, submitted_at=dt.datetime(2022, 7, 1, tzinfo=dt.UTC))
    pending = Deliverable.objects.filter(state=Deliverable.State.PENDING)
    for deliverable in pending.filter(unit=org.office_a)[:tasks]:
        ExtensionRequest.objects.create(
            deliverable=deliverable,
            requested_by=org.officer_a,
            reason="Chờ số liệu",
            current_due_date=deliverable.due_date,
            requested_due_date=deliverable.due_date + dt.timedelta(days=30),
        )
    ReminderLog.objects.bulk_create(
        ReminderLog(deliverable=d, step="leaders", days=-15, sent_on=d.due_date, due_date=d.due_date)
        for d in pending.filter(due_date__lt=dt.date(2022, 7, 1))[: tasks * 2]
    )
    with time_machine.travel(TODAY, tick=False):
        deliverable_summaries_rebuild()  # the nightly recount, after the rows changed behind the services
    return plans[0]


SCREENS = {
    "dashboard": ("coordinator", lambda plan: reverse("dashboard")),
    "overdue_list": ("coordinator", lambda plan: reverse("overdue_list")),
    "plan_detail": ("coordinator", lambda plan: reverse("plan_detail", args=[plan.pk])),
    "inbox": ("officer_a", lambda plan: reverse("inbox")),
    "inbox_supporting": ("officer_b", lambda plan: reverse("inbox")),
    "review_queue": ("coordinator", lambda plan: reverse("review_queue")),
    "deliverable_list": ("coordinator", lambda plan: reverse("deliverable_list")),
    "deliverable_list_overdue": ("coordinator", lambda plan: reverse("deliverable_list") + "?overdue=on"),
    "api_deliverables": ("coordinator", lambda plan: reverse("api_deliverable_list")),
}


@pytest.mark.parametrize("scale", [1, 2], ids=["60 tasks", "120 tasks"])
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_screen_query_count_does_not_grow_with_data(
    client, org, django_assert_max_num_queries, screen, scale
):
    """Opening a screen costs the same number of queries with 60 or 120 tasks (no query per row)."""
    # given
    role, url = SCREENS[screen]
    plan = _build(org, TASKS * scale)
    client.force_login(getattr(org, role))

    # when
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(BOUNDS[screen]):
        response = client.get(url(plan))

    # then
    assert response.status_code == 200
    assert "Nhiệm vụ thường xuyên số" in response.content.decode()


@pytest.mark.parametrize("scale", [1, 2], ids=["60 tasks", "120 tasks"])
def test_api_list_counts_every_obligation_from_the_summaries(client, org, scale):
    """Unfiltered, the API's count comes from the summaries and still matches the rows it pages."""
    # given
    _build(org, TASKS * scale)
    client.force_login(org.coordinator)

    # when
    with time_machine.travel(TODAY, tick=False):
        first = client.get(reverse("api_deliverable_list"), {"page_size": 200}).json()
        overdue = client.get(reverse("api_deliverable_list"), {"overdue": "true"}).json()

    # then
    assert first["count"] == Deliverable.objects.count() == TASKS * scale * 3 * 4 + 3 * 3 * 4
    assert len(first["results"]) == 200 and first["next"]
    late = Deliverable.objects.filter(state__in=Deliverable.OPEN_STATES, due_date__lt=dt.date(2022, 8, 10))
    assert overdue["count"] == late.count() > 0


def _found(html: str) -> str:
    """The obligation list's line of counts ("N nghĩa vụ: … chưa xong · … quá hạn …")."""
    start = html.index('class="pg-found"')
    return " ".join(html[start : html.index("</p>", start)].split())


@pytest.mark.parametrize("scale", [1, 2], ids=["60 tasks", "120 tasks"])
@pytest.mark.parametrize("query", ["", "overdue=on"], ids=["unfiltered", "overdue only"])
def test_obligation_list_counts_from_the_summaries_match_the_rows(client, org, scale, query):
    """Unfiltered or overdue only, the list counts from the summaries, and says what counting the
    rows says (a words filter every task matches makes the list count them)."""
    # given
    _build(org, TASKS * scale)
    client.force_login(org.coordinator)
    url = reverse("deliverable_list")

    # when
    with time_machine.travel(TODAY, tick=False):
        summed = client.get(f"{url}?{query}").content.decode()
        counted = client.get(f"{url}?{query}&q=thường+xuyên").content.decode()

    # then
    assert _found(summed) == _found(counted)
    late = Deliverable.objects.filter(state__in=Deliverable.OPEN_STATES, due_date__lt=dt.date(2022, 8, 10))
    total = late.count() if query else Deliverable.objects.count()
    assert f"{total} nghĩa vụ" in _found(summed) and f"{late.count()} quá hạn" in _found(summed)


def test_the_big_fixture_has_the_expected_size(org):
    """Sanity check of the fixture: 60 tasks × 3 units × 4 quarters in the big plan."""
    # when
    plan = _build(org, TASKS)

    # then
    assert Deliverable.objects.filter(task__plan=plan).count() == TASKS * 3 * 4
    assert Deliverable.objects.filter(state=Deliverable.State.SUBMITTED).count() == TASKS
    assert ExtensionRequest.objects.count() == TASKS
    assert ReminderLog.objects.filter(step="leaders").count() == TASKS * 2


def _contributions(org, deliverable, count: int):
    from tasks.services.deliverables import contribution_add

    from .conftest import pdf_upload

    for index in range(count):
        contribution_add(
            deliverable=deliverable,
            actor=org.officer_b,
            unit_id=org.office_b.pk,
            text=f"Ý kiến phối hợp lần {index}",
            files=[pdf_upload(f"y-kien-{index}.pdf")],
        )


@pytest.mark.parametrize("count", [5, 10], ids=["5 contributions", "10 contributions"])
def test_deliverable_page_query_count_does_not_grow_with_contributions(
    client, org, deliverable, django_assert_max_num_queries, count
):
    """The deliverable page costs the same with 5 or 10 contributions, each with a file."""
    # given
    _contributions(org, deliverable, count)
    client.force_login(org.coordinator)

    # when
    with django_assert_max_num_queries(BOUNDS["deliverable_detail"]):
        response = client.get(reverse("deliverable_detail", args=[deliverable.pk]))

    # then
    assert response.status_code == 200
    assert response.content.decode().count("y-kien-") == count


def _digests(user, count: int, long_lines: int):
    """``count`` daily digests of five lines, and today's one listing ``long_lines`` obligations."""
    from core.models import Notification, NotificationLine

    sizes = [long_lines if back == 0 else 5 for back in range(count)]
    digests = Notification.objects.bulk_create(
        Notification(
            user=user,
            kind="escalation",
            day=dt.date(2022, 8, 10) - dt.timedelta(days=back),
            title=f"Quá hạn ngày {back}",
            line_count=size,
        )
        for back, size in enumerate(sizes)
    )
    NotificationLine.objects.bulk_create(
        NotificationLine(
            notification=digest, position=i + 1, text=f"Nghĩa vụ số {i} quá hạn", url=f"/nghia-vu/{i}/"
        )
        for digest, size in zip(digests, sizes, strict=True)
        for i in range(size)
    )
    return digests[0]


@pytest.mark.parametrize("scale", [1, 2], ids=["30 digests, 60 lines", "60 digests, 120 lines"])
def test_notification_pages_query_count_does_not_grow_with_digests(
    client, org, django_assert_max_num_queries, scale
):
    """The list pages 20 digests and only counts a long digest's lines; its own page shows 50 lines."""
    # given
    big = _digests(org.coordinator, 30 * scale, 60 * scale)
    client.force_login(org.coordinator)

    # when
    with django_assert_max_num_queries(12):  # measured 10
        listing = client.get(reverse("notification_list")).content.decode()
    with django_assert_max_num_queries(10):
        first = client.get(reverse("notification_detail", args=[big.pk])).content.decode()
    second = client.get(reverse("notification_detail", args=[big.pk]) + "?trang=2").content.decode()

    # then
    assert listing.count("Quá hạn ngày ") == 20
    assert f"Xem {60 * scale} dòng nội dung" in listing
    assert "Nghĩa vụ số 5 quá hạn" not in listing  # the long digest is not loaded in the list
    assert first.count("quá hạn</a>") == 50
    assert "Nghĩa vụ số 49 quá hạn" in first and "Nghĩa vụ số 50 quá hạn" not in first
    assert "Nghĩa vụ số 50 quá hạn" in second


LISTS = sorted(set(SCREENS) - {"plan_detail"})
DOCUMENT_TEXT = [{"type": "paragraph", "runs": [{"text": "Tổ chức thực hiện. " * 40}]}] * 30


@pytest.mark.parametrize("screen", LISTS)
def test_list_rows_do_not_read_their_plans_document_text(client, org, screen):
    """A list row names its plan; the plan's own text (a real plan's runs to 23 KB) stays in the
    database, whether the page is read ids first or in one query."""
    # given
    plan = _build(org, TASKS)
    type(plan).objects.filter(pk=plan.pk).update(purposes="Mục đích. " * 200, text_blocks=DOCUMENT_TEXT)
    role, url = SCREENS[screen]
    client.force_login(getattr(org, role))

    # when
    with time_machine.travel(TODAY, tick=False), CaptureQueriesContext(connection) as queries:
        response = client.get(url(plan))

    # then
    assert response.status_code == 200
    assert "Nhiệm vụ thường xuyên số" in response.content.decode()
    read = [q["sql"] for q in queries.captured_queries if "text_blocks" in q["sql"] or "purposes" in q["sql"]]
    assert read == []


def test_dashboard_unit_table_puts_the_most_overdue_first_then_by_name(org):
    """The unit table ranks units by their overdue obligations, ties by name, as counting them says."""
    # given: office C has caught up on some of its late reports, the other two leads have not
    _build(org, 6)
    today = dt.date(2022, 8, 10)
    late = Deliverable.objects.filter(state__in=Deliverable.OPEN_STATES, due_date__lt=today)
    caught_up = late.filter(unit__code="CL-TP").values("id")[:4]
    Deliverable.objects.filter(id__in=caught_up).update(state=Deliverable.State.ACCEPTED)
    with time_machine.travel(TODAY, tick=False):
        deliverable_summaries_rebuild()

    # when
    with time_machine.travel(TODAY, tick=False):
        dashboard = dashboard_for_user(org.coordinator, today)

    # then
    shown = [(unit.name, counts.overdue) for unit, counts in dashboard.units]
    by_unit = {unit.name: late.filter(unit=unit).count() for unit, _ in dashboard.units}
    assert shown == sorted(by_unit.items(), key=lambda pair: (-pair[1], pair[0]))
    assert len({n for _, n in shown}) > 1 and len(shown) >= 3
