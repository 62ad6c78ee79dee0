"""The first sheet of an .xlsx as rows of values, read in one streaming pass with its XML checks.

openpyxl's read-only mode reads a sheet twice when the file lacks a ``<dimension>`` element
(every file openpyxl itself writes), and builds an object per cell; the safety check of the
XML (``check_office_xml``) was a third pass. Here the sheet is parsed once by lxml, a row at a
time: the same checks (no DTD, a bounded number of elements) are made as it goes, the other,
small parts are checked first, and memory holds one row plus the shared strings. Values come
out as openpyxl gives them with ``values_only=True``: text, int or float, bool, and
``datetime`` for a number in a date format; an empty cell is ``None``, a missing row an empty
tuple, so line numbers stay those the person sees in Excel.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from core.errors import ApplicationError

from .limits import MSG_XML_BROKEN, MSG_XML_DTD, MSG_XML_ELEMENTS, check_office_xml

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
VALUE, TEXT = f"{MAIN}v", f"{MAIN}t"  # built once: a sheet asks for them in every cell
MSG_NO_SHEET = "Tệp «{name}» không có trang tính nào."


def _parse(stream, **kwargs):
    return etree.iterparse(
        stream, resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, **kwargs
    )


def _tree(archive: zipfile.ZipFile, path: str):
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    return etree.fromstring(archive.read(path), parser)


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, bool]:
    """The first sheet's part name, and whether the workbook counts dates from 1904."""
    workbook = _tree(archive, "xl/workbook.xml")
    properties = workbook.find(f"{MAIN}workbookPr")
    mac = properties is not None and properties.get("date1904") in ("1", "true")
    sheet = workbook.find(f"{MAIN}sheets/{MAIN}sheet")
    if sheet is None:
        return "", mac
    rels = _tree(archive, "xl/_rels/workbook.xml.rels")
    target = next(
        (
            r.get("Target")
            for r in rels.iter(f"{PKG_REL}Relationship")
            if r.get("Id") == sheet.get(f"{REL}id")
        ),
        "",
    )
    path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return path, mac


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    out = []
    with archive.open("xl/sharedStrings.xml") as stream:
        for _event, item in _parse(stream, tag=f"{MAIN}si"):
            plain = item.find(f"{MAIN}t")
            if plain is not None:
                out.append(plain.text or "")
            else:  # rich text: the runs' text, without the phonetic guide (rPh)
                out.append("".join(t.text or "" for t in item.iterfind(f"{MAIN}r/{MAIN}t")))
            item.clear()
    return out


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell style numbers whose number format is a date."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    styles = _tree(archive, "xl/styles.xml")
    formats = dict(BUILTIN_FORMATS)
    for fmt in styles.iterfind(f"{MAIN}numFmts/{MAIN}numFmt"):
        formats[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    return {
        index
        for index, xf in enumerate(styles.iterfind(f"{MAIN}cellXfs/{MAIN}xf"))
        if is_date_format(formats.get(int(xf.get("numFmtId", "0")), ""))
    }


@functools.cache
def _letters(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _column(reference: str) -> int:
    """0 for "A3", 27 for "AB7"."""
    return _letters(reference.rstrip("0123456789"))


class _Cells:
    """Turns one ``<c>`` element into its value, as openpyxl would."""

    def __init__(self, strings: list[str], dates: set[int], epoch):
        self.strings, self.dates, self.epoch = strings, dates, epoch

    def value(self, cell):
        kind = cell.get("t", "n")
        if kind == "s":  # most cells of a questionnaire file: a shared string
            text = cell.findtext(VALUE)
            return self.strings[int(text)] if text else None
        if kind == "inlineStr":
            return "".join(t.text or "" for t in cell.iter(TEXT))
        text = cell.findtext(VALUE)
        if not text:
            return None
        if kind == "b":
            return text == "1"
        if kind in ("str", "e"):
            return text
        number = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
        if self.dates and int(cell.get("s", "0")) in self.dates:
            return from_excel(number, self.epoch)
        return number


def xlsx_rows(data: bytes, *, name: str, max_elements: int) -> Iterator[tuple]:
    """Every row of the first sheet, in order. Call after ``check_office_zip``.

    Raises ``ApplicationError`` (in Vietnamese, naming the file and part) for a DTD, broken XML or
    more than ``max_elements`` elements in all — the last possibly after rows were yielded, which an
    all-or-nothing import rolls back.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        sheet, mac = _first_sheet(archive)
    except (KeyError, etree.XMLSyntaxError):
        raise ApplicationError(MSG_NO_SHEET.format(name=name)) from None
    if not sheet or sheet not in archive.namelist():
        raise ApplicationError(MSG_NO_SHEET.format(name=name))
    elements = check_office_xml(data, name=name, max_elements=max_elements, skip=frozenset({sheet}))
    cells = _Cells(
        _shared_strings(archive), _date_styles(archive), CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
    )
    with archive.open(sheet) as stream:
        try:
            yield from _sheet_rows(
                _parse(stream, tag=f"{MAIN}row"), cells, name, sheet, elements, max_elements
            )
        except etree.XMLSyntaxError as exc:
            if "Entity" in str(exc) or "DOCTYPE" in str(exc):
                raise ApplicationError(MSG_XML_DTD.format(name=name, part=sheet)) from None
            raise ApplicationError(MSG_XML_BROKEN.format(name=name, part=sheet)) from None


def _sheet_rows(events, cells: _Cells, name: str, part: str, elements: int, limit: int) -> Iterator[tuple]:
    expected = 1
    for _event, row in events:
        if expected == 1 and row.getroottree().docinfo.doctype:
            raise ApplicationError(MSG_XML_DTD.format(name=name, part=part))
        number = int(row.get("r") or expected)
        while expected < number:  # rows Excel left out are empty rows, not fewer lines
            yield ()
            expected += 1
        values: list = []
        for cell in row:
            elements += 1 + len(cell)
            reference = cell.get("r")
            if reference:
                index = _column(reference)
                if index > len(values):
                    values.extend([None] * (index - len(values)))
            values.append(cells.value(cell))
        elements += 1
        if elements > limit:
            raise ApplicationError(MSG_XML_ELEMENTS.format(name=name, part=part, limit=limit))
        # What was read is not kept: the row, and the rows before it under <sheetData>.
        row.clear()
        parent = row.getparent()
        while row.getprevious() is not None:
            del parent[0]
        expected += 1
        yield tuple(values)
