"""A province loads its organisation from a spreadsheet; a bad row changes nothing."""

import tablib

from units.models import Membership, Unit
from units.resources import MembershipResource, UnitResource


def _units(rows):
    return tablib.Dataset(
        *rows,
        headers=[
            "code",
            "name",
            "short_name",
            "symbol",
            "kind",
            "parent_code",
            "requires_head_approval",
            "is_active",
        ],
    )


def test_units_import_with_their_parents_by_code(db):
    # given a sheet listing a district and two offices under it
    data = _units(
        [
            ["CL-UBND", "Ủy ban nhân dân huyện Cam Lâm", "UBND huyện", "UBND", "district", "", "0", "1"],
            ["CL-PNV", "Phòng Nội vụ huyện Cam Lâm", "Phòng Nội vụ", "PNV", "office", "CL-UBND", "0", "1"],
            [
                "CL-VP",
                "Văn phòng HĐND và UBND huyện Cam Lâm",
                "Văn phòng",
                "VP",
                "office",
                "CL-UBND",
                "1",
                "1",
            ],
        ]
    )
    # when
    result = UnitResource().import_data(data, dry_run=False)
    # then
    assert not result.has_errors() and not result.has_validation_errors()
    assert Unit.objects.get(code="CL-PNV").parent.code == "CL-UBND"
    assert Unit.objects.get(code="CL-VP").requires_head_approval is True


def test_a_row_with_an_unknown_kind_rejects_the_whole_sheet(db):
    data = _units(
        [
            ["CL-UBND", "Ủy ban nhân dân huyện Cam Lâm", "UBND huyện", "UBND", "district", "", "0", "1"],
            ["CL-PNV", "Phòng Nội vụ huyện Cam Lâm", "Phòng Nội vụ", "PNV", "phong-ban", "CL-UBND", "0", "1"],
        ]
    )
    result = UnitResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert "kind" in result.invalid_rows[0].field_specific_errors
    assert not Unit.objects.exists()


def test_roles_import_by_username_and_unit_code(db, django_user_model):
    Unit.objects.create(code="CL-PNV", name="Phòng Nội vụ huyện Cam Lâm")
    django_user_model.objects.create(username="pnv.camlam")
    data = tablib.Dataset(["pnv.camlam", "CL-PNV", "coordinator"], headers=["username", "unit_code", "role"])
    result = MembershipResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Membership.objects.get().role == Membership.Role.COORDINATOR
