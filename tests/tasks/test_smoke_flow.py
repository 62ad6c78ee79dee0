import time_machine

from tasks.models import Deliverable
from tasks.services.deliverables import deliverable_accept, deliverable_submit


def test_issue_submit_accept(deliverable, org):
    with time_machine.travel("2022-01-31 10:00 +07:00", tick=False):
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã xây dựng xong.")
    deliverable.refresh_from_db()
    assert deliverable.state == Deliverable.State.SUBMITTED
    assert deliverable.timeliness == Deliverable.Timeliness.ON_TIME
    deliverable_accept(deliverable=deliverable, actor=org.coordinator)
    deliverable.refresh_from_db()
    assert deliverable.state == Deliverable.State.ACCEPTED
    assert [t.name for t in deliverable.transitions.all()] == ["submit", "accept"]
