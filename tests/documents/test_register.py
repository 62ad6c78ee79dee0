"""The outgoing register: numbers from 01 each year, never twice, drafts without a number."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from core.errors import ApplicationError
from documents import services
from documents.models import GeneratedDocument, Kind, RegisterCounter, RegisterEntry
from plans.models import Plan


def _draft(plan, actor, kind=Kind.DECISION):
    return services.document_create_for_plan(kind=kind, plan=plan, actor=actor, today=plan.period_start)


def test_a_draft_has_no_number_and_says_so(org, draft_plan):
    """A draft is rendered with a blank number ("Số:       /QĐ-UBND") and no register entry."""
    document = _draft(draft_plan, org.clerk)
    assert document.state == GeneratedDocument.State.DRAFT
    assert document.number is None and document.symbol == "" and document.register_entry is None
    assert document.context["doc"]["number_text"].strip() == ""
    assert RegisterEntry.objects.count() == 0


def test_numbers_run_from_01_and_the_registered_copy_carries_them(org, draft_plan):
    """The first document of the year is 01, the next 02; the file is rendered again with number and date."""
    # given
    first, second = _draft(draft_plan, org.clerk), _draft(draft_plan, org.clerk, Kind.REPORT)
    draft_sha = first.sha256
    # when
    first = services.document_register(document=first, actor=org.clerk, date=dt.date(2022, 3, 4))
    second = services.document_register(document=second, actor=org.coordinator, date=dt.date(2022, 3, 5))
    # then
    assert (first.symbol, second.symbol) == ("01/QĐ-UBND", "02/BC-UBND")
    assert first.sha256 != draft_sha
    assert first.context["doc"]["number_text"] == "01"
    assert first.context["doc"]["date"] == "2022-03-04"
    assert list(RegisterEntry.objects.values_list("number", flat=True).order_by("number")) == [1, 2]
    log = first.transitions.get()
    assert (log.source, log.target, log.actor) == ("draft", "registered", org.clerk)


def test_a_new_year_starts_again_at_01(org, draft_plan):
    """Numbers restart at 01 on 1 January (Decree 30, Art. 15)."""
    last_year = services.document_register(
        document=_draft(draft_plan, org.clerk), actor=org.clerk, date=dt.date(2022, 12, 31)
    )
    new_year = services.document_register(
        document=_draft(draft_plan, org.clerk), actor=org.clerk, date=dt.date(2023, 1, 2)
    )
    assert (last_year.number, new_year.number) == (1, 1)
    assert (last_year.year, new_year.year) == (2022, 2023)


def test_registers_are_per_issuer(org, draft_plan):
    """Another issuer's register has its own numbers."""
    other_plan = Plan.objects.create(
        issuer=org.other_district,
        place="Cà Mau",
        year=2022,
        title="Kế hoạch khác",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
    )
    a = services.document_register(
        document=_draft(draft_plan, org.clerk), actor=org.clerk, date=dt.date(2022, 5, 1)
    )
    b = services.document_register(
        document=_draft(other_plan, org.other_coordinator),
        actor=org.other_coordinator,
        date=dt.date(2022, 5, 1),
    )
    assert (a.number, b.number) == (1, 1)


def test_a_registered_document_cannot_be_registered_again(org, draft_plan):
    document = services.document_register(document=_draft(draft_plan, org.clerk), actor=org.clerk)
    with pytest.raises(ApplicationError, match="đã vào sổ với số 01/QĐ-UBND"):
        services.document_register(document=document, actor=org.clerk)
    assert RegisterEntry.objects.count() == 1


def test_a_recorded_number_cannot_be_given_twice(org):
    """A number recorded by hand blocks that number and moves the counter past it."""
    services.register_record(
        issuer=org.district, year=2022, number=7, symbol="07/KH-UBND", date=dt.date(2022, 1, 3), summary="A"
    )
    with pytest.raises(ApplicationError, match="Số 7 năm 2022"):
        services.register_record(
            issuer=org.district,
            year=2022,
            number=7,
            symbol="07/QĐ-UBND",
            date=dt.date(2022, 1, 3),
            summary="B",
        )
    assert services.register_allocate(issuer=org.district, year=2022) == 8


def test_registering_a_plan_gives_the_plan_its_number(org, draft_plan):
    """A Kế hoạch registered for a plan without a number gives the plan that number and date."""
    document = _draft(draft_plan, org.clerk, Kind.PLAN)
    document = services.document_register(document=document, actor=org.clerk, date=dt.date(2022, 1, 6))
    draft_plan = Plan.objects.get(pk=draft_plan.pk)
    assert (draft_plan.number, draft_plan.date, draft_plan.symbol) == (1, dt.date(2022, 1, 6), "01/KH-UBND")
    assert document.symbol == "01/KH-UBND"


def test_a_plan_that_has_a_number_keeps_it(org, draft_plan):
    """Printing a numbered plan again records its own number instead of taking a new one."""
    Plan.objects.filter(pk=draft_plan.pk).update(number=9, date=dt.date(2022, 1, 4))
    draft_plan = Plan.objects.get(pk=draft_plan.pk)
    document = services.document_register(document=_draft(draft_plan, org.clerk, Kind.PLAN), actor=org.clerk)
    assert document.symbol == "09/KH-UBND" and document.date == dt.date(2022, 1, 4)
    assert RegisterCounter.objects.get(issuer=org.district, year=2022).last_number == 9


def test_demo_registers_continue_after_the_seed_numbers(demo):
    """After 09/KH-UBND, Vinh Mỹ's next number in 2021 is 10; 2022 starts at 01."""
    from units.models import Unit

    vinhmy = Unit.objects.get(code="VINHMY-UBND")
    assert services.register_allocate(issuer=vinhmy, year=2021) == 10
    assert services.register_allocate(issuer=vinhmy, year=2022) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_registering_at_once_get_different_numbers(org, draft_plan):
    """Concurrent transactions on PostgreSQL: the locked counter row hands out distinct numbers."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
    # given
    drafts = [_draft(draft_plan, org.clerk) for _ in range(6)]
    barrier = threading.Barrier(len(drafts))
    numbers, errors = [], []

    def register(document):
        try:
            barrier.wait()
            registered = services.document_register(
                document=document, actor=org.clerk, date=dt.date(2022, 6, 1)
            )
            numbers.append(registered.number)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    # when
    threads = [threading.Thread(target=register, args=(doc,)) for doc in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert errors == []
    assert sorted(numbers) == [1, 2, 3, 4, 5, 6]
    assert RegisterEntry.objects.filter(issuer=org.district, year=2022).count() == 6
