"""The plan's own text as blocks: what a clerk types, what Word holds, and what is refused."""

import io

import docx
import pytest

from core.errors import ApplicationError
from plans.importing.text import read_plan_text
from plans.text_blocks import (
    MAX_BLOCK_CHARS,
    block_text,
    blocks_clean,
    blocks_from_markup,
    blocks_to_docx,
    blocks_to_markup,
)
from tests.plans import docx_fixtures

MARKUP = """# III. TỔ CHỨC THỰC HIỆN
## 1. Sở Nội vụ
- Chủ trì, phối hợp với các cơ quan **liên quan**;
+ Người dân, tổ chức đến thực hiện TTHC;
Báo cáo UBND huyện (*thông qua Phòng Nội vụ*) định kỳ."""


def test_markup_gives_headings_bullets_and_styled_runs():
    blocks = blocks_from_markup(MARKUP)
    assert [block_text(b) for b in blocks] == [
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ",
        "- Chủ trì, phối hợp với các cơ quan liên quan;",
        "+ Người dân, tổ chức đến thực hiện TTHC;",
        "Báo cáo UBND huyện (thông qua Phòng Nội vụ) định kỳ.",
    ]
    assert blocks[0] == {"type": "heading", "level": 1, "number": "III", "text": "TỔ CHỨC THỰC HIỆN"}
    assert blocks[2]["runs"][1] == {"text": "liên quan", "bold": True, "italic": False}
    assert blocks[4]["runs"][1] == {"text": "thông qua Phòng Nội vụ", "bold": False, "italic": True}


def test_markup_round_trips():
    blocks = blocks_from_markup(MARKUP)
    assert blocks_from_markup(blocks_to_markup(blocks)) == blocks
    assert blocks_to_markup(blocks) == MARKUP


def test_normalising_merges_runs_and_squashes_spaces_and_drops_empty_blocks():
    raw = [
        {"type": "paragraph", "runs": [{"text": "  Một  "}, {"text": " hai", "bold": False}]},
        {"type": "bullet", "runs": [{"text": "   "}]},
    ]
    assert blocks_clean(raw) == [
        {"type": "paragraph", "runs": [{"text": "Một hai", "bold": False, "italic": False}]}
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("không phải danh sách", "phải là một danh sách khối"),
        ([{"type": "table"}], "Khối 1: loại «table» không có"),
        ([{"type": "heading", "level": 1, "number": "7", "text": "Sai số"}], "Khối 1: số mục «7»"),
        ([{"type": "heading", "level": 4, "text": "x"}], "Khối 1: cấp «4»"),
        ([{"type": "paragraph", "runs": [{"text": "x" * (MAX_BLOCK_CHARS + 1)}]}], "vượt mức"),
    ],
)
def test_bad_blocks_are_refused_naming_the_block(raw, message):
    with pytest.raises(ApplicationError, match=message):
        blocks_clean(raw)


def test_an_unclosed_mark_names_the_line():
    with pytest.raises(ApplicationError, match="Dòng 2: dấu «\\*\\*» mở mà chưa đóng"):
        blocks_from_markup("Một dòng\n**đậm mà quên đóng")


def test_blocks_written_to_word_read_back_the_same():
    blocks = blocks_from_markup(MARKUP)
    document = docx.Document()
    blocks_to_docx(document, blocks)
    out = io.BytesIO()
    document.save(out)
    again = docx.Document(io.BytesIO(out.getvalue()))
    assert read_plan_text(list(again.iter_inner_content())).blocks == blocks


def test_cam_lam_word_file_gives_purposes_requirements_and_its_own_sections():
    document = docx.Document(io.BytesIO(docx_fixtures.camlam_2022()))
    text = read_plan_text(list(document.iter_inner_content()))
    assert len(text.purposes) == 2 and text.purposes[0].startswith("- Tiếp tục tạo sự chuyển biến")
    assert len(text.requirements) == 3
    assert [block_text(b) for b in text.blocks[:3]] == [
        "II. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN",
        "(Theo Phụ lục đính kèm)",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    assert text.blocks[1]["runs"][0]["italic"] is True
    assert block_text(text.blocks[-1]).endswith("trình UBND huyện giải quyết./.")
    # Bases and intro are one paragraph in Cam Lâm's plan: it is kept whole.
    assert text.intro.startswith("Căn cứ Quyết định số 308/QĐ-UBND")
    assert text.intro.endswith(
        "UBND huyện Cam Lâm xây dựng kế hoạch nâng cao Chỉ số hài lòng của cá nhân, "
        "tổ chức đối với sự phục vụ của UBND huyện năm 2022 như sau:"
    )


def test_dong_nai_intro_is_its_own_paragraph():
    document = docx.Document(io.BytesIO(docx_fixtures.dongnai_2020()))
    text = read_plan_text(list(document.iter_inner_content()))
    assert text.intro == (
        "Chủ tịch Ủy ban nhân dân tỉnh ban hành kế hoạch khảo sát sự hài lòng của người dân, tổ chức "
        "đối với sự phục vụ của cơ quan hành chính nhà nước năm 2020, như sau:"
    )


def test_an_imported_plan_keeps_its_own_text(db):
    """Confirming the import of Cam Lâm's Word file gives a draft with its purposes and sections II, III."""
    from tasks.demo import load_units_and_accounts
    from tasks.importing import plan_import_read
    from tasks.services.lifecycle import plan_import_create
    from units.models import Unit

    load_units_and_accounts()
    issuer = Unit.objects.get(code="CAMLAM-UBND")
    preview = plan_import_read(data=docx_fixtures.camlam_2022(), name="camlam.docx", issuer=issuer)
    plan = plan_import_create(preview=preview)
    assert plan.purposes.startswith("- Tiếp tục tạo sự chuyển biến")
    assert plan.requirements.count("\n") == 2
    headings = [block_text(b) for b in plan.text_blocks if b["type"] == "heading"]
    assert headings == ["II. NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN"]
    assert plan.intro.endswith("năm 2022 như sau:") and plan.intro.startswith("Căn cứ")
