"""Edit history (django-simple-history) read as field-level changes, for "Lịch sử thay đổi".

Every tracked model keeps a ``Historical<Model>`` table with one row per create, change or
delete: the values after the change, who and when. A change is the difference between a
row and the previous row of the same object, computed here so every page shows it alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history import utils as simple_history_utils

PAGE_SIZE = 50
ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}
# Fields whose own verbose name is only the attribute name.
FIELD_LABELS = {
    "plan": _("kế hoạch"),
    "task": _("nhiệm vụ"),
    "unit": _("đơn vị"),
    "position": _("thứ tự"),
    "questionnaire": _("phiếu"),
    "criterion": _("tiêu chí"),
    "question": _("câu hỏi"),
    "campaign": _("đợt khảo sát"),
    "uploaded_by": _("người tải lên"),
}
# Bookkeeping that means nothing to a reader.
HIDDEN_FIELDS = {"id", "created_at", "uploaded_at", "sha256", "public_token", "folded"}
# The field that names an object in a sentence, first one present wins.
NAMING_FIELDS = ("title", "content", "name", "text", "metric", "label", "code", "date", "username")
MAX_VALUE_CHARS = 300


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: object  # the user, or None for the system (imports, jobs, commands)
    action: str
    kind: str
    subject: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class HistoryPage:
    entries: list[HistoryEntry]
    next_page: int | None  # None on the last page
    folded: bool = False


# Shown before the reader asks for the history: a link that loads it.
HISTORY_FOLDED = HistoryPage(entries=[], next_page=None, folded=True)


def history_page(request) -> int:
    """The page of history asked for (``?lich-su=2``); a bad number is the first page."""
    value = request.GET.get("lich-su", "1")
    return min(int(value), 1000) if value.isdigit() and 0 < len(value) < 5 else 1


def history_if_asked(request, read) -> HistoryPage:
    """``read(page=N)`` when the reader asked for the history (``?lich-su=N``), else a link to it.

    The object's page itself stays as cheap as it was without history.
    """
    if "lich-su" not in request.GET:
        return HISTORY_FOLDED
    return read(page=history_page(request))


def history_entries(histories: list[models.QuerySet], *, page: int = 1) -> HistoryPage:
    """The newest changes first across several historical querysets, one page of them.

    Two queries per model: the newest rows, then the earlier rows of the same objects that
    their differences are computed against.
    """
    page = max(page, 1)
    wanted = PAGE_SIZE * page
    rows = []
    for history in histories:
        newest = history.select_related("history_user").order_by("-history_date", "-history_id")
        rows += list(newest[: wanted + 1])
    rows.sort(key=lambda row: (row.history_date, row.history_id), reverse=True)
    more = len(rows) > wanted
    rows = rows[wanted - PAGE_SIZE : wanted]
    previous = _previous_rows(rows)
    names = _related_names(rows + list(previous.values()))
    entries = [_entry(row, previous.get(_key(row)), names) for row in rows]
    return HistoryPage(entries=entries, next_page=page + 1 if more else None)


def _key(row) -> tuple:
    return (type(row), row.history_id)


def _previous_rows(rows: list) -> dict:
    """For each row, the row before it of the same object (none for a creation)."""
    by_model: dict[type, list] = {}
    for row in rows:
        if row.history_type != "+":
            by_model.setdefault(type(row), []).append(row)
    previous = {}
    for model, model_rows in by_model.items():
        pk_name = model.instance_type._meta.pk.attname
        object_ids = {getattr(row, pk_name) for row in model_rows}
        latest = max(row.history_date for row in model_rows)
        earlier: dict = {}
        for old in model.objects.filter(
            **{f"{pk_name}__in": object_ids, "history_date__lte": latest}
        ).order_by("history_date", "history_id"):
            earlier.setdefault(getattr(old, pk_name), []).append(old)
        for row in model_rows:
            before = [old for old in earlier.get(getattr(row, pk_name), []) if _older(old, row)]
            if before:
                previous[_key(row)] = before[-1]
    return previous


def _older(old, row) -> bool:
    return (old.history_date, old.history_id) < (row.history_date, row.history_id)


def _tracked_fields(row) -> list[models.Field]:
    names = {f.name for f in row._meta.fields}
    return [
        f for f in row.instance_type._meta.concrete_fields if f.name in names and f.name not in HIDDEN_FIELDS
    ]


def _related_names(rows: list) -> dict:
    """Names of the objects foreign keys point to, one query per related model."""
    wanted: dict[type, set] = {}
    for row in rows:
        for f in _tracked_fields(row):
            value = getattr(row, f.attname)
            if f.is_relation and value is not None:
                wanted.setdefault(f.related_model, set()).add(value)
    return {model: _in_bulk(model, ids) for model, ids in wanted.items()}


def _in_bulk(model, ids: set) -> dict:
    # Their names may read a parent ("I.2. Tổ chức…"): fetched in the same query.
    parents = [f.name for f in model._meta.fields if f.many_to_one]
    return model._base_manager.select_related(*parents).in_bulk(ids)


def _entry(row, before, names: dict) -> HistoryEntry:
    fields = _tracked_fields(row)
    changed_row = row.history_type == "~" and before is not None
    if changed_row:
        changed = [f for f in fields if getattr(before, f.attname) != getattr(row, f.attname)]
    elif row.history_type == "+":
        changed = [f for f in fields if getattr(row, f.attname) not in (None, "", [], {})]
    else:
        changed = []
    changes = [
        Change(
            label=str(FIELD_LABELS.get(f.name, f.verbose_name)).capitalize(),
            old=_show(f, getattr(before, f.attname), names)
            if before is not None and row.history_type == "~"
            else "",
            new=_show(f, getattr(row, f.attname), names),
        )
        for f in changed
    ]
    return HistoryEntry(
        when=row.history_date,
        who=row.history_user,
        action=str(ACTIONS.get(row.history_type, row.history_type)),
        kind=str(row.instance_type._meta.verbose_name).capitalize(),
        subject=_subject(row, fields, names),
        changes=changes,
    )


def _subject(row, fields: list[models.Field], names: dict) -> str:
    by_name = {f.name: f for f in fields}

    def show(name: str) -> str:
        return _show(by_name[name], getattr(row, by_name[name].attname), names)

    text = next((show(name)[:120] for name in NAMING_FIELDS if name in by_name and getattr(row, name)), "")
    if not text and "unit" in by_name:
        text = show("unit") + (f" ({show('role')})" if "role" in by_name else "")
    if not text and "kind" in by_name:
        text = show("kind")
    if "task" in by_name:
        text = f"{text} — {show('task')[:80]}"
    return text or f"#{getattr(row, row.instance_type._meta.pk.attname)}"


def _show(f: models.Field, value, names: dict) -> str:
    """A stored value as the pages write it: choices by label, dates dd/mm/yyyy, names not ids."""
    if value is None or value == "":
        return "—"
    if f.is_relation:
        target = names.get(f.related_model, {}).get(value)
        return str(target) if target is not None else f"#{value}"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Có") if value else _("Không"))
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, Decimal):
        value = value.quantize(1) if value == value.to_integral_value() else value.normalize()
    if isinstance(value, (int, Decimal)):
        # Amounts grouped 1.234.567; years and numbers below 10 000 as written.
        return formats.number_format(value, force_grouping=abs(value) >= 10_000)
    text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"


# ----- bulk writes ------------------------------------------------------------------------------
# QuerySet.update() and bulk_create() send no signals, so simple-history sees nothing: services
# that write in bulk go through these two, which add the history rows in bulk as well.


def bulk_create_with_history(
    model: type[models.Model], objs, *, batch_size: int | None = None, actor=None
) -> list:
    return simple_history_utils.bulk_create_with_history(
        list(objs), model, batch_size=batch_size, default_user=actor
    )


def update_with_history(queryset: models.QuerySet, *, actor=None, **values) -> int:
    """``queryset.update(**values)`` that records each changed row in the edit history."""
    rows = list(queryset)
    count = queryset.model._base_manager.filter(pk__in=[row.pk for row in rows]).update(**values)
    for row in rows:
        for name, value in values.items():
            setattr(row, name, value)
    if rows:
        queryset.model.history.bulk_history_create(rows, update=True, default_user=actor)
    return count


def record_change(instance: models.Model, *, actor=None) -> None:
    """A history row for an instance that a conditional ``update()`` just changed."""
    type(instance).history.bulk_history_create([instance], update=True, default_user=actor)
