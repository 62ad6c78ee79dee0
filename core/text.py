"""Folding Vietnamese text for matching: no accents, no case, single spaces."""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "−": "-"})


def strip_accents(text: str) -> str:
    """ "Đồng Nai" → "Dong Nai": the letters without their marks, case and punctuation kept."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, with punctuation as spaces.

    "Văn phòng HĐND-UBND" and "van phong hdnd ubnd" fold alike.
    """
    return _SPACES.sub(" ", _PUNCT.sub(" ", strip_accents(text).lower())).strip()


@functools.lru_cache(maxsize=8192)
def fold_phrase(text) -> str:
    """Like ``fold`` but punctuation stays: deadline phrases ("15/01/2021", "Quý I-II"),
    answer labels and codes read from a file (a number cell is read as its digits).

    Trailing separators (" .;,") go: they end a cell, they say nothing.
    """
    text = "" if text is None else str(text)
    folded = _SPACES.sub(" ", strip_accents(text).lower()).strip()
    return folded.rstrip(" .;,").strip()
