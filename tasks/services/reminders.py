"""Đôn đốc: remind units before and after due dates, escalate lateness, one digest per person a day.

Running it twice on the same day sends nothing twice: every step taken is recorded
in ReminderLog, unique per deliverable, step and due date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from core.notifications import notification_add
from plans.models import Plan
from units.models import Membership
from units.selectors import unit_ancestor_ids, unit_parent_map

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


def _new_steps(today: dt.date) -> list[ReminderLog]:
    candidates = list(
        Deliverable.objects.open()
        .filter(task__plan__state=Plan.State.ISSUED)
        .select_related("task__plan", "task__section", "unit")
    )
    policies = _policies({d.task.plan_id for d in candidates})
    wanted = [
        ReminderLog(deliverable=d, step=step, days=days, sent_on=today, due_date=d.due_date)
        for d in candidates
        for step, days in reminder_steps(due=d.due_date, today=today, policy=policies[d.task.plan_id])
    ]
    taken = set(
        ReminderLog.objects.filter(deliverable__in=[log.deliverable for log in wanted]).values_list(
            "deliverable_id", "step", "days", "due_date"
        )
    )
    return [log for log in wanted if (log.deliverable.pk, log.step, log.days, log.due_date) not in taken]


def _people(logs: list[ReminderLog]) -> dict[tuple[int, str], tuple[object, list[ReminderLog]]]:
    """Unit officers and heads for the unit's own steps; Nội vụ and leaders above the issuer."""
    parents = unit_parent_map()
    members = defaultdict(lambda: defaultdict(set))
    for membership in Membership.objects.filter(user__is_active=True).select_related("user"):
        members[membership.unit_id][membership.role].add(membership.user)
    audience: dict = {}

    def add(user, kind, log):
        audience.setdefault((user.pk, kind), (user, []))[1].append(log)

    for log in logs:
        d = log.deliverable
        if log.step in (Step.BEFORE, Step.DUE_DAY, Step.OVERDUE):
            for user in members[d.unit_id][Role.OFFICER] | members[d.unit_id][Role.HEAD]:
                add(user, Kind.REMINDER, log)
            continue
        kind, role = (
            (Kind.ESCALATION, Role.COORDINATOR) if log.step == Step.ESCALATED else (Kind.LEADERS, Role.VIEWER)
        )
        for unit_id in unit_ancestor_ids(d.task.plan.issuer_id, parents):
            for user in members[unit_id][role]:
                add(user, kind, log)
    return audience


def _note(log: ReminderLog) -> str:
    if log.step == Step.BEFORE:
        return f"còn {log.days} ngày"
    if log.step == Step.DUE_DAY:
        return "đến hạn hôm nay"
    return f"quá hạn {(log.sent_on - log.deliverable.due_date).days} ngày"


def _escalate(logs: list[ReminderLog], today: dt.date) -> int:
    by_unit = defaultdict(list)
    for log in logs:
        if log.step == Step.ESCALATED:
            by_unit[log.deliverable.unit].append(log.deliverable)
    for unit, items in by_unit.items():
        transaction.on_commit(
            lambda unit=unit, items=items: deliverables_escalated.send(
                sender=Deliverable, unit=unit, deliverables=items, day=today
            )
        )
    return len(by_unit)


def reminders_send(*, today: dt.date) -> SendResult:
    """Take today's reminder steps and notify everyone concerned, once."""
    result = SendResult()
    with transaction.atomic():
        logs = _new_steps(today)
        ReminderLog.objects.bulk_create(logs, ignore_conflicts=True)
        for (_, kind), (user, user_logs) in _people(logs).items():
            lines = [deliverable_line(log.deliverable, _note(log)) for log in user_logs]
            _, created = notification_add(user=user, kind=kind, lines=lines, day=today)
            result.notifications += created
        result.escalated_units = _escalate(logs, today)
    result.steps = len(logs)
    for log in logs:
        result.by_step[log.step] += 1
    return result
