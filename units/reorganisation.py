"""Reorganisation events: rename, merge, split, dissolve and move units, with their history.

One service applies an event in one transaction; a dry run is the same work rolled back,
so the preview shows exactly what applying would do. The organisation side (names,
aliases, lineage, memberships, children) is done here; what other apps own (obligations,
assignments, plans, survey campaigns) is moved by the handlers they register
(``reorganisation_handler``), so ``units`` never imports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.errors import ApplicationError
from core.text import fold

from .models import Membership, Reorganisation, Unit, UnitAlias, UnitLineage, UnitName
from .selectors import access_for, access_stale, unit_descendant_ids

Kind = Reorganisation.Kind

MSG_REFUSED = "Không thể áp dụng sự kiện sắp xếp: {count} vấn đề."
MSG_NO_BASIS = "Cần ghi căn cứ pháp lý (số, ký hiệu nghị quyết, quyết định)."
MSG_NO_SOURCE = "Cần chọn đơn vị được sắp xếp."
MSG_NO_SUCCESSOR = "Cần chọn đơn vị kế thừa."
MSG_ONE_SOURCE = "Sự kiện «{kind}» chỉ áp dụng cho một đơn vị."
MSG_SPLIT_TWO = "Chia tách cần ít nhất hai đơn vị kế thừa."
MSG_NO_NAME = "Cần nhập tên mới."
MSG_SAME_NAME = "Tên mới trùng tên hiện tại của {unit}."
MSG_DISSOLVED = "Đơn vị {unit} đã giải thể, sáp nhập từ ngày {date}."
MSG_INACTIVE = "Đơn vị {unit} không còn hoạt động."
MSG_SUCCESSOR_DISSOLVED = "Đơn vị kế thừa {unit} đã giải thể, sáp nhập từ ngày {date}."
MSG_SUCCESSOR_IS_SOURCE = "Đơn vị {unit} không thể vừa bị sắp xếp vừa là đơn vị kế thừa."
MSG_OUT_OF_SCOPE = "Đơn vị {unit} nằm ngoài phạm vi điều phối của bạn."
MSG_OVERLAP = (
    "Đơn vị {unit} đã có sự kiện sắp xếp có hiệu lực ngày {later}, sau ngày {date}: "
    "các sự kiện phải áp dụng theo thứ tự thời gian."
)
MSG_CYCLE = "Không thể chuyển {unit} vào đơn vị cấp dưới của chính nó ({parent})."
MSG_SAME_PARENT = "{unit} đã trực thuộc {parent}."
MSG_CODE_TAKEN = "Mã {code} đã được dùng (mã đơn vị không dùng lại), hãy chọn mã khác."
MSG_BAD_CHOICE = "Nghĩa vụ #{item}: đơn vị được chọn không phải đơn vị kế thừa."
MSG_UNKNOWN = "Không có đơn vị mã {codes}."
MSG_FUTURE = "Ngày hiệu lực {date} chưa đến: hãy áp dụng sự kiện từ ngày đó."
MSG_TRANSFER = "{old}, nay là {new} (theo {basis}, hiệu lực từ {date})."

COUNT_KEYS = (
    "obligations_moved",
    "obligations_kept",
    "assignments_moved",
    "memberships_ended",
    "aliases_added",
    "plans_recoordinated",
    "campaigns_moved",
    "units_moved",
)


@dataclass
class EventSpec:
    """What a person asks for; units are looked up beforehand (by code or by id)."""

    kind: str
    effective_on: dt.date
    basis: str
    sources: list[Unit]
    # Merge, dissolve, split: the successors (the first is the default); move: the new parent.
    targets: list[Unit] = field(default_factory=list)
    new_name: str = ""
    new_short_name: str = ""
    # Merge into a unit that does not exist yet: its code (``new_name`` is its name).
    new_code: str = ""
    # ... and its parent (default: the first source's parent).
    new_parent: Unit | None = None
    # Split: obligation id → successor id, chosen by a person; the rest go to the default.
    choices: dict[int, int] = field(default_factory=dict)
    # Give the people of the old units the same roles in the default successor.
    carry_roles: bool = False

    def fingerprint(self) -> str:
        codes = ",".join(sorted(unit.code for unit in self.sources))
        targets = ",".join(unit.code for unit in self.targets) or self.new_code
        return f"{self.kind}|{self.effective_on:%Y-%m-%d}|{codes}|{targets}|{fold(self.new_name)}"[:600]


@dataclass
class Change:
    """What handlers act on: each predecessor's successors, in the order given."""

    event: Reorganisation
    successors: dict[int, list[int]]  # predecessor id → successor ids, default first
    choices: dict[int, int]
    labels: dict[int, str]  # predecessor id → "X, nay là Y (theo …)"
    actor: object = None

    @property
    def effective_on(self) -> dt.date:
        return self.event.effective_on

    def default_successor(self, unit_id: int) -> int:
        return self.successors[unit_id][0]

    def successor_for(self, unit_id: int, item_id: int) -> int:
        chosen = self.choices.get(item_id)
        return chosen if chosen in self.successors[unit_id] else self.successors[unit_id][0]


@dataclass
class Outcome:
    event: Reorganisation | None
    counts: dict[str, int]
    offers: list[dict] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    # Each obligation that passes on: {"id", "label", "successor"}, for the split screen.
    items: list[dict] = field(default_factory=list)
    already_applied: bool = False
    dry_run: bool = False

    def as_json(self) -> dict:
        return {
            **self.counts,
            "offers": self.offers,
            "details": self.details,
            "already_applied": self.already_applied,
            "dry_run": self.dry_run,
            "event": self.event.pk if self.event and not self.dry_run else None,
            "problems": [],
        }


Handler = Callable[[Change], dict]
_HANDLERS: list[Handler] = []


def reorganisation_handler(handler: Handler) -> Handler:
    """Register what another app moves when units are succeeded (call from AppConfig.ready)."""
    if handler not in _HANDLERS:
        _HANDLERS.append(handler)
    return handler


class _DryRun(Exception):
    def __init__(self, outcome: Outcome):
        self.outcome = outcome


# ----- checks ----------------------------------------------------------------------------


def _fmt(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _shape_problems(spec: EventSpec) -> list[str]:
    problems = []
    if not spec.basis.strip():
        problems.append(MSG_NO_BASIS)
    # Applying ends roles and moves obligations at once, so an event is applied once in force.
    if spec.effective_on > timezone.localdate():
        problems.append(MSG_FUTURE.format(date=_fmt(spec.effective_on)))
    if not spec.sources:
        return [*problems, MSG_NO_SOURCE]
    label = Kind(spec.kind).label
    if spec.kind in (Kind.RENAME, Kind.MOVE, Kind.DISSOLVE, Kind.SPLIT) and len(spec.sources) != 1:
        problems.append(MSG_ONE_SOURCE.format(kind=label))
    if spec.kind == Kind.RENAME and not spec.new_name.strip():
        problems.append(MSG_NO_NAME)
    if spec.kind == Kind.RENAME and spec.new_name.strip() == spec.sources[0].name:
        problems.append(MSG_SAME_NAME.format(unit=spec.sources[0]))
    if spec.kind in (Kind.MERGE, Kind.DISSOLVE, Kind.MOVE) and not spec.targets and not spec.new_code:
        problems.append(MSG_NO_SUCCESSOR)
    if spec.kind == Kind.SPLIT and len(spec.targets) < 2:
        problems.append(MSG_SPLIT_TWO)
    if spec.new_code and Unit.objects.filter(code=spec.new_code).exists():
        problems.append(MSG_CODE_TAKEN.format(code=spec.new_code))
    if spec.new_code and not spec.new_name.strip():
        problems.append(MSG_NO_NAME)
    return problems


def _unit_problems(spec: EventSpec) -> list[str]:
    problems = []
    for unit in spec.sources:
        if unit.dissolved_on:
            problems.append(MSG_DISSOLVED.format(unit=unit, date=_fmt(unit.dissolved_on)))
        elif not unit.is_active:
            problems.append(MSG_INACTIVE.format(unit=unit))
    source_ids = {unit.pk for unit in spec.sources}
    for unit in spec.targets:
        if unit.pk in source_ids:
            problems.append(MSG_SUCCESSOR_IS_SOURCE.format(unit=unit))
        elif unit.dissolved_on:
            problems.append(MSG_SUCCESSOR_DISSOLVED.format(unit=unit, date=_fmt(unit.dissolved_on)))
        elif not unit.is_active:
            problems.append(MSG_INACTIVE.format(unit=unit))
    if spec.kind == Kind.MOVE and spec.targets and len(spec.sources) == 1:
        unit, parent = spec.sources[0], spec.targets[0]
        if parent.pk in unit_descendant_ids({unit.pk}):
            problems.append(MSG_CYCLE.format(unit=unit, parent=parent))
        elif unit.parent_id == parent.pk:
            problems.append(MSG_SAME_PARENT.format(unit=unit, parent=parent))
    return problems


def _overlap_problems(spec: EventSpec) -> list[str]:
    units = [*spec.sources, *spec.targets]
    later = (
        Reorganisation.objects.filter(units__in=units, effective_on__gt=spec.effective_on)
        .values_list("units__id", "effective_on")
        .order_by("-effective_on")
    )
    by_unit = {unit.pk: unit for unit in units}
    seen, problems = set(), []
    for unit_id, effective_on in later:
        if unit_id in by_unit and unit_id not in seen:
            seen.add(unit_id)
            problems.append(
                MSG_OVERLAP.format(
                    unit=by_unit[unit_id], later=_fmt(effective_on), date=_fmt(spec.effective_on)
                )
            )
    return problems


def _scope_problems(spec: EventSpec, actor) -> list[str]:
    if actor is None:
        return []  # scripts and the national batch run with the operator's authority
    access = access_for(actor)
    if access.is_superuser:
        return []
    units = [*spec.sources, *spec.targets]
    parent = spec.new_parent or (spec.sources[0].parent if spec.sources else None)
    if spec.new_code and parent:
        units.append(parent)
    return [MSG_OUT_OF_SCOPE.format(unit=unit) for unit in units if not access.can_manage_issuer(unit.pk)]


def reorganisation_problems(spec: EventSpec, *, actor=None) -> list[str]:
    """Every reason the event cannot apply, in Vietnamese; empty when it can."""
    problems = _shape_problems(spec)
    if problems:
        return problems
    return _unit_problems(spec) + _overlap_problems(spec) + _scope_problems(spec, actor)


# ----- applying --------------------------------------------------------------------------


def _refresh(spec: EventSpec) -> None:
    """Read the units again: an earlier event of a batch may have changed or created them."""
    parents = [spec.new_parent] if spec.new_parent else []
    codes = [unit.code for unit in (*spec.sources, *spec.targets, *parents)]
    found = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ApplicationError(MSG_UNKNOWN.format(codes=", ".join(missing)), problems=[])
    spec.sources = [found[unit.code] for unit in spec.sources]
    spec.targets = [found[unit.code] for unit in spec.targets]
    spec.new_parent = found[spec.new_parent.code] if spec.new_parent else None


def reorganisation_apply(*, spec: EventSpec, actor=None, dry_run: bool = False) -> Outcome:
    """Apply one event (or preview it with ``dry_run``); refuse with every reason, changing nothing."""
    _refresh(spec)
    previous = Reorganisation.objects.filter(fingerprint=spec.fingerprint()).first()
    if previous:
        return Outcome(event=previous, counts=dict.fromkeys(COUNT_KEYS, 0), already_applied=True)
    problems = reorganisation_problems(spec, actor=actor)
    if problems:
        raise ApplicationError(MSG_REFUSED.format(count=len(problems)), problems=problems)
    try:
        with transaction.atomic():
            outcome = _apply(spec, actor)
            if dry_run:
                outcome.dry_run = True
                raise _DryRun(outcome)
    except _DryRun as preview:
        return preview.outcome
    return outcome


def reorganisation_apply_all(*, specs: list[EventSpec], actor=None, dry_run: bool = False) -> list[Outcome]:
    """Apply many events in order, all or nothing; problems are named by event number."""
    outcomes, problems = [], []
    try:
        with transaction.atomic():
            for number, spec in enumerate(specs, start=1):
                try:
                    outcomes.append(reorganisation_apply(spec=spec, actor=actor))
                except ApplicationError as error:
                    problems += [
                        f"Sự kiện {number}: {problem}" for problem in error.problems or [error.message]
                    ]
            if problems:
                raise ApplicationError(MSG_REFUSED.format(count=len(problems)), problems=problems)
            if dry_run:
                for outcome in outcomes:
                    outcome.dry_run = True
                raise _DryRun(Outcome(event=None, counts={}))
    except _DryRun:
        pass
    return outcomes


def _apply(spec: EventSpec, actor) -> Outcome:
    counts = dict.fromkeys(COUNT_KEYS, 0)
    targets = list(spec.targets)
    if spec.new_code:
        targets = [_create_successor(spec)]
    event = Reorganisation.objects.create(
        kind=spec.kind,
        effective_on=spec.effective_on,
        basis=spec.basis.strip(),
        fingerprint=spec.fingerprint(),
        applied_by=actor,
    )
    event.units.set([*spec.sources, *targets])
    outcome = Outcome(event=event, counts=counts)
    if spec.kind == Kind.RENAME:
        _rename(spec.sources[0], spec, outcome)
    elif spec.kind == Kind.MOVE:
        _move(spec.sources[0], targets[0], outcome)
    else:
        _succeed(spec, targets, event, actor, outcome)
    event.summary = {**counts, "offers": outcome.offers, "details": outcome.details}
    event.save(update_fields=["summary"])
    access_stale()  # the lineage and the ended memberships are written in bulk, unsignalled
    return outcome


def _create_successor(spec: EventSpec) -> Unit:
    first = spec.sources[0]
    unit = Unit(
        code=spec.new_code,
        name=spec.new_name.strip(),
        short_name=spec.new_short_name.strip(),
        kind=first.kind,
        parent=spec.new_parent or first.parent,
        symbol=first.symbol,
        requires_head_approval=first.requires_head_approval,
    )
    unit.full_clean()
    unit.save()
    return unit


def _add_alias(unit: Unit, text: str, outcome: Outcome) -> None:
    text = text.strip()
    if not text or fold(text) in (fold(unit.name), fold(unit.short_name)):
        return
    _, created = UnitAlias.objects.get_or_create(unit=unit, folded=fold(text), defaults={"text": text})
    outcome.counts["aliases_added"] += int(created)


def _rename(unit: Unit, spec: EventSpec, outcome: Outcome) -> None:
    old = unit.name
    UnitName.objects.create(
        unit=unit,
        name=unit.name,
        short_name=unit.short_name,
        valid_until=spec.effective_on - dt.timedelta(days=1),
    )
    unit.name = spec.new_name.strip()
    if spec.new_short_name.strip() or unit.short_name == old:
        unit.short_name = spec.new_short_name.strip() or unit.name
    unit.save(update_fields=["name", "short_name"])
    _add_alias(unit, old, outcome)
    outcome.details.append(f"{old} → {unit.name}")


def _move(unit: Unit, parent: Unit, outcome: Outcome) -> None:
    old = unit.parent
    unit.parent = parent
    unit.save(update_fields=["parent"])
    outcome.counts["units_moved"] += 1
    outcome.details.append(f"{unit}: {old or '—'} → {parent}")


def _succeed(spec: EventSpec, targets: list[Unit], event, actor, outcome: Outcome) -> None:
    successors = {unit.pk: [t.pk for t in targets] for unit in spec.sources}
    names = {t.pk: str(t) for t in targets}
    labels = {
        unit.pk: MSG_TRANSFER.format(
            old=unit, new=names[targets[0].pk], basis=event.basis, date=_fmt(spec.effective_on)
        )
        for unit in spec.sources
    }
    for unit in spec.sources:
        _retire(unit, targets, spec, event, outcome)
    change = Change(event=event, successors=successors, choices=spec.choices, labels=labels, actor=actor)
    for handler in _HANDLERS:
        for key, value in handler(change).items():
            if key == "items":
                outcome.items.extend(value)
            elif isinstance(value, list):
                outcome.details.extend(value)
            else:
                outcome.counts[key] = outcome.counts.get(key, 0) + value
    for unit in spec.sources:
        _end_memberships(unit, targets[0], spec, outcome)


def _retire(unit: Unit, targets: list[Unit], spec: EventSpec, event, outcome: Outcome) -> None:
    """Lineage, aliases and children of a unit that ends; its code stays taken."""
    default = targets[0]
    UnitLineage.objects.bulk_create(
        UnitLineage(
            event=event,
            predecessor=unit,
            successor=target,
            effective_on=spec.effective_on,
            is_primary=index == 0,
        )
        for index, target in enumerate(targets)
    )
    # Old plans name the unit in many ways; all of them now find the default successor.
    texts = [unit.name, unit.short_name, *unit.aliases.values_list("text", flat=True)]
    texts += list(unit.former_names.values_list("name", flat=True))
    for text in texts:
        _add_alias(default, text, outcome)
    children = list(unit.children.filter(is_active=True).exclude(pk__in=[t.pk for t in targets]))
    for child in children:
        _move(child, default, outcome)
    unit.is_active = False
    unit.dissolved_on = spec.effective_on
    unit.save(update_fields=["is_active", "dissolved_on"])
    outcome.details.append(f"{unit} → {', '.join(str(t) for t in targets)}")


def _end_memberships(unit: Unit, successor: Unit, spec: EventSpec, outcome: Outcome) -> None:
    """Roles in the old unit lapse on the effective date; the people are offered the successor."""
    memberships = list(
        Membership.objects.filter(unit=unit)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=spec.effective_on))
        .select_related("user")
    )
    for membership in memberships:
        outcome.offers.append(
            {"user": membership.user.username, "role": membership.role, "unit": successor.code}
        )
        if spec.carry_roles:
            Membership.objects.get_or_create(user=membership.user, unit=successor, role=membership.role)
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(ended_on=spec.effective_on)
    outcome.counts["memberships_ended"] += len(memberships)
