"""Every edit leaves history (who, when, which fields, old and new), shown as "Lịch sử thay đổi"."""

import datetime as dt

import pytest
from django.urls import reverse

from tasks.models import Task, TaskAssignment, TaskDeadline
from tasks.selectors import plan_edit_history
from tasks.services.lifecycle import plan_create_from_data, plan_register_number
from tests.factories import TaskFactory, add_unit
from units.models import Membership, Unit


def _task_post(org, **overrides):
    data = {
        "order_label": "1",
        "position": "0",
        "content": "Xây dựng kế hoạch khảo sát năm 2022",
        "responsibility_text": "",
        "deadline_text": "Tháng 02/2022",
        "lead_units": [org.office_b.pk],
        "coordinating_units": [],
        "deadline-TOTAL_FORMS": "1",
        "deadline-INITIAL_FORMS": "0",
        "deadline-MIN_NUM_FORMS": "1",
        "deadline-MAX_NUM_FORMS": "1000",
        "deadline-0-kind": "month",
        "deadline-0-year": "2022",
        "deadline-0-month": "2",
    }
    data.update(overrides)
    return data


def _history_page(client, plan, page=1):
    return client.get(reverse("plan_detail", args=[plan.pk]), {"lich-su": page}).content.decode()


def test_editing_a_task_shows_who_changed_which_field_from_what_to_what(client, org, draft_plan):
    # given
    task = draft_plan.tasks.get()
    client.force_login(org.coordinator)
    # when: the lead unit passes from office A to office B and the deadline text changes
    response = client.post(reverse("task_edit", args=[draft_plan.pk, task.pk]), _task_post(org))
    assert response.status_code == 302
    # then
    entries = plan_edit_history(draft_plan).entries
    task_change = next(e for e in entries if e.kind == "Nhiệm vụ" and e.action == "Sửa")
    assert task_change.who == org.coordinator
    changes = {c.label: (c.old, c.new) for c in task_change.changes}
    assert changes["Thời hạn (nguyên văn)"] == ("Tháng 01/2022", "Tháng 02/2022")
    assert changes["Nội dung công việc"] == (
        "Xây dựng kế hoạch khảo sát",
        "Xây dựng kế hoạch khảo sát năm 2022",
    )
    removed = {e.subject for e in entries if e.kind == "Đơn vị thực hiện" and e.action == "Xóa"}
    assert any(s.startswith("Văn phòng HĐND và UBND huyện (Chủ trì)") for s in removed)
    added = {e.subject for e in entries if e.kind == "Đơn vị thực hiện" and e.action == "Tạo mới"}
    assert any(s.startswith("Phòng Văn hóa và Thông tin (Chủ trì)") for s in added)
    page = _history_page(client, draft_plan)
    assert "Lịch sử thay đổi" in page
    assert "<del>Tháng 01/2022</del> → <ins>Tháng 02/2022</ins>" in page


def test_the_plan_page_links_to_its_history_and_only_coordinators_see_it(client, org, issued_plan):
    client.force_login(org.coordinator)
    page = client.get(reverse("plan_detail", args=[issued_plan.pk])).content.decode()
    assert "Lịch sử thay đổi" in page and "?lich-su=1" in page
    client.force_login(org.viewer)
    assert "Lịch sử thay đổi" not in _history_page(client, issued_plan)


def test_a_deleted_task_and_its_deadline_stay_in_the_history(org, draft_plan):
    task = draft_plan.tasks.get()
    content = task.content
    task.delete()
    entries = plan_edit_history(draft_plan).entries
    deleted = {(e.kind, e.subject) for e in entries if e.action == "Xóa"}
    assert ("Nhiệm vụ", content) in deleted
    assert any(kind == "Thời hạn" for kind, _ in deleted)


def test_a_plan_created_in_bulk_from_an_import_records_every_row(org):
    # given: the bulk path of imports (one insert per table)
    data = {
        "issuer": org.district.code,
        "place": "Cam Lâm",
        "year": 2022,
        "title": "Kế hoạch cải cách hành chính năm 2022",
        "period_start": "2022-01-01",
        "period_end": "2022-12-31",
        "legal_bases": [{"summary": "Quyết định 1"}],
        "targets": [{"metric": "Mức độ hài lòng", "comparison": ">=", "value": 83}],
        "budget_lines": [{"content": "In tài liệu", "unit_price": 1234567, "quantity": 2}],
        "tasks": [
            {
                "content": f"Nhiệm vụ {i}",
                "lead_units": [org.office_a.code],
                "deadline": [{"kind": "quarter", "year": 2022, "quarters": [2]}],
            }
            for i in range(3)
        ],
    }
    # when
    plan = plan_create_from_data(data)
    # then
    assert Task.history.filter(plan_id=plan.id, history_type="+").count() == 3
    assert TaskAssignment.history.filter(task__plan=plan, history_type="+").count() == 3
    assert TaskDeadline.history.filter(task__plan=plan, history_type="+").count() == 3
    budget = next(e for e in plan_edit_history(plan).entries if e.kind == "Dòng kinh phí")
    assert ("Đơn giá (đồng)", "1.234.567") in {(c.label, c.new) for c in budget.changes}


def test_registering_the_number_is_an_edit_with_old_and_new_values(org, issued_plan):
    plan_register_number(plan=issued_plan, number=9, date=dt.date(2022, 1, 5), actor=org.clerk)
    change = next(
        e for e in plan_edit_history(issued_plan).entries if e.kind == "Kế hoạch" and e.action == "Sửa"
    )
    assert change.who == org.clerk
    assert {(c.label, c.old, c.new) for c in change.changes} >= {
        ("Số", "—", "9"),
        ("Ngày ban hành", "—", "05/01/2022"),
    }


def test_units_aliases_and_memberships_record_their_editor_through_the_admin(client, org, admin_user):
    # given
    client.force_login(admin_user)
    unit = org.office_a
    # when
    client.post(
        reverse("admin:units_unit_change", args=[unit.pk]),
        {
            "parent": org.district.pk,
            "code": unit.code,
            "name": "Văn phòng HĐND và UBND",
            "short_name": "",
            "symbol": "",
            "kind": Unit.Kind.OFFICE,
            "is_active": "on",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
            "aliases-0-text": "VP HĐND-UBND",
        },
    )
    membership = Membership.objects.create(user=org.officer_b, unit=unit, role=Membership.Role.HEAD)
    membership.delete()
    # then
    renamed = unit.history.filter(history_type="~").latest("history_date")
    assert renamed.history_user == admin_user
    assert renamed.prev_record.name == "Văn phòng HĐND và UBND huyện"
    assert unit.aliases.get().history.get().history_type == "+"
    assert list(
        Membership.history.filter(unit=unit, user=org.officer_b).values_list("history_type", flat=True)
    ) == [
        "-",
        "+",
    ]
    admin_page = client.get(reverse("admin:units_unit_history", args=[unit.pk])).content.decode()
    assert "Văn phòng HĐND và UBND huyện" in admin_page


def test_an_account_change_is_recorded_without_the_password(org):
    user = org.officer_a
    user.set_password("mat-khau-moi-2026")
    user.is_active = False
    user.save()
    row = user.history.latest("history_date")
    assert row.is_active is False
    assert not hasattr(row, "password")


@pytest.mark.parametrize("tasks", [30, 60])
def test_the_history_page_reads_a_bounded_number_of_rows(
    client, org, draft_plan, tasks, django_assert_max_num_queries
):
    # given: many tasks with units; the page shows the newest 50 changes and a link to older ones
    for i in range(tasks):
        add_unit(TaskFactory(plan=draft_plan, content=f"Nhiệm vụ {i}"), org.office_a)
    client.force_login(org.coordinator)
    # when / then
    with django_assert_max_num_queries(40):
        page = _history_page(client, draft_plan)
    assert page.count("<li>\n      <p><time") == 50
    assert "?lich-su=2" in page
    older = _history_page(client, draft_plan, page=2)
    assert "Nhiệm vụ 0" in older


def test_a_calendar_day_edit_keeps_the_old_value(db):
    from core.models import CalendarDay

    day = CalendarDay.objects.create(date=dt.date(2026, 2, 16), is_day_off=True, note="Tết")
    day.is_day_off = False
    day.save()
    change = day.history.latest("history_date")
    assert (change.prev_record.is_day_off, change.is_day_off) == (True, False)
