"""Screens of the unit tree, its reorganisations and its people, within the coordinator's subtree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from core.errors import ApplicationError, denied_as_403
from core.uploads import upload_discard, upload_read, upload_stage

from . import services
from .forms import (
    MAX_SHEET_BYTES,
    ImportForm,
    PersonCreateForm,
    ReorganisationForm,
    RoleForm,
    SheetForm,
    UnitCreateForm,
    UnitEditForm,
)
from .login import login_locked
from .models import Membership, Reorganisation
from .reorganisation import EventSpec, reorganisation_apply, reorganisation_apply_all
from .selectors import (
    access_for,
    access_person_by_id,
    access_unit_by_id,
    people_for_user,
    person_units,
    reorganisation_offer_rows,
    unit_lineage,
    unit_members,
    unit_tree_for_user,
    units_managed_by,
)
from .sheets import people_sheet_apply, reorganisation_sheet_read, units_sheet_apply

PAGE = 50
SUMMARY_LABELS = {
    "obligations_moved": _lazy("Nghĩa vụ chuyển cho đơn vị kế thừa"),
    "obligations_kept": _lazy("Nghĩa vụ giữ lại"),
    "assignments_moved": _lazy("Phân công chuyển"),
    "memberships_ended": _lazy("Vai trò người dùng kết thúc"),
    "aliases_added": _lazy("Tên gọi khác thêm cho đơn vị kế thừa"),
    "plans_recoordinated": _lazy("Kế hoạch do đơn vị kế thừa điều phối"),
    "campaigns_moved": _lazy("Đợt khảo sát tiếp tục ở đơn vị kế thừa"),
    "units_moved": _lazy("Đơn vị trực thuộc chuyển"),
}


def _require_tree(user) -> None:
    access = access_for(user)
    if not (access.is_superuser or access.coordinated or access.readable_tree):
        raise PermissionDenied


def _require_coordinator(user) -> None:
    if not access_for(user).is_coordinator:
        raise PermissionDenied


def _problems(request, error: ApplicationError) -> None:
    messages.error(request, error.message)
    for problem in error.problems:
        messages.error(request, problem)


# ----- the unit tree ---------------------------------------------------------------------


@login_required
@denied_as_403
def unit_list(request):
    _require_tree(request.user)
    page = Paginator(unit_tree_for_user(request.user), PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "can_manage": access_for(request.user).is_coordinator}
    return render(request, "units/unit_list.html", context)


@login_required
@denied_as_403
def unit_detail(request, unit_id: int):
    unit = access_unit_by_id(request.user, unit_id)
    can_manage = unit.is_active and access_for(request.user).can_manage_issuer(unit.pk)
    initial = {
        "short_name": unit.short_name,
        "symbol": unit.symbol,
        "requires_head_approval": unit.requires_head_approval,
        "aliases": "\n".join(unit.aliases.values_list("text", flat=True)),
    }
    form = UnitEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.unit_update(
                    actor=request.user,
                    unit=unit,
                    short_name=form.cleaned_data["short_name"],
                    symbol=form.cleaned_data["symbol"],
                    requires_head_approval=form.cleaned_data["requires_head_approval"],
                    aliases=form.cleaned_data["aliases"].splitlines(),
                )
            except ApplicationError as error:
                _problems(request, error)
            else:
                messages.success(request, _("Đã lưu thông tin đơn vị."))
                return redirect("unit_detail", unit.pk)
    context = {
        "unit": unit,
        "lineage": unit_lineage(unit),
        "members": unit_members(unit),
        "children": unit.children.order_by("-is_active", "name"),
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "units/unit_detail.html", context)


@login_required
@denied_as_403
def unit_create(request):
    _require_coordinator(request.user)
    parents = units_managed_by(request.user)
    form = UnitCreateForm(
        request.POST or None, parents=parents, initial={"parent": request.GET.get("parent")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã thêm đơn vị %(unit)s.") % {"unit": unit})
            return redirect("unit_detail", unit.pk)
    return render(request, "units/unit_form.html", {"form": form})


@login_required
@denied_as_403
@require_POST
def unit_deactivate(request, unit_id: int):
    unit = access_unit_by_id(request.user, unit_id)
    try:
        services.unit_deactivate(actor=request.user, unit=unit)
    except ApplicationError as error:
        _problems(request, error)
    else:
        messages.success(request, _("Đã ngừng sử dụng đơn vị %(unit)s.") % {"unit": unit})
    return redirect("unit_detail", unit.pk)


# ----- reorganisation: preview, then apply -------------------------------------------------


def _spec(data: dict, choices: dict[int, int]) -> EventSpec:
    kind = data["kind"]
    merge_new = kind == Reorganisation.Kind.MERGE and data["new_code"].strip()
    targets = list(data["targets"])
    default = data.get("default_target")
    if default in targets:
        targets = [default] + [t for t in targets if t != default]
    return EventSpec(
        kind=kind,
        effective_on=data["effective_on"],
        basis=data["basis"],
        sources=list(data["sources"]),
        targets=[] if merge_new else targets,
        new_name=data["new_name"],
        new_code=data["new_code"].strip().upper() if merge_new else "",
        choices=choices,
        carry_roles=data["carry_roles"],
    )


def _choices(post) -> dict[int, int]:
    """Split: the successor a person picked for each obligation (``choice-<id>``)."""
    picked = {}
    for key, value in post.items():
        if key.startswith("choice-") and key[7:].isdigit() and value.isdigit():
            picked[int(key[7:])] = int(value)
    return picked


@login_required
@denied_as_403
def reorganise(request, unit_id: int | None = None):
    _require_coordinator(request.user)
    units = units_managed_by(request.user).order_by("name")
    initial = {"sources": [unit_id]} if unit_id else {}
    form = ReorganisationForm(request.POST or None, units=units, initial=initial)
    outcome = None
    if request.method == "POST" and form.is_valid():
        apply = request.POST.get("decision") == "apply"
        spec = _spec(form.cleaned_data, _choices(request.POST))
        try:
            outcome = reorganisation_apply(spec=spec, actor=request.user, dry_run=not apply)
        except ApplicationError as error:
            _problems(request, error)
        else:
            if apply and not outcome.already_applied:
                messages.success(request, _("Đã áp dụng sự kiện sắp xếp tổ chức."))
                return redirect("reorganisation_detail", outcome.event.pk)
            if outcome.already_applied:
                messages.info(request, _("Sự kiện này đã được áp dụng trước đây; không có thay đổi nào."))
    context = {
        "form": form,
        "outcome": outcome,
        "successors": form.cleaned_data.get("targets", []) if form.is_bound and form.is_valid() else [],
        "sheet_form": SheetForm(),
    }
    return render(request, "units/reorganise.html", context)


def _sheet(request, form: SheetForm) -> tuple[bytes, str, str]:
    """The sheet's content, name and token: a new file is kept for the confirmation; a token
    (from the preview) reads back the file kept then, so it is not chosen again."""
    upload = form.cleaned_data.get("file")
    if upload is not None:
        content = upload.read()
        token = upload_stage(data=content, name=upload.name, owner=request.user, max_bytes=MAX_SHEET_BYTES)
        return content, upload.name, token
    token = form.cleaned_data["token"]
    content, name = upload_read(token=token, owner=request.user)
    return content, name, token


@login_required
@denied_as_403
def reorganise_sheet(request):
    _require_coordinator(request.user)
    form = SheetForm(request.POST or None, request.FILES or None)
    outcomes, token = None, ""
    if request.method == "POST" and form.is_valid():
        apply = request.POST.get("decision") == "apply"
        try:
            content, name, token = _sheet(request, form)
            specs = reorganisation_sheet_read(content, name)
            outcomes = reorganisation_apply_all(specs=specs, actor=request.user, dry_run=not apply)
        except ApplicationError as error:
            _problems(request, error)
        else:
            if apply:
                upload_discard(token=token, owner=request.user)
                messages.success(request, _("Đã áp dụng %(count)s sự kiện.") % {"count": len(outcomes)})
                return redirect("reorganisation_list")
    context = {"form": form, "outcomes": outcomes, "token": token if outcomes else ""}
    return render(request, "units/reorganise_sheet.html", context)


@login_required
@denied_as_403
def reorganisation_list(request):
    _require_tree(request.user)
    access = access_for(request.user)
    events = Reorganisation.objects.order_by("-effective_on", "-id")
    if not access.is_superuser:
        events = events.filter(units__in=access.coordinated | access.readable_tree).distinct()
    page = Paginator(events.prefetch_related("units"), PAGE).get_page(request.GET.get("page"))
    return render(request, "units/reorganisation_list.html", {"page": page})


def _picks(post, offers: list[dict]) -> list[tuple[str, str, int]]:
    """The offers ticked on the result screen (``take-<n>``), each with its role and successor."""
    picks = []
    for number, offer in enumerate(offers):
        unit = post.get(f"unit-{number}", "")
        if post.get(f"take-{number}") and unit.isdigit():
            picks.append((offer["user"], post.get(f"role-{number}", offer["role"]), int(unit)))
    return picks


@login_required
@denied_as_403
def reorganisation_detail(request, event_id: int):
    _require_tree(request.user)
    access = access_for(request.user)
    events = Reorganisation.objects.all()
    if not access.is_superuser:
        events = events.filter(units__in=access.coordinated | access.readable_tree).distinct()
    event = events.filter(pk=event_id).first()
    if event is None:
        raise PermissionDenied
    offers = event.summary.get("offers", [])
    if request.method == "POST":
        try:
            granted = services.reorganisation_offers_grant(
                actor=request.user, event=event, picks=_picks(request.POST, offers)
            )
        except ApplicationError as error:
            _problems(request, error)
        else:
            messages.success(
                request, _("Đã giao %(count)s vai trò ở đơn vị kế thừa.") % {"count": len(granted)}
            )
            return redirect("reorganisation_detail", event.pk)
    lineage = list(event.lineage.select_related("predecessor", "successor"))
    offers_shown = reorganisation_offer_rows(event, lineage)
    counts = [
        (label, event.summary.get(key)) for key, label in SUMMARY_LABELS.items() if event.summary.get(key)
    ]
    context = {
        "event": event,
        "lineage": lineage,
        "counts": counts,
        "offers": offers_shown,
        "roles": Membership.Role.choices,
        # Nothing left to give (every person already has a role there): no button.
        "can_grant": any(access.can_manage_issuer(link.successor_id) for link in lineage)
        and any(not row["holds"] for row in offers_shown),
    }
    return render(request, "units/reorganisation_detail.html", context)


@login_required
@denied_as_403
def unit_import(request):
    """Units or people from a spreadsheet: preview, then apply; all or nothing, bad rows named."""
    _require_coordinator(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, initial={"what": request.GET.get("what")})
    lines, token = None, ""
    if request.method == "POST" and form.is_valid():
        apply = request.POST.get("decision") == "apply"
        reader = units_sheet_apply if form.cleaned_data["what"] == "units" else people_sheet_apply
        try:
            content, name, token = _sheet(request, form)
            lines = reader(content=content, filename=name, actor=request.user, dry_run=not apply)
        except ApplicationError as error:
            _problems(request, error)
        else:
            if apply:
                upload_discard(token=token, owner=request.user)
                messages.success(request, _("Đã nhập %(count)s dòng.") % {"count": len(lines)})
                return redirect("person_list" if form.cleaned_data["what"] == "people" else "unit_list")
    context = {"form": form, "lines": lines, "token": token if lines else ""}
    return render(request, "units/unit_import.html", context)


# ----- people ----------------------------------------------------------------------------


@login_required
@denied_as_403
def person_list(request):
    _require_coordinator(request.user)
    people = people_for_user(request.user).prefetch_related("memberships__unit")
    page = Paginator(people, PAGE).get_page(request.GET.get("page"))
    return render(request, "units/person_list.html", {"page": page})


@login_required
@denied_as_403
def person_create(request):
    _require_coordinator(request.user)
    units = units_managed_by(request.user).order_by("name")
    form = PersonCreateForm(request.POST or None, units=units, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã tạo tài khoản %(username)s.") % {"username": person.username})
            return redirect("person_detail", person.pk)
    return render(request, "units/person_form.html", {"form": form})


def _person_page(request, person, one_time_password: str = ""):
    units = units_managed_by(request.user).order_by("name")
    context = {
        "person": person,
        "memberships": Membership.objects.filter(user=person)
        .select_related("unit")
        .order_by("ended_on", "id"),
        "role_form": RoleForm(units=units),
        "one_time_password": one_time_password,
        "login_locked": login_locked(person),
    }
    response = render(request, "units/person_detail.html", context)
    if one_time_password:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@denied_as_403
def person_detail(request, person_id: int):
    _require_coordinator(request.user)
    return _person_page(request, access_person_by_id(request.user, person_id))


@login_required
@denied_as_403
@require_POST
def person_action(request, person_id: int, action: str):
    _require_coordinator(request.user)
    person = access_person_by_id(request.user, person_id)
    try:
        if action == "otp":
            # Shown on this response only: never stored, never sent.
            password = services.person_one_time_password(
                actor=request.user, user=person, units=person_units(person)
            )
            return _person_page(request, person, password)
        _person_action(request, person, action)
    except ApplicationError as error:
        _problems(request, error)
    return redirect("person_detail", person.pk)


def _person_action(request, person, action: str) -> None:
    actor, units = request.user, person_units(person)
    if action == "role":
        form = RoleForm(request.POST, units=units_managed_by(actor))
        if not form.is_valid():
            raise ApplicationError(_("Hãy chọn đơn vị và vai trò."))
        services.membership_grant(actor=actor, user=person, **form.cleaned_data)
        messages.success(request, _("Đã giao vai trò."))
    elif action == "end":
        membership = Membership.objects.filter(user=person, pk=request.POST.get("membership")).first()
        if membership is None:
            raise ApplicationError(_("Không có vai trò này."))
        services.membership_end(actor=actor, membership=membership)
        messages.success(request, _("Đã kết thúc vai trò; lịch sử vẫn được giữ."))
    elif action == "deactivate":
        services.person_deactivate(actor=actor, user=person, units=units)
        messages.success(request, _("Đã khóa tài khoản."))
    elif action == "unlock":
        services.person_login_unlock(actor=actor, user=person, units=units)
        messages.success(request, _("Đã mở khóa đăng nhập cho %(username)s.") % {"username": person.username})
    elif action == "reset":
        base = request.build_absolute_uri("/")
        services.person_reset_link_send(actor=actor, user=person, units=units, base_url=base)
        messages.success(request, _("Đã gửi liên kết đặt mật khẩu tới %(email)s.") % {"email": person.email})
    else:
        raise PermissionDenied
