from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import (
    Deliverable,
    DeliverableTransition,
    ExtensionRequest,
    ReminderLog,
    ReminderPolicy,
    Task,
    TaskAssignment,
    TaskDeadline,
)


class TaskAssignmentInline(admin.TabularInline):
    model = TaskAssignment
    extra = 1
    autocomplete_fields = ["unit"]


class TaskDeadlineInline(admin.TabularInline):
    model = TaskDeadline
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "deadline_text"]
    list_filter = ["plan__year"]
    search_fields = ["content", "plan__title"]
    autocomplete_fields = ["plan", "section"]
    list_select_related = ["plan", "section"]
    inlines = [TaskAssignmentInline, TaskDeadlineInline]

    # Once a plan is issued its tasks carry deliverables and reports: they are no longer edited.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.plan.is_editable)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.plan.is_editable)


class DeliverableTransitionInline(admin.TabularInline):
    model = DeliverableTransition
    extra = 0
    can_delete = False
    fields = ["at", "name", "source", "target", "actor", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deliverable)
class DeliverableAdmin(admin.ModelAdmin):
    """Read-only: deliverables change only through their transitions on the screens."""

    list_display = ["task", "unit", "due_date", "original_due_date", "state", "timeliness"]
    list_filter = ["state", "timeliness"]
    search_fields = ["task__content", "unit__name"]
    list_select_related = ["task__plan", "task__section", "unit"]
    inlines = [DeliverableTransitionInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(admin.ModelAdmin):
    list_display = ["deliverable", "current_due_date", "requested_due_date", "state"]
    list_filter = ["state"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "plan",
        "days_before",
        "on_due_day",
        "overdue_every_days",
        "escalate_after_days",
        "flag_leaders_after_days",
    ]
    autocomplete_fields = ["plan"]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    list_display = ["deliverable", "step", "days", "due_date", "sent_on"]
    list_filter = ["step", "sent_on"]
