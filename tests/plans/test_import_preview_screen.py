"""The import preview as an officer reads it: names, dd/mm/yyyy, the signer, a missing unit added there."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tasks.models import PlanImport
from units.models import Unit, UnitAlias

UNKNOWN = "Phòng Tư pháp huyện"


def _plan_docx() -> bytes:
    document = docx.Document()
    for line in ("UBND HUYỆN CAM LÂM", "Số:    /KH-UBND", "Cam Lâm, ngày 18 tháng 7 năm 2025"):
        document.add_paragraph(line)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Cải cách hành chính sáu tháng cuối năm 2025")
    table = document.add_table(rows=3, cols=5)
    for cell, text in zip(
        table.rows[0].cells, ("Stt", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"), strict=True
    ):
        cell.text = text
    rows = (
        ("1", "Rà soát thủ tục hành chính", "Văn phòng HĐND và UBND huyện", UNKNOWN, "Tháng 8/2025"),
        ("2", "Tuyên truyền cải cách hành chính", UNKNOWN, "Phòng Văn hóa và Thông tin", "Quý IV/2025"),
    )
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    closing = document.add_table(rows=1, cols=2)
    closing.rows[0].cells[0].text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    closing.rows[0].cells[1].text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Bình"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def batch(client, org):
    client.force_login(org.coordinator)
    upload = SimpleUploadedFile("ke-hoach.docx", _plan_docx())
    response = client.post(reverse("import_upload"), {"issuer": org.district.pk, "file": upload})
    assert response.status_code == 302, response.content.decode()
    return PlanImport.objects.get()


def _page(client, batch) -> str:
    return client.get(reverse("import_preview", args=[batch.pk])).content.decode()


def test_preview_shows_unit_names_dates_and_the_signer(client, batch):
    page = _page(client, batch)
    assert "Văn phòng HĐND và UBND huyện" in page
    assert "CL-VP" not in page.split("Bảng nhiệm vụ đọc được")[1]  # names, not codes, in the table
    assert "31/08/2025" in page and "2025-08-31" not in page
    assert "18/07/2025" in page
    assert "PHÓ CHỦ TỊCH" in page and "Nguyễn Văn Bình" in page


def test_an_unrecognised_coordinating_unit_stays_in_the_coordinating_column(client, batch):
    rows = [r for r in _page(client, batch).split("<tbody>")[1].split("<tr>") if r.strip()]
    first = rows[0].split("<td>")
    lead, coordinating = first[5], first[6]
    assert "Văn phòng HĐND và UBND huyện" in lead and UNKNOWN not in lead
    assert UNKNOWN in coordinating
    second = rows[1].split("<td>")
    assert UNKNOWN in second[5] and "Phòng Văn hóa và Thông tin" in second[6]


def _add(client, batch, org, **changes):
    data = {
        "prefix": "n0",
        "n0-text": UNKNOWN,
        "n0-parent": org.district.pk,
        "n0-code": "CL-PTP",
        "n0-name": "Phòng Tư pháp",
        "n0-kind": Unit.Kind.OFFICE,
    } | changes
    return client.post(reverse("import_add_unit", args=[batch.pk]), data)


def test_the_officer_adds_the_missing_unit_and_the_rows_are_read_again(client, batch, org):
    # when
    response = _add(client, batch, org)
    # then the unit exists under the district, the plan's wording is remembered for it
    assert response.status_code == 302
    unit = Unit.objects.get(code="CL-PTP")
    assert unit.parent == org.district and unit.name == "Phòng Tư pháp"
    assert UnitAlias.objects.filter(unit=unit, text=UNKNOWN).exists()
    # and the preview now names it as the lead of row 2 and a coordinating unit of row 1
    tasks = PlanImport.objects.get(pk=batch.pk).preview["tasks"]
    assert tasks[0]["coordinating_units"] == ["CL-PTP"] and tasks[0]["unmatched_units"] == []
    assert tasks[1]["lead_units"] == ["CL-PTP"]
    assert "chưa nhận ra" not in _page(client, batch).split("Bảng nhiệm vụ đọc được")[1]


def test_a_used_code_is_refused_with_a_message_and_nothing_changes(client, batch, org):
    response = _add(client, batch, org, **{"n0-code": "CL-VP"})
    assert response.status_code == 400
    assert "CL-VP" in response.content.decode() and "đã" in response.content.decode()
    assert not Unit.objects.filter(name="Phòng Tư pháp").exists()
    assert not UnitAlias.objects.filter(text=UNKNOWN).exists()


def test_a_unit_outside_the_coordinators_tree_cannot_be_the_parent(client, batch, org):
    response = _add(client, batch, org, **{"n0-parent": org.other_district.pk})
    assert response.status_code == 400
    assert not Unit.objects.filter(code="CL-PTP").exists()


def test_only_the_plans_coordinator_may_add_a_unit_from_the_preview(client, batch, org):
    for user in (org.officer_a, org.other_coordinator):
        client.force_login(user)
        assert _add(client, batch, org).status_code == 403
    assert not Unit.objects.filter(code="CL-PTP").exists()


def test_an_unrecognised_name_is_matched_with_the_task_editors_unit_picker(client, batch, org):
    # the preview offers the same checkbox picker the task editor enhances with search and chips,
    # loaded from the static file (no inline script under the page's CSP), not a Ctrl+click list
    page = _page(client, batch)
    mapping = page.split("Đơn vị chưa nhận ra")[1].split("Bảng nhiệm vụ đọc được")[0]
    assert 'class="unit-picker"' in mapping and 'type="checkbox" name="m0-units"' in mapping
    assert "<select" not in mapping.split("Thêm đơn vị mới")[0]
    assert "js/plan_editor.js" in page and "<script>" not in page
    # ticking two units maps the plan's wording to both
    two = [org.office_a.pk, org.office_b.pk]
    response = client.post(
        reverse("import_map_unit", args=[batch.pk]), {"prefix": "m0", "m0-text": UNKNOWN, "m0-units": two}
    )
    assert response.status_code == 302
    assert set(UnitAlias.objects.filter(text=UNKNOWN).values_list("unit_id", flat=True)) == set(two)
