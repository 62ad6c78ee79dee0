"""A returned report: the latest reason and who gave it stand at the top of the page, above the form."""

from django.urls import reverse

from tasks.services.deliverables import deliverable_return, deliverable_submit
from tests.conftest import member
from units.models import Membership


def test_latest_return_reason_and_reviewer_stand_above_the_report_form(client, org, deliverable):
    # given a report returned twice, the second time by another reviewer
    org.coordinator.last_name, org.coordinator.first_name = "Trần Thị", "Lan"
    org.coordinator.save()
    deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Lần 1.")
    first_reviewer = member(org.district, Membership.Role.COORDINATOR, "noivu_2")
    deliverable_return(deliverable=deliverable, actor=first_reviewer, comment="Thiếu biên bản.")
    deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Lần 2.")
    deliverable_return(deliverable=deliverable, actor=org.coordinator, comment="Nêu số thủ tục đã niêm yết.")
    # when the unit opens it
    client.force_login(org.officer_a)
    html = client.get(reverse("deliverable_detail", args=[deliverable.pk])).content.decode()
    # then the latest reason and its reviewer come first, before the form to send again
    note = html.index('class="card pg-returned-note"')
    assert note < html.index('id="report-text"')
    top = html[note : html.index("</section>", note)]
    assert "Nêu số thủ tục đã niêm yết." in top and "Trần Thị Lan" in top
    assert "Thiếu biên bản." not in top and "noivu_2" not in top
