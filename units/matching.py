"""Recognising units in plan text ("VP HĐND và UBND", "Phòng Nội vụ (CCHC)").

Matching is accent- and case-free, expands the abbreviations plans use, and
ignores the place name that follows a unit ("… huyện Cam Lâm"). Anything not
recognised is returned as is, for a person to map; a mapping once made is kept
as an alias (``unit_alias_remember``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from core.text import fold

from .models import Unit, UnitAlias

# Abbreviation → words, applied on folded text (whole words only).
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "vp": "van phong",
    "tt": "trung tam",
    "p": "phong",
    "snv": "so noi vu",
    "pnv": "phong noi vu",
    "stp": "so tu phap",
    "sct": "so cong thuong",
    "stc": "so tai chinh",
    "tttt": "thong tin va truyen thong",
    "hcc": "hanh chinh cong",
    "vh": "van hoa",
    "tn": "tiep nhan",
    "tkq": "tra ket qua",
    "tthc": "thu tuc hanh chinh",
    "cchc": "cai cach hanh chinh",
    "ct": "chu tich",
    "pct": "pho chu tich",
    "tp": "thanh pho",
}
# Words that carry no identity: conjunctions and administrative levels.
FILLER = {"va", "cua", "cac", "huyen", "xa", "tinh", "thi", "tran", "phuong", "thanh", "pho"}
_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Folded text with abbreviations expanded, "&" read as "va"."""
    words = fold(text.replace("&", " và ")).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def _core(text: str) -> str:
    return " ".join(word for word in _WORD.findall(normalise(text)) if word not in FILLER)


@dataclass
class UnitMatcher:
    """Matches names against a set of units (usually the issuer's tree)."""

    units: list[Unit]

    def __post_init__(self):
        self._exact: dict[str, list[Unit]] = {}
        self._cores: dict[str, list[Unit]] = {}
        aliases = UnitAlias.objects.filter(unit__in=self.units).select_related("unit")
        names = [(u, name) for u in self.units for name in (u.name, u.short_name, u.code) if name]
        # An alias may name several units: "Các cơ quan có giải quyết TTHC" is a group.
        names += [(a.unit, a.text) for a in aliases]
        for unit, name in names:
            for index, key in ((self._exact, normalise(name)), (self._cores, _core(name))):
                found = index.setdefault(key, [])
                if unit not in found:
                    found.append(unit)

    def match(self, text: str) -> list[Unit]:
        """Return the unit(s) the text names; empty when unknown or ambiguous."""
        exact = self._exact.get(normalise(text))
        if exact:
            return exact
        core = _core(text)
        # A plural group ("UBND các xã …") is only known by an alias a person gave it.
        if not core or " cac " in f" {normalise(text)} ":
            return []
        if core in self._cores:
            return self._cores[core] if len(self._cores[core]) == 1 else []
        close = difflib.get_close_matches(core, list(self._cores), n=2, cutoff=0.88)
        # Two near candidates means the text is ambiguous: leave it to a person.
        if len(close) == 1 and len(self._cores[close[0]]) == 1:
            return self._cores[close[0]]
        return []


def unit_alias_remember(*, unit: Unit, text: str) -> UnitAlias:
    """Keep a person's mapping of plan text to a unit for the next import."""
    alias, _ = UnitAlias.objects.get_or_create(unit=unit, folded=fold(text), defaults={"text": text.strip()})
    return alias
