"""The plan's own text, read from the Word body: purposes, requirements and the free sections.

Part I ("Mục đích, yêu cầu") gives the purposes and requirements, line by line; every part after it
("II. NỘI DUNG…", "III. TỔ CHỨC THỰC HIỆN…") is kept as structured blocks (plans.text_blocks) up to
the closing ("Nơi nhận:" and the signer) or the first appendix. Tables inside the body are left out:
the task table is read apart (plans.importing.table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.table import Table

from core.text import fold

from ..text_blocks import block_from_paragraph, block_text, blocks_clean

CLOSING = ("noi nhan", "phu luc")
ROMAN_PART = re.compile(r"^[IVX]+\.\s")


@dataclass
class PlanText:
    intro: str = ""
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    blocks: list[dict] = field(default_factory=list)

    def fill(self, heading) -> None:
        """Put the text on the heading read from the same document (plans.importing.heading)."""
        heading.intro = self.intro
        heading.purposes = "\n".join(self.purposes)
        heading.requirements = "\n".join(self.requirements)
        heading.text_blocks = self.blocks


def _is_closing(block) -> bool:
    if isinstance(block, Table):
        return any(fold(cell.text).startswith("noi nhan") for row in block.rows for cell in row.cells)
    return fold(block.text.strip()).startswith(CLOSING)


def _is_listed(paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _body_blocks(items) -> list[dict]:
    """Blocks from the first Roman-numbered heading to the closing."""
    found, started = [], False
    for item in items:
        if _is_closing(item):
            break
        if isinstance(item, Table):
            continue
        block = block_from_paragraph(item, numbered_list=_is_listed(item))
        if block is None:
            continue
        started = started or (block["type"] == "heading" and block["level"] == 1)
        if started:
            found.append(block)
    return found


def _intro(items) -> str:
    """The paragraph that leads into part I ("… ban hành Kế hoạch … như sau:"), as signed."""
    last = ""
    for item in items:
        if _is_closing(item) or isinstance(item, Table):
            continue
        text = " ".join(item.text.split())
        if ROMAN_PART.match(text):
            break
        last = text or last
    return last if last.endswith(":") and "ke hoach" in fold(last) else ""


def _part_one(blocks: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split off part I when it is "Mục đích, yêu cầu"; the rest are the free sections."""
    if not blocks or "muc dich" not in fold(blocks[0].get("text", "")):
        return [], blocks
    for index, block in enumerate(blocks[1:], start=1):
        if block["type"] == "heading" and block["level"] == 1:
            return blocks[1:index], blocks[index:]
    return blocks[1:], []


def _purposes_requirements(part: list[dict]) -> tuple[list[str], list[str]]:
    purposes, requirements, target = [], [], None
    for block in part:
        if block["type"] == "heading" and block["level"] == 2:
            title = fold(block["text"])
            target = purposes if "muc dich" in title else requirements if "yeu cau" in title else target
            continue
        if target is not None:
            target.append(block_text(block))
    return purposes, requirements


def read_plan_text(items) -> PlanText:
    """``items`` are the document's paragraphs and tables in order (``Document.iter_inner_content``)."""
    part_one, rest = _part_one(blocks_clean(_body_blocks(items)))
    purposes, requirements = _purposes_requirements(part_one)
    return PlanText(intro=_intro(items), purposes=purposes, requirements=requirements, blocks=rest)
