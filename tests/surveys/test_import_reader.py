"""The survey import reads the sheet in one streaming pass: the same values openpyxl gives, the same
line numbers, and the XML checks made on the sheet as it is read."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from core.errors import ApplicationError
from plans.importing.xlsx_stream import xlsx_rows
from surveys.models import Response
from surveys.resources import responses_import


def _book() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã", "Ngày", "Số", "Có?", "Ghi chú"])
    sheet.append(["P-1", dt.datetime(2022, 3, 5, 14, 30), 7, True, "Cán bộ tận tình"])
    sheet["A5"] = "P-2"  # rows 3 and 4 left out, and a gap inside row 5
    sheet["C5"] = 2.5
    sheet["E5"] = "=1+1"
    sheet.cell(row=6, column=2, value=dt.date(2022, 12, 31))
    sheet.cell(row=6, column=2).number_format = "dd/mm/yyyy"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_rows_are_those_openpyxl_reads():
    data = _book()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    expected = list(book.worksheets[0].iter_rows(values_only=True))
    ours = list(xlsx_rows(data, name="p.xlsx", max_elements=10_000))
    # openpyxl pads every row to the sheet's width; the import reads missing cells as empty
    assert len(ours) == len(expected) == 6
    padded = [row + (None,) * (len(exp) - len(row)) for row, exp in zip(ours, expected, strict=True)]
    assert padded == [tuple(exp) for exp in expected]
    assert ours[1][1] == dt.datetime(2022, 3, 5, 14, 30) and ours[5][1] == dt.datetime(2022, 12, 31)


def _sheet_replaced(data: bytes, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = content if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item, body)
    return out.getvalue()


def test_a_dtd_in_the_sheet_itself_is_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c></row></sheetData></worksheet>'
    )
    with pytest.raises(ApplicationError) as refused:
        list(xlsx_rows(_sheet_replaced(_book(), laughs), name="p.xlsx", max_elements=10_000))
    assert "DOCTYPE" in refused.value.message and "sheet1.xml" in refused.value.message


def test_the_element_limit_counts_the_sheet_as_it_is_read():
    data = _book()
    everything = sum(1 for _ in xlsx_rows(data, name="p.xlsx", max_elements=10_000))
    assert everything == 6
    with pytest.raises(ApplicationError) as refused:
        # the small parts fit; the sheet's rows take it over the limit
        list(xlsx_rows(data, name="p.xlsx", max_elements=_small_parts(data) + 5))
    assert "sheet1.xml" in refused.value.message


def _small_parts(data: bytes) -> int:
    from plans.importing.limits import check_office_xml

    return check_office_xml(
        data, name="p.xlsx", max_elements=10_000, skip=frozenset({"xl/worksheets/sheet1.xml"})
    )


def test_a_bad_row_after_left_out_rows_is_named_by_its_excel_line(campaign, org):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã phiếu", "Mã đơn vị", "Ngày", "Câu 1"])
    sheet.append(["P-1", org.office_a.code, "05/03/2022", 1])
    sheet["A7"], sheet["B7"], sheet["C7"], sheet["D7"] = "P-2", "KHONG-CO", "05/03/2022", 1
    out = io.BytesIO()
    book.save(out)
    created, errors = responses_import(campaign=campaign, data=out.getvalue(), name="phieu.xlsx")
    assert created == 0 and errors == ["Dòng 7: mã đơn vị “KHONG-CO” không có trong phạm vi khảo sát"]
    assert not Response.objects.exists()
