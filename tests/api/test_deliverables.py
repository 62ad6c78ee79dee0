"""Deliverable endpoints: filters, pagination, detail body, multipart submit, review actions."""

import datetime as dt

import pytest
from django.urls import reverse

from tasks.models import Deliverable, Evidence
from tasks.services.lifecycle import plan_issue
from tests.factories import PlanFactory, TaskFactory, add_deadline, add_unit

from .conftest import PDF_BYTES, pdf_upload

State = Deliverable.State


@pytest.fixture
def spread(org):
    """One issued plan: office A owes January, March and May 2022; office B owes February."""
    plan = PlanFactory(issuer=org.district)
    for month, unit in [(1, org.office_a), (2, org.office_b), (3, org.office_a), (5, org.office_a)]:
        task = TaskFactory(plan=plan, content=f"Nhiệm vụ tháng {month}")
        add_unit(task, unit)
        add_deadline(task, year=2022, month=month)
    plan_issue(plan=plan, actor=org.coordinator)
    return {d.due_date.month: d for d in Deliverable.objects.filter(task__plan=plan)}


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _get(client, **params):
    return client.get(reverse("api_deliverable_list"), params)


def test_filter_by_unit_code(client_for, spread):
    """unit=<code> keeps one unit's deliverables."""
    client = client_for("coordinator")

    assert _ids(_get(client, unit="CL-VHTT")) == {spread[2].id}


def test_filter_by_due_dates_inclusive(client_for, spread):
    """due_after and due_before both include the day named."""
    client = client_for("coordinator")

    response = _get(
        client, due_after=spread[2].due_date.isoformat(), due_before=spread[3].due_date.isoformat()
    )

    assert _ids(response) == {spread[2].id, spread[3].id}


def test_filter_by_state_and_plan(client_for, spread, deliverable, org):
    """state and plan narrow together; a state outside the choices is a 400 naming the field."""
    client = client_for("coordinator")
    plan_id = spread[1].task.plan_id

    assert _ids(_get(client, state="pending", plan=plan_id)) == {d.id for d in spread.values()}
    assert _ids(_get(client, state="accepted", plan=plan_id)) == set()
    bad = _get(client, state="xong")
    assert bad.status_code == 400
    assert "state" in bad.json()["error"]["details"]


def test_filter_overdue(client_for, spread, time_machine):
    """overdue=true keeps open deliverables past their due date; overdue=false the others."""
    time_machine.move_to(dt.datetime(2022, 3, 15, 9, 0))
    client = client_for("coordinator")

    late = _ids(_get(client, overdue="true"))
    on_time = _ids(_get(client, overdue="false"))

    assert late == {spread[1].id, spread[2].id}
    assert on_time == {spread[3].id, spread[5].id}


def test_token_filters_stay_in_scope(client_for, spread):
    """A token asking for another unit's code gets an empty list, not that unit's work."""
    client = client_for("token_read_a")

    assert _ids(_get(client, unit="CL-VHTT")) == set()
    assert _ids(_get(client)) == {spread[1].id, spread[3].id, spread[5].id}


def test_pagination(client_for, spread):
    """page_size pages the list; count, next and previous describe the rest."""
    client = client_for("coordinator")

    first = _get(client, page_size=3).json()
    second = _get(client, page_size=3, page=2).json()

    assert first["count"] == 4
    assert len(first["results"]) == 3 and first["previous"] is None and first["next"]
    assert len(second["results"]) == 1 and second["next"] is None
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_page_out_of_range_is_404_in_vietnamese(client_for, spread):
    response = _get(client_for("coordinator"), page=99)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert response.json()["error"]["message"] == "Trang không tồn tại."


def test_list_runs_a_bounded_number_of_queries(client_for, spread, django_assert_max_num_queries):
    """The list costs the same few queries whatever its length."""
    client = client_for("token_read_a")
    client.get(reverse("api_deliverable_list"))  # warm the token's last_used_at write

    with django_assert_max_num_queries(8):
        _get(client)


def test_submit_with_pdf(client_for, deliverable):
    """A multipart submission stores the PDF as evidence and returns the updated detail."""
    response = client_for("token_report_a").post(
        reverse("api_deliverable_submit", args=[deliverable.pk]),
        {"text": "Đã ban hành kế hoạch.", "percent_done": "100", "files": [pdf_upload()]},
        format="multipart",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "submitted"
    assert body["reports"][0]["is_submission"] is True
    assert [f["name"] for f in body["files"]] == ["bao-cao.pdf"]
    evidence = Evidence.objects.get(deliverable=deliverable)
    assert evidence.size == len(PDF_BYTES) and evidence.content_type == "application/pdf"
    assert [h["target"] for h in body["history"]] == ["submitted"]
    assert [h["label"] for h in body["history"]] == ["Gửi báo cáo"]


def test_submit_with_fake_pdf_changes_nothing(client_for, deliverable):
    """A file whose content is not a PDF is refused with the service's message; nothing is stored."""
    response = client_for("token_report_a").post(
        reverse("api_deliverable_submit", args=[deliverable.pk]),
        {"text": "Đã ban hành.", "files": [pdf_upload("gia.pdf", b"MZ not a pdf")]},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Tệp «gia.pdf» không đúng định dạng .pdf (nội dung tệp không khớp phần mở rộng)."
    )
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert not Evidence.objects.exists()


def test_submit_json_without_files(client_for, deliverable):
    """JSON works too when there is nothing to attach; percent_done defaults to 100."""
    response = client_for("officer_a").post(
        reverse("api_deliverable_submit", args=[deliverable.pk]), {"text": "Xong."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["reports"][0]["percent_done"] == 100


def test_progress_keeps_state(client_for, deliverable):
    """Progress is recorded without sending anything to Nội vụ."""
    response = client_for("token_report_a").post(
        reverse("api_deliverable_progress", args=[deliverable.pk]), {"text": "Đạt 50%.", "percent_done": 50}
    )

    assert response.status_code == 200
    assert response.json()["state"] == "pending"
    assert response.json()["reports"][0]["percent_done"] == 50


def test_return_without_comment_gives_service_message(client_for, submitted):
    """The service's Vietnamese refusal comes back as a 400 and the state stays."""
    response = client_for("coordinator").post(
        reverse("api_deliverable_return", args=[submitted.pk]), {"comment": "  "}
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid", "message": "Cần ghi rõ lý do khi trả lại.", "details": {}}
    }
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_return_then_resubmit(client_for, submitted):
    client = client_for("coordinator")
    response = client.post(reverse("api_deliverable_return", args=[submitted.pk]), {"comment": "Bổ sung."})
    assert response.json()["state"] == "returned"

    again = client_for("token_report_a").post(
        reverse("api_deliverable_submit", args=[submitted.pk]), {"text": "Đã bổ sung."}
    )

    assert again.status_code == 200
    assert again.json()["state"] == "submitted"


def test_accept_twice_is_a_400(client_for, submitted):
    client = client_for("coordinator")
    client.post(reverse("api_deliverable_accept", args=[submitted.pk]), {})

    response = client.post(reverse("api_deliverable_accept", args=[submitted.pk]), {})

    assert response.status_code == 400
    assert "Không thể chấp nhận báo cáo" in response.json()["error"]["message"]


def test_waive(client_for, deliverable):
    response = client_for("coordinator").post(
        reverse("api_deliverable_waive", args=[deliverable.pk]), {"reason": "Nhiệm vụ đã điều chỉnh."}
    )

    assert response.status_code == 200
    assert response.json()["state"] == "waived"


def test_head_approves_and_sends_back(client_for, deliverable, org):
    """When office A needs its head's approval, the head approves or sends back; a token cannot."""
    org.office_a.requires_head_approval = True
    org.office_a.save(update_fields=["requires_head_approval"])
    client_for("token_report_a").post(
        reverse("api_deliverable_submit", args=[deliverable.pk]), {"text": "Dự thảo báo cáo."}
    )
    deliverable.refresh_from_db()
    assert deliverable.state == State.AWAITING_APPROVAL

    refused = client_for("token_report_a").post(reverse("api_deliverable_approve", args=[deliverable.pk]), {})
    sent_back = client_for("head_a").post(
        reverse("api_deliverable_send-back", args=[deliverable.pk]), {"comment": "Sửa số liệu."}
    )

    assert refused.status_code == 403
    assert sent_back.status_code == 200 and sent_back.json()["state"] == "returned"


def test_detail_shows_extension_requests(client_for, deliverable):
    client = client_for("token_report_a")
    created = client.post(
        reverse("api_deliverable_extension", args=[deliverable.pk]),
        {"requested_due_date": "2022-02-15", "reason": "Chờ số liệu."},
    )

    detail = client.get(reverse("api_deliverable_detail", args=[deliverable.pk])).json()

    assert created.status_code == 201
    assert detail["extension_requests"][0]["requested_due_date"] == "2022-02-15"
    assert detail["extension_requests"][0]["state"] == "pending"


def test_extension_not_later_is_a_400(client_for, deliverable):
    response = client_for("officer_a").post(
        reverse("api_deliverable_extension", args=[deliverable.pk]),
        {"requested_due_date": "2022-01-01", "reason": "Chờ số liệu."},
    )

    assert response.status_code == 400
    assert (
        response.json()["error"]["message"] == "Ngày đề nghị (01/01/2022) phải sau hạn hiện tại (31/01/2022)."
    )
