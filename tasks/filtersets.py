"""Filters of the obligation lists (django-filter), applied on top of the scoped selectors."""

from __future__ import annotations

import datetime as dt
from functools import partial

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.widgets import (
    ListedModelChoiceField,
    PlainCheckboxInput,
    PlainDateInput,
    PlainHiddenInput,
    PlainSelect,
    PlainTextInput,
)
from units.models import Unit
from units.selectors import unit_list_for_user

from .models import Deliverable, Task, TaskAssignment
from .selectors import plan_list_for_user

State = Deliverable.State
OPEN = "open"
IN_TIME = "in_time"


class SortFilter(django_filters.OrderingFilter):
    # django-filter has no Vietnamese catalogue: its own "(descending)" would show in English.
    descending_fmt = _("%s (giảm dần)")

    def build_choices(self, fields, labels):
        # Built when a form is, not at import: the labels follow the language of the request.
        # The class stands for ``self``: the choices are copied with every form, the filter is not.
        return partial(django_filters.OrderingFilter.build_choices, type(self), fields, labels)


STATE_CHOICES = [(OPEN, _("Chưa xong (chưa gửi, chờ duyệt, bị trả lại)")), *State.choices]
TIMELINESS_CHOICES = [(IN_TIME, _("Trước hạn hoặc đúng hạn")), *Deliverable.Timeliness.choices]
WHEN_CHOICES = [
    ("overdue_month", _("Quá hạn, hạn trong tháng này")),
    ("month", _("Hạn trong tháng này")),
    ("soon", _("Đến hạn trong 7 ngày tới")),
    ("overdue", _("Đã quá hạn")),
]
DATE = PlainDateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _plans(request):
    return plan_list_for_user(request.user).order_by("-year", "id") if request else None


def _units(request):
    return unit_list_for_user(request.user).order_by("name") if request else None


class ListedChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter's choices in one query and one pass of HTML (``core.widgets``): every list has one."""

    field_class = ListedModelChoiceField


class DeliverableFilter(django_filters.FilterSet):
    """Plan, unit, state, due range, overdue only, text of the task; the URL keeps them all."""

    # Shown first; the others wait behind "more" (a phone shows the list, not a form).
    main_fields = ("plan", "when", "q")

    plan = ListedChoiceFilter(
        field_name="task__plan",
        queryset=_plans,
        label=_("Kế hoạch"),
        empty_label=_("Tất cả kế hoạch"),
        widget=PlainSelect,
    )
    # A province has a thousand units: a link names one by id (kept hidden), a person types a name.
    unit = django_filters.NumberFilter(field_name="unit_id", widget=PlainHiddenInput)
    unit_name = django_filters.CharFilter(
        method="filter_unit_name", label=_("Đơn vị (tên hoặc mã)"), widget=PlainTextInput
    )

    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES,
        method="filter_state",
        label=_("Trạng thái"),
        empty_label=_("Mọi trạng thái"),
        widget=PlainSelect,
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Chỉ quá hạn"), widget=PlainCheckboxInput
    )
    when = django_filters.ChoiceFilter(
        choices=WHEN_CHOICES,
        method="filter_when",
        label=_("Thời hạn"),
        empty_label=_("Mọi thời hạn"),
        widget=PlainSelect,
    )
    due_after = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Hạn từ ngày"), widget=DATE
    )
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("đến ngày"), widget=DATE
    )
    timeliness = django_filters.ChoiceFilter(
        choices=TIMELINESS_CHOICES,
        method="filter_timeliness",
        label=_("Tiến độ khi gửi"),
        empty_label=_("Tất cả"),
        widget=PlainSelect,
    )
    task = django_filters.NumberFilter(field_name="task_id", widget=PlainHiddenInput)
    q = django_filters.CharFilter(
        method="filter_text", label=_("Tìm trong nội dung nhiệm vụ"), widget=PlainTextInput
    )
    sort = SortFilter(
        fields=(
            ("due_date", "due"),
            ("unit__name", "unit"),
            ("submitted_at", "submitted"),
            ("state", "state"),
        ),
        # Keyed by the model field: keyed by the parameter, three of them fell back to English names.
        field_labels={
            "due_date": _("Hạn"),
            "unit__name": _("Đơn vị"),
            "submitted_at": _("Ngày gửi"),
            "state": _("Trạng thái"),
        },
        label=_("Sắp xếp"),
        empty_label=_("Hạn gần nhất trước"),
        widget=PlainSelect,
    )

    class Meta:
        model = Deliverable
        fields: list[str] = []

    @property
    def more_active(self) -> bool:
        return any(self.data.get(name) for name in self.filters if name not in self.main_fields)

    @property
    def unit_chosen(self):
        value = self.data.get("unit", "")
        return Unit.objects.filter(pk=int(value)).first() if str(value).isdigit() else None

    @property
    def chosen(self) -> set[str]:
        """The filters that narrow the list (sorting does not; an invalid value is ignored)."""
        if not self.is_bound or not self.form.is_valid():
            return set(self.form.errors) if self.is_bound else set()
        data = self.form.cleaned_data
        return {name for name, value in data.items() if name != "sort" and value not in (None, "", [], False)}

    def filter_unit_name(self, queryset, name, value):
        return queryset.filter(Q(unit__name__icontains=value.strip()) | Q(unit__code__iexact=value.strip()))

    def filter_state(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(state__in=Deliverable.OPEN_STATES)
        return queryset.filter(state=value)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(state__in=Deliverable.OPEN_STATES, due_date__lt=timezone.localdate())

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        first = today.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        open_items = queryset.filter(state__in=Deliverable.OPEN_STATES)
        if value == "overdue_month":
            return open_items.filter(due_date__gte=first, due_date__lt=today)
        if value == "month":
            return queryset.filter(due_date__gte=first, due_date__lte=last)
        if value == "soon":
            return open_items.filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=7))
        return open_items.filter(due_date__lt=today)

    def filter_timeliness(self, queryset, name, value):
        if value == IN_TIME:
            return queryset.filter(
                timeliness__in=(Deliverable.Timeliness.EARLY, Deliverable.Timeliness.ON_TIME)
            )
        return queryset.filter(timeliness=value)

    def filter_text(self, queryset, name, value):
        words = value.split()
        condition = Q()
        for word in words[:8]:
            condition &= Q(task__content__icontains=word)
        return queryset.filter(condition)


def deliverable_filter(request, queryset=None, *, exclude: tuple[str, ...] = ()) -> DeliverableFilter:
    """The list filters of the request. ``exclude`` drops filters a list has no use for (the review
    queue has one state)."""
    queryset = Deliverable.objects.none() if queryset is None else queryset
    filterset = DeliverableFilter(request.GET or None, queryset=queryset, request=request)
    for name in exclude:
        filterset.filters.pop(name, None)
        filterset.form.fields.pop(name, None)
    return filterset


def narrowed(filterset: DeliverableFilter, queryset):
    """``queryset`` with the filters chosen: one form for the several lists of a page (the inbox
    built its form, field by field, once for each list)."""
    if not filterset.is_bound:
        return queryset
    filterset.errors  # noqa: B018 — validates the form: the filters read its cleaned data
    return filterset.filter_queryset(queryset.all())


def deliverables_filtered(request, queryset, *, exclude: tuple[str, ...] = ()):
    """Apply the list filters of the request to a scoped queryset: (filterset, narrowed queryset)."""
    filterset = deliverable_filter(request, queryset, exclude=exclude)
    return filterset, (filterset.qs if filterset.is_bound else queryset)


class PlanTaskFilter(django_filters.FilterSet):
    """The plan page's task table: a unit's rows, rows with late obligations, words of the task."""

    don_vi = ListedChoiceFilter(
        queryset=_units,
        method="filter_unit",
        label=_("Đơn vị thực hiện"),
        empty_label=_("Mọi đơn vị"),
        widget=PlainSelect,  # every unit the user sees: one template per option is too slow
    )
    tinh_trang = django_filters.ChoiceFilter(
        choices=[("overdue", _("Có nghĩa vụ quá hạn")), (OPEN, _("Còn nghĩa vụ chưa xong"))],
        method="filter_progress",
        label=_("Tình hình"),
        empty_label=_("Tất cả nhiệm vụ"),
    )
    q = django_filters.CharFilter(method="filter_text", label=_("Tìm trong nội dung nhiệm vụ"))

    class Meta:
        model = Task
        fields: list[str] = []

    def filter_unit(self, queryset, name, value):
        return queryset.filter(id__in=TaskAssignment.objects.filter(unit=value).values("task_id"))

    def filter_progress(self, queryset, name, value):
        items = Deliverable.objects.filter(state__in=Deliverable.OPEN_STATES)
        if value == "overdue":
            items = items.filter(due_date__lt=timezone.localdate())
        return queryset.filter(id__in=items.values("task_id"))

    def filter_text(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:8]:
            condition &= Q(content__icontains=word)
        return queryset.filter(condition)
