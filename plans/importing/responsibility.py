"""Who leads and who coordinates, read from the responsibility text of a task row.

Plans write it in a few ways: separate "chủ trì" / "phối hợp" columns;
"X chủ trì, phối hợp (với) Y, Z thực hiện …"; "Chủ trì: X; Phối hợp: Y"; or
"X thực hiện", "X theo dõi, kiểm tra" — the subject of a duty leads it. Names
are returned as written; recognising the units is the matcher's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.text import fold

_LEAD_COORD = re.compile(
    r"^(?P<lead>.+?)\s+chủ trì\s*,?\s*(?:và\s+)?phối hợp(?:\s+với)?\s+(?P<coord>.+)$", re.IGNORECASE
)
_LEAD_ONLY = re.compile(r"^(?P<lead>.+?)\s+chủ trì\b", re.IGNORECASE)
_LABELLED = re.compile(r"(chủ trì|phối hợp)\s*:\s*(.+?)(?=(?:chủ trì|phối hợp)\s*:|$)", re.IGNORECASE)
# Verbs that end the subject of a duty ("X thực hiện …", "X theo dõi, kiểm tra").
_VERBS = (
    "thực hiện",
    "theo dõi",
    "tham mưu",
    "có trách nhiệm",
    "tổng hợp",
    "tổ chức",
    "chỉ đạo",
    "triển khai",
    "hướng dẫn",
    "rà soát",
    "kiểm tra",
    "báo cáo",
    "xây dựng",
    "lập",
    "phối hợp",
)
_ADVERBS = ("thường xuyên", "kịp thời", "định kỳ", "trực tiếp")
_SUBJECT = re.compile(r"^(?P<subject>.+?)\s+(?P<verb>" + "|".join(_VERBS + _ADVERBS) + r")\b", re.IGNORECASE)
# A unit that only follows and checks others' work supports it; it does not lead it.
_OVERSIGHT = ("theo doi", "kiem tra")
# Phrases naming nobody in particular: dropped, with a note on the preview.
GENERIC = {
    "cac co quan lien quan",
    "cac co quan co lien quan",
    "cac co quan don vi lien quan",
    "cac don vi lien quan",
    "cac don vi co lien quan",
    "cac nganh co lien quan",
    "cac nganh lien quan",
    "cac co quan don vi dia phuong",
    "cac co quan don vi dia phuong lien quan",
    "co quan lien quan",
    "cac co quan don vi",
    "cac co quan don vi co lien quan",
    "cac don vi dia phuong co lien quan",
    "cac don vi dia phuong lien quan",
}


# Pieces of a generic phrase once split on commas, and "the heads of all units".
_FRAGMENTS = {"cac co quan", "don vi", "dia phuong", "cac don vi"}
_HEAD_PREFIX = re.compile(r"^(Thủ trưởng|Người đứng đầu)\s+", re.IGNORECASE)


@dataclass
class Responsibility:
    leads: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)


def _clean(name: str) -> str:
    name = re.sub(r"\(.*?\)", "", name)
    return name.strip(" .;:,-+\n\t")


def _is_group(text: str) -> bool:
    return " cac " in f" {fold(text)} "


def split_names(text: str) -> list[str]:
    """Split "A, B và C" into names.

    A plural group keeps the lower-case words that follow it:
    "UBND các xã, phường, thị trấn được chọn điều tra" is one name, for a person to map.
    """
    names: list[str] = []
    for line in re.split(r"[\n;]+", text):
        line = _clean(line.lstrip("-+• "))
        for piece in filter(None, (_clean(part) for part in line.split(","))):
            continues_group = names and _is_group(names[-1]) and piece[:1].islower()
            if continues_group and not fold(piece).startswith("cac "):
                names[-1] = f"{names[-1]}, {piece}"
            else:
                names.append(piece)
    return names


def _add(target: list[str], generic: list[str], text: str, *, leading: bool = False) -> None:
    """Add the names in ``text``; vague ones ("các cơ quan liên quan") only where they support.

    A vague subject that leads a duty is kept, for a person to say who it means.
    """
    for name in split_names(text):
        name = _HEAD_PREFIX.sub("", name)  # "Thủ trưởng các cơ quan X" leads as "các cơ quan X"
        folded = fold(name)
        if folded in _FRAGMENTS or (folded in GENERIC and not leading):
            generic.append(name)
        elif name not in target:
            target.append(name)


def _strip_duty(text: str) -> str:
    match = _SUBJECT.match(text)
    return match.group("subject") if match else text


def _read_line(line: str, result: Responsibility) -> None:
    line = line.strip().lstrip("-+• ").strip()
    if not line:
        return
    labelled = _LABELLED.findall(line)
    if labelled:
        for role, names in labelled:
            leading = fold(role) == "chu tri"
            _add(result.leads if leading else result.coordinating, result.generic, names, leading=leading)
        return
    match = _LEAD_COORD.match(line)
    if match:
        _add(result.leads, result.generic, match.group("lead"), leading=True)
        _add(result.coordinating, result.generic, _strip_duty(match.group("coord")))
        return
    match = _LEAD_ONLY.match(line)
    if match:
        _add(result.leads, result.generic, match.group("lead"), leading=True)
        return
    match = _SUBJECT.match(line)
    if match and fold(match.group("verb")) in _OVERSIGHT:
        _add(result.coordinating, result.generic, match.group("subject"))
        return
    _add(result.leads, result.generic, match.group("subject") if match else line, leading=True)


def read_responsibility(
    *, responsibility: str = "", lead: str = "", coordinating: str = ""
) -> Responsibility:
    result = Responsibility()
    if lead or coordinating:
        _add(result.leads, result.generic, lead)
        _add(result.coordinating, result.generic, coordinating)
    for line in responsibility.splitlines():
        _read_line(line, result)
    if not result.leads:
        # Only overseers are named: they answer for the task.
        result.leads, result.coordinating = result.coordinating, []
    leads = {fold(name) for name in result.leads}
    result.coordinating = [name for name in result.coordinating if fold(name) not in leads]
    return result
