# ruff: noqa: S608 — seeded randomness for generated data; SQL names are the models' own tables
"""A generated province at the size a post-2025 Sở Nội vụ works at, written with bulk inserts.

    from bench.province_data import build_province, build_national_root
    info = build_province(1, size="full")          # 1 041 units, 50 plans, 20 000 tasks, ~100 000 obligations
    national = build_national_root()                # a root above several provinces (bench/national.py)
    info2 = build_province(2, size="full", parent_id=national)

Rows go in with COPY on PostgreSQL and sqlite3 ``executemany`` on SQLite (performance.md: the ORM
spends 90 % of its time building values). Columns this module does not name get the model's
default, so fields added later with a default do not break it. Summaries kept by the services are
rebuilt at the end through the services' own rebuild functions, when they exist.

Everything is dated relative to ``today`` (the run's date): plans run from about 11 months ago to
one month ahead, so most due dates are past and many obligations are overdue, as in December.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.db.models import NOT_PROVIDED, Count, Max
from django.utils import timezone

SIZES = {
    # plans, tasks per plan, survey responses (SIPAS share, the rest Vinh Mỹ), lines of the big digest
    "full": {"plans": 50, "tasks_per_plan": 400, "responses": 250_000, "sipas_share": 0.2, "digest": 21_000},
    "medium": {"plans": 20, "tasks_per_plan": 400, "responses": 60_000, "sipas_share": 0.2, "digest": 8_000},
    "small": {"plans": 8, "tasks_per_plan": 150, "responses": 10_000, "sipas_share": 0.2, "digest": 2_000},
}
DEPARTMENTS = 30
DEPARTMENT_OFFICES = 7
COMMUNES = 100
COMMUNE_OFFICES = 6
CHUNK = 50_000


@dataclass
class Province:
    """What the bench needs to open each page as the right person."""

    index: int
    root_id: int
    unit_ids: list[int]
    users: dict[str, int] = field(default_factory=dict)  # role name → user id
    plan_ids: list[int] = field(default_factory=list)
    big_plan_id: int = 0
    department_id: int = 0
    deliverable_id: int = 0
    digest_id: int = 0  # the coordinator's digest of ``digest`` lines
    campaign_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


# ----- inserting ---------------------------------------------------------------------------


def _model(label: str):
    return apps.get_model(label)


def _first_model(*labels: str):
    """The first model that exists: models move between apps (``core`` takes jobs and notifications)."""
    for label in labels:
        try:
            return apps.get_model(label)
        except LookupError:
            continue
    raise LookupError(labels)


class Writer:
    """Bulk rows into one model's table: explicit ids, missing columns filled with defaults."""

    def __init__(self):
        self.vendor = connection.vendor
        self.now = timezone.now()
        self._next: dict[str, int] = {}

    def ts(self, value: dt.datetime) -> str:
        utc = value.astimezone(dt.UTC).replace(tzinfo=None)
        return f"{utc:%Y-%m-%d %H:%M:%S}" + ("+00" if self.vendor == "postgresql" else "")

    def ids(self, model, count: int) -> range:
        table = model._meta.db_table
        if table not in self._next:
            self._next[table] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        start = self._next[table]
        self._next[table] = start + count
        return range(start, start + count)

    def _fill(self, model, columns: list[str]):
        """The other concrete columns and how to fill each: a constant or a per-row callable."""
        extra = []
        for f in model._meta.concrete_fields:
            if f.column in columns:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = self.ts(self.now)
            elif f.default is not NOT_PROVIDED:
                value = f.default
                if callable(value):
                    made = value()
                    # a unique default (a token) needs one per row; now() once is fine
                    value = value if f.unique else made
                if isinstance(value, dt.datetime):
                    value = self.ts(value)
            elif f.null:
                value = None
            else:
                value = ""
            if isinstance(value, (list, dict)):
                value = json.dumps(value)
            extra.append((f.column, value))
        return extra

    def insert(self, model, columns: list[str], rows) -> int:
        """Insert an iterable of tuples (in ``columns`` order, ``id`` included); return the count."""
        extra = self._fill(model, columns)
        all_columns = [*columns, *(name for name, _ in extra)]
        constants = tuple(value for _, value in extra)
        has_callable = any(callable(value) for value in constants)
        table = model._meta.db_table
        names = ", ".join(connection.ops.quote_name(c) for c in all_columns)
        total, batch = 0, []

        def complete(row):
            if not has_callable:
                return row + constants
            return row + tuple(value() if callable(value) else value for value in constants)

        def flush():
            nonlocal batch, total
            if not batch:
                return
            with connection.cursor() as cursor:
                if self.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in batch:
                            copy.write_row(row)
                else:
                    marks = ", ".join("?" * len(all_columns))
                    connection.connection.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})", batch
                    )
            total += len(batch)
            batch = []

        for row in rows:
            batch.append(complete(tuple(row)))
            if len(batch) >= CHUNK:
                flush()
        flush()
        return total

    def reset_sequences(self) -> None:
        """Move the id sequences of the tables written past the ids given here (PostgreSQL)."""
        if self.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in self._next:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                )


def _date(value: dt.date) -> str:
    return value.isoformat()


# ----- the organisation --------------------------------------------------------------------


def _units(w: Writer, index: int, parent_id: int | None) -> tuple[int, dict[str, list[int]]]:
    """Province → 30 sở (7 offices each) → 100 communes (6 offices and a one-stop desk each)."""
    Unit = _model("units.Unit")
    p = f"T{index:02d}"
    rows, kinds = [], {"department": [], "dept_office": [], "commune": [], "commune_office": [], "desk": []}
    ids = iter(w.ids(Unit, 1 + DEPARTMENTS * (1 + DEPARTMENT_OFFICES) + COMMUNES * (2 + COMMUNE_OFFICES)))
    root = next(ids)
    rows.append(
        (root, parent_id, f"{p}-UBND", f"Ủy ban nhân dân tỉnh Thử {index}", "UBND tỉnh", "UBND", "province")
    )
    for d in range(DEPARTMENTS):
        dept = next(ids)
        kinds["department"].append(dept)
        name = "Sở Nội vụ" if d == 0 else f"Sở Ngành {d:02d}"
        rows.append(
            (dept, root, f"{p}-S{d:02d}", f"{name} tỉnh Thử {index}", name, f"S{d:02d}", "department")
        )
        for o in range(DEPARTMENT_OFFICES):
            office = next(ids)
            kinds["dept_office"].append(office)
            rows.append(
                (
                    office,
                    dept,
                    f"{p}-S{d:02d}-P{o}",
                    f"Phòng {o + 1} — {name}",
                    f"Phòng {o + 1}",
                    "",
                    "office",
                )
            )
    for c in range(COMMUNES):
        commune = next(ids)
        kinds["commune"].append(commune)
        rows.append(
            (commune, root, f"{p}-X{c:03d}", f"UBND xã Thử {c:03d}", f"Xã {c:03d}", "UBND", "commune")
        )
        for o in range(COMMUNE_OFFICES):
            office = next(ids)
            kinds["commune_office"].append(office)
            rows.append(
                (office, commune, f"{p}-X{c:03d}-P{o}", f"Phòng {o + 1} xã {c:03d}", "", "", "office")
            )
        desk = next(ids)
        kinds["desk"].append(desk)
        rows.append((desk, commune, f"{p}-X{c:03d}-MC", f"Bộ phận Một cửa xã {c:03d}", "", "", "one_stop"))
    w.insert(Unit, ["id", "parent_id", "code", "name", "short_name", "symbol", "kind"], rows)
    return root, kinds


def _users(w: Writer, index: int, root: int, kinds: dict, all_units: list[int]) -> dict[str, int]:
    """An officer per unit, a head per sở and commune, and Nội vụ's coordinator, leader, surveyor."""
    User = _model("auth.User")
    Membership = _model("units.Membership")
    p = f"t{index:02d}"
    people = [
        (f"{p}.noivu", "coordinator", root),
        (f"{p}.lanhdao", "viewer", root),
        (f"{p}.khaosat", "surveyor", root),
    ]
    people += [(f"{p}.cb{unit}", "officer", unit) for unit in all_units]
    people += [(f"{p}.ld{unit}", "head", unit) for unit in kinds["department"] + kinds["commune"]]
    user_ids = w.ids(User, len(people))
    joined = w.ts(w.now)
    w.insert(
        User,
        ["id", "username", "password", "last_name", "date_joined", "is_active"],
        ((uid, name, "!", name, joined, True) for uid, (name, _, _) in zip(user_ids, people, strict=True)),
    )
    membership_ids = w.ids(Membership, len(people))
    w.insert(
        Membership,
        ["id", "user_id", "unit_id", "role"],
        (
            (mid, uid, unit, role)
            for mid, uid, (_, role, unit) in zip(membership_ids, user_ids, people, strict=True)
        ),
    )
    officers = {unit: uid for uid, (_, role, unit) in zip(user_ids, people, strict=True) if role == "officer"}
    return {
        "coordinator": user_ids[0],
        "leader": user_ids[1],
        "surveyor": user_ids[2],
        "officers": officers,
    }


# ----- plans, tasks, obligations -----------------------------------------------------------

PAST_STATES = [("accepted", 70), ("submitted", 6), ("returned", 2), ("waived", 2), ("pending", 20)]
FUTURE_STATES = [("pending", 85), ("submitted", 10), ("accepted", 5)]


def _pick(rng: random.Random, weighted) -> str:
    roll, acc = rng.random() * 100, 0
    for value, weight in weighted:
        acc += weight
        if roll < acc:
            return value
    return weighted[-1][0]


_SENTENCE = (
    "Thủ trưởng các cơ quan, đơn vị, địa phương tập trung chỉ đạo, tổ chức thực hiện các nhiệm vụ "
    "cải cách hành chính được giao, bảo đảm chất lượng, hiệu quả và đúng tiến độ. "
)


def _plan_text(i: int) -> tuple[str, str, str, str, str]:
    """(purposes, requirements, intro, recipients, text blocks as JSON) as long as real plans': the
    seeds' own texts run from 1 to 23 KB (their free sections alone up to 21 KB, plan 002); every
    fifth plan here is as long as the longest, the others as the shortest."""
    paragraphs = 120 if i % 5 == 0 else 12
    blocks = [{"type": "heading", "level": 1, "number": "III", "text": "TỔ CHỨC THỰC HIỆN"}]
    blocks += [
        {"type": "paragraph", "runs": [{"text": f"{n + 1}. {_SENTENCE}", "bold": False, "italic": False}]}
        for n in range(paragraphs)
    ]
    recipients = "\n".join(["- Bộ Nội vụ;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Các sở, ngành;", "- Lưu: VT."])
    return _SENTENCE * 4, _SENTENCE * 3, _SENTENCE * 2, recipients, json.dumps(blocks)


def _plans(w: Writer, rng, index: int, root: int, kinds: dict, size: dict, today: dt.date, users: dict):
    Plan = _model("plans.Plan")
    Section = _model("plans.Section")
    PlanTransition = _model("plans.PlanTransition")
    Policy = _model("tasks.ReminderPolicy")
    start = today - dt.timedelta(days=330)
    end = start + dt.timedelta(days=364)
    count = size["plans"]
    plan_ids = list(w.ids(Plan, count))
    issuers = [root if i % 5 < 2 else kinds["department"][i % DEPARTMENTS] for i in range(count)]
    issuers[0] = root  # the big plan of the province, issued by UBND tỉnh
    stamp = w.ts(w.now - dt.timedelta(days=340))
    w.insert(
        Plan,
        [
            "id",
            "issuer_id",
            "number",
            "doc_code",
            "place",
            "date",
            "year",
            "title",
            "period_start",
            "period_end",
            "report_frequency",
            "state",
            "created_at",
            "updated_at",
            *("purposes", "requirements", "intro", "recipients", "text_blocks"),
        ],
        (
            (
                pid,
                issuers[i],
                100 * index + i + 1,
                "KH-UBND",
                "Thử",
                _date(start - dt.timedelta(days=10)),
                start.year,
                f"Kế hoạch thử số {i + 1} của tỉnh {index}: cải cách hành chính, chuyển đổi số",
                _date(start),
                _date(end),
                "quarterly",
                "issued",
                stamp,
                stamp,
                *_plan_text(i),
            )
            for i, pid in enumerate(plan_ids)
        ),
    )
    w.insert(
        PlanTransition,
        ["id", "plan_id", "name", "source", "target", "actor_id", "at", "comment"],
        (
            (tid, pid, "issue", "draft", "issued", users["coordinator"], stamp, "")
            for tid, pid in zip(w.ids(PlanTransition, count), plan_ids, strict=True)
        ),
    )
    w.insert(
        Policy,
        ["id", "plan_id"],
        zip(w.ids(Policy, count), plan_ids, strict=True),
    )
    section_ids = {pid: list(w.ids(Section, 6)) for pid in plan_ids}
    labels = ["I", "II", "III", "IV", "V", "VI"]
    w.insert(
        Section,
        ["id", "plan_id", "position", "label", "title"],
        (
            (sid, pid, pos, labels[pos], f"Nhóm nhiệm vụ {labels[pos]}")
            for pid, sids in section_ids.items()
            for pos, sid in enumerate(sids)
        ),
    )
    return plan_ids, issuers, section_ids, start


def _lead_pool(issuer: int, root: int, kinds: dict, dept_offices: dict) -> list[int]:
    if issuer == root:
        return kinds["department"] * 3 + kinds["commune"]  # the sở carry most of a province plan
    return dept_offices[issuer] + kinds["commune"][:20]


def _distinct(units: list[int]) -> list[int]:
    return list(dict.fromkeys(units))


def _tasks_and_deliverables(w, rng, root, kinds, size, today, users, plans):
    Task = _model("tasks.Task")
    Assignment = _model("tasks.TaskAssignment")
    Deadline = _model("tasks.TaskDeadline")
    plan_ids, issuers, section_ids, start = plans
    unit_parent = {}
    for dept_index, dept in enumerate(kinds["department"]):
        for office in kinds["dept_office"][
            dept_index * DEPARTMENT_OFFICES : (dept_index + 1) * DEPARTMENT_OFFICES
        ]:
            unit_parent[office] = dept
    dept_offices = {dept: [] for dept in kinds["department"]}
    for office, dept in unit_parent.items():
        dept_offices[dept].append(office)
    noivu = kinds["department"][0]
    quarter_dues = [start + dt.timedelta(days=90 * k + 89) for k in range(4)]
    per_plan = size["tasks_per_plan"]
    task_rows, assignment_rows, deadline_rows, deliverable_plan = [], [], [], []
    task_ids = iter(w.ids(Task, per_plan * len(plan_ids)))
    for plan_index, pid in enumerate(plan_ids):
        pool = _lead_pool(issuers[plan_index], root, kinds, dept_offices)
        for position in range(per_plan):
            tid = next(task_ids)
            section = section_ids[pid][position % 6]
            everyone = position % 200 == 0  # "Các cơ quan, đơn vị…": every commune leads
            recurring = everyone or position % 3 == 0
            leads = (
                kinds["commune"] if everyone else _distinct(rng.sample(pool, 1 + int(rng.random() ** 2 * 3)))
            )
            if not everyone and issuers[plan_index] == root and rng.random() < 0.12 and noivu not in leads:
                leads = [noivu, *leads]  # Sở Nội vụ leads a share of the province's plans
            coordinating = rng.sample([u for u in pool if u not in leads][:60], 1) if position % 2 else []
            text = "Thường xuyên" if recurring else "Trước ngày 15/..."
            task_rows.append(
                (
                    tid,
                    pid,
                    section,
                    position,
                    str(position + 1),
                    f"Nhiệm vụ số {position + 1}: triển khai, kiểm tra, báo cáo kết quả thực hiện",
                    "Báo cáo",
                    "Các cơ quan, đơn vị" if everyone else "",
                    text,
                    position % 10 == 0,
                    "",
                )
            )
            for order, unit in enumerate(leads):
                assignment_rows.append((tid, unit, "lead", order))
            for unit in coordinating:
                assignment_rows.append((tid, unit, "coordinating", 0))
            if recurring:
                deadline_rows.append((tid, 0, "recurring", None, "ongoing"))
                dues = quarter_dues
            else:
                due = start + dt.timedelta(days=rng.randrange(20, 360))
                deadline_rows.append((tid, 0, "date", _date(due), ""))
                dues = [due]
            deliverable_plan.append((pid, tid, leads, dues))
    w.insert(
        Task,
        [
            "id",
            "plan_id",
            "section_id",
            "position",
            "order_label",
            "content",
            "expected_result",
            "responsibility_text",
            "deadline_text",
            "requires_evidence",
            "evidence_note",
        ],
        task_rows,
    )
    w.insert(
        Assignment,
        ["id", "task_id", "unit_id", "role", "position"],
        (
            (aid, *row)
            for aid, row in zip(w.ids(Assignment, len(assignment_rows)), assignment_rows, strict=True)
        ),
    )
    w.insert(
        Deadline,
        ["id", "task_id", "position", "kind", "date", "frequency"],
        ((did, *row) for did, row in zip(w.ids(Deadline, len(deadline_rows)), deadline_rows, strict=True)),
    )
    return _deliverables(w, rng, today, users, deliverable_plan), task_rows


def _deliverables(w, rng, today, users, deliverable_plan):
    """Obligations in every state, each with its logged transitions, reports, reminders, extensions."""
    Deliverable = _model("tasks.Deliverable")
    Transition = _model("tasks.DeliverableTransition")
    Report = _model("tasks.Report")
    Extension = _model("tasks.ExtensionRequest")
    Reminder = _model("tasks.ReminderLog")
    total = sum(len(leads) * len(dues) for _, _, leads, dues in deliverable_plan)
    ids = iter(w.ids(Deliverable, total))
    officers, coordinator = users["officers"], users["coordinator"]
    rows, transitions, reports, extensions, reminders = [], [], [], [], []
    created = w.ts(w.now - dt.timedelta(days=330))
    for pid, tid, leads, dues in deliverable_plan:
        for unit in leads:
            for due in dues:
                did = next(ids)
                past = due < today
                state = _pick(rng, PAST_STATES if past else FUTURE_STATES)
                submitted_at = closed_at = None
                timeliness = ""
                label = f"Quý {(due.month - 1) // 3 + 1}/{due.year}"
                if state in ("submitted", "accepted", "returned"):
                    late = past and rng.random() < 0.25
                    sent = (
                        due + dt.timedelta(days=rng.randrange(1, 20))
                        if late
                        else due - dt.timedelta(days=rng.randrange(0, 10))
                    )
                    sent = min(sent, today - dt.timedelta(days=1))
                    moment = dt.datetime.combine(sent, dt.time(3, rng.randrange(60)), tzinfo=dt.UTC)
                    submitted_at = w.ts(moment)
                    timeliness = "late" if sent > due else "on_time"
                    officer = officers[unit]
                    transitions.append((did, "submit", "pending", "submitted", officer, submitted_at))
                    reports.append(
                        (did, officer, "Đã hoàn thành nhiệm vụ theo kế hoạch.", 100, True, submitted_at)
                    )
                    if state != "submitted":
                        closed = w.ts(moment + dt.timedelta(days=2))
                        closed_at = closed if state == "accepted" else None
                        name = "accept" if state == "accepted" else "return_to_unit"
                        transitions.append((did, name, "submitted", state, coordinator, closed))
                elif state == "waived":
                    closed_at = w.ts(dt.datetime.combine(due, dt.time(2), tzinfo=dt.UTC))
                    transitions.append((did, "waive", "pending", "waived", coordinator, closed_at))
                elif state == "pending":
                    if rng.random() < 0.2:
                        reports.append((did, officers[unit], "Đang triển khai.", 50, False, created))
                    if rng.random() < 1 / 150:
                        extensions.append(
                            (
                                did,
                                pid,
                                officers[unit],
                                created,
                                _date(due),
                                _date(due + dt.timedelta(days=30)),
                                "Chờ số liệu của các phòng",
                                "pending",
                            )
                        )
                    if past:
                        reminders.extend(_reminder_steps(did, due, today))
                rows.append(
                    (
                        did,
                        tid,
                        unit,
                        _date(due),
                        _date(due),
                        label,
                        state,
                        submitted_at,
                        timeliness,
                        closed_at,
                        created,
                    )
                )
    counts = {
        "deliverables": w.insert(
            Deliverable,
            [
                "id",
                "task_id",
                "unit_id",
                "due_date",
                "original_due_date",
                "period_label",
                "state",
                "submitted_at",
                "timeliness",
                "closed_at",
                "created_at",
            ],
            rows,
        )
    }
    del rows
    counts["transitions"] = w.insert(
        Transition,
        ["id", "deliverable_id", "name", "source", "target", "actor_id", "at", "comment"],
        ((i, *row, "") for i, row in zip(w.ids(Transition, len(transitions)), transitions, strict=True)),
    )
    counts["reports"] = w.insert(
        Report,
        ["id", "deliverable_id", "author_id", "text", "percent_done", "is_submission", "created_at"],
        ((i, *row) for i, row in zip(w.ids(Report, len(reports)), reports, strict=True)),
    )
    columns = ["id", "deliverable_id", "plan_id", "requested_by_id", "requested_at"]
    columns += ["current_due_date", "requested_due_date", "reason", "state"]
    if not any(field.name == "plan" for field in Extension._meta.fields):
        # Older code (``--compare``): requests did not keep their plan yet.
        columns.remove("plan_id")
        extensions = [(row[0], *row[2:]) for row in extensions]
    counts["extensions"] = w.insert(
        Extension,
        columns,
        ((i, *row) for i, row in zip(w.ids(Extension, len(extensions)), extensions, strict=True)),
    )
    counts["reminders"] = w.insert(
        Reminder,
        ["id", "deliverable_id", "step", "days", "sent_on", "due_date"],
        ((i, *row) for i, row in zip(w.ids(Reminder, len(reminders)), reminders, strict=True)),
    )
    return counts


def _reminder_steps(did: int, due: dt.date, today: dt.date) -> list[tuple]:
    """What the daily job would have logged for an overdue obligation, with the default policy."""
    late = (today - due).days
    steps = [("before", 7), ("before", 1), ("due_day", 0)]
    steps += [("overdue", -d) for d in range(3, min(late, 30) + 1, 3)]
    if late >= 7:
        steps.append(("escalated", -7))
    if late >= 15:
        steps.append(("leaders", -15))
    return [(did, step, days, _date(due - dt.timedelta(days=days)), _date(due)) for step, days in steps]


# ----- notifications -----------------------------------------------------------------------


def _notifications(w, rng, today, users, size, deliverable_ids):
    """Thirty days of digests for Nội vụ (the newest one very long) and a few for each officer.

    Lines are rows of their own (``core.NotificationLine``); an older schema keeps them as JSON."""
    Notification = _first_model("core.Notification", "tasks.Notification")
    as_json = any(f.name == "lines" for f in Notification._meta.concrete_fields)
    rows, lines = [], []

    def sample(count):
        return [
            {"text": f"Nghĩa vụ số {d}: quá hạn, cần đôn đốc", "url": f"/nghia-vu/{d}/"}
            for d in rng.sample(deliverable_ids, min(count, len(deliverable_ids)))
        ]

    created = w.ts(w.now)
    digests = []
    for back in range(30):
        day = today - dt.timedelta(days=back)
        count = size["digest"] if back == 0 else rng.randrange(50, 400)
        title = f"Quá hạn cần đôn đốc ngày {day:%d/%m/%Y}"
        digests.append((users["coordinator"], "escalation", day, title, count, back < 3))
    for officer in list(users["officers"].values())[::3]:
        for back in range(3):
            day = today - dt.timedelta(days=back)
            digests.append((officer, "reminder", day, f"Nhắc việc ngày {day:%d/%m/%Y}", 5, True))
    ids = w.ids(Notification, len(digests))
    for pk, (user, kind, day, title, count, unread) in zip(ids, digests, strict=True):
        drawn = sample(count)
        content = json.dumps(drawn, ensure_ascii=False) if as_json else len(drawn)
        rows.append((pk, user, kind, _date(day), title, content, created, None if unread else created))
        lines += [(pk, position, line["text"], line["url"]) for position, line in enumerate(drawn, start=1)]
    columns = ["id", "user_id", "kind", "day", "title", "lines" if as_json else "line_count"]
    total = w.insert(Notification, [*columns, "created_at", "read_at"], rows)
    if not as_json:
        Line = _model("core.NotificationLine")
        w.insert(
            Line,
            ["id", "notification_id", "position", "text", "url"],
            ((i, *line) for i, line in zip(w.ids(Line, len(lines)), lines, strict=True)),
        )
    return total


# ----- surveys -----------------------------------------------------------------------------


def _campaign(code: str, plan_id: int, units: list[int], start: dt.date, end: dt.date, title: str):
    from surveys.builtin import questionnaire_install_builtin
    from surveys.services import campaign_create

    Plan = _model("plans.Plan")
    Unit = _model("units.Unit")
    questionnaire = questionnaire_install_builtin(code=code)
    return campaign_create(
        plan=Plan.objects.get(pk=plan_id),
        questionnaire=questionnaire,
        title=title,
        frequency="quarterly",
        period_start=start,
        period_end=end,
        units=Unit.objects.filter(id__in=units),
        design="sipas",
    )


def _surveys(w, rng, index, kinds, size, plan_id, start, today) -> tuple[list[int], dict]:
    """Two campaigns over the one-stop desks and communes: SIPAS (14 scored answers) and Vinh Mỹ (2)."""
    Question = _model("surveys.Question")
    Response = _model("surveys.Response")
    Answer = _model("surveys.Answer")
    Alert = _model("surveys.Alert")
    units = kinds["desk"] + kinds["commune"]
    end = start + dt.timedelta(days=364)
    campaigns = [
        (_campaign("sipas", plan_id, units, start, end, f"Khảo sát SIPAS tỉnh {index}"), size["sipas_share"]),
        (
            _campaign(
                "vinh-my-2021", plan_id, units, start, end, f"Khảo sát tại Bộ phận Một cửa tỉnh {index}"
            ),
            1 - size["sipas_share"],
        ),
    ]
    counts = {"responses": 0, "answers": 0, "alerts": 0}
    days = max((today - start).days, 1)
    for campaign, share in campaigns:
        questions = [
            (q.pk, q.criterion_id, q.kind, q.polarity, q.alert_from_level)
            for q in Question.objects.filter(questionnaire=campaign.questionnaire)
            .exclude(kind__in=["text", "many"])
            .order_by("position")
        ]
        n = int(size["responses"] * share)
        response_ids = w.ids(Response, n)
        responses, alerts = [], []

        def answers(
            response_ids=response_ids,
            questions=questions,
            campaign=campaign,
            n=n,
            out=responses,
            alerts=alerts,
        ):
            for i, rid in enumerate(response_ids):
                unit = units[i % len(units)]
                day = start + dt.timedelta(days=i * days // n)
                quarter = (day.month - 1) // 3 + 1
                stamp = w.ts(dt.datetime.combine(day, dt.time(2, i % 60), tzinfo=dt.UTC))
                negative = False
                for qid, criterion, kind, polarity, alert_from in questions:
                    if kind == "yesno":
                        level = 1 if rng.random() < 0.15 else 2
                        positive = (level == 2) if polarity == "yes_bad" else (level == 1)
                    else:
                        level = 1 + int(rng.random() * rng.random() * 4)
                        positive = level <= campaign.positive_levels
                    negative = negative or bool(alert_from and level >= alert_from)
                    yield (
                        rid,
                        qid,
                        campaign.pk,
                        unit,
                        criterion,
                        day.year,
                        quarter,
                        day.month,
                        level,
                        "[]",
                        "",
                        True,
                        positive,
                    )
                out.append(
                    (
                        rid,
                        campaign.pk,
                        unit,
                        "citizen",
                        "paper",
                        stamp,
                        day.year,
                        quarter,
                        day.month,
                        negative,
                        stamp,
                    )
                )
                if negative and len(alerts) < 2_000:
                    alerts.append(
                        (
                            rid,
                            campaign.pk,
                            unit,
                            json.dumps(["Mức hài lòng thấp"], ensure_ascii=False),
                            "open",
                            stamp,
                        )
                    )

        answer_count = w.insert(
            Answer,
            [
                "id",
                "response_id",
                "question_id",
                "campaign_id",
                "unit_id",
                "criterion_id",
                "year",
                "quarter",
                "month",
                "level",
                "choices",
                "text",
                "is_valid",
                "is_positive",
            ],
            _with_ids(w, Answer, answers(), n * len(questions)),
        )
        counts["answers"] += answer_count
        counts["responses"] += w.insert(
            Response,
            [
                "id",
                "campaign_id",
                "unit_id",
                "respondent_type",
                "channel",
                "submitted_at",
                "year",
                "quarter",
                "month",
                "has_negative",
                "created_at",
            ],
            responses,
        )
        counts["alerts"] += w.insert(
            Alert,
            ["id", "response_id", "campaign_id", "unit_id", "reasons", "state", "created_at"],
            ((i, *row) for i, row in zip(w.ids(Alert, len(alerts)), alerts, strict=True)),
        )
    return [c.pk for c, _ in campaigns], counts


def _with_ids(w, model, rows, expected: int):
    ids = iter(w.ids(model, expected))
    for row in rows:
        yield (next(ids), *row)


# ----- summaries kept by the services ------------------------------------------------------

# Each app's rebuild function, called when it exists: generated rows bypass the writers.
SUMMARY_REBUILDERS = [
    ("tasks.services.summaries", "deliverable_summaries_rebuild", None),
    ("surveys.services", "summaries_rebuild", "campaign"),
    ("surveys.summaries", "summaries_rebuild", "campaign"),
]


def summaries_rebuild(campaign_ids: list[int]) -> list[str]:
    done = []
    Campaign = _model("surveys.Campaign")
    for module_name, func_name, per in SUMMARY_REBUILDERS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        func = getattr(module, func_name, None)
        if func is None:
            continue
        if per == "campaign":
            for campaign in Campaign.objects.filter(id__in=campaign_ids):
                func(campaign)
        else:
            func()
        done.append(f"{module_name}.{func_name}")
    return done


# ----- the whole province ------------------------------------------------------------------


def build_national_root() -> int:
    """A national unit above the provinces (a ministry's view over several provinces)."""
    Unit = _model("units.Unit")
    unit, _ = Unit.objects.get_or_create(
        code="QG", defaults={"name": "Bộ Nội vụ (toàn quốc)", "short_name": "Bộ Nội vụ", "kind": "other"}
    )
    return unit.pk


def build_province(
    index: int = 1,
    *,
    size: str = "full",
    parent_id: int | None = None,
    today: dt.date | None = None,
    seed: int | None = None,
    rebuild: bool = True,
) -> Province:
    """Generate province number ``index`` (codes T01-…, users t01.…) and return what the bench needs."""
    spec = SIZES[size]
    today = today or timezone.localdate()
    rng = random.Random(seed if seed is not None else index)
    w = Writer()
    with transaction.atomic():
        root, kinds = _units(w, index, parent_id)
        all_units = [root, *(u for group in kinds.values() for u in group)]
        users = _users(w, index, root, kinds, all_units)
        plans = _plans(w, rng, index, root, kinds, spec, today, users)
        counts, task_rows = _tasks_and_deliverables(w, rng, root, kinds, spec, today, users, plans)
        Deliverable = _model("tasks.Deliverable")
        plan_ids = plans[0]
        deliverable_ids = list(
            Deliverable.objects.filter(
                task__plan_id__in=plan_ids, state__in=["pending", "returned"]
            ).values_list("id", flat=True)
        )
        counts["notifications"] = _notifications(w, rng, today, users, spec, deliverable_ids)
        campaign_ids, survey_counts = _surveys(w, rng, index, kinds, spec, plan_ids[0], plans[3], today)
        counts.update(survey_counts)
        w.reset_sequences()
        _organisation_changed()
    counts["units"] = len(all_units)
    counts["plans"] = len(plan_ids)
    counts["tasks"] = len(task_rows)
    department = kinds["department"][1]
    busiest = (
        Deliverable.objects.filter(unit_id__in=kinds["department"], state="pending")
        .values("unit_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("unit_id", flat=True)
    )
    department = next(iter(busiest[:1]), department)
    deliverable = (
        Deliverable.objects.filter(task__plan_id=plan_ids[0], state="submitted").order_by("id").first()
    )
    Notification = _first_model("core.Notification", "tasks.Notification")
    digest = Notification.objects.filter(user_id=users["coordinator"], day=today).values_list("id", flat=True)
    info = Province(
        digest_id=digest[0] if digest else 0,
        index=index,
        root_id=root,
        unit_ids=all_units,
        users={key: value for key, value in users.items() if key != "officers"}
        | {"department_officer": users["officers"][department]},
        plan_ids=plan_ids,
        big_plan_id=plan_ids[0],
        department_id=department,
        deliverable_id=deliverable.pk if deliverable else 0,
        campaign_ids=campaign_ids,
        counts=counts,
    )
    if rebuild:
        info.counts["summaries"] = len(summaries_rebuild(campaign_ids))
    _vacuum_analyze()
    return info


def _organisation_changed() -> None:
    """The units and memberships went in by COPY, which sends no signal: scopes that the code
    measured keeps between requests are stale from here on."""
    try:
        from units.selectors import access_stale
    except ImportError:  # an older version of the code keeps no scopes
        return
    access_stale()


def _vacuum_analyze() -> None:
    """Statistics, and on PostgreSQL the visibility map, as autovacuum keeps them in production.

    A freshly COPYed table has no visibility map: every index-only scan visits the heap until a
    VACUUM, so pages measured right after the build would be slower than in any live database.
    VACUUM cannot run inside a transaction; a caller's transaction gets ANALYZE alone.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
