"""Before a draft takes a number from the outgoing register, a page says which number and date, and that
a plan without a number will take it; nothing is registered until it is confirmed."""

import datetime as dt

import time_machine
from django.urls import reverse

from documents import services
from documents.models import GeneratedDocument, Kind
from plans.models import Plan


@time_machine.travel("2022-01-20 09:00 +07:00", tick=False)
def test_registering_a_plan_asks_first_and_says_the_plan_takes_the_number(client, org, issued_plan):
    # given the issued plan has no number, and its Kế hoạch document is a draft
    document = services.document_create_for_plan(
        kind=Kind.PLAN, plan=issued_plan, actor=org.clerk, today=dt.date(2022, 1, 20)
    )
    client.force_login(org.clerk)
    detail = client.get(reverse("document_detail", args=[document.pk])).content.decode()
    url = reverse("document_register", args=[document.pk])
    assert f'href="{url}"' in detail and f'action="{url}"' not in detail
    # when the clerk opens the confirmation
    page = client.get(url).content.decode()
    # then it names the number and date to come and the plan that takes them, and nothing is registered
    assert "dự kiến số 1" in page and "20/01/2022" in page
    assert "Kế hoạch chưa có số" in page
    assert GeneratedDocument.objects.get(pk=document.pk).state == "draft"
    # when they confirm, the document and the plan have the number
    client.post(url)
    assert GeneratedDocument.objects.get(pk=document.pk).number == 1
    assert Plan.objects.get(pk=issued_plan.pk).number == 1


@time_machine.travel("2022-01-20 09:00 +07:00", tick=False)
def test_a_report_takes_the_next_number_after_those_given(client, org, issued_plan):
    client.force_login(org.clerk)
    first, second = (
        services.document_create_for_plan(
            kind=Kind.REPORT, plan=issued_plan, actor=org.clerk, today=dt.date(2022, 1, 20)
        )
        for _ in range(2)
    )
    client.post(reverse("document_register", args=[first.pk]))
    page = client.get(reverse("document_register", args=[second.pk])).content.decode()
    assert "dự kiến số 2" in page and "Kế hoạch chưa có số" not in page
