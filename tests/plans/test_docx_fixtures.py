"""The Word copies of the seed plans are well-formed and laid out as the seeds are."""

import io

import docx
import pytest

from tests.plans.docx_fixtures import (
    ALL,
    BINHPHUOC_RATING_HEADER,
    CAMAU_TASK_HEADER,
    CAMLAM_TASK_HEADER,
    DONGNAI_BUDGET_HEADER,
    VINHMY_TASK_HEADER,
    camau_2015,
    camlam_2022,
    dongnai_2020,
    dongnai_stp_dispatch_2020,
    vinhmy_2021,
    write_all,
)

TASK_HEADER_WORDS = ("Nội dung công việc", "Cơ quan chủ trì thực hiện", "Trách nhiệm thực hiện")


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _first_row(table) -> tuple[str, ...]:
    return tuple(cell.text for cell in table.rows[0].cells)


def _tables_with_header(document, header) -> list:
    return [table for table in document.tables if _first_row(table) == tuple(header)]


def _looks_like_task_table(table) -> bool:
    return any(word in _first_row(table) for word in TASK_HEADER_WORDS)


@pytest.mark.parametrize("name", ALL)
def test_each_document_is_a_word_file_with_the_decree_30_frame(name):
    data = ALL[name]()
    assert isinstance(data, bytes)
    assert data.startswith(b"PK")
    document = _open(data)

    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.cm, 2) for margin in margins] == [2.0, 2.0, 3.0, 1.5]
    assert document.styles["Normal"].font.name == "Times New Roman"

    header, signature = document.tables[0], None
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert header.cell(1, 0).text.startswith("Số:")
    for table in document.tables:
        if table.cell(0, 0).text.startswith("Nơi nhận:"):
            signature = table
    assert signature is not None


def test_vinhmy_task_table_has_five_rows_after_its_header():
    document = _open(vinhmy_2021())
    [table] = _tables_with_header(document, VINHMY_TASK_HEADER)
    assert [row.cells[0].text for row in table.rows[1:]] == ["1", "2", "3", "4", "5"]
    assert table.rows[2].cells[2].text == "Trước ngày 15/01/2021"
    assert document.tables[0].cell(1, 1).text == "Vinh Mỹ, ngày 04 tháng 01 năm 2021"


def test_binhphuoc_has_only_the_questionnaire_grid():
    document = _open(ALL["binhphuoc_2023"]())
    grids = [table for table in document.tables if table.cell(0, 0).text == BINHPHUOC_RATING_HEADER[0]]
    assert len(grids) == 1
    assert not any(_looks_like_task_table(table) for table in document.tables)
    grid = grids[0]
    assert grid.cell(1, 0)._tc is grid.cell(0, 0)._tc  # "Nội dung" merged down
    assert grid.cell(0, 5)._tc is grid.cell(0, 1)._tc  # "Ý kiến đánh giá" merged across


def test_camlam_appendix_is_split_into_tables_that_each_repeat_the_header():
    document = _open(camlam_2022())
    tables = _tables_with_header(document, CAMLAM_TASK_HEADER)
    assert len(tables) == 6  # the seed repeats the header six times
    firsts = [row.cells[0].text for table in tables for row in table.rows[1:]]
    assert [s for s in firsts if s.isalpha()] == ["I", "II", "III", "IV", "V", "VI"]
    assert len(firsts) == 25

    carried = tables[2].rows[1].cells
    assert (carried[0].text, carried[1].text) == ("", "")
    assert carried[2].text == "mắc trong giải quyết TTHC cho cấp có thẩm quyền."

    bullets = [p for p in tables[1].rows[3].cells[1].paragraphs if p.style.name == "List Bullet"]
    assert [p.text[:8] for p in bullets] == ["Bố trí đ", "Đảm bảo "]


def test_camau_task_table_has_nine_rows_and_one_lead_cell_merged_down():
    document = _open(camau_2015())
    [table] = _tables_with_header(document, CAMAU_TASK_HEADER)
    rows = table.rows[1:]
    assert [row.cells[0].text for row in rows] == [str(n) for n in range(1, 10)]
    assert rows[1].cells[2]._tc is rows[2].cells[2]._tc is rows[3].cells[2]._tc
    assert rows[1].cells[2].text == "Sở Nội vụ"
    assert [rows[n].cells[3].text for n in (4, 6, 7)] == ["", "", ""]
    lines = [p.text for p in rows[5].cells[1].paragraphs]
    assert lines[0] == "Tổ chức điều tra xã hội học:"
    assert [line[0] for line in lines[1:]] == ["-", "-", "+", "+"]


def test_dongnai_plan_has_a_budget_table_and_no_task_table():
    document = _open(dongnai_2020())
    assert not any(_looks_like_task_table(table) for table in document.tables)
    [budget] = _tables_with_header(document, DONGNAI_BUDGET_HEADER)
    total = budget.rows[-1]
    assert total.cells[0].text == "Tổng cộng"
    assert total._tr.tc_lst[0].grid_span == 4
    assert total.cells[4].text.startswith("567.500.000")


def test_dongnai_dispatch_is_not_a_plan():
    document = _open(dongnai_stp_dispatch_2020())
    assert "KẾ HOẠCH" not in [p.text for p in document.paragraphs]
    assert len(document.tables) == 2  # header and signature only
    assert document.tables[0].cell(1, 0).text.startswith("Số: 376 /STP-VP")


def test_write_all_writes_one_file_per_document(tmp_path):
    paths = write_all(tmp_path)
    assert sorted(path.name for path in paths) == sorted(f"{name}.docx" for name in ALL)
    for path in paths:
        _open(path.read_bytes())
