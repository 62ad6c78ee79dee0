"""An issued plan's heading changes where no obligation depends on it, with a reason kept in its history;
its number and date come only from the outgoing register."""

from django.urls import reverse

from plans.models import Plan
from tasks.models import Deliverable


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
        "reason": "Sửa tên người ký theo văn bản đã ký.",
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
