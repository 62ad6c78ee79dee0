"""An issued plan's heading changes where no obligation depends on it, with a reason kept in its history;
its number and date come only from the outgoing register. Its legal bases, targets, sections and budget
lines are amended on the same screen: a section's tasks follow its new name, one with tasks stays."""

import datetime as dt

from django.urls import reverse

from plans.forms import PlanForm
from plans.models import BudgetLine, LegalBasis, Plan, Section, Target
from tasks.models import Deliverable, Task
from tests.factories import plan_rows_posted
from units.models import Unit


def _data(plan, **changes):
    data = {
        "place": plan.place,
        "title": plan.title,
        "issued_with": plan.issued_with,
        "purposes": plan.purposes,
        "requirements": plan.requirements,
        "parent": "",
        "signer_authority": plan.signer_authority,
        "signer_on_behalf_of": plan.signer_on_behalf_of,
        "signer_position": plan.signer_position,
        "signer_name": plan.signer_name,
        "recipients": plan.recipients,
        "budget_total_text": plan.budget_total_text,
        "reason": "Sửa tên người ký theo văn bản đã ký.",
        **plan_rows_posted(plan),
    }
    data.update(changes)
    return data


def test_the_signer_is_corrected_with_a_reason_recorded_in_history(client, org, issued_plan):
    # given an issued plan with its obligations
    client.force_login(org.coordinator)
    owed = list(Deliverable.objects.filter(task__plan=issued_plan).values_list("id", "due_date", "state"))
    # when Nội vụ corrects the signer's name
    response = client.post(
        reverse("plan_edit", args=[issued_plan.pk]), _data(issued_plan, signer_name="Lê Văn Bình")
    )
    # then the plan says the new name, the log has the amendment with the field and the reason
    assert response.status_code == 302
    plan = Plan.objects.get(pk=issued_plan.pk)
    assert plan.signer_name == "Lê Văn Bình" and plan.state == Plan.State.ISSUED
    amendment = plan.transitions.get(name="amend")
    assert "họ tên người ký" in amendment.comment.lower()
    assert "Sửa tên người ký theo văn bản đã ký." in amendment.comment
    assert amendment.actor == org.coordinator
    # and the edit history keeps the old value and who changed it
    latest = plan.history.order_by("-history_date", "-history_id").first()
    assert latest.signer_name == "Lê Văn Bình" and latest.history_user == org.coordinator
    assert plan.history.filter(signer_name=issued_plan.signer_name).exists()
    # and no obligation changed
    assert list(Deliverable.objects.filter(task__plan=plan).values_list("id", "due_date", "state")) == owed


def test_number_date_and_period_cannot_be_changed_here(client, org, issued_plan):
    client.force_login(org.coordinator)
    page = client.get(reverse("plan_edit", args=[issued_plan.pk])).content.decode()
    assert 'name="number"' not in page and 'name="date"' not in page and 'name="period_start"' not in page
    assert "chỉ được ghi khi vào sổ văn bản đi" in page
    # a number, date or period slipped into the request is ignored
    sneaky = _data(issued_plan, title="Tên mới", number="99", date="01/02/2022", period_start="01/06/2022")
    client.post(reverse("plan_edit", args=[issued_plan.pk]), sneaky)
    plan = Plan.objects.get(pk=issued_plan.pk)
    assert plan.title == "Tên mới"
    assert (plan.number, plan.date, plan.period_start) == (None, issued_plan.date, issued_plan.period_start)


def test_no_reason_or_no_change_is_refused_and_nothing_changes(client, org, issued_plan):
    client.force_login(org.coordinator)
    url = reverse("plan_edit", args=[issued_plan.pk])
    no_reason = client.post(url, _data(issued_plan, title="Khác", reason=""))
    unchanged = client.post(url, _data(issued_plan))
    assert no_reason.status_code == unchanged.status_code == 400
    assert "Cần ghi lý do điều chỉnh kế hoạch." in no_reason.content.decode()
    assert "không có gì thay đổi" in unchanged.content.decode()
    assert Plan.objects.get(pk=issued_plan.pk).title == issued_plan.title
    assert not issued_plan.transitions.filter(name="amend").exists()


def test_a_closed_plans_heading_is_not_amended(client, org, issued_plan):
    from tasks.services.lifecycle import plan_close

    plan_close(plan=issued_plan, actor=org.coordinator)
    client.force_login(org.coordinator)
    response = client.post(
        reverse("plan_edit", args=[issued_plan.pk]), _data(issued_plan, title="Khác"), follow=True
    )
    assert "phần mở đầu không sửa được" in response.content.decode()
    assert Plan.objects.get(pk=issued_plan.pk).title == issued_plan.title


def test_the_plan_page_offers_the_heading_amendment(client, org, issued_plan):
    client.force_login(org.coordinator)
    page = client.get(reverse("plan_detail", args=[issued_plan.pk])).content.decode()
    assert "Điều chỉnh: phần mở đầu" in page


def _withplan_rows_posted(plan):
    LegalBasis.objects.create(plan=plan, position=1, doc_type="Quyết định", number="01/QĐ-UBND")
    Target.objects.create(plan=plan, position=1, metric="Mức độ hài lòng", comparison="gt", value=83)
    BudgetLine.objects.create(plan=plan, position=1, content="In phiếu", unit_price=500, quantity=1000)
    section = Section.objects.create(plan=plan, position=1, label="I", title="Công tác chỉ đạo")
    plan.tasks.update(section=section)
    return section


def test_bases_targets_sections_and_budget_are_amended_with_the_reason(client, org, issued_plan):
    # given an issued plan with a basis, a target, a budget line and a section holding its task
    section = _withplan_rows_posted(issued_plan)
    task = issued_plan.tasks.get()
    client.force_login(org.coordinator)
    page = client.get(reverse("plan_edit", args=[issued_plan.pk])).content.decode()
    assert 'name="bases-0-number"' in page and 'name="budget-0-unit_price"' in page
    assert 'name="sections-0-title"' in page and 'name="targets-0-value"' in page
    owed = list(Deliverable.objects.filter(task__plan=issued_plan).values_list("id", "due_date", "state"))
    # when Nội vụ corrects the basis number, raises the target, renames the section, re-prices the line
    # and adds a second basis
    data = _data(
        issued_plan,
        reason="Sửa theo văn bản đã ký.",
        **{
            "bases-0-number": "02/QĐ-UBND",
            "targets-0-value": "85",
            "sections-0-label": "II",
            "sections-0-title": "Công tác kiểm tra",
            "budget-0-unit_price": "600",
            "bases-TOTAL_FORMS": 2,
            "bases-1-position": 2,
            "bases-1-doc_type": "Kế hoạch",
            "bases-1-number": "10/KH-UBND",
            "bases-1-date": "01/02/2026",
        },
    )
    response = client.post(reverse("plan_edit", args=[issued_plan.pk]), data)
    # then every row says the new value and the task follows its section's new name
    assert response.status_code == 302, response.content.decode()
    bases = list(issued_plan.legal_bases.values_list("number", "date"))
    assert bases == [("02/QĐ-UBND", None), ("10/KH-UBND", dt.date(2026, 2, 1))]
    assert issued_plan.targets.get().value == 85
    assert issued_plan.budget_lines.get().unit_price == 600
    task = Task.objects.get(pk=task.pk)
    assert task.section_id == section.pk and task.section.title == "Công tác kiểm tra"
    assert task.full_label.startswith("II.")
    # and the plan's log names what was amended and why; the old values stay in the rows' history
    amendment = issued_plan.transitions.get(name="amend")
    for part in ("căn cứ", "chỉ tiêu", "các mục của bảng nhiệm vụ", "kinh phí", "Sửa theo văn bản đã ký."):
        assert part in amendment.comment
    assert section.history.filter(title="Công tác chỉ đạo").exists()
    assert LegalBasis.history.filter(number="01/QĐ-UBND").exists()
    # and no obligation changed
    owed_now = Deliverable.objects.filter(task__plan=issued_plan).values_list("id", "due_date", "state")
    assert list(owed_now) == owed


def test_removing_a_section_that_has_tasks_is_refused_and_nothing_changes(client, org, issued_plan):
    section = _withplan_rows_posted(issued_plan)
    client.force_login(org.coordinator)
    data = _data(issued_plan, title="Tên khác", **{"sections-0-DELETE": "on", "budget-0-unit_price": "900"})
    response = client.post(reverse("plan_edit", args=[issued_plan.pk]), data)
    assert response.status_code == 400
    assert "Không bỏ được mục «I. Công tác chỉ đạo»: mục còn 1 nhiệm vụ" in response.content.decode()
    assert Section.objects.filter(pk=section.pk).exists()
    assert Plan.objects.get(pk=issued_plan.pk).title == issued_plan.title
    assert issued_plan.budget_lines.get().unit_price == 500
    assert not issued_plan.transitions.filter(name="amend").exists()


def test_an_empty_section_can_be_removed_by_amendment(client, org, issued_plan):
    _withplan_rows_posted(issued_plan)
    empty = Section.objects.create(plan=issued_plan, position=2, label="II", title="Dự phòng")
    client.force_login(org.coordinator)
    data = _data(issued_plan, **{"sections-1-DELETE": "on"})
    assert data["sections-1-id"] == empty.pk
    response = client.post(reverse("plan_edit", args=[issued_plan.pk]), data)
    assert response.status_code == 302
    assert list(issued_plan.sections.values_list("label", flat=True)) == ["I"]
    assert "các mục của bảng nhiệm vụ" in issued_plan.transitions.get(name="amend").comment


def test_two_sections_trading_numbers_is_refused_with_a_message(client, org, issued_plan):
    _withplan_rows_posted(issued_plan)
    Section.objects.create(plan=issued_plan, position=2, label="II", title="Dự phòng")
    client.force_login(org.coordinator)
    data = _data(issued_plan, **{"sections-0-label": "II", "sections-1-label": "I"})
    response = client.post(reverse("plan_edit", args=[issued_plan.pk]), data)
    assert response.status_code == 400
    assert "Số mục đã có trong kế hoạch" in response.content.decode()
    assert list(issued_plan.sections.values_list("label", flat=True)) == ["I", "II"]
    assert not issued_plan.transitions.filter(name="amend").exists()


def test_a_drafts_section_with_tasks_is_not_removed_either(client, org, draft_plan):
    section = _withplan_rows_posted(draft_plan)
    form = PlanForm(instance=draft_plan, issuers=Unit.objects.all(), parents=Plan.objects.none())
    data = {name: form[name].value() for name in form.fields}
    data = {
        k: v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else ("" if v is None else v)
        for k, v in data.items()
    }
    data |= plan_rows_posted(draft_plan) | {"sections-0-DELETE": "on", "title": "Tên khác"}
    client.force_login(org.coordinator)
    response = client.post(reverse("plan_edit", args=[draft_plan.pk]), data)
    assert response.status_code == 400
    assert "Không bỏ được mục «I. Công tác chỉ đạo»" in response.content.decode()
    assert Section.objects.filter(pk=section.pk).exists()
    assert Plan.objects.get(pk=draft_plan.pk).title == draft_plan.title
