"""The heading and closing of an administrative document, read from its text.

Decree 30 fixes where each element sits: the number and the place-date line in
the header table, the document type and summary under it, "Căn cứ …" lines,
and at the end a two-column table with "Nơi nhận:" on the left and the signer
on the right. Everything here is best effort: what is not found stays empty
for a person to fill in on the preview.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from docx.table import Table

from core.text import fold

NUMBER = re.compile(r"S[ốo]\s*:\s*(\d*)\s*/\s*([A-ZĐ][A-ZĐa-zđ0-9\-.]*)")
PLACE_DATE = re.compile(
    r"^(?P<place>[^,\d]{2,60}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
TITLE_ENDS = ("can cu", "thuc hien", "(ban hanh", "kinh gui", "xet de nghi")
AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*(.*)$")
DOC_TYPES = (
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Công văn",
    "Kế hoạch",
    "Luật",
    "Văn bản",
    "Thông báo",
    "Đề án",
    "Chương trình",
    "Hướng dẫn",
    "Tờ trình",
)
DOC_TYPE = re.compile(r"(" + "|".join(DOC_TYPES) + r")", re.IGNORECASE)
REF_NUMBER = re.compile(r"(?:số|\()\s*(\d+[\w/\-.Đđ]*)", re.IGNORECASE)
REF_DATE = re.compile(
    r"ngày\s*(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})|ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"
)
REF_ISSUER = re.compile(r"\bcủa\s+(.+?)(?:\s+(?:về|ban hành|phê duyệt)\b|[;,.]?$)")


@dataclass
class Heading:
    number: int | None = None
    doc_code: str = ""
    place: str = ""
    date: dt.date | None = None
    year: int | None = None
    title: str = ""
    issued_with: str = ""
    legal_bases: list[dict] = field(default_factory=list)
    signer: dict = field(default_factory=dict)
    recipients: list[str] = field(default_factory=list)
    intro: str = ""
    purposes: str = ""
    requirements: str = ""
    text_blocks: list[dict] = field(default_factory=list)

    def as_data(self) -> dict:
        return {
            "number": self.number,
            "doc_code": self.doc_code,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "year": self.year,
            "title": self.title,
            "issued_with": self.issued_with,
            "legal_bases": self.legal_bases,
            "signer": self.signer,
            "recipients": self.recipients,
            "intro": self.intro,
            "purposes": self.purposes,
            "requirements": self.requirements,
            "text_blocks": self.text_blocks,
        }


def _lines(blocks, table_grid) -> list[str]:
    """Every non-empty line of the document in order, table cells included."""
    lines = []
    for block in blocks:
        if isinstance(block, Table):
            for row in table_grid(block):
                for cell in row:
                    lines.extend(line.strip() for line in cell.splitlines() if line.strip())
        else:
            lines.extend(line.strip() for line in block.text.splitlines() if line.strip())
    return lines


def _reference(clause: str) -> dict:
    clause = clause.strip().rstrip(";.").strip()
    doc_type = DOC_TYPE.search(clause)
    number = REF_NUMBER.search(clause)
    date = REF_DATE.search(clause)
    issuer = REF_ISSUER.search(clause)
    found_date = None
    if date:
        day, month, year = (int(g) for g in (date.groups()[:3] if date.group(1) else date.groups()[3:]))
        try:
            found_date = dt.date(year, month, day).isoformat()
        except ValueError:
            found_date = None
    return {
        "doc_type": doc_type.group(1).capitalize() if doc_type else "",
        "number": number.group(1).rstrip(".,;") if number else "",
        "date": found_date,
        "issuer": issuer.group(1).strip() if issuer else "",
        "summary": "",
        "text": clause,
    }


def _before_body(lines: list[str]) -> list[str]:
    """The lines before the first Roman-numbered part ("I. MỤC ĐÍCH, YÊU CẦU")."""
    for index, line in enumerate(lines):
        if re.match(r"^[IVX]+\.\s", line):
            return lines[:index]
    return lines


def _legal_bases(lines: list[str]) -> list[dict]:
    bases = []
    for line in _before_body(lines):
        if not fold(line).startswith(("can cu", "thuc hien")):
            continue
        body = re.sub(r"^(Căn cứ|Thực hiện)\s*", "", line, flags=re.IGNORECASE)
        for clause in re.split(r";\s*", body):
            # A reference starts with its type and carries a number or a date.
            if DOC_TYPE.match(clause.strip()) and (REF_NUMBER.search(clause) or REF_DATE.search(clause)):
                bases.append(_reference(clause))
    return bases


def _title(lines: list[str]) -> tuple[str, str]:
    """Return the summary under "KẾ HOẠCH" and any "(Ban hành kèm theo …)" line."""
    for index, line in enumerate(lines):
        if fold(line) != "ke hoach":
            continue
        title, issued_with = [], ""
        for follow in lines[index + 1 : index + 6]:
            if follow.startswith("(") and fold(follow).startswith("ban hanh kem theo"):
                issued_with = follow.strip("() ")
                break
            if fold(follow).startswith(TITLE_ENDS) or re.match(r"^[IVX]+\.", follow):
                break
            title.append(follow)
        return " ".join(title).strip(), issued_with
    return "", ""


def _signer(lines: list[str]) -> dict:
    """The signer stands right of "Nơi nhận:" in the closing table: after the recipient lines."""
    starts = [i for i, line in enumerate(lines) if fold(line).startswith("noi nhan")]
    if not starts:
        return {}
    block = [line for line in lines[starts[-1] + 1 : starts[-1] + 30] if not line.startswith("-")][:4]
    if not block:
        return {}
    match = AUTHORITY.match(block[0])
    if match:
        rest = block[1:]
        return {
            "authority": f"{match.group(1)}.",
            "on_behalf_of": match.group(2).strip(),
            "position": rest[0] if rest and _is_position(rest[0]) else "",
            "name": rest[1] if len(rest) > 1 and not _is_position(rest[1]) else "",
        }
    if _is_position(block[0]):
        name = block[1] if len(block) > 1 and not _is_position(block[1]) and len(block[1]) < 40 else ""
        return {"authority": "", "on_behalf_of": "", "position": block[0], "name": name}
    return {}


def _is_position(line: str) -> bool:
    return line.isupper() and 3 < len(line) < 60 and not line.startswith("-") and not re.search(r"\d", line)


def _recipients(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if fold(line).startswith("noi nhan"):
            found = []
            for follow in lines[index + 1 :]:
                if not follow.startswith("-"):
                    if found:
                        break
                    continue
                found.append(follow.lstrip("- ").strip())
            return found
    return []


def read_heading(blocks, table_grid) -> Heading:
    lines = _lines(blocks, table_grid)
    title, issued_with = _title(lines)
    heading = Heading(
        title=title,
        issued_with=issued_with,
        legal_bases=_legal_bases(lines),
        signer=_signer(lines),
        recipients=_recipients(lines),
    )
    for line in lines[:40]:
        number = NUMBER.search(line)
        if number and not heading.doc_code:
            heading.number = int(number.group(1)) if number.group(1) else None
            heading.doc_code = number.group(2)
        place_date = PLACE_DATE.match(line)
        if place_date and not heading.place:
            _set_place_date(heading, place_date)
    if issued_with and not heading.doc_code.startswith("KH"):
        # The number read is the decision's: the attached plan has none of its own.
        heading.number, heading.doc_code = None, "KH-" + heading.doc_code.partition("-")[2]
    return heading


def _set_place_date(heading: Heading, match: re.Match) -> None:
    heading.place = match.group("place").strip()
    heading.year = int(match.group("year"))
    if match.group("day") and match.group("month"):
        try:
            heading.date = dt.date(heading.year, int(match.group("month")), int(match.group("day")))
        except ValueError:
            heading.date = None
