"""The "Nội dung văn bản" screen: a clerk writes the plan's own sections, the plan prints them."""

from django.urls import reverse

from documents.builtin import builtin_path
from documents.kinds.plan import plan_document_context
from documents.models import Kind
from documents.rendering import docx_text, render_docx
from plans.models import Plan

MARKUP = """# II. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN
*(Theo Phụ lục đính kèm)*
# III. TỔ CHỨC THỰC HIỆN
- Phòng Nội vụ **theo dõi, đôn đốc** việc thực hiện Kế hoạch này./."""


def _post(client, plan, **data):
    return client.post(reverse("plan_text", args=[plan.pk]), {"tasks_in_appendix": "on", **data})


def test_a_draft_takes_the_text_and_the_plan_prints_it(client, org, draft_plan):
    # given
    client.force_login(org.coordinator)
    # when
    response = _post(client, draft_plan, markup=MARKUP)
    # then
    assert response.status_code == 302
    plan = Plan.objects.get(pk=draft_plan.pk)
    assert [b["type"] for b in plan.text_blocks] == ["heading", "paragraph", "heading", "bullet"]
    assert plan.transitions.filter(name="edit", comment="Sửa nội dung văn bản.").exists()
    text = docx_text(render_docx(builtin_path(Kind.PLAN).read_bytes(), plan_document_context(plan)))
    assert "II. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN" in text
    assert "- Phòng Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch này./." in text
    assert not any(line.startswith("Thủ trưởng các cơ quan, đơn vị được giao chủ trì") for line in text)
    page = client.get(reverse("plan_text", args=[plan.pk])).content.decode()
    assert "<strong>theo dõi, đôn đốc</strong>" in page  # what will print
    assert "<ins>- Phòng Nội vụ **theo dõi, đôn đốc** việc thực hiện Kế hoạch này./.</ins>" in page  # history


def test_an_unclosed_mark_is_refused_and_nothing_changes(client, org, draft_plan):
    client.force_login(org.coordinator)
    response = _post(client, draft_plan, markup="# II. NỘI DUNG\n**chưa đóng")
    assert response.status_code == 400
    assert "Dòng 2: dấu «**» mở mà chưa đóng." in response.content.decode()
    assert Plan.objects.get(pk=draft_plan.pk).text_blocks == []


def test_an_issued_plan_changes_only_with_a_reason_recorded(client, org, issued_plan):
    client.force_login(org.coordinator)
    refused = _post(client, issued_plan, markup=MARKUP)
    assert refused.status_code == 400
    assert "Cần ghi lý do điều chỉnh kế hoạch." in refused.content.decode()
    assert Plan.objects.get(pk=issued_plan.pk).text_blocks == []

    done = _post(client, issued_plan, markup=MARKUP, reason="Theo chỉ đạo của Chủ tịch UBND huyện.")
    assert done.status_code == 302
    amendment = issued_plan.transitions.get(name="amend")
    assert amendment.comment == "Điều chỉnh nội dung văn bản: Theo chỉ đạo của Chủ tịch UBND huyện."
    assert amendment.actor == org.coordinator
    assert len(Plan.objects.get(pk=issued_plan.pk).text_blocks) == 4


def test_the_task_appendix_can_be_left_out_and_renamed(client, org, draft_plan):
    client.force_login(org.coordinator)
    client.post(reverse("plan_text", args=[draft_plan.pk]), {"markup": MARKUP})
    plan = Plan.objects.get(pk=draft_plan.pk)
    text = docx_text(render_docx(builtin_path(Kind.PLAN).read_bytes(), plan_document_context(plan)))
    assert plan.tasks_in_appendix is False and "PHỤ LỤC" not in text
    _post(client, plan, markup=MARKUP, task_appendix_title="Các nhiệm vụ năm 2022")
    plan = Plan.objects.get(pk=draft_plan.pk)
    text = docx_text(render_docx(builtin_path(Kind.PLAN).read_bytes(), plan_document_context(plan)))
    assert text[text.index("PHỤ LỤC") + 1] == "CÁC NHIỆM VỤ NĂM 2022"
