from django.db import transaction
from django_fsm import can_proceed

from core.errors import AccessDenied, ApplicationError
from units.selectors import access_for

from .models import Plan, PlanTransition

MSG_NOT_ALLOWED = "Bạn không có quyền quản lý kế hoạch của {issuer}."
MSG_BAD_STATE = "Không thể {action} kế hoạch đang ở trạng thái «{state}»."

ACTION_NAMES = {
    "issue": "ban hành",
    "close": "kết thúc",
    "cancel": "hủy",
    "reopen": "mở lại",
}


def plan_check_manage(*, plan: Plan, actor) -> None:
    if not access_for(actor).can_manage_issuer(plan.issuer_id):
        raise AccessDenied(MSG_NOT_ALLOWED.format(issuer=plan.issuer))


def plan_apply_transition(*, plan: Plan, name: str, actor, comment: str = "") -> Plan:
    """Run one lifecycle transition on a locked plan row and log it.

    Call inside ``transaction.atomic()``; the caller has checked permissions.
    """
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    method = getattr(locked, name)
    if not can_proceed(method):
        raise ApplicationError(
            MSG_BAD_STATE.format(action=ACTION_NAMES[name], state=locked.get_state_display())
        )
    source = locked.state
    method()
    locked.save(update_fields=["state", "updated_at"])
    PlanTransition.objects.create(
        plan=locked, name=name, source=source, target=locked.state, actor=actor, comment=comment
    )
    return locked


def plan_close(*, plan: Plan, actor, comment: str = "") -> Plan:
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        return plan_apply_transition(plan=plan, name="close", actor=actor, comment=comment)


def plan_reopen(*, plan: Plan, actor, comment: str = "") -> Plan:
    plan_check_manage(plan=plan, actor=actor)
    with transaction.atomic():
        return plan_apply_transition(plan=plan, name="reopen", actor=actor, comment=comment)


def plan_register_number(*, plan: Plan, number: int, date, actor, symbol_note: str = "") -> bool:
    """Give an unnumbered plan the number and date it received in the outgoing register.

    A number once given is never replaced; the registration is logged with the plan's history.
    """
    updated = Plan.objects.filter(pk=plan.pk, number__isnull=True).update(number=number, date=date)
    if updated:
        plan.refresh_from_db(fields=["number", "date"])
        PlanTransition.objects.create(
            plan=plan,
            name="register",
            source=plan.state,
            target=plan.state,
            actor=actor,
            comment=symbol_note or f"Vào sổ: số {plan.symbol}, ngày {date:%d/%m/%Y}.",
        )
    return bool(updated)
