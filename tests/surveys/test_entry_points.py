"""Every way a questionnaire arrives refuses the same bad input with the same message, storing nothing.

One table of bad inputs, sent through the staff form, the public form, the .csv import
and the API; an entry point that cannot express an input (the public form has no date)
is left out of that row.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from surveys.models import Alert, Answer, CampaignUnit, Question, Response
from surveys.resources import responses_import
from units.services import api_token_create

HEADER = "Mã phiếu,Mã đơn vị,Mã dịch vụ,Đối tượng,Hình thức,Ngày,Câu 1,Câu 2,Câu 3"
GOOD = {"unit": None, "day": dt.date(2022, 3, 1), "answers": {"1": "1", "2": "1"}, "respondent": ""}

CASES = [
    # (name, change to a good questionnaire, expected message, entry points)
    (
        "level out of range",
        {"answers": {"1": "9", "2": "1"}},
        "Câu 1: giá trị “9” không phải là một mức trả lời hợp lệ.",
        {"staff", "public", "import", "api"},
    ),
    (
        "unknown respondent",
        {"respondent": "bogus"},
        "Đối tượng “bogus” không hợp lệ.",
        {"staff", "public", "import", "api"},
    ),
    (
        "date outside the campaign",
        {"day": dt.date(2099, 1, 1)},
        "Ngày 01/01/2099 nằm ngoài thời gian khảo sát (01/01/2022 – 31/12/2022).",
        {"staff", "import", "api"},
    ),
    ("no answer", {"answers": {}}, "Phiếu chưa có câu trả lời nào.", {"staff", "public", "import", "api"}),
    (
        "external id too long",
        {"external_id": "X" * 90},
        "Mã phiếu dài 90 ký tự, quá 80 ký tự cho phép.",
        {"import", "api"},
    ),
    (
        "unknown channel",
        {"channel": "bo-cau"},
        "Hình thức “bo-cau” không hợp lệ.",
        {"staff", "import", "api"},
    ),
    (
        "unit outside the campaign",
        {"unit": "other_office"},
        "Đơn vị “{unit}” không thuộc phạm vi đợt khảo sát.",
        {"import", "api"},
    ),
]


def _questionnaire(campaign, org, change):
    data = {**GOOD, "external_id": "", "channel": "", **change}
    data["unit"] = getattr(org, data["unit"] or "office_a")
    return data


def _form_fields(campaign, data):
    questions = {q.code: q.pk for q in Question.objects.filter(questionnaire=campaign.questionnaire)}
    fields = {f"q_{questions[code]}": value for code, value in data["answers"].items()}
    fields["respondent_type"] = data["respondent"]
    return fields


def through_staff(campaign, org, data) -> str:
    client = Client()
    client.force_login(org.coordinator)
    fields = _form_fields(campaign, data) | {
        "unit": data["unit"].pk,
        "channel": data["channel"] or "paper",
        "submitted_on": f"{data['day']:%d/%m/%Y}",
    }
    response = client.post(reverse("survey_entry", args=[campaign.pk]), fields)
    assert response.status_code == 200
    return response.content.decode()


def through_public(campaign, org, data) -> str:
    import time_machine
    from django.utils import timezone

    token = CampaignUnit.objects.get(campaign=campaign, unit=org.office_a).public_token
    moment = timezone.datetime(2022, 3, 1, 9, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(moment, tick=False):
        response = Client().post(reverse("survey_public_form", args=[token]), _form_fields(campaign, data))
    assert response.status_code == 400
    return response.content.decode()


def through_import(campaign, org, data) -> str:
    answers = data["answers"]
    row = [
        data["external_id"],
        data["unit"].code,
        "",
        data["respondent"],
        data["channel"],
        f"{data['day']:%d/%m/%Y}",
        answers.get("1", ""),
        answers.get("2", ""),
        "",
    ]
    content = f"{HEADER}\n{','.join(row)}\n".encode("utf-8-sig")
    created, errors = responses_import(campaign=campaign, data=content, name="phieu.csv")
    assert created == 0
    return "\n".join(errors)


def through_api(campaign, org, data) -> str:
    client = APIClient()
    client.force_login(org.coordinator)
    item = {
        "unit": data["unit"].code,
        "submitted_at": f"{data['day']:%Y-%m-%d}T09:00:00+07:00",
        "answers": data["answers"],
        "respondent_type": data["respondent"],
    }
    if data["external_id"]:
        item["external_id"] = data["external_id"]
    if data["channel"]:
        item["channel"] = data["channel"]
    response = client.post(f"/api/v1/surveys/{campaign.pk}/responses/", {"responses": [item]}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    return "\n".join([error["message"], *error["details"].get("problems", [])])


ENTRY_POINTS = {
    "staff": through_staff,
    "public": through_public,
    "import": through_import,
    "api": through_api,
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize(("name", "change", "message", "entries"), CASES, ids=[c[0] for c in CASES])
def test_every_entry_point_refuses_the_same_bad_input(campaign, org, entry, name, change, message, entries):
    if entry not in entries:
        pytest.skip(f"{entry} cannot express: {name}")
    # given a questionnaire that is good but for one thing
    data = _questionnaire(campaign, org, change)
    # when it is sent through this entry point
    said = ENTRY_POINTS[entry](campaign, org, data)
    # then it is refused with the service's message and nothing is stored
    assert message.format(unit=data["unit"]) in said
    assert not Response.objects.exists() and not Answer.objects.exists() and not Alert.objects.exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_the_good_questionnaire_is_stored_by_every_entry_point(campaign, org, entry):
    """The table's baseline is accepted everywhere, so each refusal above is due to its one change."""
    data = _questionnaire(campaign, org, {})
    if entry == "staff":
        client = Client()
        client.force_login(org.coordinator)
        fields = _form_fields(campaign, data) | {"unit": org.office_a.pk, "channel": "paper"}
        fields["submitted_on"] = "01/03/2022"
        assert client.post(reverse("survey_entry", args=[campaign.pk]), fields).status_code == 302
    elif entry == "public":
        import time_machine
        from django.utils import timezone

        token = CampaignUnit.objects.get(campaign=campaign, unit=org.office_a).public_token
        with time_machine.travel(timezone.datetime(2022, 3, 1, 9, tzinfo=timezone.get_current_timezone())):
            url = reverse("survey_public_form", args=[token])
            assert Client().post(url, _form_fields(campaign, data)).status_code == 302
    elif entry == "import":
        row = f",{org.office_a.code},,,,01/03/2022,1,1,"
        assert responses_import(campaign=campaign, data=f"{HEADER}\n{row}\n".encode(), name="p.csv") == (
            1,
            [],
        )
    else:
        client = APIClient()
        client.force_login(org.coordinator)
        item = {
            "unit": org.office_a.code,
            "submitted_at": "2022-03-01T09:00:00+07:00",
            "answers": data["answers"],
        }
        response = client.post(
            f"/api/v1/surveys/{campaign.pk}/responses/", {"responses": [item]}, format="json"
        )
        assert response.status_code == 200
    assert Response.objects.count() == 1


def test_a_token_posts_the_bogus_2099_response_and_is_refused(campaign, org):
    """The bug of issue 11: a dated-2099 'bogus' respondent used to be stored with HTTP 200."""
    _, key = api_token_create(unit=org.office_a, name="Một cửa", scopes=["survey_responses"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    item = {
        "external_id": "Y" * 95,
        "submitted_at": "2099-01-01T09:00:00+07:00",
        "respondent_type": "bogus",
        "answers": {"1": 1},
    }
    response = client.post(f"/api/v1/surveys/{campaign.pk}/responses/", {"responses": [item]}, format="json")
    assert response.status_code == 400
    problems = "\n".join(response.json()["error"]["details"]["problems"])
    assert "01/01/2099" in problems and "bogus" in problems and "95 ký tự" in problems
    assert not Response.objects.exists()
