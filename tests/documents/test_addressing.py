"""Letters are addressed to the head of a unit by the unit's kind."""

import pytest

from documents.addressing import addressee_title
from units.models import Unit

CASES = [
    ("Ủy ban nhân dân xã Cam Hải Đông", Unit.Kind.COMMUNE, "Chủ tịch Ủy ban nhân dân xã Cam Hải Đông"),
    ("UBND phường Bửu Long", Unit.Kind.COMMUNE, "Chủ tịch Ủy ban nhân dân phường Bửu Long"),
    ("Ủy ban nhân dân tỉnh Đồng Nai", Unit.Kind.PROVINCE, "Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai"),
    ("Sở Tư pháp", Unit.Kind.DEPARTMENT, "Giám đốc Sở Tư pháp"),
    ("Phòng Nội vụ", Unit.Kind.OFFICE, "Trưởng phòng Nội vụ"),
    ("Văn phòng HĐND và UBND huyện", Unit.Kind.OFFICE, "Chánh Văn phòng HĐND và UBND huyện"),
    (
        "Trung tâm Phục vụ hành chính công tỉnh",
        Unit.Kind.ONE_STOP,
        "Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    ),
    ("Chi cục Thuế khu vực", Unit.Kind.VERTICAL, "Chi cục trưởng Chi cục Thuế khu vực"),
    ("Hội Nông dân", Unit.Kind.OTHER, "Thủ trưởng Hội Nông dân"),
]


@pytest.mark.parametrize(("name", "kind", "title"), CASES)
def test_the_head_by_the_unit_kind(name, kind, title):
    assert addressee_title(Unit(name=name, kind=kind)) == title
