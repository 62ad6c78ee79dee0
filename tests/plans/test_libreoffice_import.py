"""A plan saved by LibreOffice Writer imports like one saved by Word: merged section rows are sections,
a lead cell merged down leads each task it covers, and a mid-year plan owes from its own start."""

import datetime as dt
import io
import zipfile

import pytest

from plans.importing.docx import read_docx
from tasks.importing import plan_import_read
from tasks.services.lifecycle import plan_import_create, task_due_dates
from tests.plans import libreoffice_fixtures as fixtures

NAME = "camlam_mid_year"
MONTHLY_FROM_AUGUST = [dt.date(2025, month, 14).isoformat() for month in range(8, 13)]


def _preview(org):
    return plan_import_read(data=fixtures.committed(NAME), name=f"{NAME}.docx", issuer=org.district)


def test_the_fixture_was_saved_by_libreoffice():
    with zipfile.ZipFile(io.BytesIO(fixtures.committed(NAME))) as archive:
        assert b"LibreOffice" in archive.read("docProps/app.xml")


def test_section_rows_merged_across_the_table_are_read_as_sections(org):
    preview = _preview(org)
    assert preview.errors == []
    assert preview.sections == [
        {"label": "I", "title": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"},
        {"label": "II", "title": "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"},
    ]
    assert [(row.section, row.order) for row in preview.tasks] == [("I", "1"), ("I", "2"), ("II", "3")]


def test_a_lead_cell_merged_down_over_two_tasks_leads_both(org):
    tasks = _preview(org).tasks
    assert tasks[0].lead_units == tasks[1].lead_units == [org.noivu.code]
    assert tasks[0].coordinating_units == [org.office_a.code]
    assert tasks[2].lead_units == [org.office_a.code]


def test_the_heading_and_signer_are_read(org):
    heading = _preview(org).heading
    assert (heading["number"], heading["doc_code"], heading["date"]) == (41, "KH-UBND", "2025-07-18")
    assert heading["signer"] == {
        "authority": "TM.",
        "on_behalf_of": "ỦY BAN NHÂN DÂN",
        "position": "CHỦ TỊCH",
        "name": "Nguyễn Văn An",
    }


def test_a_plan_signed_on_18_july_owes_its_monthly_report_from_august(org):
    # given the preview of a plan signed "ngày 18 tháng 7 năm 2025"
    preview = _preview(org)
    assert preview.tasks[1].due_dates == MONTHLY_FROM_AUGUST

    # when the draft plan is created from it
    plan = plan_import_create(preview=preview, actor=org.coordinator)

    # then it runs from its signing day, and the task owes five monthly reports, not twelve
    assert (plan.period_start, plan.period_end) == (dt.date(2025, 7, 18), dt.date(2025, 12, 31))
    task = plan.tasks.get(order_label="2")
    assert [d.isoformat() for d in task_due_dates(task, plan)] == MONTHLY_FROM_AUGUST


@pytest.mark.skipif(fixtures.soffice() is None, reason="LibreOffice is not installed")
def test_the_committed_fixture_is_what_libreoffice_produces_today(tmp_path):
    """Regenerate the .docx with the installed LibreOffice: it reads the same as the committed one."""
    fresh = fixtures.build(NAME, into=tmp_path).read_bytes()
    old, new = read_docx(fixtures.committed(NAME), name="old.docx"), read_docx(fresh, name="new.docx")
    assert new.table.sections == old.table.sections
    assert new.table.rows == old.table.rows
    assert new.heading == old.heading
    with zipfile.ZipFile(io.BytesIO(fresh)) as archive:
        assert b"LibreOffice" in archive.read("docProps/app.xml")
        assert b"w:gridSpan" in archive.read("word/document.xml")
