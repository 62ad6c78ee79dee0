"""Every spreadsheet a user downloads gives back what was typed as text: no live formula, no broken file."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from core.sheets import csv_value
from tasks.models import Task
from tasks.services.lifecycle import plan_issue
from tests.factories import UserFactory

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
]


def workbook_cells(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_text_cell(content: bytes, expected: str):
    """The workbook holds ``expected`` as a text cell, and no formula anywhere."""
    cells = workbook_cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    found = [c for c in cells if c.value == expected]
    assert found, f"{expected!r} not in the workbook"
    assert all(c.data_type == "s" for c in found)


def progress_xlsx(client, plan, on_commit) -> bytes:
    """The plan's progress workbook, asked for and downloaded from its job's page."""
    with on_commit(execute=True):
        started = client.post(reverse("plan_progress_export", args=[plan.pk]))
    job = client.get(started["Location"]).context["job"]
    response = client.get(reverse("job_download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def typed_task(draft_plan):
    return Task.objects.get(plan=draft_plan)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_task_table_export_keeps_formula_like_text_as_text(client, draft_plan, typed_task, org, payload):
    # given a task whose content an officer typed starting like a formula
    Task.objects.filter(pk=typed_task.pk).update(content=payload)
    client.force_login(org.coordinator)
    # when the plan's task table is downloaded
    response = client.get(reverse("plan_export", args=[draft_plan.pk]))
    # then the text comes back as text
    assert response.status_code == 200
    assert_text_cell(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_progress_workbook_keeps_formula_like_text_as_text(
    client, draft_plan, typed_task, org, payload, django_capture_on_commit_callbacks
):
    Task.objects.filter(pk=typed_task.pk).update(content=payload)
    plan_issue(plan=draft_plan, actor=org.coordinator)
    client.force_login(org.coordinator)
    content = progress_xlsx(client, draft_plan, django_capture_on_commit_callbacks)
    assert_text_cell(content, payload)


@pytest.mark.parametrize("name", ["plan_export", "plan_progress_export"])
def test_vertical_tab_in_a_task_exports_without_it(
    client, draft_plan, typed_task, org, name, django_capture_on_commit_callbacks
):
    # given a task pasted from Word with a vertical tab in it
    Task.objects.filter(pk=typed_task.pk).update(content="Báo cáo\x0bquý I")
    plan_issue(plan=draft_plan, actor=org.coordinator)
    client.force_login(org.coordinator)
    # when exported, the file is made and the text is there without the control character
    if name == "plan_progress_export":
        content = progress_xlsx(client, draft_plan, django_capture_on_commit_callbacks)
    else:
        response = client.get(reverse(name, args=[draft_plan.pk]))
        assert response.status_code == 200
        content = response.content
    assert "Báo cáoquý I" in [c.value for c in workbook_cells(content)]


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def _admin_export(client, fmt_index: int):
    url = reverse("admin:units_unit_export")
    form = client.get(url).context["form"]
    data = {"format": fmt_index, "resource": 0}
    data |= {name: "on" for name in form.fields if name.startswith("unitresource_")}
    return client.post(url, data)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_admin_xlsx_export_keeps_unit_names_as_text(client, org, superuser, payload):
    type(org.office_a).objects.filter(pk=org.office_a.pk).update(name=payload + "\x0b")
    client.force_login(superuser)
    response = _admin_export(client, 0)
    assert response.status_code == 200
    assert_text_cell(response.content, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_admin_csv_export_marks_formula_like_text(client, org, superuser, payload):
    type(org.office_a).objects.filter(pk=org.office_a.pk).update(name=payload + "\x0b")
    client.force_login(superuser)
    response = _admin_export(client, 1)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [cell for row in rows for cell in row]
    assert "'" + payload in names
    assert payload not in names


def test_csv_value_leaves_plain_text_and_numbers_alone():
    assert csv_value("Phòng Nội vụ") == "Phòng Nội vụ"
    assert csv_value(-2) == -2
    assert csv_value(None) == ""
