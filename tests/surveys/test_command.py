"""survey_index command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_json_by_unit_for_a_quarter(campaign, submit, org):
    # given
    for general, timely in [(1, 1), (2, 3), (3, 3), (2, 1)]:
        submit({"1": general, "2": timely})
    # when
    out = StringIO()
    call_command("survey_index", survey=campaign.pk, period="2022-Q1", by="unit", json=True, stdout=out)
    # then
    data = json.loads(out.getvalue())
    (block,) = data["periods"]
    assert block["period"] == "2022-Q1"
    (group,) = block["groups"]
    assert group["unit"] == org.office_a.name
    assert group["overall"]["index"] == 62.5 and group["overall"]["n"] == 4
    assert group["overall"]["meets_target"] is False
    assert group["general"]["index"] == 75.0
    assert group["criteria"]["Thời hạn trả kết quả"]["index"] == 50.0


def test_text_output_by_criterion(campaign, submit):
    submit({"1": 1, "2": 1})
    out = StringIO()
    call_command("survey_index", survey=campaign.pk, stdout=out)
    assert "Quý I/2022" in out.getvalue() and "100.00 %" in out.getvalue()


def test_bad_arguments(campaign):
    with pytest.raises(CommandError):
        call_command("survey_index", survey=999999)
    with pytest.raises(CommandError):
        call_command("survey_index", survey=campaign.pk, period="2022-Q5")
