"""Import of paper or one-stop questionnaires from .xlsx/.csv (django-import-export).

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

import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from import_export import resources
from import_export.formats.base_formats import CSV, XLSX

from core.text import fold_phrase
from units.models import Unit

from . import services
from .models import Campaign, CampaignUnit, Channel, RespondentContact, RespondentType, Response, Service

BASE_COLUMNS = ["Mã phiếu", "Mã đơn vị", "Mã dịch vụ", "Đối tượng", "Hình thức", "Ngày"]
CONTACT_COLUMNS = {"Tên người góp ý": "name", "Địa chỉ": "address", "Điện thoại": "phone"}
ROW_ERROR = "Dòng {line}: {reason}"
UNIT_UNKNOWN = "mã đơn vị “{value}” không có trong phạm vi khảo sát"
SERVICE_UNKNOWN = "mã dịch vụ “{value}” không có trong đợt khảo sát"
DATE_INVALID = "ngày “{value}” không đúng dạng dd/mm/yyyy"
CHANNEL_UNKNOWN = "hình thức “{value}” không hợp lệ"
DUPLICATE_IN_FILE = "mã phiếu “{value}” bị lặp trong tệp"
FILE_UNREADABLE = "Không đọc được tệp: chỉ nhận .xlsx hoặc .csv (UTF-8)."
MISSING_COLUMNS = "Tệp thiếu cột: {columns}."


def _by_label(choices, value: str) -> str | None:
    folded = fold_phrase(value)
    for key, label in choices:
        if folded in (fold_phrase(key), fold_phrase(label)):
            return key
    return None


def _parse_date(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        day, hour = value.date(), value.hour or 9
    elif isinstance(value, dt.date):
        day, hour = value, 9
    else:
        text = str(value or "").strip()
        for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                day, hour = dt.datetime.strptime(text, fmt).date(), 9
                break
            except ValueError:
                continue
        else:
            raise ValueError(text)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


class ResponseResource(resources.ModelResource):
    """One row = one questionnaire; answers, alerts and contact are written with it."""

    class Meta:
        model = Response
        fields = ()
        skip_diff = True
        use_transactions = True

    def __init__(self, *, campaign: Campaign, entered_by=None):
        super().__init__()
        self.campaign = campaign
        self.entered_by = entered_by
        self.questions = services.campaign_questions(campaign)
        self.units = {
            fold_phrase(code): unit
            for code, unit in (
                (cu.unit.code, cu.unit)
                for cu in CampaignUnit.objects.filter(campaign=campaign).select_related("unit")
            )
        }
        self.service_map = {fold_phrase(s.code): s for s in Service.objects.filter(campaign=campaign)}
        self.known_ids = set(
            Response.objects.filter(campaign=campaign, external_id__isnull=False).values_list(
                "external_id", flat=True
            )
        )
        self.row_errors: list[str] = []
        self.created = 0

    def get_or_init_instance(self, instance_loader, row):
        return Response(campaign=self.campaign), True

    def import_instance(self, instance, row, **kwargs):
        line = kwargs.get("row_number", 0) + 1
        errors = []
        unit: Unit | None = self.units.get(fold_phrase(row.get("Mã đơn vị")))
        if unit is None:
            errors.append(UNIT_UNKNOWN.format(value=row.get("Mã đơn vị") or ""))
        service = None
        if row.get("Mã dịch vụ"):
            service = self.service_map.get(fold_phrase(row["Mã dịch vụ"]))
            if service is None:
                errors.append(SERVICE_UNKNOWN.format(value=row["Mã dịch vụ"]))
        respondent = ""
        if row.get("Đối tượng"):
            respondent = _by_label(RespondentType.choices, str(row["Đối tượng"])) or ""
            if not respondent:
                errors.append(services.RESPONDENT_TYPE_UNKNOWN.format(value=row["Đối tượng"]))
        channel = Channel.PAPER
        if row.get("Hình thức"):
            channel = _by_label(Channel.choices, str(row["Hình thức"]))
            if channel is None:
                errors.append(CHANNEL_UNKNOWN.format(value=row["Hình thức"]))
        try:
            submitted_at = _parse_date(row.get("Ngày"))
        except ValueError:
            submitted_at = None
            errors.append(DATE_INVALID.format(value=row.get("Ngày") or ""))
        external_id = str(row.get("Mã phiếu") or "").strip() or None
        if external_id and external_id in self.known_ids:
            errors.append(
                DUPLICATE_IN_FILE.format(value=external_id)
                if external_id in getattr(self, "_seen", set())
                else services.DUPLICATE_EXTERNAL_ID.format(value=external_id)
            )
        raw = {q.code: row.get(f"Câu {q.code}") for q in self.questions}
        parsed = services.answers_parse(campaign=self.campaign, questions=self.questions, raw=raw)
        errors += parsed.errors
        if unit is not None and submitted_at is not None:
            errors += services.response_validate(
                campaign=self.campaign,
                unit=unit,
                service=service,
                submitted_at=submitted_at,
                respondent_type="",
            )
        if not parsed.answers:
            errors.append(services.NO_ANSWER)
        if errors:
            self.row_errors += [ROW_ERROR.format(line=line, reason=e) for e in errors]
            raise ValidationError({"__all__": errors})
        if external_id:
            self.known_ids.add(external_id)
            self._seen = getattr(self, "_seen", set()) | {external_id}
        instance.unit = unit
        instance._import = {
            "service": service,
            "channel": channel,
            "respondent_type": respondent,
            "submitted_at": submitted_at,
            "parsed": parsed,
            "external_id": external_id,
            "contact": {field: str(row.get(col) or "").strip() for col, field in CONTACT_COLUMNS.items()},
        }

    def save_instance(self, instance, is_create, row, **kwargs):
        data = instance._import
        response = services._store(
            campaign=self.campaign,
            unit=instance.unit,
            service=data["service"],
            channel=data["channel"],
            respondent_type=data["respondent_type"],
            submitted_at=data["submitted_at"],
            parsed=data["parsed"],
            entered_by=self.entered_by,
            external_id=data["external_id"],
        )
        if any(data["contact"].values()):
            RespondentContact.objects.create(response=response, **data["contact"])
        instance.pk = response.pk
        self.created += 1

    def save_m2m(self, instance, row, **kwargs):
        pass


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
    sheet.append(template_columns(campaign))
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
    sheet.append(example)
    guide = book.create_sheet("Huong dan")
    guide.append(["Cột", "Cách ghi"])
    guide.append(
        [
            "Mã đơn vị",
            "Mã đơn vị trong hệ thống: "
            + ", ".join(cu.unit.code for cu in campaign.scope.select_related("unit")),
        ]
    )
    guide.append(["Ngày", "dd/mm/yyyy, trong thời gian khảo sát"])
    for q in questions:
        if q.is_scored:
            how = " | ".join(f"{i + 1} = {label}" for i, label in enumerate(q.level_labels))
        elif q.kind in ("single", "multiple"):
            how = " | ".join(f"{c.code} = {c.text}" for c in q.choices.all()) + " (nhiều lựa chọn: 1;3)"
        else:
            how = "trả lời tự do"
        guide.append([f"Câu {q.code}", f"{q.text} — {how}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def dataset_read(*, data: bytes, name: str) -> tablib.Dataset:
    try:
        if name.lower().endswith(".csv"):
            text = data.decode("utf-8-sig")
            dataset = CSV().create_dataset(text)
        else:
            dataset = XLSX().create_dataset(data)
    except Exception as error:
        raise ValueError(FILE_UNREADABLE) from error
    missing = [c for c in ("Mã đơn vị", "Ngày") if c not in (dataset.headers or [])]
    if missing:
        raise ValueError(MISSING_COLUMNS.format(columns=", ".join(missing)))
    return dataset


def responses_import(*, campaign: Campaign, data: bytes, name: str, entered_by=None, dry_run: bool = False):
    """Import a file; return (created count, errors). Nothing is written if any row is bad."""
    try:
        dataset = dataset_read(data=data, name=name)
    except ValueError as error:
        return 0, [str(error)]
    resource = ResponseResource(campaign=campaign, entered_by=entered_by)
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
        raise_errors=False,
    )
    errors = list(resource.row_errors)
    for row_errors in result.row_errors():
        line, errs = row_errors
        errors += [ROW_ERROR.format(line=line + 1, reason=str(e.error)) for e in errs]
    if errors:
        return 0, errors
    return (0 if dry_run else resource.created), []
