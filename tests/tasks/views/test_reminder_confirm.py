"""Before reminding a unit or drafting the đôn đốc letters, a page says what will happen; nothing is sent
until it is confirmed."""

import time_machine
from django.urls import reverse

from core.models import Job
from documents.models import GeneratedDocument
from tasks.models import DeliverableTransition

LATE_DAY = "2022-02-15 09:00 +07:00"


@time_machine.travel(LATE_DAY, tick=False)
def test_the_plan_page_links_to_the_letters_confirmation_not_a_one_click_button(client, org, deliverable):
    client.force_login(org.coordinator)
    page = client.get(reverse("plan_detail", args=[deliverable.task.plan_id])).content.decode()
    url = reverse("plan_reminder_letters", args=[deliverable.task.plan_id])
    assert f'href="{url}"' in page
    assert f'action="{url}"' not in page


@time_machine.travel(LATE_DAY, tick=False)
def test_the_letters_confirmation_counts_late_units_and_says_the_plan_has_no_number(client, org, deliverable):
    # given office A's report, due 31/01/2022, is late and the plan was issued without a number
    client.force_login(org.coordinator)
    # when Nội vụ opens the confirmation
    response = client.get(reverse("plan_reminder_letters", args=[deliverable.task.plan_id]))
    # then it says one letter for one late obligation, the date passed, the missing number
    page = response.content.decode()
    assert response.status_code == 200
    assert "Soạn 1 dự thảo công văn đôn đốc" in page and "về 1 nghĩa vụ" in page
    assert "31/01/2022" in page
    assert org.office_a.name in page
    assert "Kế hoạch chưa có số" in page
    # and nothing was started by looking
    assert not Job.objects.exists() and not GeneratedDocument.objects.exists()


@time_machine.travel(LATE_DAY, tick=False)
def test_confirming_the_letters_drafts_them(client, org, deliverable, django_capture_on_commit_callbacks):
    client.force_login(org.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plan_reminder_letters", args=[deliverable.task.plan_id]))
    assert GeneratedDocument.objects.filter(kind="DD").count() == 1


@time_machine.travel(LATE_DAY, tick=False)
def test_reminding_a_unit_asks_first_and_sends_only_when_confirmed(client, org, issued_plan, deliverable):
    client.force_login(org.coordinator)
    url = reverse("remind_unit", args=[issued_plan.pk])
    # when the officer opens the reminder for office A
    page = client.get(url, {"unit": org.office_a.pk}).content.decode()
    # then the page says what will be sent, with the late date, and nothing is sent yet
    assert "Nhắc Văn phòng HĐND và UBND huyện 1 nghĩa vụ chưa xong" in page
    assert "1 nghĩa vụ đã quá hạn" in page and "31/01/2022" in page
    assert "Kế hoạch chưa có số" in page
    assert not DeliverableTransition.objects.filter(name="remind").exists()
    # when they confirm
    response = client.post(url, {"unit": org.office_a.pk})
    # then the reminder is sent
    assert response.status_code == 302
    assert DeliverableTransition.objects.filter(deliverable=deliverable, name="remind").exists()


@time_machine.travel("2022-01-20 09:00 +07:00", tick=False)
def test_a_unit_with_nothing_late_is_told_so(client, org, issued_plan, deliverable):
    client.force_login(org.coordinator)
    page = client.get(reverse("remind_unit", args=[issued_plan.pk]), {"unit": org.office_a.pk}).content
    assert "Chưa nghĩa vụ nào quá hạn." in page.decode()


@time_machine.travel(LATE_DAY, tick=False)
def test_the_progress_overview_asks_before_reminding(client, org, issued_plan, deliverable):
    client.force_login(org.coordinator)
    page = client.get(reverse("progress_overview"), {"plan": issued_plan.pk}).content.decode()
    action = f'action="{reverse("remind_unit", args=[issued_plan.pk])}"'
    assert page.count(action) == 1
    assert '<form method="get" ' + action in page


def test_confirmation_pages_are_refused_to_units_and_other_provinces(client, org, issued_plan, deliverable):
    for user in (org.officer_a, org.viewer, org.other_coordinator):
        client.force_login(user)
        letters = client.get(reverse("plan_reminder_letters", args=[issued_plan.pk]))
        unit = client.get(reverse("remind_unit", args=[issued_plan.pk]), {"unit": org.office_a.pk})
        assert (letters.status_code, unit.status_code) == (403, 403), user
