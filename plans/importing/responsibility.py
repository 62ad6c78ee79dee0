"""Who leads and who coordinates, read from the responsibility text of a task row.

Plans write it in a few ways: separate "chủ trì" / "phối hợp" columns;
"X chủ trì, phối hợp (với) Y, Z thực hiện …"; "Chủ trì: X; Phối hợp: Y"; or
"X thực hiện", "X theo dõi, kiểm tra" — the subject of a duty leads it. Names
are returned as written; recognising the units is the matcher's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from units.text import fold

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
_SUBJECT = re.compile(r"^(?P<subject>.+?)\s+(?:" + "|".join(_VERBS) + r")\b", re.IGNORECASE)
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
}


# Pieces of a generic phrase once split on commas, and "the heads of all units".
_FRAGMENTS = {"cac co quan", "don vi", "dia phuong", "cac don vi", "cac co quan don vi"}
_HEADS_OF_ALL = ("thu truong cac", "thu truong co quan", "nguoi dung dau")


@dataclass
class Responsibility:
    leads: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)


def _clean(name: str) -> str:
    name = re.sub(r"\(.*?\)", "", name)
    return name.strip(" .;:,-+\n\t")


def split_names(text: str) -> list[str]:
    """Split "A, B và C" into names; a plural group ("Các cơ quan, đơn vị …") stays whole."""
    names = []
    for line in re.split(r"[\n;]+", text):
        line = _clean(line.lstrip("-+• "))
        if not line:
            continue
        if fold(line).startswith("cac ") and fold(line) not in GENERIC:
            names.append(line)
            continue
        names.extend(filter(None, (_clean(part) for part in line.split(","))))
    return names


def _add(target: list[str], generic: list[str], text: str) -> None:
    for name in split_names(text):
        folded = fold(name)
        if folded in GENERIC or folded in _FRAGMENTS or folded.startswith(_HEADS_OF_ALL):
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
            target = result.leads if fold(role) == "chu tri" else result.coordinating
            _add(target, result.generic, names)
        return
    match = _LEAD_COORD.match(line)
    if match:
        _add(result.leads, result.generic, match.group("lead"))
        _add(result.coordinating, result.generic, _strip_duty(match.group("coord")))
        return
    match = _LEAD_ONLY.match(line) or _SUBJECT.match(line)
    subject = match.group(1) if match else line
    _add(result.leads, result.generic, subject)


def read_responsibility(
    *, responsibility: str = "", lead: str = "", coordinating: str = ""
) -> Responsibility:
    result = Responsibility()
    if lead or coordinating:
        _add(result.leads, result.generic, lead)
        _add(result.coordinating, result.generic, coordinating)
    for line in responsibility.splitlines():
        _read_line(line, result)
    leads = {fold(name) for name in result.leads}
    result.coordinating = [name for name in result.coordinating if fold(name) not in leads]
    return result
