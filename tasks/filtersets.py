"""Filters of the obligation lists (django-filter), applied on top of the scoped selectors."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.selectors import unit_list_for_user

from .models import Deliverable
from .selectors import plan_list_for_user

State = Deliverable.State
OPEN = "open"
IN_TIME = "in_time"

STATE_CHOICES = [(OPEN, _("Chưa xong (chưa gửi, chờ duyệt, bị trả lại)")), *State.choices]
TIMELINESS_CHOICES = [(IN_TIME, _("Trước hạn hoặc đúng hạn")), *Deliverable.Timeliness.choices]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _plans(request):
    return plan_list_for_user(request.user).order_by("-year", "id") if request else None


def _units(request):
    return unit_list_for_user(request.user).order_by("name") if request else None


class DeliverableFilter(django_filters.FilterSet):
    """Plan, unit, state, due range, overdue only, text of the task; the URL keeps them all."""

    plan = django_filters.ModelChoiceFilter(
        field_name="task__plan", queryset=_plans, label=_("Kế hoạch"), empty_label=_("Tất cả kế hoạch")
    )
    unit = django_filters.ModelChoiceFilter(
        queryset=_units, label=_("Đơn vị"), empty_label=_("Tất cả đơn vị")
    )
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_state", label=_("Trạng thái"), empty_label=_("Mọi trạng thái")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Chỉ quá hạn"), widget=forms.CheckboxInput
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
    )
    task = django_filters.NumberFilter(field_name="task_id", widget=forms.HiddenInput)
    q = django_filters.CharFilter(method="filter_text", label=_("Tìm trong nội dung nhiệm vụ"))
    sort = django_filters.OrderingFilter(
        fields=(
            ("due_date", "due"),
            ("unit__name", "unit"),
            ("submitted_at", "submitted"),
            ("state", "state"),
        ),
        field_labels={
            "due": _("Hạn"),
            "unit": _("Đơn vị"),
            "submitted": _("Ngày gửi"),
            "state": _("Trạng thái"),
        },
        label=_("Sắp xếp"),
        empty_label=_("Hạn gần nhất trước"),
    )

    class Meta:
        model = Deliverable
        fields: list[str] = []

    def filter_state(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(state__in=Deliverable.OPEN_STATES)
        return queryset.filter(state=value)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(state__in=Deliverable.OPEN_STATES, due_date__lt=timezone.localdate())

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
