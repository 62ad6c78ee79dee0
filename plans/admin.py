from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BudgetLine, LegalBasis, Plan, PlanTransition, Section, Target


class LegalBasisInline(admin.StackedInline):
    model = LegalBasis
    fk_name = "plan"
    extra = 0
    autocomplete_fields = ["linked_plan"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class PlanTransitionInline(admin.TabularInline):
    model = PlanTransition
    extra = 0
    can_delete = False
    fields = ["at", "name", "source", "target", "actor", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "issuer", "year", "state"]
    list_filter = ["state", "year"]
    search_fields = ["title", "doc_code", "issuer__name"]
    autocomplete_fields = ["issuer", "parent"]
    readonly_fields = ["state"]
    list_select_related = ["issuer"]
    inlines = [LegalBasisInline, TargetInline, SectionInline, BudgetLineInline, PlanTransitionInline]


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan"]
    search_fields = ["title", "plan__title"]
    list_select_related = ["plan"]
