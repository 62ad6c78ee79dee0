"""Nội vụ may grant the asked date or another later one, with a reason; the history names both dates."""

import datetime as dt

import pytest

from core.errors import ApplicationError
from tasks.models import Deliverable, DeliverableTransition, ExtensionRequest
from tasks.services.extensions import extension_approve, extension_request

ASKED = dt.date(2022, 2, 28)
OTHER = dt.date(2022, 2, 15)


@pytest.fixture
def asked(deliverable, org):
    return extension_request(
        deliverable=deliverable, actor=org.officer_a, requested_due_date=ASKED, reason="Chờ số liệu"
    )


def test_asked_date_history_reads_new_and_old_date(asked, org, deliverable):
    extension_approve(request=asked, actor=org.coordinator)
    log = DeliverableTransition.objects.get(deliverable=deliverable, name="extend")
    assert log.comment == "Gia hạn đến 28/02/2022 (hạn cũ 31/01/2022)."
    assert ExtensionRequest.objects.get(pk=asked.pk).approved_due_date == ASKED


def test_another_date_with_a_reason(asked, org, deliverable):
    extension_approve(
        request=asked, actor=org.coordinator, due_date=OTHER, comment="Cần số liệu trước kỳ họp"
    )
    deliverable.refresh_from_db()
    assert (deliverable.due_date, deliverable.original_due_date) == (OTHER, dt.date(2022, 1, 31))
    log = DeliverableTransition.objects.get(deliverable=deliverable, name="extend")
    assert log.comment == "Gia hạn đến 15/02/2022 (hạn cũ 31/01/2022). Cần số liệu trước kỳ họp"
    assert ExtensionRequest.objects.get(pk=asked.pk).approved_due_date == OTHER


def test_another_date_needs_a_reason_and_changes_nothing(asked, org, deliverable):
    with pytest.raises(ApplicationError, match="Cần ghi rõ lý do khi gia hạn đến ngày 15/02/2022"):
        extension_approve(request=asked, actor=org.coordinator, due_date=OTHER)
    deliverable.refresh_from_db()
    assert deliverable.due_date == dt.date(2022, 1, 31)
    assert ExtensionRequest.objects.get(pk=asked.pk).state == ExtensionRequest.State.PENDING


def test_another_date_must_be_later_than_the_current_one(asked, org):
    with pytest.raises(ApplicationError, match="phải sau hạn hiện tại"):
        extension_approve(request=asked, actor=org.coordinator, due_date=dt.date(2022, 1, 31), comment="x")
    assert Deliverable.objects.get(pk=asked.deliverable_id).due_date == dt.date(2022, 1, 31)
