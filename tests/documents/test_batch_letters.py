"""Nội vụ drafts the đôn đốc letters of every late unit of a plan in one background job."""

import time_machine
from django.urls import reverse

from core.models import Job
from documents.models import GeneratedDocument


def test_one_draft_letter_per_late_unit_with_progress(
    client, org, deliverable, django_capture_on_commit_callbacks
):
    # given the plan's only deliverable (office A, due 31/01/2022) is late on 15/02/2022
    client.force_login(org.coordinator)
    # when Nội vụ asks for the letters
    with (
        time_machine.travel("2022-02-15 09:00 +07:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("plan_reminder_letters", args=[deliverable.task.plan_id]))
    # then a job ran to the end and left one unnumbered draft addressed to office A
    job = Job.objects.get(kind="plan_reminder_letters")
    assert response.url == reverse("job_detail", args=[job.pk])
    assert (job.state, job.rows_done, job.rows_total, job.result) == ("done", 1, 1, {"units": 1, "drafts": 1})
    draft = GeneratedDocument.objects.get(number=None)
    assert org.office_a.name in str(draft.context)


def test_only_noi_vu_of_the_plan_may_ask_for_the_letters(client, org, deliverable):
    for user in (org.officer_a, org.viewer, org.other_coordinator):
        client.force_login(user)
        assert (
            client.post(reverse("plan_reminder_letters", args=[deliverable.task.plan_id])).status_code == 403
        )
    assert not Job.objects.exists()
