"""Folding Vietnamese text for matching: no accents, no case, single spaces."""

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, with punctuation as spaces.

    "Văn phòng HĐND-UBND" and "van phong hdnd ubnd" fold alike.
    """
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", _PUNCT.sub(" ", stripped.lower())).strip()
