from django.contrib import admin

from core.admin import ReadOnlyMixin

from .models import BudgetLine, LegalBasis, Plan, PlanTransition, Section, Target


class LegalBasisInline(ReadOnlyMixin, admin.StackedInline):
    model = LegalBasis
    fk_name = "plan"
    extra = 0


class TargetInline(ReadOnlyMixin, admin.TabularInline):
    model = Target
    extra = 0


class SectionInline(ReadOnlyMixin, admin.TabularInline):
    model = Section
    extra = 0


class BudgetLineInline(ReadOnlyMixin, admin.TabularInline):
    model = BudgetLine
    extra = 0


class PlanTransitionInline(ReadOnlyMixin, admin.TabularInline):
    model = PlanTransition
    extra = 0
    fields = ["at", "name", "source", "target", "actor", "comment"]
    readonly_fields = fields


@admin.register(Plan)
class PlanAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Plans are written, issued and amended on the plan screens, where every step is logged."""

    list_display = ["__str__", "issuer", "year", "state"]
    list_filter = ["state", "year"]
    search_fields = ["title", "doc_code", "issuer__name"]
    list_select_related = ["issuer"]
    inlines = [LegalBasisInline, TargetInline, SectionInline, BudgetLineInline, PlanTransitionInline]


@admin.register(Section)
class SectionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "plan"]
    search_fields = ["title", "plan__title"]
    list_select_related = ["plan"]
