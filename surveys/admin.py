from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    filter_horizontal = ["sections"]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "version", "is_builtin"]
    inlines = [CriterionInline, QuestionInline]


class CampaignUnitInline(admin.TabularInline):
    model = CampaignUnit
    extra = 0
    readonly_fields = ["public_token"]


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0
    filter_horizontal = ["units"]


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "frequency", "design", "period_start", "period_end"]
    inlines = [CampaignUnitInline, ServiceInline]


@admin.register(TransactionCount)
class TransactionCountAdmin(admin.ModelAdmin):
    list_display = ["campaign", "unit", "service", "period", "count"]
    list_filter = ["campaign"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["unit", "campaign", "state", "created_at"]
    list_filter = ["state", "campaign"]
    readonly_fields = ["state"]
