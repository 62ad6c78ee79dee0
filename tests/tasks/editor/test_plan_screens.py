"""A coordinator who is not staff writes a plan on screens: heading, rows, tasks, confirmations."""

import datetime as dt

from django.urls import reverse

from plans.models import Plan, PlanTransition
from tasks.models import Deliverable, Task


def _management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _plan_data(org, **overrides):
    data = {
        "issuer": org.district.pk,
        "doc_code": "KH-UBND",
        "place": "Cam Lâm",
        "date": "",
        "year": "2026",
        "period_start": "01/02/2026",
        "period_end": "31/12/2026",
        "report_frequency": "quarterly",
        "title": "Kế hoạch cải cách hành chính năm 2026",
        "signer_authority": "TM.",
        "signer_on_behalf_of": "ỦY BAN NHÂN DÂN",
        "signer_position": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn A",
        "recipients": "Sở Nội vụ;\nLưu: VT.",
        **_management("bases", 1),
        "bases-0-position": "0",
        "bases-0-doc_type": "Quyết định",
        "bases-0-number": "308/QĐ-UBND",
        "bases-0-date": "04/03/2015",
        **_management("targets"),
        **_management("sections", 1),
        "sections-0-position": "0",
        "sections-0-label": "I",
        "sections-0-title": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        **_management("budget", 1),
        "budget-0-position": "0",
        "budget-0-content": "In tài liệu",
        "budget-0-unit_price": "500000",
        "budget-0-quantity": "3",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_plan_with_bases_sections_and_budget(client, org):
    """01/02/2026 is read as 1 February; the plan is a draft with its rows and a history line."""
    client.force_login(org.coordinator)
    assert not org.coordinator.is_staff
    response = client.post(reverse("plan_create"), _plan_data(org))
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.objects.get(title="Kế hoạch cải cách hành chính năm 2026")
    assert plan.state == Plan.State.DRAFT
    assert plan.period_start == dt.date(2026, 2, 1)
    assert plan.legal_bases.get().date == dt.date(2015, 3, 4)
    assert plan.sections.get().label == "I"
    assert plan.budget_lines.get().amount == 1_500_000
    assert list(plan.transitions.values_list("name", flat=True)) == ["create"]


def test_a_bad_date_is_named_and_nothing_is_created(client, org):
    client.force_login(org.coordinator)
    response = client.post(reverse("plan_create"), _plan_data(org, period_start="31/02/2026"))
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_issuer_must_be_a_unit_the_coordinator_manages(client, org):
    client.force_login(org.coordinator)
    response = client.post(reverse("plan_create"), _plan_data(org, issuer=org.other_district.pk))
    assert response.status_code == 400
    assert not Plan.objects.exists()


def test_the_issuer_is_preselected_from_the_users_units(client, org):
    client.force_login(org.coordinator)
    page = client.get(reverse("plan_create")).content.decode()
    assert f'<option value="{org.district.pk}" selected>' in page


def test_an_issued_plans_heading_is_not_edited_without_a_reason(client, org, issued_plan):
    client.force_login(org.coordinator)
    response = client.post(reverse("plan_edit", args=[issued_plan.pk]), _plan_data(org, title="Khác"))
    assert response.status_code == 400
    assert "Cần ghi lý do điều chỉnh kế hoạch." in response.content.decode()
    assert Plan.objects.get(pk=issued_plan.pk).title == issued_plan.title


def test_amount_in_words_is_spelled_by_the_documents_speller(client, org):
    client.force_login(org.coordinator)
    response = client.get(reverse("amount_words"), {"amount": "1500000"})
    assert response.content.decode() == "Một triệu, năm trăm nghìn đồng"
    assert client.get(reverse("amount_words"), {"amount": "abc"}).status_code == 400


def test_the_deadline_box_shows_the_due_dates_at_once(client, org, draft_plan):
    client.force_login(org.coordinator)
    url = reverse("deadline_preview", args=[draft_plan.pk])
    quarterly = client.get(url, {"deadline_text": "Hàng quý"}).content.decode()
    assert all(d in quarterly for d in ("31/03/2022", "30/06/2022", "30/09/2022", "31/12/2022"))
    yearly = client.get(url, {"deadline_text": "trước ngày 15 tháng 11 hàng năm"}).content.decode()
    assert "14/11/2022" in yearly  # "trước ngày 15": due the day before
    unreadable = client.get(url, {"deadline_text": "khi có chỉ đạo"}).content.decode()
    assert "Chưa đọc được" in unreadable


def test_a_task_typed_with_only_the_deadline_box_gets_its_parts(client, org, draft_plan):
    client.force_login(org.coordinator)
    data = {
        "order_label": "2",
        "position": "0",
        "content": "Báo cáo tháng",
        "deadline_text": "Hàng tháng",
        "lead_units": [org.office_a.pk],
        "deadline-TOTAL_FORMS": "1",
        "deadline-INITIAL_FORMS": "0",
        "deadline-MIN_NUM_FORMS": "1",
        "deadline-MAX_NUM_FORMS": "1000",
    }
    response = client.post(reverse("task_create", args=[draft_plan.pk]), data)
    assert response.status_code == 302
    task = Task.objects.get(content="Báo cáo tháng")
    assert [part.frequency for part in task.deadline_parts()] == ["monthly"]
    contents = list(draft_plan.tasks.order_by("position").values_list("content", flat=True))
    assert contents == ["Báo cáo tháng", "Xây dựng kế hoạch khảo sát"]  # inserted at the top


def test_rows_pasted_from_excel_become_tasks_with_units_and_sections(client, org, draft_plan):
    client.force_login(org.coordinator)
    pasted = (
        "II\tTUYÊN TRUYỀN\n"
        "1\tĐăng tin cải cách hành chính\tPhòng Văn hóa và Thông tin\t\tHàng quý\tTin bài\n"
        "2\tTập huấn công chức\tPhòng Nội vụ\tVăn phòng HĐND và UBND huyện\tQuý II/2022\t"
    )
    response = client.post(reverse("tasks_paste", args=[draft_plan.pk]), {"rows": pasted})
    assert response.status_code == 302
    added = list(draft_plan.tasks.filter(section__label="II").order_by("position"))
    assert [t.content for t in added] == ["Đăng tin cải cách hành chính", "Tập huấn công chức"]
    assert [a.unit for a in added[1].assignments.order_by("role")] == [org.office_a, org.noivu]
    assert PlanTransition.objects.filter(plan=draft_plan, name="edit").exists()


def test_moving_a_task_up_swaps_it_with_the_row_above(client, org, draft_plan):
    client.force_login(org.coordinator)
    second = Task.objects.create(plan=draft_plan, position=1, order_label="2", content="Thứ hai")
    client.post(reverse("task_move", args=[draft_plan.pk, second.pk, "len"]))
    assert draft_plan.tasks.order_by("position").first() == second


def test_the_issue_confirmation_says_what_will_happen(client, org, draft_plan):
    """How many obligations, which due dates are already past, that the plan has no number."""
    client.force_login(org.coordinator)
    page = client.get(reverse("plan_transition", args=[draft_plan.pk, "issue"])).content.decode()
    assert "Tạo 1 nghĩa vụ báo cáo cho 1 đơn vị chủ trì." in page
    assert "31/01/2022" in page  # January 2022 is long past
    assert "chưa có số" in page
    assert not Deliverable.objects.exists()


def test_closing_with_a_waiver_needs_a_reason(client, org, issued_plan, deliverable):
    client.force_login(org.coordinator)
    url = reverse("plan_transition", args=[issued_plan.pk, "close"])
    assert "Còn 1 nghĩa vụ chưa hoàn thành." in client.get(url).content.decode()
    refused = client.post(url, {"open_obligations": "waive", "comment": ""})
    assert refused.status_code == 400
    assert Plan.objects.get(pk=issued_plan.pk).state == Plan.State.ISSUED
    client.post(url, {"open_obligations": "waive", "comment": "Hết năm."})
    assert Deliverable.objects.get(pk=deliverable.pk).state == Deliverable.State.WAIVED
