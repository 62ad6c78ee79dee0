"""The escalation ladder: overdue items reaching Nội vụ leave a công văn đôn đốc draft waiting for review."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse

from core.jobs import job_run
from core.models import Job, Notification
from documents import services
from documents.models import GeneratedDocument, Kind
from documents.rendering import docx_text
from tasks.models import Deliverable
from tasks.services.reminders import reminders_send
from tasks.signals import deliverables_escalated
from tests.factories import TaskFactory, add_unit

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


def _escalated(deliverable, day, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        deliverables_escalated.send(
            sender=Deliverable,
            plan_id=deliverable.task.plan_id,
            by_unit={deliverable.unit_id: [deliverable.pk]},
            day=day,
        )


def test_one_draft_per_unit_and_day(org, deliverable, send, django_capture_on_commit_callbacks):
    """The job run twice, and the signal sent again by hand: still one draft, and no letter job queued
    for a letter that exists."""
    send(LATE)
    send(LATE)
    _escalated(deliverable, LATE, django_capture_on_commit_callbacks)
    assert GeneratedDocument.objects.count() == 1
    assert Job.objects.filter(kind="escalation_letter").count() == 1
    # another day is another escalation (e.g. after a new due date): a new draft
    _escalated(deliverable, LATE + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert GeneratedDocument.objects.count() == 2


def test_each_letter_is_drafted_by_its_own_job(org, deliverable, send):
    """Two late units: two letter jobs, each done, each naming its own draft; the reminders' run
    itself drafts nothing."""
    other = TaskFactory(plan=deliverable.task.plan, content="Báo cáo tổng kết")
    add_unit(other, org.office_b)
    late = Deliverable.objects.create(
        task=other, unit=org.office_b, due_date=deliverable.due_date, original_due_date=deliverable.due_date
    )
    send(LATE)
    jobs = Job.objects.filter(kind="escalation_letter").order_by("arguments__unit_id")
    assert [(j.arguments["unit_id"], j.arguments["deliverable_ids"]) for j in jobs] == [
        (org.office_a.pk, [deliverable.pk]),
        (org.office_b.pk, [late.pk]),
    ]
    assert [j.state for j in jobs] == [Job.State.DONE, Job.State.DONE]
    drafts = [GeneratedDocument.objects.get(pk=j.result["drafts"][0]) for j in jobs]
    assert [d.context["reminder"]["deliverable_ids"] for d in drafts] == [[deliverable.pk], [late.pk]]


def test_a_letter_job_delivered_twice_drafts_once(org, deliverable, send):
    """The message redelivered after the worker died (its job left running, the lease passed), or
    queued twice: the second run finds the letter and adds nothing."""
    send(LATE)
    job = Job.objects.get(kind="escalation_letter")
    again = Job.objects.create(kind=job.kind, arguments=job.arguments)
    job_run(again.pk)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, lease_until=None)  # its worker died
    job_run(job.pk)
    assert GeneratedDocument.objects.count() == 1
    assert Job.objects.get(pk=again.pk).result["drafts"] == job.result["drafts"]


def test_a_run_that_died_before_queueing_its_letters_leaves_them_to_the_next(
    org, deliverable, monkeypatch, django_capture_on_commit_callbacks
):
    """The steps were claimed and committed, then the worker died: taking the day's run again claims
    nothing new, and still the letter is drafted, once."""
    from tasks.services import reminders

    def died(plan_id, today):
        raise SystemExit("worker killed")

    with monkeypatch.context() as patched:
        patched.setattr(reminders, "_escalate", died)
        with pytest.raises(SystemExit):
            reminders_send(today=LATE)
    assert not GeneratedDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        result = reminders_send(today=LATE)
    assert result.steps == 0 and GeneratedDocument.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=LATE)
    assert GeneratedDocument.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_drafting_the_same_letter_at_once_make_one(org, deliverable):
    if connection.vendor != "postgresql":
        pytest.skip("cần PostgreSQL: hai kết nối đồng thời")
    services.builtin_template_sync(kind=Kind.REMINDER)
    arguments = {"unit_id": org.office_a.pk, "deliverable_ids": [deliverable.pk], "day": LATE.isoformat()}
    jobs = [Job.objects.create(kind="escalation_letter", arguments=arguments) for _ in range(2)]
    barrier = threading.Barrier(2, timeout=10)
    errors = []

    def worker(job):
        try:
            barrier.wait()
            job_run(job.pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert GeneratedDocument.objects.count() == 1
    results = [Job.objects.get(pk=job.pk) for job in jobs]
    assert [j.state for j in results] == [Job.State.DONE, Job.State.DONE]
    assert results[0].result["drafts"] == results[1].result["drafts"]


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


def test_a_failing_draft_does_not_break_the_reminders(org, deliverable, send, monkeypatch):
    """The draft is a convenience: if it cannot be made, the reminders still go and the letter's job
    shows why it failed."""

    def broken(**kwargs):
        raise RuntimeError("mẫu hỏng")

    monkeypatch.setattr(services, "escalation_reminders_draft", broken)
    result = send(LATE)
    assert result.escalated_units == 1 and not GeneratedDocument.objects.exists()
    assert Notification.objects.filter(user=org.coordinator).exists()
    job = Job.objects.get(kind="escalation_letter")
    assert job.state == Job.State.FAILED and job.errors == ["mẫu hỏng"]


def test_a_failing_queue_does_not_break_the_reminders(org, deliverable, send, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("hàng đợi hỏng")

    monkeypatch.setattr(services, "escalation_letters_queue", broken)
    result = send(LATE)
    assert result.escalated_units == 1 and not GeneratedDocument.objects.exists()
    assert "Không soạn được công văn đôn đốc" in caplog.text
