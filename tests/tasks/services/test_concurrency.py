"""Two reviewers acting on the same report at once: one wins, the other is told."""

import threading

import pytest
from django.db import connection

from core.errors import ApplicationError
from tasks.models import Deliverable, DeliverableTransition
from tasks.services import deliverables as service
from tasks.services.deliverables import MSG_CONFLICT, deliverable_accept, deliverable_return

from .support import bring_to

State = Deliverable.State
CONFLICT_PREFIX = MSG_CONFLICT.split("{state}")[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_accept_and_return_one_wins(org, deliverable, monkeypatch):
    """Two Nội vụ officers open the same submitted report; one accepts while the other returns it.
    Exactly one decision is saved and logged; the other is told the report just changed."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking")

    # given
    bring_to(deliverable, State.SUBMITTED, org)
    transitions_before = DeliverableTransition.objects.count()
    barrier = threading.Barrier(2, timeout=10)
    original_fresh = service._fresh

    def fresh_then_wait(d):
        row = original_fresh(d)
        barrier.wait()  # both threads have read "submitted" before either saves
        return row

    monkeypatch.setattr(service, "_fresh", fresh_then_wait)
    results = {}

    def run(name, call):
        try:
            call()
            results[name] = "ok"
        except ApplicationError as error:
            results[name] = error
        except Exception as error:  # anything else is a failure of the service
            results[name] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=run,
            args=("accept", lambda: deliverable_accept(deliverable=deliverable, actor=org.coordinator)),
        ),
        threading.Thread(
            target=run,
            args=(
                "return_to_unit",
                lambda: deliverable_return(deliverable=deliverable, actor=org.coordinator, comment="Thiếu."),
            ),
        ),
    ]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then
    assert set(results) == {"accept", "return_to_unit"}
    winners = [name for name, result in results.items() if result == "ok"]
    losers = [result for result in results.values() if result != "ok"]
    assert len(winners) == 1, results
    winner = winners[0]
    expected = {"accept": State.ACCEPTED, "return_to_unit": State.RETURNED}[winner]
    deliverable.refresh_from_db()
    assert deliverable.state == expected
    assert DeliverableTransition.objects.count() == transitions_before + 1
    assert DeliverableTransition.objects.order_by("-id").first().name == winner
    assert isinstance(losers[0], ApplicationError), repr(losers[0])
    assert losers[0].message.startswith(CONFLICT_PREFIX)
    assert losers[0].message == MSG_CONFLICT.format(state=str(expected.label))


@pytest.mark.parametrize(
    ("action", "meanwhile"),
    [("accept", State.RETURNED), ("return_to_unit", State.ACCEPTED)],
)
def test_stale_decision_is_refused_with_conflict_message(org, deliverable, monkeypatch, action, meanwhile):
    """Same race, made deterministic on any database: between the moment the page's data is
    read and the moment it is saved, a colleague decides the report. The late decision must be
    refused with the "reload the page" message and must not overwrite the colleague's."""
    # given
    bring_to(deliverable, State.SUBMITTED, org)
    original_fresh = service._fresh

    def fresh_then_colleague_decides(d):
        row = original_fresh(d)
        Deliverable.objects.filter(pk=d.pk).update(state=meanwhile)
        return row

    monkeypatch.setattr(service, "_fresh", fresh_then_colleague_decides)
    count = DeliverableTransition.objects.count()
    call = {
        "accept": lambda: deliverable_accept(deliverable=deliverable, actor=org.coordinator),
        "return_to_unit": lambda: deliverable_return(
            deliverable=deliverable, actor=org.coordinator, comment="Thiếu."
        ),
    }[action]

    # when
    with pytest.raises(ApplicationError) as error:
        call()

    # then
    assert error.value.message == MSG_CONFLICT.format(state=str(meanwhile.label))
    deliverable.refresh_from_db()
    assert deliverable.state == meanwhile
    assert DeliverableTransition.objects.count() == count


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_writers_of_one_units_counts_both_land(org, deliverable, monkeypatch):
    """Two app servers recount the same unit's summaries at the same moment (a report sent, another
    accepted): the second waits for the first, neither fails, and the counts are the rows'."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking")

    # given
    from tasks.models import DeliverableTally, IssuerUnitTally, PlanTally
    from tasks.services import summaries

    barrier = threading.Barrier(2, timeout=10)
    real_lock = summaries.transaction_lock

    def lock_together(kind, keys):
        barrier.wait()  # both are inside their transactions, about to replace the same rows
        real_lock(kind, keys)

    monkeypatch.setattr(summaries, "transaction_lock", lock_together)
    plan_id, unit_id = deliverable.task.plan_id, deliverable.unit_id
    errors = []

    def recount():
        try:
            summaries.deliverable_summaries_refresh(plan_id=plan_id, unit_ids={unit_id})
        except Exception as error:  # a unique-key clash would land here
            errors.append(error)
        finally:
            connection.close()

    # when
    threads = [threading.Thread(target=recount) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then
    assert errors == []
    assert DeliverableTally.objects.get(plan_id=plan_id, unit_id=unit_id).total == 1
    assert PlanTally.objects.get(plan_id=plan_id).total == 1
    assert IssuerUnitTally.objects.get(unit_id=unit_id).total == 1
