"""Trước hạn / đúng hạn / quá hạn, and the overdue list derived from due dates."""

import datetime as dt

import pytest
import time_machine

from tasks.models import Deliverable
from tasks.services.deliverables import classify_timeliness, deliverable_approve, deliverable_submit

from .support import bring_to, require_head_approval

State = Deliverable.State
Timeliness = Deliverable.Timeliness
DUE = dt.date(2022, 1, 31)  # the draft_plan task: "Tháng 01/2022"


@pytest.mark.parametrize(
    ("submitted_on", "due", "expected"),
    [
        (dt.date(2022, 1, 30), DUE, Timeliness.EARLY),
        (dt.date(2021, 12, 31), DUE, Timeliness.EARLY),
        (dt.date(2022, 1, 31), DUE, Timeliness.ON_TIME),
        (dt.date(2022, 2, 1), DUE, Timeliness.LATE),
        (dt.date(2022, 3, 1), dt.date(2022, 2, 28), Timeliness.LATE),
        (dt.date(2024, 2, 29), dt.date(2024, 2, 29), Timeliness.ON_TIME),
    ],
)
def test_classify_timeliness(submitted_on, due, expected):
    """Dates are compared by day, as one-stop systems do."""
    assert classify_timeliness(submitted_on, due) == expected


@pytest.mark.parametrize(
    ("moment", "expected", "label"),
    [
        ("2022-01-20 09:00 +07:00", Timeliness.EARLY, "Trước hạn"),
        ("2022-01-31 08:00 +07:00", Timeliness.ON_TIME, "Đúng hạn"),
        ("2022-01-31 23:59 +07:00", Timeliness.ON_TIME, "Đúng hạn"),
        ("2022-02-01 00:01 +07:00", Timeliness.LATE, "Quá hạn"),
        # 18:00 UTC on 31/01 is already 01/02 in Việt Nam.
        ("2022-01-31 18:00 +00:00", Timeliness.LATE, "Quá hạn"),
    ],
)
def test_submission_is_classified_by_local_day(deliverable, org, moment, expected, label):
    """A report sent before the due day is early, on the day on time, after it late,
    counted in Việt Nam's time zone."""
    # when
    with time_machine.travel(moment, tick=False):
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã thực hiện.")

    # then
    deliverable.refresh_from_db()
    assert deliverable.timeliness == expected
    assert deliverable.get_timeliness_display() == label
    assert deliverable.submitted_at == dt.datetime.fromisoformat(moment.replace(" +", "+"))


def test_with_head_approval_the_head_approval_time_counts(deliverable, org):
    """When the head must approve, the report reaches Nội vụ when the head approves:
    sent by the officer on time but approved the day after, it is late."""
    # given
    require_head_approval(org.office_a)
    with time_machine.travel("2022-01-30 10:00 +07:00", tick=False):
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Chờ lãnh đạo duyệt.")
    deliverable.refresh_from_db()
    assert deliverable.submitted_at is None
    assert deliverable.timeliness == ""

    # when
    with time_machine.travel("2022-02-01 08:00 +07:00", tick=False):
        deliverable_approve(deliverable=deliverable, actor=org.head_a)

    # then
    deliverable.refresh_from_db()
    assert deliverable.state == State.SUBMITTED
    assert deliverable.timeliness == Timeliness.LATE
    assert deliverable.submitted_at == dt.datetime(2022, 2, 1, 1, 0, tzinfo=dt.UTC)


def test_resubmission_after_return_is_classified_again(deliverable, org):
    """A report returned and sent again after the due date counts as late."""
    # given
    with time_machine.travel("2022-01-25 10:00 +07:00", tick=False):
        bring_to(deliverable, State.RETURNED, org)
    deliverable.refresh_from_db()
    assert deliverable.timeliness == Timeliness.EARLY

    # when
    with time_machine.travel("2022-02-03 10:00 +07:00", tick=False):
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã bổ sung.")

    # then
    deliverable.refresh_from_db()
    assert deliverable.timeliness == Timeliness.LATE


class TestOverdue:
    """Overdue is never stored: it is derived from the state and the due date."""

    AFTER_DUE = dt.date(2022, 2, 1)

    @pytest.mark.parametrize("state", [State.PENDING, State.RETURNED, State.AWAITING_APPROVAL])
    def test_open_item_past_due_is_overdue(self, deliverable, org, state):
        """An item still owed after its due date shows in the overdue list."""
        # given
        bring_to(deliverable, state, org)

        # then
        assert list(Deliverable.objects.overdue(self.AFTER_DUE)) == [deliverable]
        assert deliverable.is_overdue(self.AFTER_DUE)

    @pytest.mark.parametrize("state", [State.SUBMITTED, State.ACCEPTED, State.WAIVED])
    def test_item_sent_or_closed_is_not_overdue(self, deliverable, org, state):
        """An item sent to Nội vụ, accepted or waived is not overdue, whatever the date."""
        # given
        bring_to(deliverable, state, org)

        # then
        assert not Deliverable.objects.overdue(self.AFTER_DUE).exists()
        assert not deliverable.is_overdue(self.AFTER_DUE)
        assert deliverable.days_late(self.AFTER_DUE) == 0

    @pytest.mark.parametrize("today", [dt.date(2022, 1, 20), DUE])
    def test_item_not_yet_past_due_is_not_overdue(self, deliverable, today):
        """An item due today or later is not overdue yet."""
        assert not Deliverable.objects.overdue(today).exists()
        assert deliverable.days_late(today) == 0

    @pytest.mark.parametrize(
        ("today", "days"), [(DUE, 0), (dt.date(2022, 2, 1), 1), (dt.date(2022, 3, 2), 30)]
    )
    def test_days_late_counts_calendar_days_after_due(self, deliverable, today, days):
        """The number of days late counts from the day after the due date."""
        assert deliverable.days_late(today) == days

    def test_due_within_lists_items_due_soon(self, deliverable):
        """The 'due soon' list includes items due in the next days, not those already past."""
        assert list(Deliverable.objects.due_within(dt.date(2022, 1, 25), 7)) == [deliverable]
        assert not Deliverable.objects.due_within(dt.date(2022, 1, 20), 7).exists()
        assert not Deliverable.objects.due_within(dt.date(2022, 2, 1), 7).exists()
