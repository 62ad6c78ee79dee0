"""Inbox, review queue and overdue list: the same filters, kept in the URL, within the user's scope."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tasks.models import Deliverable
from tasks.services.lifecycle import plan_issue
from tests.factories import TaskFactory, add_unit
from tests.tasks.progress.conftest import TODAY, build_province

pytestmark = pytest.mark.django_db


@time_machine.travel(TODAY, tick=False)
def test_inbox_filters_by_plan_and_text(client, org):
    data = build_province(org)
    client.force_login(org.officer_a)
    response = client.get(reverse("inbox"), {"plan": data["small"].pk})
    owed = response.context["inbox"].owed
    assert owed and {d.task.plan_id for d in owed} == {data["small"].pk}
    text = client.get(reverse("inbox"), {"q": "nhiệm vụ 3"}).context["inbox"].owed
    assert text and {d.task.content for d in text} == {"Nhiệm vụ 3"}
    html = client.get(reverse("inbox"), {"plan": data["small"].pk}).content.decode()
    assert 'class="pg-filters' in html and "pg-cards" in html


@time_machine.travel(TODAY, tick=False)
def test_review_queue_filters_by_unit_and_refuses_units(client, org):
    build_province(org)
    client.force_login(org.coordinator)
    queue = client.get(reverse("review_queue"), {"unit": org.noivu.pk}).context["deliverables"]
    assert len(queue) == 3 and {d.unit_id for d in queue} == {org.noivu.pk}
    assert list(client.get(reverse("review_queue"), {"unit": org.office_a.pk}).context["deliverables"]) == []
    client.force_login(org.officer_a)
    assert client.get(reverse("review_queue")).status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_overdue_list_filters_and_keeps_bounded_queries(client, org):
    data = build_province(org)
    client.force_login(org.coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("overdue_list"), {"plan": data["big"].pk, "unit": org.noivu.pk})
    rows = response.context["page"].object_list
    expected = Deliverable.objects.filter(task__plan=data["big"], unit=org.noivu).overdue(
        response.context["today"]
    )
    assert len(rows) == expected.count() == 5
    assert len(queries.captured_queries) <= 14
    client.force_login(org.other_coordinator)
    other = client.get(reverse("overdue_list"), {"plan": data["big"].pk})
    assert other.context["page"].paginator.count == 0


def test_plan_page_unit_filter_lists_units_and_keeps_the_choice(client, org, issued_plan):
    """The unit select offers the user's units, keeps the one chosen and narrows the task table."""
    other = TaskFactory(plan=issued_plan, content="Nhiệm vụ của Sở Nội vụ")
    add_unit(other, org.noivu)
    client.force_login(org.coordinator)
    url = reverse("plan_detail", args=[issued_plan.pk])

    html = client.get(url, {"don_vi": org.noivu.pk}).content.decode()

    assert f'<option value="{org.noivu.pk}" selected>{org.noivu.name}</option>' in html
    assert f'<option value="{org.office_a.pk}">{org.office_a.name}</option>' in html
    assert "Nhiệm vụ của Sở Nội vụ" in html and "Xây dựng kế hoạch khảo sát" not in html


def test_sort_choices_read_in_vietnamese_and_in_english(client, org):
    """The sort select names the descending orders in the page's language, not django-filter's English."""
    client.force_login(org.coordinator)
    html = client.get(reverse("deliverable_list")).content.decode()
    assert "Hạn (giảm dần)" in html and "descending" not in html
    client.cookies["django_language"] = "en"
    english = client.get(reverse("deliverable_list")).content.decode()
    assert "(descending)" in english


@time_machine.travel("2022-02-10 09:00 +07:00", tick=False)
def test_one_inbox_filter_narrows_what_the_unit_owes_and_what_it_supports(client, org, second_draft):
    plan_issue(plan=second_draft, actor=org.coordinator)
    client.force_login(org.officer_b)  # office B coordinates the plan's one task, led by office A

    def supporting(**query):
        return client.get(reverse("inbox"), query).context["inbox"].supporting

    assert [d.unit_id for d in supporting()] == [org.office_a.pk]
    assert [d.unit_id for d in supporting(q="Cổng thông tin")] == [org.office_a.pk]
    assert supporting(q="không có nhiệm vụ nào như thế") == []
    assert [d.unit_id for d in supporting(plan=second_draft.pk)] == [org.office_a.pk]
    assert supporting(plan=999999) == supporting()  # a plan the person cannot choose is ignored
