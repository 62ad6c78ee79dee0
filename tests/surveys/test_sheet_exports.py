"""Survey workbooks give back what was typed as text: no live formula, no broken file."""

import pytest
from django.urls import reverse

from tests.core.test_sheet_exports import PAYLOADS, assert_text_cell, workbook_cells


@pytest.mark.parametrize("payload", [*PAYLOADS, "Phòng\x0bA"])
def test_survey_result_workbook_keeps_unit_names_as_text(client, campaign, submit, org, payload):
    # given a unit in the campaign, with answers, whose name starts like a formula
    submit({"1": 1})
    type(org.office_a).objects.filter(pk=org.office_a.pk).update(short_name=payload, name=payload)
    client.force_login(org.coordinator)
    response = client.get(reverse("survey_export", args=[campaign.pk]))
    assert response.status_code == 200
    assert_text_cell(response.content, payload.replace("\x0b", ""))


def test_survey_import_template_keeps_question_text_as_text(client, campaign, org):
    question = campaign.questionnaire.questions.order_by("position").first()
    type(question).objects.filter(pk=question.pk).update(text="=cmd|' /C calc'!A0\x0b")
    client.force_login(org.coordinator)
    response = client.get(reverse("survey_import_template", args=[campaign.pk]))
    assert response.status_code == 200
    cells = workbook_cells(response.content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert any(str(c.value).startswith("=cmd|' /C calc'!A0 — ") for c in cells)
