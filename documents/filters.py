"""Filters of the documents list (django-filter); the URL keeps them, so a list can be sent on."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import GeneratedDocument, Kind


class DocumentFilter(django_filters.FilterSet):
    ke_hoach = django_filters.NumberFilter(field_name="plan_id", label=_("Kế hoạch (số thứ tự)"))
    state = django_filters.ChoiceFilter(
        choices=GeneratedDocument.State.choices, label=_("Trạng thái"), empty_label=_("Mọi trạng thái")
    )
    loai = django_filters.ChoiceFilter(
        field_name="kind", choices=Kind.choices, label=_("Loại văn bản"), empty_label=_("Mọi loại")
    )
    q = django_filters.CharFilter(method="filter_text", label=_("Tìm trong trích yếu, số ký hiệu"))

    class Meta:
        model = GeneratedDocument
        fields: list[str] = []

    def filter_text(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:8]:
            condition &= Q(summary__icontains=word) | Q(symbol__icontains=word)
        return queryset.filter(condition)
