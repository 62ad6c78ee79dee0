"""The obligation list: filters kept in the URL, counts of what is shown, paging, scoping."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tasks.models import Deliverable

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@time_machine.travel(TODAY, tick=False)
def test_two_choices_find_a_plans_overdue_items_of_a_month(client, province, org):
    client.force_login(org.coordinator)
    response = client.get(
        reverse("deliverable_list"),
        {"plan": province["big"].pk, "overdue": "on", "due_after": "2022-03-01", "due_before": "2022-03-31"},
    )
    assert response.status_code == 200
    shown = list(response.context["page"].object_list)
    assert len(shown) == 4  # Nội vụ's four Q1 items
    assert {d.unit_id for d in shown} == {org.noivu.pk}
    assert response.context["counts"].overdue == 4
    html = response.content.decode()
    assert 'name="plan"' in html and f'value="{province["big"].pk}" selected' in html


@time_machine.travel(TODAY, tick=False)
def test_text_search_state_and_sort(client, province, org):
    client.force_login(org.coordinator)
    found = client.get(reverse("deliverable_list"), {"q": "nhiệm vụ 2", "state": "accepted"})
    assert {d.task.content for d in found.context["page"].object_list} == {"Nhiệm vụ 2"}
    by_unit = client.get(reverse("deliverable_list"), {"sort": "-unit"}).context["page"].object_list
    names = [d.unit.name for d in by_unit]
    assert names == sorted(names, reverse=True)


@time_machine.travel(TODAY, tick=False)
def test_a_unit_sees_only_its_own_and_supported_items(client, province, org):
    client.force_login(org.officer_a)
    response = client.get(reverse("deliverable_list"), {"unit": province["office_c"].pk})
    # another unit of the district is not in the officer's picker: the filter is refused, nothing leaks
    assert all(d.unit_id == org.office_a.pk for d in response.context["page"].object_list)
    everything = client.get(reverse("deliverable_list")).context["page"].paginator.count
    assert everything == Deliverable.objects.filter(unit=org.office_a).count()


@time_machine.travel(TODAY, tick=False)
def test_strangers_see_nothing(client, province, org):
    client.force_login(org.other_officer)
    response = client.get(reverse("deliverable_list"), {"plan": province["big"].pk})
    assert response.context["page"].paginator.count == 0


@time_machine.travel(TODAY, tick=False)
def test_list_pages_by_fifty_with_bounded_queries(client, province, org):
    client.force_login(org.coordinator)
    with CaptureQueriesContext(connection) as first:
        response = client.get(reverse("deliverable_list"))
    assert len(response.context["page"].object_list) == 50
    second = client.get(reverse("deliverable_list"), {"trang": 2})
    assert len(second.context["page"].object_list) == Deliverable.objects.count() - 50
    assert len(first.captured_queries) <= 14


@time_machine.travel("2022-03-15 09:00 +07:00", tick=False)
def test_when_choices_read_this_month(client, province, org):
    # given one of Nội vụ's Q1 items moved to 10/03 (an approved extension would do the same)
    item = Deliverable.objects.filter(task__plan=province["big"], unit=org.noivu).order_by("id").first()
    Deliverable.objects.filter(pk=item.pk).update(due_date="2022-03-10", original_due_date="2022-03-10")
    client.force_login(org.coordinator)
    overdue_month = client.get(
        reverse("deliverable_list"), {"plan": province["big"].pk, "when": "overdue_month"}
    )
    assert [d.pk for d in overdue_month.context["page"].object_list] == [item.pk]
    month = client.get(reverse("deliverable_list"), {"plan": province["big"].pk, "when": "month"})
    assert month.context["page"].paginator.count == 12  # every due date of March, whatever its state


@time_machine.travel(TODAY, tick=False)
def test_plan_page_filters_its_task_table(client, province, org):
    client.force_login(org.viewer)
    url = reverse("plan_detail", args=[province["big"].pk])
    rows = [r for _, group in client.get(url, {"q": "nhiệm vụ 2"}).context["groups"] for r in group]
    assert [r.task.content for r in rows] == ["Nhiệm vụ 2"]
    late = client.get(url, {"tinh_trang": "overdue"}).context["page"].paginator.count
    assert late == 4  # Nội vụ is late on every task
    assert client.get(url, {"don_vi": org.office_a.pk}).context["page"].paginator.count == 4
