"""The plan's history: every event a plan goes through, its Vietnamese names, and its one writer.

Templates, messages, the API and the lifecycle (``tasks.services.lifecycle``) read the names here;
a ``PlanTransition`` row is written only by the functions below.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Plan, PlanTransition


class PlanEvent(models.TextChoices):
    CREATE = "create", _("Tạo dự thảo")
    IMPORT = "import", _("Tạo dự thảo từ tệp")
    EDIT = "edit", _("Sửa dự thảo")
    ISSUE = "issue", _("Ban hành")
    AMEND = "amend", _("Điều chỉnh")
    CLOSE = "close", _("Kết thúc")
    REOPEN = "reopen", _("Mở lại")
    CANCEL = "cancel", _("Hủy")
    REGISTER = "register", _("Vào sổ văn bản đi")


# What the officer is refused or asked to confirm: "Không thể {verb} kế hoạch …".
VERBS = {
    PlanEvent.ISSUE: "ban hành",
    PlanEvent.CLOSE: "kết thúc",
    PlanEvent.CANCEL: "hủy",
    PlanEvent.REOPEN: "mở lại",
    PlanEvent.AMEND: "điều chỉnh",
    PlanEvent.EDIT: "sửa",
}

# The message shown once the step is done.
DONE = {
    PlanEvent.CREATE: _("Đã tạo kế hoạch dự thảo."),
    PlanEvent.EDIT: _("Đã lưu kế hoạch."),
    PlanEvent.ISSUE: _("Đã ban hành kế hoạch; các nghĩa vụ báo cáo đã được tạo."),
    PlanEvent.AMEND: _("Đã điều chỉnh kế hoạch; các nghĩa vụ đã được cập nhật theo."),
    PlanEvent.CLOSE: _("Đã kết thúc kế hoạch."),
    PlanEvent.REOPEN: _("Đã mở lại kế hoạch."),
    PlanEvent.CANCEL: _("Đã hủy kế hoạch; các nghĩa vụ chưa hoàn thành được miễn."),
}

MSG_REGISTERED = "Vào sổ: số {symbol}, ngày {date:%d/%m/%Y}."


def _write(*, plan: Plan, event: PlanEvent, source: str, actor, comment: str) -> PlanTransition:
    return PlanTransition.objects.create(
        plan=plan, name=event, source=source, target=plan.state, actor=actor, comment=comment
    )


def plan_created_event(*, plan: Plan, actor, comment: str = "") -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.CREATE, source=plan.state, actor=actor, comment=comment)


def plan_imported_event(*, plan: Plan, actor, file_name: str) -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.IMPORT, source=plan.state, actor=actor, comment=file_name)


def plan_edited_event(*, plan: Plan, actor, comment: str = "") -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.EDIT, source=plan.state, actor=actor, comment=comment)


def plan_issued_event(*, plan: Plan, source: str, actor, comment: str = "") -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.ISSUE, source=source, actor=actor, comment=comment)


def plan_amended_event(*, plan: Plan, actor, reason: str) -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.AMEND, source=plan.state, actor=actor, comment=reason)


def plan_closed_event(*, plan: Plan, source: str, actor, comment: str = "") -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.CLOSE, source=source, actor=actor, comment=comment)


def plan_reopened_event(*, plan: Plan, source: str, actor, comment: str = "") -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.REOPEN, source=source, actor=actor, comment=comment)


def plan_cancelled_event(*, plan: Plan, source: str, actor, comment: str = "") -> PlanTransition:
    return _write(plan=plan, event=PlanEvent.CANCEL, source=source, actor=actor, comment=comment)


def plan_registered_event(*, plan: Plan, actor, comment: str = "") -> PlanTransition:
    comment = comment or MSG_REGISTERED.format(symbol=plan.symbol, date=plan.date)
    return _write(plan=plan, event=PlanEvent.REGISTER, source=plan.state, actor=actor, comment=comment)
