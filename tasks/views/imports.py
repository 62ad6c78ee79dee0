from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError, denied_as_403
from core.jobs import job_start
from units.forms import UnitCreateForm
from units.models import Unit
from units.selectors import access_for, units_managed_by

from ..forms import UnitPicker
from ..importing import issuer_tree
from ..models import PlanImport
from ..resources import plan_tasks_xlsx, template_xlsx
from ..selectors import access_plan_by_id
from ..services import imports

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    issuer = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=Unit.objects.none())
    year = forms.IntegerField(
        label="Năm (khi văn bản không ghi)", required=False, min_value=2000, max_value=2100
    )
    file = forms.FileField(label="Tệp kế hoạch (.docx, .xlsx, .csv)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        access = access_for(user)
        units = Unit.objects.all() if access.is_superuser else Unit.objects.filter(id__in=access.coordinated)
        self.fields["issuer"].queryset = units.order_by("name")


class MapUnitForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput)
    # The task editor's picker: a search box and chips over checkboxes (static/js/plan_editor.js).
    units = forms.ModelMultipleChoiceField(
        label="là đơn vị", queryset=Unit.objects.none(), widget=UnitPicker()
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class AddUnitForm(UnitCreateForm):
    """A unit the plan names that the tree lacks, added from the preview."""

    text = forms.CharField(widget=forms.HiddenInput)


def _tree_units(batch: PlanImport):
    return Unit.objects.filter(id__in=[u.pk for u in issuer_tree(batch.issuer)])


def _add_unit_form(request, batch: PlanImport, *, data=None, name: str = "", prefix: str = ""):
    parents = units_managed_by(request.user).filter(id__in=_tree_units(batch)).order_by("name")
    initial = {"text": name, "name": name, "parent": batch.issuer_id}
    return AddUnitForm(data, parents=parents, initial=initial, prefix=prefix)


def _dmy(iso: str | None) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso else ""


def _shown_rows(preview, names: dict[str, str]) -> list[dict]:
    """The rows as an officer reads them: unit names, not codes; dates as dd/mm/yyyy."""
    rows = []
    for row in preview.tasks:
        coordinating_unmatched = set(row.unmatched_coordinating)
        rows.append(
            {
                "row": row,
                "leads": [names.get(code, code) for code in row.lead_units],
                "coordinating": [names.get(code, code) for code in row.coordinating_units],
                "lead_unmatched": [n for n in row.unmatched_units if n not in coordinating_unmatched],
                "coordinating_unmatched": row.unmatched_coordinating,
                "due_dates": [_dmy(d) for d in row.due_dates],
            }
        )
    return rows


def _batch(request, batch_id: int) -> PlanImport:
    batch = get_object_or_404(PlanImport.objects.select_related("issuer"), pk=batch_id)
    if not access_for(request.user).can_manage_issuer(batch.issuer_id):
        raise PermissionDenied("Bạn không có quyền xem tệp nhập này.")
    return batch


@login_required
@denied_as_403
def import_upload(request):
    if not access_for(request.user).is_coordinator:
        raise PermissionDenied("Chỉ Nội vụ mới nhập kế hoạch.")
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.plan_import_upload(
                issuer=form.cleaned_data["issuer"],
                actor=request.user,
                upload=form.cleaned_data["file"],
                year=form.cleaned_data["year"],
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            return redirect("import_preview", batch_id=batch.pk)
    return render(request, "tasks/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def import_preview(request, batch_id: int):
    batch = _batch(request, batch_id)
    return _render_preview(request, batch)


def _render_preview(request, batch: PlanImport, *, failed_form=None, status: int = 200):
    preview = imports.plan_import_preview(batch)
    units = _tree_units(batch).order_by("name")
    names = dict(units.values_list("code", "name"))
    unmatched = sorted({name for row in preview.tasks for name in row.unmatched_units})
    mapping = []
    for i, name in enumerate(unmatched):
        add = _add_unit_form(request, batch, name=name, prefix=f"n{i}")
        if failed_form is not None and failed_form.prefix == add.prefix:
            add = failed_form
        mapping.append((name, MapUnitForm(initial={"text": name}, units=units, prefix=f"m{i}"), add))
    context = {
        "batch": batch,
        "preview": preview,
        "heading_date": _dmy(preview.heading.get("date")),
        "rows": _shown_rows(preview, names),
        "mapping": mapping,
    }
    return render(request, "tasks/import_preview.html", context, status=status)


@login_required
@require_POST
@denied_as_403
def import_map_unit(request, batch_id: int):
    batch = _batch(request, batch_id)
    units = _tree_units(batch)
    prefix = request.POST.get("prefix", "")
    form = MapUnitForm(request.POST, units=units, prefix=prefix)
    if form.is_valid():
        try:
            imports.plan_import_map_unit(
                batch=batch,
                actor=request.user,
                text=form.cleaned_data["text"],
                units=list(form.cleaned_data["units"]),
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã ghi nhớ: «{form.cleaned_data['text']}».")
    else:
        messages.error(request, "Hãy chọn ít nhất một đơn vị.")
    return redirect("import_preview", batch_id=batch.pk)


@login_required
@require_POST
@denied_as_403
def import_add_unit(request, batch_id: int):
    """Add a unit the plan names and the tree lacks, under a unit the officer coordinates."""
    batch = _batch(request, batch_id)
    prefix = request.POST.get("prefix", "")
    form = _add_unit_form(request, batch, data=request.POST, prefix=prefix)
    if form.is_valid():
        data = form.cleaned_data
        try:
            unit = imports.plan_import_add_unit(
                batch=batch,
                actor=request.user,
                text=data["text"],
                parent=data["parent"],
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                short_name=data["short_name"],
                symbol=data["symbol"],
                requires_head_approval=data["requires_head_approval"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Đã thêm đơn vị «{unit.name}» và đọc lại bảng nhiệm vụ.")
            return redirect("import_preview", batch_id=batch.pk)
    return _render_preview(request, batch, failed_form=form, status=400)


@login_required
@require_POST
@denied_as_403
def import_decide(request, batch_id: int, decision: str):
    batch = _batch(request, batch_id)
    if decision not in ("confirm", "discard"):
        raise Http404
    try:
        if decision == "confirm":
            imports.plan_import_check(batch=batch, actor=request.user)
            job = job_start("plan_import", actor=request.user, batch_id=batch.pk, actor_id=request.user.pk)
            return _after_import(request, job)
        imports.plan_import_discard(batch=batch, actor=request.user)
        messages.success(request, "Đã bỏ tệp nhập.")
    except ApplicationError as error:
        messages.error(request, error.message)
        for problem in error.problems:
            messages.warning(request, problem)
    return redirect("import_preview", batch_id=batch.pk) if decision == "confirm" else redirect("plan_list")


def _after_import(request, job):
    """Inline runs are done already: go to the plan; queued ones show their progress page."""
    job.refresh_from_db()
    if job.state == job.State.DONE:
        messages.success(request, "Đã tạo kế hoạch dự thảo từ tệp. Kiểm tra rồi ban hành.")
        return redirect("plan_detail", plan_id=job.result["plan_id"])
    if job.state == job.State.FAILED:
        for error in job.errors:
            messages.error(request, error)
        return redirect("import_preview", batch_id=job.arguments["batch_id"])
    return redirect("job_detail", job_id=job.pk)


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def import_template(request):
    return _xlsx(template_xlsx(), "mau-bang-nhiem-vu.xlsx")


@login_required
def plan_export(request, plan_id: int):
    plan = access_plan_by_id(request.user, plan_id)
    return _xlsx(plan_tasks_xlsx(plan), f"ke-hoach-{plan.pk}-nhiem-vu.xlsx")
