"""The satisfaction index of each unit next to its completion of the plan's tasks."""

import time_machine
from django.urls import reverse

from tasks.models import Deliverable
from tasks.services.deliverables import deliverable_accept, deliverable_submit
from tasks.services.lifecycle import plan_issue


@time_machine.travel("2022-03-10 09:00 +07:00", tick=False)
def test_index_and_completion_side_by_side(client, campaign, org, submit):
    # given the plan issued, office A's report accepted, two questionnaires for office A
    plan_issue(plan=campaign.plan, actor=org.coordinator)
    item = Deliverable.objects.get(task__plan=campaign.plan, unit=org.office_a)
    deliverable_submit(deliverable=item, actor=org.officer_a, text="Xong")
    deliverable_accept(deliverable=item, actor=org.coordinator)
    submit({"1": 1, "2": 1})
    submit({"1": 1, "2": 1})
    client.force_login(org.viewer)
    # when
    response = client.get(reverse("survey_progress"), {"year": 2022})
    # then
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["tables"][0]["rows"]}
    office_a = rows[org.office_a.display_name]
    assert office_a["n"] > 0 and office_a["index"] is not None
    assert office_a["progress"].completion == 100.0
    assert rows[org.office_b.display_name]["progress"] is None  # office B leads nothing
    listed = client.get(office_a["url"])
    assert listed.context["page"].paginator.count == 1


def test_units_and_strangers_are_refused_or_see_nothing(client, campaign, org):
    client.force_login(org.officer_a)
    assert client.get(reverse("survey_progress")).status_code == 403
    client.force_login(org.other_coordinator)
    assert client.get(reverse("survey_progress")).context["tables"] == []
