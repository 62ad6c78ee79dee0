"""The five seed documents regenerate from the demo data: header, number, date line, rows, totals."""

import io

from docx import Document

from documents.models import GeneratedDocument, Kind
from documents.rendering import docx_text
from documents.services import document_bytes


def _doc(kind: str, issuer_code: str) -> GeneratedDocument:
    return GeneratedDocument.objects.get(kind=kind, issuer__code=issuer_code)


def _header(data: bytes) -> tuple[list[str], list[str]]:
    """Left and right cells of the header table, paragraph by paragraph."""
    table = Document(io.BytesIO(data)).tables[0]
    left, right = table.rows[0].cells
    return [p.text for p in left.paragraphs if p.text], [p.text for p in right.paragraphs if p.text]


def _rows(data: bytes, header_first_cell: str) -> list[list[str]]:
    for table in Document(io.BytesIO(data)).tables:
        cells = [c.text for c in table.rows[0].cells]
        if cells[0] == header_first_cell:
            return [[c.text for c in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table starting with {header_first_cell}")


def test_vinh_my_plan_09_kh_ubnd(demo):
    """Vinh Mỹ 09/KH-UBND: header, number, date line with leading zeros, the task appendix rows."""
    # given
    document = _doc(Kind.PLAN, "VINHMY-UBND")
    # when
    data = document_bytes(document=document)
    left, right = _header(data)
    text = docx_text(data)
    rows = _rows(data, "Stt")
    # then
    assert document.symbol == "09/KH-UBND"
    assert left == ["ỦY BAN NHÂN DÂN XÃ VINH MỸ", "Số: 09/KH-UBND"]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Vinh Mỹ, ngày 04 tháng 01 năm 2021",
    ]
    assert "KẾ HOẠCH" in text
    assert (
        "Khảo sát mức độ hài lòng của người dân, tổ chức đối với dịch vụ hành chính công tại Bộ phận "
        "Tiếp nhận và trả kết quả của Ủy ban nhân dân xã năm 2021"
    ) in text
    assert rows[0] == [
        "1",
        "Xây dựng kế hoạch khảo sát",
        "Văn phòng - Thống kê",
        "Văn hóa và Thông tin",
        "Tháng 01/2021",
        "",
    ]
    assert rows[1][:5] == [
        "2",
        "Hội nghị tổ chức triển khai",
        "UBND xã",
        "Văn phòng - Thống kê, Văn hóa và Thông tin",
        "Trước ngày 15/01/2021",
    ]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 10)]
    assert "TM. ỦY BAN NHÂN DÂN" in "\n".join(text) and "Phan Như Ý" in "\n".join(text)


def test_cam_lam_plan_is_a_draft_with_blank_number_and_section_rows(demo):
    """Cam Lâm (not yet numbered): "Số: /KH-UBND", blank date line, the appendix grouped by criteria."""
    document = _doc(Kind.PLAN, "CAMLAM-UBND")
    data = document_bytes(document=document)
    left, right = _header(data)
    rows = _rows(data, "Stt")
    assert document.number is None and document.state == GeneratedDocument.State.DRAFT
    assert left[-1].replace(" ", "") == "Số:/KH-UBND"
    assert right[-1] == "Cam Lâm, ngày     tháng     năm 2022"
    sections = [row[1] for row in rows if row[0] in {"I", "II", "III", "IV", "V", "VI"}]
    assert sections == [
        "Tiêu chí Tiếp cận dịch vụ",
        "Tiêu chí Điều kiện tiếp đón và phục vụ",
        "Tiêu chí Thủ tục hành chính",
        "Tiêu chí Sự phục vụ của cán bộ, công chức",
        "Tiêu chí Kết quả, tiến độ giải quyết công việc",
        "Tiêu chí Tiếp nhận và xử lý thông tin phản hồi",
    ]
    assert len(rows) == 6 + 18
    second = rows[2]
    assert second[0] == "2" and second[1].startswith(
        "Đẩy mạnh tuyên truyền về Trung tâm Dịch vụ hành chính công"
    )
    assert second[2] == "Phòng Nội vụ" and second[4] == "Thường xuyên"


def test_ca_mau_decision_308_qd_ubnd_with_the_plan_attached(demo):
    """Cà Mau 308/QĐ-UBND: the decision, three articles, KT. signer, and the plan attached with its table."""
    document = _doc(Kind.DECISION, "CAMAU-UBND")
    data = document_bytes(document=document)
    left, right = _header(data)
    text = "\n".join(docx_text(data))
    assert document.symbol == "308/QĐ-UBND"
    assert left == ["ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "Số: 308/QĐ-UBND"]
    assert right[-1] == "Cà Mau, ngày 04 tháng 3 năm 2015"
    assert "QUYẾT ĐỊNH\n" in text and "QUYẾT ĐỊNH:" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" in text
    assert "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;" in text
    assert (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai xác định Chỉ số hài lòng của "
        "người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn tỉnh "
        "Cà Mau năm 2014."
    ) in text
    assert "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ" in text
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in text and "Trần Hồng Quân" in text
    assert (
        "(Ban hành kèm theo Quyết định số 308/QĐ-UBND ngày 04/3/2015 của Chủ tịch Ủy ban nhân dân tỉnh)"
        in text
    )
    rows = _rows(data, "Stt")
    assert rows[4][:5] == ["5", "Tổ chức tập huấn điều tra xã hội học", "Sở Nội vụ", "", "Tháng 5/2015"]


def test_dong_nai_plan_1036_with_budget_appendix_and_total_in_words(demo):
    """Đồng Nai 1036/KH-UBND: budget lines, total 567.500.000 and the total in words."""
    document = _doc(Kind.PLAN, "DONGNAI-UBND")
    data = document_bytes(document=document)
    left, right = _header(data)
    text = "\n".join(docx_text(data))
    budget = _rows(data, "STT")
    assert left == ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "Số: 1036/KH-UBND"]
    assert right[-1] == "Đồng Nai, ngày 10 tháng 02 năm 2020"
    assert budget[0] == ["1", "Phần mềm khảo sát", "150.000.000", "01 phần mềm", "150.000.000", ""]
    assert budget[2][1:5] == ["Chi phí phỏng vấn trực tiếp đối tượng", "15.000", "8.500 phiếu", "127.500.000"]
    assert budget[-1][1] == "Tổng cộng" and budget[-1][4] == "567.500.000"
    assert "Năm trăm sáu mươi bảy triệu, năm trăm nghìn đồng" in text
    assert "(Kèm theo Kế hoạch số 1036/KH-UBND ngày 10/02/2020 của Ủy ban nhân dân tỉnh Đồng Nai)" in text
    assert "| CHỦ TỊCH\n" in text and "Cao Tiến Dũng" in text
    assert "Lưu: VT, HCC, KTNS, Sở Nội vụ (2b)." in text


def test_so_tu_phap_dispatch_376_stp_vp(demo):
    """Sở Tư pháp 376/STP-VP: parent agency, V/v line, Kính gửi list, body, KT. GIÁM ĐỐC."""
    document = _doc(Kind.DISPATCH, "DONGNAI-STP")
    data = document_bytes(document=document)
    left, right = _header(data)
    text = "\n".join(docx_text(data))
    assert left == [
        "UBND TỈNH ĐỒNG NAI",
        "SỞ TƯ PHÁP",
        "Số: 376/STP-VP",
        "V/v triển khai Kế hoạch số 1036/KH-UBND ngày 10/02/2020 của Chủ tịch UBND tỉnh",
    ]
    assert right[-1] == "Đồng Nai, ngày 13 tháng 02 năm 2020"
    assert "Kính gửi:" in text
    assert "- Phòng Tư pháp các huyện, thành phố Long Khánh, thành phố Biên Hòa." in text
    assert text.count("Sở Tư pháp nhận được Kế hoạch số 1036/KH-UBND ngày 10/02/2020") == 1
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in text and "Ngô Văn Toàn" in text
    assert "- Lưu: VT, VP." in text


def test_demo_is_idempotent_and_registers_continue_after_the_seeds(demo):
    """Loading the documents demo again adds nothing; each register's counter stands at its seed number."""
    from documents.demo import load_demo
    from documents.models import RegisterCounter
    from tests.documents.conftest import TODAY

    assert load_demo(TODAY) == []
    for document in GeneratedDocument.objects.filter(state="registered"):
        assert document.transitions.get().target == "registered"
    counters = {
        (c.issuer.code, c.year): c.last_number for c in RegisterCounter.objects.select_related("issuer")
    }
    assert counters == {
        ("VINHMY-UBND", 2021): 9,
        ("DONGNAI-UBND", 2020): 1036,
        ("CAMAU-UBND", 2015): 308,
        ("DONGNAI-STP", 2020): 376,
    }
