"""What a reorganisation moves on the tasks side: open obligations, assignments, plans.

Registered with ``units.reorganisation`` when the app is ready; runs inside the event's
transaction. Open obligations pass to the successor by a logged ``transfer`` that keeps
the unit the plan named; submitted ones stay in the reviewer's queue; accepted and waived
ones stay with the unit that did them.
"""

from __future__ import annotations

from collections import defaultdict

from plans.models import Plan
from units.reorganisation import MSG_TRANSFER, Change
from units.selectors import unit_successor_link

from ..events.deliverables import deliverables_transferred_event
from ..models import Deliverable, TaskAssignment
from .summaries import deliverable_summaries_refresh

LIVE_PLANS = (Plan.State.DRAFT, Plan.State.ISSUED)


def _move_obligations(change: Change) -> tuple[int, int, list[dict]]:
    predecessors = list(change.successors)
    owed = Deliverable.objects.filter(unit_id__in=predecessors)
    movable = list(
        owed.filter(state__in=Deliverable.OPEN_STATES, task__plan__state=Plan.State.ISSUED).select_related(
            "task__plan", "task__section"
        )
    )
    items, comments = [], {}  # comments: deliverable id → "X, nay là Y (theo …)"
    touched = defaultdict(set)  # plan id → units whose dashboard counts change
    for deliverable in movable:
        old = deliverable.unit_id
        deliverable.original_unit_id = deliverable.original_unit_id or old
        deliverable.unit_id = change.successor_for(old, deliverable.pk)
        items.append(
            {
                "id": deliverable.pk,
                "label": f"{deliverable.task.plan.symbol_or_blank} {deliverable.task.full_label}. "
                f"{deliverable.task.content[:100]} — hạn {deliverable.due_date:%d/%m/%Y}",
                "unit": old,
                "successor": deliverable.unit_id,
            }
        )
        comments[deliverable.pk] = change.labels[old]
        touched[deliverable.task.plan_id] |= {old, deliverable.unit_id}
    # Neither the state nor its lock changes: a plain update of the two unit columns.
    Deliverable.objects.bulk_update(movable, ["unit", "original_unit"], batch_size=500)
    deliverables_transferred_event(deliverables=movable, actor=change.actor, comments=comments)
    for plan_id, unit_ids in touched.items():
        deliverable_summaries_refresh(plan_id=plan_id, unit_ids=unit_ids)
    kept = owed.exclude(pk__in=[d.pk for d in movable]).count()
    return len(movable), kept, items


def _move_assignments(change: Change) -> int:
    """Coordinating roles pass on in live plans; lead roles too while the plan is a draft."""
    rows = TaskAssignment.objects.filter(
        unit_id__in=list(change.successors), task__plan__state__in=LIVE_PLANS
    ).filter(role=TaskAssignment.Role.COORDINATING) | TaskAssignment.objects.filter(
        unit_id__in=list(change.successors),
        task__plan__state=Plan.State.DRAFT,
        role=TaskAssignment.Role.LEAD,
    )
    moved = 0
    for assignment in rows.select_related("task"):
        successor = change.default_successor(assignment.unit_id)
        taken = TaskAssignment.objects.filter(
            task_id=assignment.task_id, unit_id=successor, role=assignment.role
        ).exists()
        if not taken:
            assignment.unit_id = successor
            assignment.save(update_fields=["unit"])
            moved += 1
    return moved


def tasks_reorganise(change: Change) -> dict:
    moved, kept, items = _move_obligations(change)
    # The successor's Nội vụ coordinates them through the lineage (units.selectors.access_for).
    recoordinated = Plan.objects.filter(issuer_id__in=list(change.successors), state__in=LIVE_PLANS).count()
    return {
        "obligations_moved": moved,
        "obligations_kept": kept,
        "assignments_moved": _move_assignments(change),
        "plans_recoordinated": recoordinated,
        "items": items,
    }


def deliverable_follow_successor(*, deliverable: Deliverable, actor) -> bool:
    """A report returned after its unit was dissolved is owed by the successor now, not by a unit
    nobody works in any more: pass it on with a logged transfer (call inside the transition)."""
    link = unit_successor_link(deliverable.unit)
    if link is None:
        return False
    old = deliverable.unit
    label = MSG_TRANSFER.format(
        old=old, new=link.successor, basis=link.event.basis, date=f"{link.effective_on:%d/%m/%Y}"
    )
    deliverable.original_unit_id = deliverable.original_unit_id or old.pk
    deliverable.unit = link.successor
    Deliverable.objects.filter(pk=deliverable.pk).update(
        unit=link.successor, original_unit_id=deliverable.original_unit_id
    )
    deliverables_transferred_event(deliverables=[deliverable], actor=actor, comments={deliverable.pk: label})
    deliverable_summaries_refresh(plan_id=deliverable.task.plan_id, unit_ids={old.pk, link.successor_id})
    return True


def unit_open_obligations(unit) -> int:
    """What a unit still owes: it cannot simply be deactivated while this is not zero."""
    return Deliverable.objects.filter(unit=unit).open().count()
