"""The escalation ladder: overdue items reaching Nội vụ leave a công văn đôn đốc draft waiting for review."""

import datetime as dt

import pytest
from django.urls import reverse

from documents import services
from documents.models import GeneratedDocument, Kind
from documents.rendering import docx_text
from tasks.models import Deliverable
from tasks.services.reminders import reminders_send
from tasks.signals import deliverables_escalated

LATE = dt.date(2022, 2, 8)  # the deliverable is due 31/01/2022: 8 days late, past the 7-day threshold


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the daily job as production does: the signal leaves once the reminders are committed."""

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send(today=day)

    return run


def test_escalation_drafts_a_reminder_to_the_late_unit(org, deliverable, send):
    # when
    result = send(LATE)
    # then
    assert result.escalated_units == 1
    document = GeneratedDocument.objects.get()
    text = "\n".join(docx_text(services.document_bytes(document=document)))
    assert document.kind == Kind.REMINDER and document.state == GeneratedDocument.State.DRAFT
    assert (document.number, document.symbol, document.author) == (None, "", None)
    assert document.issuer == org.district and document.plan == deliverable.task.plan
    # the head of the unit by its kind (issue 17), not the unit itself
    assert document.context["doc"]["addressees"] == [f"Chánh {org.office_a.name};"]
    assert document.context["reminder"]["deliverable_ids"] == [deliverable.pk]
    assert "Kính gửi: Chánh Văn phòng HĐND và UBND huyện;" in text
    assert "Xây dựng kế hoạch khảo sát" in text and "| 8 |" in text
    assert "V/v đôn đốc thực hiện Kế hoạch" in text


def test_one_draft_per_unit_and_day(org, deliverable, send):
    """The job run twice, and the signal sent again by hand: still one draft."""
    send(LATE)
    send(LATE)
    deliverables_escalated.send(sender=Deliverable, unit=org.office_a, deliverables=[deliverable], day=LATE)
    assert GeneratedDocument.objects.count() == 1
    # another day is another escalation (e.g. after a new due date): a new draft
    deliverables_escalated.send(
        sender=Deliverable, unit=org.office_a, deliverables=[deliverable], day=LATE + dt.timedelta(days=1)
    )
    assert GeneratedDocument.objects.count() == 2


def test_nothing_is_drafted_before_the_threshold(deliverable, send):
    send(LATE - dt.timedelta(days=2))
    assert not GeneratedDocument.objects.exists()


def test_the_draft_waits_in_the_document_list_and_a_person_registers_it(org, deliverable, send, client):
    """Nội vụ finds it under "Dự thảo", reviews it and registers it: the number comes from the register."""
    send(LATE)
    document = GeneratedDocument.objects.get()
    client.force_login(org.coordinator)
    drafts = client.get(reverse("document_list") + "?state=draft").content.decode()
    registered = client.get(reverse("document_list") + "?state=registered").content.decode()
    detail = client.get(reverse("document_detail", args=[document.pk])).content.decode()
    assert document.summary[:60] in drafts and document.summary[:60] not in registered
    assert "Hệ thống (tự động soạn khi đôn đốc)" in detail
    client.post(reverse("document_register", args=[document.pk]))
    document = GeneratedDocument.objects.get(pk=document.pk)  # the state field is protected
    assert document.state == GeneratedDocument.State.REGISTERED and document.symbol == "01/UBND-PNV"
    assert document.transitions.get().actor == org.coordinator


def test_a_letter_for_a_plan_numbered_later_names_its_number_and_date(org, deliverable, send, client):
    """Drafted while the plan had no number, registered after the plan got one: the letter cites it."""
    send(LATE)
    document = GeneratedDocument.objects.get()
    assert "Kế hoạch của" in document.summary
    plan = deliverable.task.plan
    type(plan).objects.filter(pk=plan.pk).update(number=9, date=dt.date(2022, 1, 12))
    registered = services.document_register(document=document, actor=org.coordinator)
    text = "\n".join(docx_text(services.document_bytes(document=registered)))
    assert "Kế hoạch số 09/KH-UBND ngày 12/01/2022 của" in registered.summary
    assert registered.register_entry.summary == registered.summary
    assert "Thực hiện Kế hoạch số 09/KH-UBND ngày 12/01/2022" in text
    assert "Đề nghị Chánh Văn phòng HĐND và UBND huyện khẩn trương" in text


def test_a_failing_draft_does_not_break_the_reminders(org, deliverable, send, monkeypatch, caplog):
    """The draft is a convenience: if it cannot be made, the reminders still go and the error is logged."""

    def broken(**kwargs):
        raise RuntimeError("mẫu hỏng")

    monkeypatch.setattr(services, "escalation_reminders_draft", broken)
    result = send(LATE)
    assert result.escalated_units == 1 and not GeneratedDocument.objects.exists()
    assert "Không soạn được công văn đôn đốc" in caplog.text
