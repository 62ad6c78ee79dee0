"""Import of paper or one-stop questionnaires from .xlsx/.csv, streamed by chunks into the one write path.

All or nothing: one bad row rolls the whole file back, and every bad row is
reported with its line number and reason, in Vietnamese.

Column layout (the downloadable template has it):
``Mã phiếu`` (optional, skips duplicates), ``Mã đơn vị``, ``Mã dịch vụ`` (optional),
``Đối tượng`` (optional), ``Hình thức`` (optional, default paper), ``Ngày`` (dd/mm/yyyy),
one ``Câu <số câu>`` column per question (level number 1 = best, the label, Có/Không,
choice numbers separated by ";", or free text), then the optional contact columns
``Tên người góp ý``, ``Địa chỉ``, ``Điện thoại``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import zipfile
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import openpyxl
from django.conf import settings
from django.db import transaction

from core.errors import ApplicationError
from core.sheets import append_row, workbook_bytes
from core.text import fold_phrase
from plans.importing.limits import check_office_zip, check_size
from plans.importing.xlsx_stream import xlsx_rows
from units.models import Unit

from . import services
from .models import Campaign, CampaignUnit, Channel, RespondentType, Service

logger = logging.getLogger(__name__)

BASE_COLUMNS = ["Mã phiếu", "Mã đơn vị", "Mã dịch vụ", "Đối tượng", "Hình thức", "Ngày"]
CONTACT_COLUMNS = {"Tên người góp ý": "name", "Địa chỉ": "address", "Điện thoại": "phone"}
ROW_ERROR = "Dòng {line}: {reason}"
UNIT_UNKNOWN = "mã đơn vị “{value}” không có trong phạm vi khảo sát"
SERVICE_UNKNOWN = "mã dịch vụ “{value}” không có trong đợt khảo sát"
DATE_INVALID = "ngày “{value}” không đúng dạng dd/mm/yyyy"
FILE_UNREADABLE = "Không đọc được tệp: chỉ nhận .xlsx hoặc .csv (UTF-8)."
MISSING_COLUMNS = "Tệp thiếu cột: {columns}."


def _parse_date(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        day, hour = value.date(), value.hour or 9
    elif isinstance(value, dt.date):
        day, hour = value, 9
    else:
        text = str(value or "").strip()
        parts = text.split("/")
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            try:  # dd/mm/yyyy, as nearly every row writes it: without strptime's cost
                day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
                return dt.datetime.combine(day, dt.time(9), tzinfo=_zone())
            except ValueError:
                raise ValueError(text) from None
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                day, hour = dt.datetime.strptime(text, fmt).date(), 9
                break
            except ValueError:
                continue
        else:
            raise ValueError(text)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=_zone())


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def template_columns(campaign: Campaign) -> list[str]:
    return (
        BASE_COLUMNS
        + [f"Câu {q.code}" for q in services.campaign_questions(campaign)]
        + list(CONTACT_COLUMNS)
    )


def import_template_xlsx(campaign: Campaign) -> bytes:
    """A workbook with the columns and one example row."""
    questions = services.campaign_questions(campaign)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phieu"
    append_row(sheet, template_columns(campaign))
    scope = CampaignUnit.objects.filter(campaign=campaign).select_related("unit").first()
    service = Service.objects.filter(campaign=campaign).first()
    example = [
        "P-0001",
        scope.unit.code if scope else "",
        service.code if service else "",
        str(RespondentType.CITIZEN.label),
        str(Channel.PAPER.label),
        campaign.period_start.strftime("%d/%m/%Y"),
    ]
    for q in questions:
        if q.is_scored:
            example.append(q.level_labels[0])
        elif q.kind in ("single", "multiple"):
            example.append("1")
        else:
            example.append("")
    example += ["", "", ""]
    append_row(sheet, example)
    guide = book.create_sheet("Huong dan")
    append_row(guide, ["Cột", "Cách ghi"])
    append_row(
        guide,
        [
            "Mã đơn vị",
            "Mã đơn vị trong hệ thống: "
            + ", ".join(cu.unit.code for cu in campaign.scope.select_related("unit")),
        ],
    )
    append_row(guide, ["Ngày", "dd/mm/yyyy, trong thời gian khảo sát"])
    for q in questions:
        if q.is_scored:
            how = " | ".join(f"{i + 1} = {label}" for i, label in enumerate(q.level_labels))
        elif q.kind in ("single", "multiple"):
            how = " | ".join(f"{c.code} = {c.text}" for c in q.choices.all()) + " (nhiều lựa chọn: 1;3)"
        else:
            how = "trả lời tự do"
        append_row(guide, [f"Câu {q.code}", f"{q.text} — {how}"])
    return workbook_bytes(book)


CHUNK = 2000  # rows checked and written together: bounded memory, few queries


def _rows_csv(data: bytes):
    yield from csv.reader(io.StringIO(data.decode("utf-8-sig")))


def rows_read(*, data: bytes, name: str) -> tuple[list[str], Iterator[tuple]]:
    """The header and an iterator over the data rows, read as they are needed."""
    if name.lower().endswith(".csv"):
        check_size(name=name, size=len(data))
        rows = _rows_csv(data)
    else:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ApplicationError(FILE_UNREADABLE)
        check_office_zip(data, name=name, kind="xlsx")
        # One pass: the sheet's XML is checked as its rows are read (the other parts first).
        rows = xlsx_rows(data, name=name, max_elements=settings.SURVEY_IMPORT_MAX_XML_ELEMENTS)
    try:
        header = [str(c).strip() if c is not None else "" for c in next(rows)]
    except StopIteration:
        header = []
    except ApplicationError:
        raise
    except Exception as error:
        raise ApplicationError(FILE_UNREADABLE) from error
    missing = [c for c in ("Mã đơn vị", "Ngày") if c not in header]
    if missing:
        raise ApplicationError(MISSING_COLUMNS.format(columns=", ".join(missing)))
    return header, rows


class RowReader:
    """Turns a file's rows into drafts: codes and labels resolved from dicts loaded once."""

    def __init__(self, campaign: Campaign, header: list[str], questions):
        self.campaign = campaign
        self.units = {
            fold_phrase(u.code): u for u in Unit.objects.all().only("id", "code", "name", "short_name")
        }
        self.service_map = {fold_phrase(s.code): s for s in Service.objects.filter(campaign=campaign)}
        self.respondents = _label_map(RespondentType.choices)
        self.channels = _label_map(Channel.choices)
        position = {name: i for i, name in enumerate(header)}
        self.base = {name: position.get(name) for name in BASE_COLUMNS}
        self.answer_columns = [(q.code, position.get(f"Câu {q.code}")) for q in questions]
        self.contact_columns = [(field, position.get(col)) for col, field in CONTACT_COLUMNS.items()]
        self.width = len(header)
        self._folded: dict = {}

    def _fold(self, value) -> str:
        """``fold_phrase``, remembered: a file repeats the same codes and labels in row after row."""
        key = (value.__class__, value)  # True and 1 are equal keys, not equal cells
        found = self._folded.get(key)
        if found is None:
            if len(self._folded) > 10_000:
                self._folded.clear()
            found = self._folded[key] = fold_phrase(value)
        return found

    def _cell(self, row, index):
        if index is None or index >= len(row):
            return None
        value = row[index]
        return value.strip() if isinstance(value, str) else value

    def draft(self, row) -> tuple[services.Draft | None, list[str]]:
        cell, base, errors = self._cell, self.base, []
        unit_code = cell(row, base["Mã đơn vị"])
        unit = self.units.get(self._fold(unit_code))
        if unit is None:
            errors.append(UNIT_UNKNOWN.format(value=unit_code or ""))
        service = None
        if service_code := cell(row, base["Mã dịch vụ"]):
            service = self.service_map.get(self._fold(service_code))
            if service is None:
                errors.append(SERVICE_UNKNOWN.format(value=service_code))
        respondent = ""
        if label := cell(row, base["Đối tượng"]):
            respondent = self.respondents.get(self._fold(label), str(label))
        channel = Channel.PAPER
        if label := cell(row, base["Hình thức"]):
            channel = self.channels.get(self._fold(label), str(label))
        day = cell(row, base["Ngày"])
        try:
            submitted_at = _parse_date(day)
        except ValueError:
            submitted_at = None
            errors.append(DATE_INVALID.format(value=day or ""))
        if errors:
            return None, errors
        external_id = cell(row, base["Mã phiếu"])
        return services.Draft(
            unit=unit,
            submitted_at=submitted_at,
            channel=channel,
            answers={code: cell(row, index) for code, index in self.answer_columns},
            service=service,
            respondent_type=respondent,
            external_id=str(external_id) if external_id not in (None, "") else None,
            contact={field: str(cell(row, index) or "") for field, index in self.contact_columns},
        ), []


def _label_map(choices) -> dict[str, str]:
    out = {}
    for key, label in choices:
        out[fold_phrase(key)] = key
        out[fold_phrase(label)] = key
    return out


def _chunks(rows: Iterator[tuple], size: int):
    chunk = []
    for line, row in enumerate(rows, start=2):
        if not any(value not in (None, "") for value in row):
            continue  # blank lines at the end of a sheet
        chunk.append((line, row))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Refused(Exception):
    """Rolls the import back once a bad row was found."""


def responses_import(
    *, campaign: Campaign, data: bytes, name: str, entered_by=None, dry_run: bool = False, progress=None
) -> tuple[int, list[str]]:
    """Import a file; return (created count, errors). Nothing is written if any row is bad.

    Rows are read, checked and written by chunks inside one transaction; after the first
    bad row the rest is still checked (so that every bad row is named) but not written,
    and the transaction is rolled back.
    """
    try:
        header, rows = rows_read(data=data, name=name)
        frame = services.responses_frame_for_file(campaign)
        reader = RowReader(campaign, header, frame.questions)
        errors: list[str] = []
        created = 0
        with transaction.atomic():
            for chunk in _chunks(rows, CHUNK):
                drafts, lines = [], []
                for line, row in chunk:
                    draft, problems = reader.draft(row)
                    errors += [ROW_ERROR.format(line=line, reason=p) for p in problems]
                    if draft is not None:
                        drafts.append(draft)
                        lines.append(line)
                checked = services.responses_check(frame=frame, drafts=drafts)
                for line, problems in zip(lines, checked, strict=True):
                    errors += [ROW_ERROR.format(line=line, reason=p) for p in problems]
                if not errors and not dry_run:
                    stored = services.responses_write(frame=frame, drafts=drafts, entered_by=entered_by)
                    created += len(stored)
                if progress is not None:
                    progress(chunk[-1][0] - 1)
            if errors or dry_run:
                raise _Refused
            services.responses_finish(frame)
    except _Refused:
        return 0, errors
    except ApplicationError as error:
        return 0, [error.message, *error.problems]
    except (ValueError, KeyError, zipfile.BadZipFile, OSError, UnicodeDecodeError) as error:
        logger.info("survey import unreadable: %s", error)
        return 0, [FILE_UNREADABLE]
    return created, []
