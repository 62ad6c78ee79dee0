"""Acting on several obligations at once: accept reports, remind a unit or a selection now."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import ApplicationError, denied_as_403
from core.http import safe_next
from units.models import Unit
from units.selectors import access_for

from ..forms import RemindForm, SelectionForm
from ..models import Deliverable
from ..selectors import access_plan_by_id, reminder_preview
from ..services import bulk


@login_required
@require_POST
@denied_as_403
def review_accept_many(request):
    """Accept the chosen reports with one comment; all or none."""
    back = safe_next(request, reverse("review_queue"))
    form = SelectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa chọn báo cáo nào để chấp nhận."))
        return redirect(back)
    try:
        accepted = bulk.deliverables_accept(
            deliverable_ids=form.cleaned_data["ids"], actor=request.user, comment=form.cleaned_data["comment"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        count = len(accepted)
        messages.success(
            request,
            ngettext("Đã chấp nhận %(n)d báo cáo.", "Đã chấp nhận %(n)d báo cáo.", count) % {"n": count},
        )
    return redirect(back)


@denied_as_403
def _remind(request, ids, *, note: str, draft_letter: bool, back: str):
    try:
        result = bulk.deliverables_remind(deliverable_ids=ids, actor=request.user, note=note)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(back)
    names = ", ".join(unit.name for unit in result.units)
    messages.success(
        request,
        _("Đã nhắc %(units)s: %(n)d nghĩa vụ, gửi tới %(people)d người (trong ứng dụng và thư điện tử).")
        % {"units": names, "n": result.deliverables, "people": result.people},
    )
    if draft_letter:
        _draft_letters(request, result)
    return redirect(back)


def _draft_letters(request, result) -> None:
    # documents sits on top of tasks: only a view asking for a document may call it.
    from documents.services import escalation_reminders_draft

    today = timezone.localdate()
    for unit, items in result.by_unit.items():
        late = [item for item in items if item.is_overdue(today)]
        if not late:
            messages.warning(
                request,
                _("%(unit)s không có việc quá hạn: không soạn công văn đôn đốc.") % {"unit": unit.name},
            )
            continue
        for document in escalation_reminders_draft(unit=unit, deliverables=late, day=today):
            link = reverse("document_detail", args=[document.pk])
            text = _("Đã soạn dự thảo công văn đôn đốc gửi %(unit)s.") % {"unit": unit.name}
            messages.success(request, format_html('{} <a href="{}">{}</a>', text, link, _("Xem công văn")))


@login_required
@require_POST
def remind_selection(request):
    """Remind the units of the chosen obligations (one, or a selection in a list)."""
    back = safe_next(request, reverse("deliverable_list"))
    form = RemindForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["ids"]:
        messages.error(request, _("Chưa chọn nghĩa vụ nào để nhắc."))
        return redirect(back)
    data = form.cleaned_data
    return _remind(request, data["ids"], note=data["note"], draft_letter=data["draft_letter"], back=back)


def _remind_unit_confirm(request, plan, unit, back: str):
    """Say what reminding the unit will do (how many obligations, which are late) before it is sent."""
    if not access_for(request.user).can_manage_issuer(plan.issuer_id):
        raise PermissionDenied(_("Chỉ Nội vụ quản lý kế hoạch mới nhắc đơn vị."))
    owed = Deliverable.objects.filter(task__plan=plan, unit=unit)
    preview = reminder_preview(plan=plan, deliverables=owed, today=timezone.localdate())
    form = RemindForm(initial={"draft_letter": bool(preview.overdue) or "draft_letter" in request.GET})
    summary = ngettext(
        "Nhắc %(unit)s %(n)d nghĩa vụ chưa xong, trong ứng dụng và qua thư điện tử tới người của đơn vị.",
        "Nhắc %(unit)s %(n)d nghĩa vụ chưa xong, trong ứng dụng và qua thư điện tử tới người của đơn vị.",
        preview.obligations,
    ) % {"unit": unit.name, "n": preview.obligations}
    context = {
        "plan": plan,
        "preview": preview,
        "form": form,
        "heading": _("Nhắc %(unit)s") % {"unit": unit.name},
        "summary": summary,
        "hidden": [("unit", unit.pk), ("next", back)],
        "confirm_label": _("Xác nhận: gửi lời nhắc"),
        "back": back,
    }
    return render(request, "tasks/reminder_confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def remind_unit(request, plan_id: int):
    """Remind one unit of every open obligation it has in one plan: GET says what, POST sends."""
    plan = access_plan_by_id(request.user, plan_id)
    data = request.POST if request.method == "POST" else request.GET
    unit_id = data.get("unit", "")
    unit = get_object_or_404(Unit, pk=int(unit_id) if unit_id.isdigit() else 0)
    back = safe_next(request, reverse("plan_detail", args=[plan.pk]))
    if request.method == "GET":
        return _remind_unit_confirm(request, plan, unit, back)
    form = RemindForm(request.POST)
    form.is_valid()
    ids = list(Deliverable.objects.filter(task__plan=plan, unit=unit).open().values_list("id", flat=True))
    if not ids:
        messages.error(
            request, _("%(unit)s không còn việc nào chưa xong trong kế hoạch này.") % {"unit": unit.name}
        )
        return redirect(back)
    data = form.cleaned_data
    return _remind(
        request, ids, note=data.get("note", ""), draft_letter=data.get("draft_letter", False), back=back
    )
