"""The survey operator (not staff) sets a campaign up on a screen, seeing the quotas before saving."""

import datetime as dt

import pytest
from django.urls import reverse

from surveys.models import Campaign, TransactionCount
from surveys.quotas import quota_progress
from tests.conftest import member
from units.models import Membership


@pytest.fixture
def operator(org):
    return member(org.district, Membership.Role.SURVEYOR, "khaosatvien")


def _fields(org, draft_plan, **extra):
    return {
        "title": "Khảo sát Bộ phận một cửa 2026",
        "plan": draft_plan.pk,
        "questionnaire": "builtin:vinh-my-2021",
        "units": [org.office_a.pk, org.office_b.pk],
        "services": "KS | Cấp Giấy khai sinh",
        "period_start": "01/02/2026",
        "period_end": "31/12/2026",
        "frequency": "quarterly",
        "design": "threshold",
        "threshold_table": "100:100, 1000:200, 5000:500",
        "target_percent": "85",
        "methods": ["paper", "online"],
        "counts": f"{org.office_a.code} | 850\n{org.office_b.code} | 80",
        **extra,
    }


def test_an_operator_previews_the_quotas_then_creates_the_campaign(client, org, draft_plan, operator):
    # given a survey operator who is neither staff nor superuser
    assert not operator.is_staff and not operator.is_superuser
    client.force_login(operator)
    url = reverse("survey_create")
    assert client.get(url).status_code == 200
    # when they preview a threshold design
    preview = client.post(url, _fields(org, draft_plan, preview="1"))
    # then the quota table shows (850 → 100, 80 → all 80) and nothing is saved yet
    html = preview.content.decode()
    assert (
        preview.status_code == 200
        and "Tổng" in html
        and ">180<" in html.replace("</strong>", "<").replace("<strong>", ">")
    )
    assert not Campaign.objects.exists()
    # when they save
    saved = client.post(url, _fields(org, draft_plan, save="1"))
    campaign = Campaign.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse("survey_detail", args=[campaign.pk])
    # then the campaign has its scope, period read day-first, counts and quotas
    assert campaign.period_start == dt.date(2026, 2, 1)
    assert set(campaign.units.all()) == {org.office_a, org.office_b}
    assert TransactionCount.objects.filter(campaign=campaign).count() == 2
    required = {
        row.unit_id: row.required for row in quota_progress(campaign=campaign, today=dt.date(2026, 3, 1))
    }
    assert required == {org.office_a.pk: 100, org.office_b.pk: 80}
    assert campaign.methods == ["paper", "online"] and campaign.services.get().code == "KS"
    # and the QR sheet prints one code per unit with its name
    sheet = client.get(reverse("survey_qr", args=[campaign.pk])).content.decode()
    assert sheet.count("<svg") == 2 and org.office_a.name in sheet


def test_a_copy_of_the_questionnaire_keeps_its_criteria(client, org, draft_plan, operator):
    client.force_login(operator)
    client.post(reverse("survey_create"), _fields(org, draft_plan, save="1", copy_questionnaire="on"))
    campaign = Campaign.objects.get()
    assert not campaign.questionnaire.is_builtin
    assert campaign.questionnaire.criteria.count() >= 1 and campaign.questionnaire.questions.count() >= 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"period_start": "31/12/2026", "period_end": "01/01/2026"}, "Ngày kết thúc phải sau ngày bắt đầu."),
        ({"threshold_table": "nhiều"}, "Bảng ngưỡng cần dạng"),
        ({"counts": "KHONG-CO | 10"}, "Mã đơn vị “KHONG-CO” không nằm trong các đơn vị đã chọn."),
        ({"design": "percent"}, "Cách tính cỡ mẫu này cần: tỷ lệ phần trăm."),
        ({"services": "chỉ có tên"}, "cần dạng “mã | tên”"),
        ({"services": "KS | Khai sinh\nKS | Kết hôn"}, "Dòng 2: mã “KS” đã có ở dòng 1"),
        ({"period_end": "31/12/9999"}, "Ngày 31/12/9999 không hợp lệ: năm phải từ 2000 đến 2100."),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(client, org, draft_plan, operator, change, message):
    client.force_login(operator)
    response = client.post(reverse("survey_create"), _fields(org, draft_plan, save="1", **change))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("user", ["officer_a", "head_a", "viewer", "clerk"])
def test_people_who_do_not_run_surveys_cannot_open_the_wizard(client, org, user):
    client.force_login(getattr(org, user))
    assert client.get(reverse("survey_create")).status_code == 403


def test_another_province_cannot_use_this_plan_or_its_units(client, org, draft_plan):
    client.force_login(org.other_coordinator)
    response = client.post(reverse("survey_create"), _fields(org, draft_plan, save="1"))
    assert response.status_code == 200 and not Campaign.objects.exists()
    assert client.get(reverse("survey_create")).status_code == 200  # their own units and plans only
