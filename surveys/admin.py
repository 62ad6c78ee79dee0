"""The admin shows survey records; campaigns, questionnaires and answers change only on the screens.

A campaign or questionnaire made here would bypass ``campaign_create`` and the wizard's
checks, and editing one that has responses would rewrite what a published index was
computed from, so both are read-only here (as are their parts and the responses).
"""

from django.contrib import admin

from core.admin import ReadOnlyMixin

from .models import (
    Alert,
    Campaign,
    CampaignUnit,
    Criterion,
    Question,
    Questionnaire,
    Service,
    TransactionCount,
)


class CriterionInline(ReadOnlyMixin, admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["position", "code", "name"]


class QuestionInline(ReadOnlyMixin, admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "code", "text", "kind", "criterion", "is_general", "required"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "code", "version", "is_builtin"]
    inlines = [CriterionInline, QuestionInline]


class CampaignUnitInline(ReadOnlyMixin, admin.TabularInline):
    model = CampaignUnit
    extra = 0
    fields = ["unit", "fixed_quota"]


class ServiceInline(ReadOnlyMixin, admin.TabularInline):
    model = Service
    extra = 0
    fields = ["position", "code", "name"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "plan", "frequency", "design", "period_start", "period_end"]
    inlines = [CampaignUnitInline, ServiceInline]


@admin.register(TransactionCount)
class TransactionCountAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["campaign", "unit", "service", "period", "count"]
    list_filter = ["campaign"]


@admin.register(Alert)
class AlertAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["unit", "campaign", "state", "created_at"]
    list_filter = ["state", "campaign"]
