"""Đôn đốc: remind units before and after due dates, escalate lateness, one digest per person a day.

Running it twice on the same day, or on two workers at once, sends nothing twice: every step
taken is recorded in ReminderLog, unique per deliverable, step and due date, and only the worker
whose insert created the row notifies it. The daily run is one unit of work per plan, read in
chunks, so memory stays bounded however many obligations are open.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction

from core.notifications import notification_append
from plans.models import Plan
from units.models import Membership
from units.selectors import unit_ancestor_ids

from ..models import Deliverable, ReminderLog, ReminderPolicy
from ..signals import deliverables_escalated
from .notifications import Kind, deliverable_line

Step = ReminderLog.Step
Role = Membership.Role


@dataclass
class SendResult:
    steps: int = 0
    notifications: int = 0
    escalated_units: int = 0
    by_step: dict = field(default_factory=lambda: defaultdict(int))


def reminder_steps(*, due: dt.date, today: dt.date, policy: ReminderPolicy) -> list[tuple[str, int]]:
    """The reminder steps a deliverable due on ``due`` takes on ``today``."""
    until = (due - today).days
    steps = []
    if until > 0 and until in policy.days_before_list:
        steps.append((Step.BEFORE, until))
    if until == 0 and policy.on_due_day:
        steps.append((Step.DUE_DAY, 0))
    if until < 0:
        late = -until
        if late % policy.overdue_every_days == 0:
            steps.append((Step.OVERDUE, until))
        # Climbing the ladder happens once per due date, on the first run past the threshold.
        if late >= policy.escalate_after_days:
            steps.append((Step.ESCALATED, 0))
        if late >= policy.flag_leaders_after_days:
            steps.append((Step.LEADERS, 0))
    return steps


def _policies(plan_ids) -> dict[int, ReminderPolicy]:
    found = {p.plan_id: p for p in ReminderPolicy.objects.filter(plan_id__in=plan_ids)}
    return {plan_id: found.get(plan_id) or ReminderPolicy(plan_id=plan_id) for plan_id in plan_ids}


CHUNK = 500  # open obligations held in memory at once


def _claim(wanted: list[ReminderLog]) -> list[ReminderLog]:
    """Insert the steps; return those this call inserted. A step another worker took first is not
    returned (the unique ``reminder_once`` decides, in the database), so each is notified once."""
    if not wanted:
        return []
    table = ReminderLog._meta.db_table
    rows = [(log.deliverable_id, log.step, log.days, log.sent_on, log.due_date) for log in wanted]
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} (deliverable_id, step, days, sent_on, due_date) VALUES {values} "  # noqa: S608
        "ON CONFLICT (deliverable_id, step, days, due_date) DO NOTHING "
        "RETURNING deliverable_id, step, days, due_date"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
        inserted = {tuple(row) for row in cursor.fetchall()}
    return [log for log in wanted if (log.deliverable_id, log.step, log.days, log.due_date) in inserted]


def _wanted(deliverables: list[Deliverable], policy: ReminderPolicy, today: dt.date) -> list[ReminderLog]:
    wanted = [
        ReminderLog(deliverable=d, step=step, days=days, sent_on=today, due_date=d.due_date)
        for d in deliverables
        for step, days in reminder_steps(due=d.due_date, today=today, policy=policy)
    ]
    # Most steps of a re-run are taken already: skip them before the insert (the insert still decides).
    taken = set(
        ReminderLog.objects.filter(deliverable_id__in={log.deliverable_id for log in wanted}).values_list(
            "deliverable_id", "step", "days", "due_date"
        )
    )
    return [log for log in wanted if (log.deliverable_id, log.step, log.days, log.due_date) not in taken]


def _chunks(plan_id: int, size: int):
    """The plan's open obligations, ``size`` at a time, by id (no offset, no list of every id)."""
    base = (
        Deliverable.objects.open()
        .filter(task__plan_id=plan_id)
        .select_related("task__plan", "task__section", "unit")
        .order_by("id")
    )
    last = 0
    while chunk := list(base.filter(id__gt=last)[:size]):
        yield chunk
        last = chunk[-1].pk


def _members(unit_ids, roles) -> dict:
    """Active members of those units in those roles: unit id → role → users (one query)."""
    members = defaultdict(lambda: defaultdict(list))
    memberships = Membership.objects.filter(unit_id__in=unit_ids, role__in=roles, user__is_active=True)
    for membership in memberships.select_related("user").order_by("unit_id", "user_id"):
        members[membership.unit_id][membership.role].append(membership.user)
    return members


class Audience:
    """Who hears of a plan's steps: the chain above its issuer, loaded once per plan; the units'
    own officers and heads, loaded per chunk (so memory follows the chunk, not the province)."""

    def __init__(self, plan: Plan):
        chain = unit_ancestor_ids(plan.issuer_id)
        above = _members(chain, [Role.COORDINATOR, Role.VIEWER])
        # Someone in two units of the chain hears once.
        self.above = {
            role: list({user.pk: user for unit_id in chain for user in above[unit_id][role]}.values())
            for role in (Role.COORDINATOR, Role.VIEWER)
        }

    def people(self, logs: list[ReminderLog]) -> dict[tuple[int, str], tuple[object, list[ReminderLog]]]:
        """Unit officers and heads for the unit's own steps; Nội vụ and leaders above the issuer."""
        own = [log for log in logs if log.step in (Step.BEFORE, Step.DUE_DAY, Step.OVERDUE)]
        units = _members({log.deliverable.unit_id for log in own}, [Role.OFFICER, Role.HEAD])
        audience: dict = {}

        def add(user, kind, log):
            audience.setdefault((user.pk, kind), (user, []))[1].append(log)

        for log in own:
            people = {
                u.pk: u for role in (Role.OFFICER, Role.HEAD) for u in units[log.deliverable.unit_id][role]
            }
            for user in people.values():
                add(user, Kind.REMINDER, log)
        for log in logs:
            if log.step not in (Step.ESCALATED, Step.LEADERS):
                continue
            kind, role = (
                (Kind.ESCALATION, Role.COORDINATOR)
                if log.step == Step.ESCALATED
                else (Kind.LEADERS, Role.VIEWER)
            )
            for user in self.above[role]:
                add(user, kind, log)
        return audience


def _note(log: ReminderLog) -> str:
    if log.step == Step.BEFORE:
        return f"còn {log.days} ngày"
    if log.step == Step.DUE_DAY:
        return "đến hạn hôm nay"
    return f"quá hạn {(log.sent_on - log.deliverable.due_date).days} ngày"


def _escalate(plan_id: int, today: dt.date) -> None:
    """Hand today's escalations of the plan, unit by unit, to whoever drafts the letters.

    Read back from the log, not kept from the chunks: memory stays one chunk's, and a run taken
    again after a crash hands on what the lost run had claimed (the drafting skips a letter that
    exists, so handing a unit on twice drafts nothing twice).
    """
    by_unit = defaultdict(list)
    taken = ReminderLog.objects.filter(step=Step.ESCALATED, sent_on=today, deliverable__task__plan_id=plan_id)
    for unit_id, deliverable_id in taken.values_list("deliverable__unit_id", "deliverable_id").order_by(
        "deliverable__unit_id", "deliverable_id"
    ):
        by_unit[unit_id].append(deliverable_id)
    if by_unit:
        transaction.on_commit(
            lambda: deliverables_escalated.send(
                sender=Deliverable, plan_id=plan_id, by_unit=dict(by_unit), day=today
            )
        )


def reminder_plan_ids() -> list[int]:
    """Issued plans with open obligations: one unit of work each for the daily run."""
    open_plans = Deliverable.objects.open().filter(task__plan__state=Plan.State.ISSUED)
    return sorted(set(open_plans.values_list("task__plan_id", flat=True)))


def reminders_send_plan(*, plan_id: int, today: dt.date, chunk: int = CHUNK) -> SendResult:
    """Take today's reminder steps of one plan, ``chunk`` obligations at a time.

    Each chunk commits on its own: a worker that dies loses at most the chunk it held, which the
    next run takes again; two workers on the same plan notify each step once (``_claim``). The
    lines go onto the day's digests without reading them back (``notification_append``): a
    coordinator's digest of 20 000 lines is never loaded.
    """
    result = SendResult()
    plan = Plan.objects.only("issuer_id").get(pk=plan_id)
    policy = _policies([plan_id])[plan_id]
    audience = Audience(plan)
    escalated_units = set()
    for deliverables in _chunks(plan_id, chunk):
        with transaction.atomic():
            logs = _claim(_wanted(deliverables, policy, today))
            for (_, kind), (user, user_logs) in audience.people(logs).items():
                lines = [deliverable_line(log.deliverable, _note(log)) for log in user_logs]
                result.notifications += notification_append(user=user, kind=kind, lines=lines, day=today)
        escalated_units |= {log.deliverable.unit_id for log in logs if log.step == Step.ESCALATED}
        result.steps += len(logs)
        for log in logs:
            result.by_step[log.step] += 1
    # Once per unit for the whole plan, so a unit split across chunks gets one letter.
    _escalate(plan_id, today)
    result.escalated_units = len(escalated_units)
    return result


def result_add(total: SendResult, part: SendResult) -> SendResult:
    total.steps += part.steps
    total.notifications += part.notifications
    total.escalated_units += part.escalated_units
    for step, count in part.by_step.items():
        total.by_step[step] += count
    return total


def reminders_send(*, today: dt.date) -> SendResult:
    """Take today's reminder steps of every plan and notify everyone concerned, once."""
    total = SendResult()
    for plan_id in reminder_plan_ids():
        result_add(total, reminders_send_plan(plan_id=plan_id, today=today))
    return total
