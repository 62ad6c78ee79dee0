"""The plan's own text as structured blocks: headings, paragraphs with bold and italic runs, bullets.

A plan's free sections ("II. NỘI DUNG NHIỆM VỤ…", "III. TỔ CHỨC THỰC HIỆN…") are kept as a list
of plain JSON blocks on ``Plan.text_blocks``, so a regenerated plan reads like the signed one:

    {"type": "heading", "level": 1, "number": "II", "text": "NỘI DUNG NHIỆM VỤ"}
    {"type": "paragraph", "runs": [{"text": "Theo ", "bold": false, "italic": false}, …]}
    {"type": "bullet", "level": 1, "runs": […]}            # "- …"; level 2 is "+ …"

One home for the shape: ``blocks_clean`` validates and normalises (every writer calls it), the
light markup a clerk types on the plan screen converts both ways (``blocks_from_markup``,
``blocks_to_markup``), and Word paragraphs are read with ``block_from_paragraph``.

Markup, one block per line: ``# II. Heading`` (level 1, Roman number), ``## 1. Heading`` (level 2),
``### a) Heading`` (level 3), ``- bullet``, ``+ second-level bullet``, anything else a paragraph;
``**bold**`` and ``*italic*`` inside a line.
"""

from __future__ import annotations

import re

from core.errors import ApplicationError

MAX_BLOCKS = 2000
MAX_BLOCK_CHARS = 10_000
TYPES = ("heading", "paragraph", "bullet")
HEADING_LEVELS = (1, 2, 3)
BULLET_MARKS = {1: "-", 2: "+"}
NUMBER_PATTERNS = {
    1: re.compile(r"^[IVXLC]+$"),
    2: re.compile(r"^\d{1,3}$"),
    3: re.compile(r"^[a-zđ]$"),
}
NUMBER_ENDS = {1: ".", 2: ".", 3: ")"}

MSG_NOT_LIST = "Nội dung văn bản phải là một danh sách khối."
MSG_TOO_MANY = "Nội dung văn bản có {count} khối, vượt mức {limit}."
MSG_BAD_TYPE = "Khối {index}: loại «{kind}» không có (chỉ có tiêu đề, đoạn văn, gạch đầu dòng)."
MSG_BAD_LEVEL = "Khối {index}: cấp «{level}» không hợp lệ."
MSG_BAD_NUMBER = "Khối {index}: số mục «{number}» không hợp với tiêu đề cấp {level} ({example})."
MSG_TOO_LONG = "Khối {index}: dài {size} ký tự, vượt mức {limit}."
MSG_EMPTY_HEADING = "Khối {index}: tiêu đề không có chữ."
MSG_BAD_RUNS = "Khối {index}: phần chữ không hợp lệ."
MSG_UNCLOSED = "Dòng {line}: dấu «{mark}» mở mà chưa đóng."
EXAMPLES = {1: "I, II, III…", 2: "1, 2, 3…", 3: "a, b, c…"}

HEADING_LINE = re.compile(r"^(#{1,3})\s+(.*)$")
NUMBERED = {
    1: re.compile(r"^([IVXLC]+)\.\s+(.*)$"),
    2: re.compile(r"^(\d{1,3})\.\s+(.*)$"),
    3: re.compile(r"^([a-zđ])\)\s+(.*)$"),
}
BULLET_LINE = re.compile(r"^([-+•])\s+(.*)$")
SPACES = re.compile(r"\s+")


# ----- validation and normalisation -------------------------------------------------------------


def _squash(text: str) -> str:
    return SPACES.sub(" ", text)


def _runs(raw, index: int) -> list[dict]:
    """Merge neighbours of the same style, drop empty runs, collapse spaces; strip the block's ends."""
    if not isinstance(raw, list):
        raise ApplicationError(MSG_BAD_RUNS.format(index=index))
    runs: list[dict] = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
            raise ApplicationError(MSG_BAD_RUNS.format(index=index))
        run = {
            "text": _squash(item.get("text", "")),
            "bold": bool(item.get("bold")),
            "italic": bool(item.get("italic")),
        }
        if not run["text"]:
            continue
        if runs and (runs[-1]["bold"], runs[-1]["italic"]) == (run["bold"], run["italic"]):
            runs[-1]["text"] = _squash(runs[-1]["text"] + run["text"])
        else:
            runs.append(run)
    if runs:
        runs[0]["text"] = runs[0]["text"].lstrip()
        runs[-1]["text"] = runs[-1]["text"].rstrip()
    return [run for run in runs if run["text"]]


def _heading(raw: dict, index: int) -> dict | None:
    level = raw.get("level")
    if level not in HEADING_LEVELS:
        raise ApplicationError(MSG_BAD_LEVEL.format(index=index, level=level))
    number = str(raw.get("number") or "").strip().rstrip(".)")
    if number and not NUMBER_PATTERNS[level].match(number):
        raise ApplicationError(
            MSG_BAD_NUMBER.format(index=index, number=number, level=level, example=EXAMPLES[level])
        )
    text = _squash(str(raw.get("text") or "")).strip()
    if not text:
        raise ApplicationError(MSG_EMPTY_HEADING.format(index=index))
    return {"type": "heading", "level": level, "number": number, "text": text}


def _block(raw, index: int) -> dict | None:
    kind = raw.get("type") if isinstance(raw, dict) else None
    if kind not in TYPES:
        raise ApplicationError(MSG_BAD_TYPE.format(index=index, kind=kind))
    if kind == "heading":
        block = _heading(raw, index)
        size = len(block["text"])
    else:
        runs = _runs(raw.get("runs"), index)
        if not runs:
            return None
        block = {"type": kind, "runs": runs}
        if kind == "bullet":
            level = raw.get("level", 1)
            if level not in BULLET_MARKS:
                raise ApplicationError(MSG_BAD_LEVEL.format(index=index, level=level))
            block["level"] = level
        size = sum(len(run["text"]) for run in runs)
    if size > MAX_BLOCK_CHARS:
        raise ApplicationError(MSG_TOO_LONG.format(index=index, size=size, limit=MAX_BLOCK_CHARS))
    return block


def blocks_clean(raw) -> list[dict]:
    """Validated, normalised blocks, or an ApplicationError naming the block (1-based) and the reason."""
    if not isinstance(raw, list):
        raise ApplicationError(MSG_NOT_LIST)
    if len(raw) > MAX_BLOCKS:
        raise ApplicationError(MSG_TOO_MANY.format(count=len(raw), limit=MAX_BLOCKS))
    cleaned = (_block(item, index) for index, item in enumerate(raw, start=1))
    return [block for block in cleaned if block is not None]


def block_text(block: dict) -> str:
    """The block as printed: "II. NỘI DUNG…", "- Một gạch đầu dòng", a paragraph's text."""
    if block["type"] == "heading":
        number = block["number"]
        return f"{number}{NUMBER_ENDS[block['level']]} {block['text']}" if number else block["text"]
    text = "".join(run["text"] for run in block["runs"])
    if block["type"] == "bullet":
        return f"{BULLET_MARKS[block['level']]} {text}"
    return text


# ----- light markup ------------------------------------------------------------------------------

INLINE = re.compile(r"(\*\*|\*)")


def _inline_runs(text: str, line: int) -> list[dict]:
    """``**bold**`` and ``*italic*``; a mark left open is an error, not a guess."""
    runs, bold, italic = [], False, False
    for piece in INLINE.split(text):
        if piece == "**":
            bold = not bold
        elif piece == "*":
            italic = not italic
        elif piece:
            runs.append({"text": piece, "bold": bold, "italic": italic})
    if bold or italic:
        raise ApplicationError(MSG_UNCLOSED.format(line=line, mark="**" if bold else "*"))
    return runs


def _heading_from_line(marks: str, rest: str) -> dict:
    level = len(marks)
    found = NUMBERED[level].match(rest)
    number, text = (found.group(1), found.group(2)) if found else ("", rest)
    return {"type": "heading", "level": level, "number": number, "text": text.replace("*", "")}


def blocks_from_markup(text: str) -> list[dict]:
    """One block per non-empty line; see the module docstring for the marks."""
    blocks = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        heading = HEADING_LINE.match(line)
        bullet = BULLET_LINE.match(line)
        if heading:
            blocks.append(_heading_from_line(heading.group(1), heading.group(2).strip()))
        elif bullet:
            level = 2 if bullet.group(1) == "+" else 1
            blocks.append(
                {"type": "bullet", "level": level, "runs": _inline_runs(bullet.group(2), line_number)}
            )
        else:
            blocks.append({"type": "paragraph", "runs": _inline_runs(line, line_number)})
    return blocks_clean(blocks)


def _run_markup(run: dict) -> str:
    text = run["text"]
    if run["italic"]:
        text = f"*{text}*"
    if run["bold"]:
        text = f"**{text}**"
    return text


def blocks_to_markup(blocks: list[dict]) -> str:
    lines = []
    for block in blocks:
        if block["type"] == "heading":
            lines.append(f"{'#' * block['level']} {block_text(block)}")
            continue
        text = "".join(_run_markup(run) for run in block["runs"])
        if block["type"] == "bullet":
            text = f"{BULLET_MARKS[block['level']]} {text}"
        lines.append(text)
    return "\n".join(lines)


# ----- Word paragraphs ---------------------------------------------------------------------------


def _word_runs(paragraph, bold_style: bool) -> list[dict]:
    return [
        {
            "text": run.text,
            "bold": bool(run.bold or (run.bold is None and bold_style)),
            "italic": bool(run.italic),
        }
        for run in paragraph.runs
    ]


def block_from_paragraph(paragraph, *, numbered_list: bool = False) -> dict | None:
    """A Word paragraph as a block: a numbered line that is short and all bold reads as a heading,
    a line starting "-"/"+" (or in a bulleted list) as a bullet, the rest as a paragraph."""
    text = _squash(paragraph.text).strip()
    if not text:
        return None
    runs = _word_runs(paragraph, bold_style=False)
    all_bold = all(run["bold"] for run in runs if run["text"].strip())
    for level, pattern in NUMBERED.items():
        found = pattern.match(text)
        if found and all_bold and len(text) <= 300:
            return {"type": "heading", "level": level, "number": found.group(1), "text": found.group(2)}
    bullet = BULLET_LINE.match(text)
    if bullet or numbered_list:
        level = 2 if bullet and bullet.group(1) == "+" else 1
        if bullet:
            runs = _strip_prefix(runs, len(text) - len(bullet.group(2)))
        return {"type": "bullet", "level": level, "runs": runs}
    return {"type": "paragraph", "runs": runs}


def _strip_prefix(runs: list[dict], count: int) -> list[dict]:
    """Drop the first ``count`` characters (the bullet mark), keeping each run's style."""
    out = []
    for run in runs:
        text = run["text"].lstrip() if not out and count else run["text"]
        if count:
            taken = min(count, len(text))
            text, count = text[taken:], count - taken
        out.append(run | {"text": text})
    return out


def blocks_to_docx(container, blocks: list[dict], *, size: float = 14) -> None:
    """Write blocks as Decree 30 body paragraphs: headings bold, first-line indent, 6 pt after."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    for block in blocks:
        paragraph = container.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.first_line_indent, fmt.space_after, fmt.line_spacing = Cm(1.27), Pt(6), 1.15
        if block["type"] == "heading":
            pieces = [{"text": block_text(block), "bold": True, "italic": False}]
        else:
            pieces = list(block["runs"])
            if block["type"] == "bullet":
                pieces.insert(0, {"text": f"{BULLET_MARKS[block['level']]} ", "bold": False, "italic": False})
        for piece in pieces:
            run = paragraph.add_run(piece["text"])
            run.font.size, run.font.bold, run.font.italic = Pt(size), piece["bold"], piece["italic"]
