"""Who a letter is addressed to: the head of a unit by the unit's kind (Decree 30, box 9a).

    addressee_title(unit)  # "Chủ tịch Ủy ban nhân dân xã Cam Hải Đông", "Giám đốc Sở Tư pháp"

Used by the công văn đôn đốc and by any screen that writes to one unit (the daily "remind one unit").
"""

from __future__ import annotations

from units.models import Unit

# A name's first words → the head's title; the first match wins, longest prefixes first.
HEADS_BY_NAME = [
    ("Văn phòng", "Chánh Văn phòng"),
    ("Thanh tra", "Chánh Thanh tra"),
    ("Phòng", "Trưởng phòng"),
    ("Sở", "Giám đốc Sở"),
    ("Trung tâm", "Giám đốc Trung tâm"),
    ("Ban", "Trưởng Ban"),
    ("Bộ phận", "Trưởng Bộ phận"),
    ("Chi cục", "Chi cục trưởng Chi cục"),
    ("Cục", "Cục trưởng Cục"),
    ("Bệnh viện", "Giám đốc Bệnh viện"),
    ("Trường", "Hiệu trưởng Trường"),
    ("Đài", "Giám đốc Đài"),
    ("Bảo hiểm xã hội", "Giám đốc Bảo hiểm xã hội"),
    ("Công an", "Trưởng Công an"),
]
PEOPLES_COMMITTEES = {Unit.Kind.PROVINCE, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE}
COMMITTEE_LONG, COMMITTEE_SHORT = "Ủy ban nhân dân", "UBND"


def addressee_title(unit: Unit) -> str:
    """The head of ``unit`` with the unit's name, as a letter addresses them."""
    name = unit.name.strip()
    if unit.kind in PEOPLES_COMMITTEES or name.startswith((COMMITTEE_LONG, COMMITTEE_SHORT)):
        if name.startswith(COMMITTEE_SHORT + " "):
            name = COMMITTEE_LONG + name[len(COMMITTEE_SHORT) :]
        return f"Chủ tịch {name}"
    for prefix, head in HEADS_BY_NAME:
        if name.startswith(prefix + " "):
            rest = name[len(prefix) :]
            # "Phòng Nội vụ" → "Trưởng phòng Nội vụ": the title already says "phòng".
            return f"{head}{rest}"
    return f"Thủ trưởng {name}"


def drafting_unit_symbol(issuer: Unit) -> str:
    """The symbol of the office that drafts the issuer's letters of follow-up (its Nội vụ), if it has one."""
    office = (
        Unit.objects.filter(parent=issuer, is_active=True, name__icontains="Nội vụ")
        .exclude(symbol="")
        .order_by("id")
        .first()
    )
    return office.symbol if office else ""
