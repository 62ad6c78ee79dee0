"""A plan's text travels in its JSON: show_plan --json and the API carry the intro, purposes,
requirements and the plan's own sections, and the same JSON creates a plan with the same text."""

import io
import json

from django.core.management import call_command
from django.urls import reverse

from plans.models import Plan
from tasks.services.lifecycle import plan_create_from_data

BLOCKS = [
    {"type": "heading", "level": 1, "text": "II. NỘI DUNG THỰC HIỆN"},
    {
        "type": "paragraph",
        "runs": [
            {"text": "Các phòng ", "bold": False, "italic": False},
            {"text": "chủ động", "bold": True, "italic": False},
            {"text": " triển khai.", "bold": False, "italic": True},
        ],
    },
    {"type": "bullet", "level": 1, "runs": [{"text": "Niêm yết công khai.", "bold": False, "italic": False}]},
]
TEXT = {
    "intro": "UBND huyện Cam Lâm xây dựng kế hoạch năm 2022 như sau:",
    "purposes": "- Nâng cao chất lượng phục vụ.\n- Đạt trên 83%.",
    "requirements": "- Bám sát kế hoạch của tỉnh.",
}


def _with_text(plan: Plan) -> Plan:
    from plans.text_blocks import blocks_clean

    Plan.objects.filter(pk=plan.pk).update(**TEXT, text_blocks=blocks_clean(BLOCKS))
    return Plan.objects.get(pk=plan.pk)


def _show_plan_json(plan: Plan) -> dict:
    out = io.StringIO()
    call_command("show_plan", str(plan.pk), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_show_plan_json_carries_the_plan_text(draft_plan):
    plan = _with_text(draft_plan)
    data = _show_plan_json(plan)
    assert {key: data[key] for key in TEXT} == TEXT
    assert data["text_blocks"] == plan.text_blocks
    assert data["text_blocks"][1]["runs"][1] == {"text": "chủ động", "bold": True, "italic": False}


def test_the_api_plan_detail_carries_the_plan_text(draft_plan, client_for):
    plan = _with_text(draft_plan)
    response = client_for("coordinator").get(reverse("api_plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body["intro"] == TEXT["intro"] and body["requirements"] == TEXT["requirements"]
    assert body["text_blocks"] == plan.text_blocks


def test_the_json_creates_a_plan_with_the_same_text(draft_plan):
    plan = _with_text(draft_plan)
    data = _show_plan_json(plan)
    data["number"] = None  # a second copy of the same plan, not yet numbered
    copy = plan_create_from_data(json.loads(json.dumps(data)))
    assert copy.pk != plan.pk
    for field in (*TEXT, "text_blocks", "tasks_in_appendix", "doc_code", "report_frequency"):
        assert getattr(copy, field) == getattr(plan, field), field
    assert copy.tasks.get().content == plan.tasks.get().content
