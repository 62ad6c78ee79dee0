"""A typed date outside 2000–2100 is refused with a Vietnamese message naming it, and nothing changes:
on the extension screen, in the API, in the service, and on the plan and campaign forms."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from core.errors import ApplicationError
from plans.forms import PlanForm
from plans.models import Plan
from surveys.wizard import CampaignWizardForm
from tasks.models import ExtensionRequest
from tasks.services.extensions import extension_approve, extension_request
from units.models import Unit

ABSURD = ["31/12/9999", "01/01/0202", "15/03/1999", "01/01/2101"]
MESSAGE = "năm phải từ 2000 đến 2100"


@pytest.mark.parametrize("date", ABSURD)
def test_extension_screen_refuses_an_absurd_year(client, org, deliverable, date):
    client.force_login(org.officer_a)
    response = client.post(
        reverse("deliverable_action", args=[deliverable.pk, "extend"]),
        {"requested_due_date": date, "reason": "Chờ số liệu"},
    )
    assert response.status_code == 400
    assert f"Ngày {date} không hợp lệ: {MESSAGE}." in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_extension_screen_still_takes_a_date_of_this_century(client, org, deliverable):
    client.force_login(org.officer_a)
    client.post(
        reverse("deliverable_action", args=[deliverable.pk, "extend"]),
        {"requested_due_date": "28/02/2022", "reason": "Chờ số liệu"},
    )
    assert ExtensionRequest.objects.get().requested_due_date == dt.date(2022, 2, 28)


def test_api_refuses_an_extension_to_9999(org, deliverable):
    api = APIClient()
    api.force_login(org.officer_a)
    response = api.post(
        reverse("api_deliverable_extension", args=[deliverable.pk]),
        {"requested_due_date": "9999-12-31", "reason": "Chờ số liệu."},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        f"Ngày đề nghị gia hạn: Ngày 31/12/9999 không hợp lệ: {MESSAGE}."
    )
    assert not ExtensionRequest.objects.exists()


def test_service_refuses_an_extension_to_9999(org, deliverable):
    with pytest.raises(ApplicationError, match=MESSAGE):
        extension_request(
            deliverable=deliverable, actor=org.officer_a, requested_due_date=dt.date(9999, 12, 31), reason="x"
        )


def test_service_refuses_to_approve_another_date_in_9999(org, deliverable):
    request = extension_request(
        deliverable=deliverable, actor=org.officer_a, requested_due_date=dt.date(2022, 2, 28), reason="x"
    )
    with pytest.raises(ApplicationError, match=MESSAGE):
        extension_approve(
            request=request, actor=org.coordinator, comment="Lâu hơn", due_date=dt.date(9999, 1, 1)
        )
    deliverable.refresh_from_db()
    assert deliverable.due_date == dt.date(2022, 1, 31)


@pytest.mark.parametrize("field", ["period_start", "period_end", "date"])
def test_plan_form_refuses_an_absurd_year_on_the_field(draft_plan, field):
    choices = {"issuers": Unit.objects.all(), "parents": Plan.objects.none()}
    form = PlanForm(instance=draft_plan, **choices)
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data |= {"period_start": "01/01/2022", "period_end": "31/12/2022", "date": "15/01/2022"}
    data[field] = "31/12/9999"
    bound = PlanForm(data, instance=draft_plan, **choices)
    assert not bound.is_valid()
    assert f"Ngày 31/12/9999 không hợp lệ: {MESSAGE}." in bound.errors[field]


@pytest.mark.parametrize("field", ["period_start", "period_end"])
def test_campaign_wizard_refuses_an_absurd_year_on_the_field(db, field):
    form = CampaignWizardForm({field: "01/01/9999"}, plans=Plan.objects.none(), units=Unit.objects.none())
    form.is_valid()
    assert f"Ngày 01/01/9999 không hợp lệ: {MESSAGE}." in form.errors[field]
