"""Filters of the documents list (django-filter); the URL keeps them, so a list can be sent on.

Kind, state, addressee (the "Kính gửi" names a document carries), plan, and words of the summary or
symbol. The plan picker lists only the plans the reader's documents belong to: at a province's
volume the readable plans run to thousands, the plans with documents stay few.
"""

from __future__ import annotations

import json

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from plans.models import Plan

from .models import GeneratedDocument, Kind

MAX_WORDS = 8


class DocumentFilter(django_filters.FilterSet):
    loai = django_filters.ChoiceFilter(
        field_name="kind", choices=Kind.choices, label=_("Loại văn bản"), empty_label=_("Mọi loại")
    )
    state = django_filters.ChoiceFilter(
        choices=GeneratedDocument.State.choices, label=_("Trạng thái"), empty_label=_("Mọi trạng thái")
    )
    kinh_gui = django_filters.CharFilter(method="filter_addressee", label=_("Kính gửi (tên đơn vị nhận)"))
    ke_hoach = django_filters.ModelChoiceFilter(
        field_name="plan",
        queryset=Plan.objects.none(),
        label=_("Kế hoạch"),
        empty_label=_("Mọi kế hoạch"),
    )
    q = django_filters.CharFilter(method="filter_text", label=_("Tìm trong trích yếu, số ký hiệu"))

    class Meta:
        model = GeneratedDocument
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset=queryset, **kwargs)
        plans = Plan.objects.filter(id__in=self.queryset.order_by().values("plan_id")).select_related(
            "issuer"
        )
        self.filters["ke_hoach"].queryset = plans.order_by("-year", "title")
        self.form.fields["ke_hoach"].queryset = self.filters["ke_hoach"].queryset
        self.form.fields["ke_hoach"].label_from_instance = _plan_label

    def filter_text(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:MAX_WORDS]:
            condition &= Q(summary__icontains=word) | Q(symbol__icontains=word)
        return queryset.filter(condition)

    def filter_addressee(self, queryset, name, value):
        """Every word in one of the addressees the document was written to (``doc.addressees``)."""
        condition = Q()
        for word in value.split()[:MAX_WORDS]:
            either = Q()
            for form in _stored_forms(word):
                either |= Q(context__doc__addressees__icontains=form)
            condition &= either
        return queryset.filter(condition)


def _stored_forms(word: str) -> set[str]:
    """The word as it may stand in the stored JSON text.

    SQLite keeps the JSON as written, with Vietnamese letters as \\uXXXX escapes, and its LIKE folds
    case for ASCII only; PostgreSQL's jsonb compares the letters themselves, case folded.
    """
    spellings = {word, word.lower(), word.upper(), word.capitalize()}
    return spellings | {json.dumps(spelling)[1:-1] for spelling in spellings}


def _plan_label(plan: Plan) -> str:
    return f"{plan.symbol or _('Dự thảo')} — {plan.title[:70]}"
