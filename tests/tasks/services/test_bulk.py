"""Acting on several obligations at once: each through its service, all or none, only in one's plans."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from core.errors import AccessDenied, ApplicationError
from core.models import Notification
from tasks.models import Deliverable, DeliverableTransition
from tasks.services import bulk
from tasks.services.deliverables import deliverable_submit
from tasks.services.lifecycle import plan_issue
from tests.factories import PlanFactory, TaskFactory, add_deadline, add_unit

State = Deliverable.State


@pytest.fixture
def five_sent(org, issued_plan):
    """Five more tasks of the fixture plan's district, each reported by office A."""
    plan = PlanFactory(issuer=org.district, title="Kế hoạch năm nhiệm vụ")
    for index in range(5):
        task = TaskFactory(plan=plan, content=f"Nhiệm vụ {index}")
        add_unit(task, org.office_a)
        add_deadline(task, year=2022, month=2)
    plan_issue(plan=plan, actor=org.coordinator)
    items = list(Deliverable.objects.filter(task__plan=plan))
    for item in items:
        deliverable_submit(deliverable=item, actor=org.officer_a, text="Đã xong")
    return items


def test_accept_five_with_one_comment_logs_each(five_sent, org):
    # when
    accepted = bulk.deliverables_accept(
        deliverable_ids=[d.pk for d in five_sent], actor=org.coordinator, comment="Đạt yêu cầu"
    )
    # then
    assert len(accepted) == 5
    assert set(
        Deliverable.objects.filter(pk__in=[d.pk for d in five_sent]).values_list("state", flat=True)
    ) == {State.ACCEPTED}
    logs = DeliverableTransition.objects.filter(deliverable__in=five_sent, name="accept")
    assert logs.count() == 5 and {log.comment for log in logs} == {"Đạt yêu cầu"}
    assert {log.actor_id for log in logs} == {org.coordinator.pk}


def test_one_foreign_item_refuses_the_whole_batch(five_sent, org, deliverable):
    # given a coordinator of another province, and a batch mixing its plans with ours
    with pytest.raises(AccessDenied):
        bulk.deliverables_accept(deliverable_ids=[d.pk for d in five_sent], actor=org.other_coordinator)
    # then nothing changed
    assert not Deliverable.objects.filter(pk__in=[d.pk for d in five_sent], state=State.ACCEPTED).exists()


def test_one_item_in_the_wrong_state_accepts_none(five_sent, org, deliverable):
    ids = [d.pk for d in five_sent] + [deliverable.pk]  # the fixture deliverable was never sent
    with pytest.raises(ApplicationError, match="Không báo cáo nào được chấp nhận"):
        bulk.deliverables_accept(deliverable_ids=ids, actor=org.coordinator)
    assert not Deliverable.objects.filter(pk__in=ids, state=State.ACCEPTED).exists()
    assert not DeliverableTransition.objects.filter(name="accept").exists()


def test_unit_officers_cannot_accept(five_sent, org):
    with pytest.raises(AccessDenied):
        bulk.deliverables_accept(deliverable_ids=[five_sent[0].pk], actor=org.officer_a)


def test_missing_ids_count_as_outside(org, deliverable):
    with pytest.raises(AccessDenied):
        bulk.deliverables_accept(deliverable_ids=[deliverable.pk, 999999], actor=org.coordinator)


@time_machine.travel("2022-02-10 09:00 +07:00", tick=False)
def test_remind_sends_now_in_app_and_by_email_and_logs(org, deliverable, django_capture_on_commit_callbacks):
    # given office A's people already got today's digest
    org.officer_a.email, org.head_a.email = "a@example.vn", "head@example.vn"
    org.officer_a.save(), org.head_a.save()
    Notification.objects.create(user=org.officer_a, kind="reminder", day=dt.date(2022, 2, 10), title="x")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = bulk.deliverables_remind(
            deliverable_ids=[deliverable.pk], actor=org.coordinator, note="Gửi gấp"
        )
    # then
    assert (result.deliverables, result.people) == (1, 2)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.vn", "head@example.vn"]
    note = Notification.objects.get(user=org.officer_a, kind="reminder", day=dt.date(2022, 2, 10))
    assert "quá hạn 10 ngày — Gửi gấp" in note.lines[-1]["text"]
    log = DeliverableTransition.objects.get(deliverable=deliverable, name="remind")
    assert (log.actor, log.source, log.target) == (org.coordinator, State.PENDING, State.PENDING)
    assert log.comment == "Nội vụ nhắc: Gửi gấp"


def test_remind_refuses_closed_items_and_strangers(org, five_sent):
    with pytest.raises(ApplicationError, match="không cần nhắc"):
        bulk.deliverables_remind(deliverable_ids=[five_sent[0].pk], actor=org.coordinator)
    with pytest.raises(AccessDenied):
        bulk.deliverables_remind(deliverable_ids=[five_sent[0].pk], actor=org.other_coordinator)
    assert not DeliverableTransition.objects.filter(name="remind").exists()
    assert not Notification.objects.filter(kind="reminder").exists()
