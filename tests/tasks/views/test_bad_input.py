"""Wrong input on the deliverable page: the user sees what to fix and nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import Contribution, Deliverable, Evidence, ExtensionRequest, Report

from .conftest import pdf_upload

State = Deliverable.State


def _post(client, deliverable, action, data):
    return client.post(reverse("deliverable_action", args=[deliverable.pk, action]), data)


def test_submit_without_text_shows_the_form_error_and_changes_nothing(client, org, deliverable):
    """Sending a report with an empty text re-shows the form with the field marked; the report is not sent."""
    # given
    client.force_login(org.officer_a)

    # when
    response = _post(client, deliverable, "submit", {"text": "", "percent_done": 100})

    # then
    assert response.status_code == 400
    content = response.content.decode()
    assert "Thông tin chưa hợp lệ" in content
    assert "errorlist" in content
    assert response.context["report_form"].errors["text"]
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert not Report.objects.exists()
    assert not deliverable.transitions.exists()


def test_submit_with_only_spaces_is_refused(client, org, deliverable):
    """A text of blanks is no report: the unit is told and the deliverable stays pending."""
    # given
    client.force_login(org.officer_a)

    # when
    response = _post(client, deliverable, "submit", {"text": "   ", "percent_done": 100})

    # then
    assert response.status_code == 400
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert not Report.objects.exists()


@pytest.mark.parametrize("percent", ["101", "-1", "nhiều"])
def test_submit_with_an_impossible_percentage_is_refused(client, org, deliverable, percent):
    """A completion rate outside 0–100 is marked on the form and nothing is sent."""
    # given
    client.force_login(org.officer_a)

    # when
    response = _post(client, deliverable, "submit", {"text": "Đã xong", "percent_done": percent})

    # then
    assert response.status_code == 400
    assert response.context["report_form"].errors["percent_done"]
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING


@pytest.mark.parametrize("date", ["31/02/2022", "2022-13-01", "mai"])
def test_extension_with_an_impossible_date_says_the_date_is_invalid(client, org, deliverable, date):
    """Asking to extend to 31/02/2022 shows "Ngày không hợp lệ" and files no request."""
    # given
    client.force_login(org.officer_a)

    # when
    response = _post(client, deliverable, "extend", {"requested_due_date": date, "reason": "Chờ số liệu"})

    # then
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_extension_to_a_date_before_the_due_date_is_refused_with_both_dates(client, org, deliverable):
    """An extension must move the due date later; the message names both dates."""
    # given
    client.force_login(org.officer_a)

    # when
    response = _post(client, deliverable, "extend", {"requested_due_date": "20/01/2022", "reason": "Sớm hơn"})

    # then
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Ngày đề nghị (20/01/2022) phải sau hạn hiện tại (31/01/2022)." in page
    assert not ExtensionRequest.objects.exists()


def test_a_second_pending_extension_is_refused(client, org, deliverable):
    """Only one extension request may wait for Nội vụ at a time."""
    # given
    client.force_login(org.officer_a)
    data = {"requested_due_date": "15/02/2022", "reason": "Chờ số liệu"}
    _post(client, deliverable, "extend", data)

    # when
    response = _post(client, deliverable, "extend", {**data, "requested_due_date": "20/02/2022"})

    # then
    assert response.status_code == 302
    assert "Đã có một đề nghị gia hạn đang chờ xem xét" in client.get(response.url).content.decode()
    assert ExtensionRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("bao-cao.pdf", b"MZ\x90\x00 not a pdf at all"),
        ("anh.png", b"%PDF-1.4 a pdf named png"),
    ],
    ids=["exe", "pdf with wrong content", "png with pdf content"],
)
def test_bad_evidence_file_is_refused_by_name_and_nothing_is_saved(client, org, deliverable, name, content):
    """A file that is not an accepted document is refused with a message naming it; no report is sent."""
    # given
    client.force_login(org.officer_a)
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")

    # when
    response = client.post(
        reverse("deliverable_action", args=[deliverable.pk, "submit"]),
        {"text": "Báo cáo kèm tài liệu", "percent_done": 100, "files": [upload]},
    )

    # then
    page = (
        response.content.decode()
        if response.status_code != 302
        else client.get(response.url).content.decode()
    )
    assert f"«{name}»" in page
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert not Report.objects.exists()
    assert not Evidence.objects.exists()


def test_empty_evidence_file_is_refused_and_nothing_is_saved(client, org, deliverable):
    """An empty attachment is marked on the form as empty and the report is not sent."""
    # given
    client.force_login(org.officer_a)
    upload = SimpleUploadedFile("trong.pdf", b"", content_type="application/pdf")

    # when
    response = client.post(
        reverse("deliverable_action", args=[deliverable.pk, "submit"]),
        {"text": "Báo cáo kèm tài liệu", "percent_done": 100, "files": [upload]},
    )

    # then
    assert response.status_code == 400
    assert "rỗng" in response.content.decode()
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert not Evidence.objects.exists()


def test_one_bad_file_among_good_ones_saves_none_of_them(client, org, deliverable):
    """If one of several files is refused, the good ones are not stored either."""
    # given
    client.force_login(org.officer_a)
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")

    # when
    response = client.post(
        reverse("deliverable_action", args=[deliverable.pk, "submit"]),
        {"text": "Báo cáo", "percent_done": 100, "files": [pdf_upload(), bad]},
    )

    # then
    assert "«virus.exe»" in client.get(response.url).content.decode()
    assert not Evidence.objects.exists()
    assert not Report.objects.exists()


def test_contribution_with_an_exe_file_is_refused_and_nothing_is_created(client, org, deliverable):
    """The coordinating unit's input with a .exe attachment is refused, naming the file."""
    # given
    client.force_login(org.officer_b)
    bad = SimpleUploadedFile("tong-hop.exe", b"MZ\x90\x00", content_type="application/octet-stream")

    # when
    response = client.post(
        reverse("deliverable_action", args=[deliverable.pk, "contribute"]),
        {"unit": org.office_b.pk, "text": "Ý kiến phối hợp", "files": [bad]},
    )

    # then
    assert "«tong-hop.exe»" in client.get(response.url).content.decode()
    assert not Contribution.objects.exists()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("action", ["return", "waive"])
def test_return_and_waive_require_a_reason(client, org, submitted, action):
    """Nội vụ must say why it returns or waives; without a reason nothing changes."""
    # given
    client.force_login(org.coordinator)

    # when
    response = _post(client, submitted, action, {"comment": ""})

    # then
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_accepting_a_report_twice_tells_the_user_its_state(client, org, submitted):
    """A second click on "Chấp nhận" is refused with the current state, not an error page."""
    # given
    client.force_login(org.coordinator)
    _post(client, submitted, "accept", {})

    # when
    response = _post(client, submitted, "accept", {})

    # then
    assert response.status_code == 302
    assert (
        "Không thể chấp nhận báo cáo khi nghĩa vụ đang ở trạng thái"
        in client.get(response.url).content.decode()
    )
    assert submitted.transitions.filter(name="accept").count() == 1


def _task_post(org, **deadline):
    data = {
        "order_label": "9",
        "position": "9",
        "content": "Báo cáo kết quả khảo sát",
        "deadline_text": "Quý V năm 2022",
        "lead_units": [org.office_a.pk],
        "deadline-TOTAL_FORMS": "1",
        "deadline-INITIAL_FORMS": "0",
        "deadline-MIN_NUM_FORMS": "1",
        "deadline-MAX_NUM_FORMS": "1000",
    }
    data.update({f"deadline-0-{key}": value for key, value in deadline.items()})
    return data


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        ({"kind": "quarter", "year": "2022", "quarters": "5"}, "Quý phải từ I đến IV"),
        ({"kind": "months", "year": "2022", "months": "8,13"}, "Danh sách tháng có tháng không hợp lệ"),
    ],
    ids=["quarter 5", "month 13 in a list"],
)
def test_task_form_names_an_impossible_quarter_or_month_in_vietnamese(
    client, org, draft_plan, deadline, message
):
    """Nội vụ typing quarter 5 or month 13 is told so in Vietnamese (not "bad month number 15")
    and nothing is saved."""
    # given
    client.force_login(org.coordinator)

    # when
    response = client.post(reverse("task_create", args=[draft_plan.pk]), _task_post(org, **deadline))

    # then
    assert response.status_code == 200
    content = response.content.decode()
    assert "bad month number" not in content
    assert message in content
    assert not draft_plan.tasks.filter(order_label="9").exists()
