"""Spreadsheets on the coordinator's screens: units, people and reorganisation events, all or nothing."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import ApplicationError
from units.models import Membership, Reorganisation, Unit
from units.sheets import people_sheet_apply, reorganisation_sheet_read, units_sheet_apply

UNITS = "ma,ten,ma cap tren,loai,ky hieu\n{rows}"
PEOPLE = "ten dang nhap,ho ten,thu dien tu,ma don vi,vai tro\n{rows}"


def _csv(template, *rows):
    return template.format(rows="\n".join(rows)).encode()


def test_units_sheet_adds_units_under_the_coordinators_tree(org):
    content = _csv(UNITS, "CL-PTP,Phòng Tư pháp,CL-UBND,office,PTP", "CL-PTP-TO1,Tổ hòa giải,CL-PTP,other,")
    lines = units_sheet_apply(content=content, filename="don-vi.csv", actor=org.coordinator, dry_run=False)
    assert len(lines) == 2
    assert Unit.objects.get(code="CL-PTP-TO1").parent.code == "CL-PTP"


def test_units_sheet_with_a_bad_row_changes_nothing_and_names_the_rows(org):
    content = _csv(
        UNITS,
        "CL-PTP,Phòng Tư pháp,CL-UBND,office,PTP",
        "CM-X,Phòng ở tỉnh khác,CM-UBND,office,",  # outside the coordinator's tree
        "CL-VP,Tên khác hẳn,CL-UBND,office,",  # a rename must be an event
    )
    with pytest.raises(ApplicationError) as refused:
        units_sheet_apply(content=content, filename="don-vi.csv", actor=org.coordinator, dry_run=False)
    assert refused.value.problems[0].startswith("Dòng 3:") and refused.value.problems[1].startswith("Dòng 4:")
    assert not Unit.objects.filter(code__in=["CL-PTP", "CM-X"]).exists()


def test_dry_run_previews_and_changes_nothing(org):
    content = _csv(UNITS, "CL-PTP,Phòng Tư pháp,CL-UBND,office,PTP")
    lines = units_sheet_apply(content=content, filename="don-vi.csv", actor=org.coordinator, dry_run=True)
    assert lines == ["Dòng 2: thêm Phòng Tư pháp"]
    assert not Unit.objects.filter(code="CL-PTP").exists()


def test_people_sheet_creates_accounts_and_roles(org):
    content = _csv(
        PEOPLE,
        "canbo.tp,Lê Thị Hoa,hoa@camlam.gov.vn,CL-VP,officer",
        "canbo_b,,,CL-VP,Lãnh đạo đơn vị",
    )
    people_sheet_apply(content=content, filename="nguoi-dung.csv", actor=org.coordinator, dry_run=False)
    hoa = Membership.objects.get(user__username="canbo.tp")
    assert (hoa.unit, hoa.role, hoa.user.last_name, hoa.user.first_name) == (
        org.office_a,
        "officer",
        "Lê Thị",
        "Hoa",
    )
    assert not hoa.user.has_usable_password()
    assert Membership.objects.filter(user=org.officer_b, unit=org.office_a, role="head").exists()


def test_people_sheet_refuses_a_unit_outside_the_tree(org):
    content = _csv(PEOPLE, "canbo.tp,Lê Thị Hoa,,CL-VP,officer", "canbo.cm,Lý Văn Út,,CM-SNV,officer")
    with pytest.raises(ApplicationError) as refused:
        people_sheet_apply(content=content, filename="nguoi-dung.csv", actor=org.coordinator, dry_run=False)
    assert refused.value.problems == ["Dòng 3: Bạn không quản lý đơn vị Sở Nội vụ Cà Mau."]
    assert not Membership.objects.filter(user__username="canbo.tp").exists()


def test_reorganisation_sheet_names_bad_rows(org):
    content = (
        "loai,hieu luc,can cu,don vi,ke thua,ten moi\n"
        "giải thể,01/07/2025,NQ 1,CL-VHTT,CL-VP,\n"
        "sáp nhập,31/02/2025,NQ 1,CL-VP,CL-PNV,\n"
        "đổi tên,01/07/2025,NQ 1,CL-KHONGCO,,Tên mới\n"
    ).encode()
    with pytest.raises(ApplicationError) as refused:
        reorganisation_sheet_read(content, "su-kien.csv")
    assert [p[:6] for p in refused.value.problems] == ["Dòng 3", "Dòng 4"]


def test_reorganisation_sheet_screen_applies_all(client, org):
    content = (
        "loai,hieu luc,can cu,don vi,ke thua,ten moi\n"
        "giải thể,01/07/2025,NQ 1,CL-VHTT,CL-VP,\n"
        "đổi tên,01/07/2025,NQ 1,CL-VP,,Văn phòng HĐND và UBND\n"
    ).encode()
    client.force_login(org.coordinator)
    upload = SimpleUploadedFile("su-kien.csv", content, content_type="text/csv")
    client.post(reverse("reorganise_sheet"), {"file": upload, "decision": "apply"})
    assert Reorganisation.objects.count() == 2
    assert Unit.objects.get(code="CL-VP").name == "Văn phòng HĐND và UBND"
    assert Unit.objects.get(code="CL-VHTT").dissolved_on == dt.date(2025, 7, 1)


def test_import_screen_preview_then_apply(client, org):
    client.force_login(org.coordinator)
    content = _csv(UNITS, "CL-PTP,Phòng Tư pháp,CL-UBND,office,PTP")
    preview = client.post(
        reverse("unit_import"),
        {"what": "units", "file": SimpleUploadedFile("d.csv", content), "decision": "preview"},
    )
    assert (
        "thêm Phòng Tư pháp" in preview.content.decode() and not Unit.objects.filter(code="CL-PTP").exists()
    )
    client.post(
        reverse("unit_import"),
        {"what": "units", "file": SimpleUploadedFile("d.csv", content), "decision": "apply"},
    )
    assert Unit.objects.filter(code="CL-PTP", parent=org.district).exists()


def test_import_screen_refused_to_non_coordinators(client, org):
    client.force_login(org.officer_a)
    content = _csv(UNITS, "CL-PTP,Phòng Tư pháp,CL-UBND,office,PTP")
    response = client.post(
        reverse("unit_import"), {"what": "units", "file": SimpleUploadedFile("d.csv", content)}
    )
    assert response.status_code == 403 and not Unit.objects.filter(code="CL-PTP").exists()


REFORM_SHEET = (
    "loai,hieu luc,can cu,don vi,ke thua,ten moi\n"
    "giải thể,01/07/2025,NQ 1,CL-VHTT,CL-VP,\n"
    "đổi tên,01/07/2025,NQ 1,CL-VP,,Văn phòng HĐND và UBND\n"
).encode()


def _preview_token(client, url, content=REFORM_SHEET, **extra):
    upload = SimpleUploadedFile("su-kien.csv", content, content_type="text/csv")
    response = client.post(url, {"file": upload, "decision": "preview", **extra})
    return response, response.context["token"]


def test_reorganisation_sheet_applies_the_previewed_file_without_choosing_it_again(client, org):
    """The preview keeps the file; "apply" sends only its token and applies both events at once."""
    # given
    client.force_login(org.coordinator)
    response, token = _preview_token(client, reverse("reorganise_sheet"))
    assert token and 'name="token"' in response.content.decode()
    assert not Reorganisation.objects.exists()  # the preview changed nothing

    # when
    applied = client.post(reverse("reorganise_sheet"), {"token": token, "decision": "apply"})

    # then
    assert applied.status_code == 302
    assert Reorganisation.objects.count() == 2
    assert Unit.objects.get(code="CL-VP").name == "Văn phòng HĐND và UBND"
    again = client.post(reverse("reorganise_sheet"), {"token": token, "decision": "apply"}, follow=True)
    assert "hết hạn hoặc không còn" in again.content.decode()  # the kept file was removed
    assert Reorganisation.objects.count() == 2


def test_a_kept_sheet_opens_only_for_its_owner_and_only_for_a_while(client, org, settings):
    """Another coordinator's token, an altered one and an expired one apply nothing."""
    from unittest import mock

    client.force_login(org.coordinator)
    _, token = _preview_token(client, reverse("reorganise_sheet"))
    client.force_login(org.other_coordinator)
    other = client.post(reverse("reorganise_sheet"), {"token": token, "decision": "apply"})
    assert "hết hạn hoặc không còn" in other.content.decode()
    client.force_login(org.coordinator)
    forged = client.post(reverse("reorganise_sheet"), {"token": token[:-2] + "xx", "decision": "apply"})
    assert "hết hạn hoặc không còn" in forged.content.decode()
    with mock.patch("core.uploads.MAX_AGE", dt.timedelta(seconds=-1)):
        late = client.post(reverse("reorganise_sheet"), {"token": token, "decision": "apply"})
    assert "hết hạn hoặc không còn" in late.content.decode()
    assert not Reorganisation.objects.exists()


def test_a_sheet_with_a_refused_event_offers_no_apply_and_changes_nothing(client, org):
    """The second event dissolves a unit the first already dissolved: no token, the event named."""
    content = (
        "loai,hieu luc,can cu,don vi,ke thua,ten moi\n"
        "giải thể,01/07/2025,NQ 1,CL-VHTT,CL-VP,\n"
        "giải thể,01/07/2025,NQ 2,CL-VHTT,CL-PNV,\n"
    ).encode()
    client.force_login(org.coordinator)
    response, token = _preview_token(client, reverse("reorganise_sheet"), content)
    assert token == ""
    assert "Sự kiện 2:" in response.content.decode()
    assert not Reorganisation.objects.exists()
    assert Unit.objects.get(code="CL-VHTT").is_active


def test_import_screen_applies_the_previewed_file_by_token(client, org):
    """Units sheet: preview, then apply with the token only."""
    client.force_login(org.coordinator)
    content = _csv(UNITS, "CL-TP,Phòng Tư pháp,CL-UBND,office,PTP")
    _, token = _preview_token(client, reverse("unit_import"), content, what="units")
    assert not Unit.objects.filter(code="CL-TP").exists()

    client.post(reverse("unit_import"), {"token": token, "what": "units", "decision": "apply"})

    assert Unit.objects.get(code="CL-TP").parent == org.district
