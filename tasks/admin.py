from django.contrib import admin

from core.admin import ReadOnlyAdmin, ReadOnlyMixin

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


class TaskAssignmentInline(ReadOnlyMixin, admin.TabularInline):
    model = TaskAssignment
    extra = 0


class TaskDeadlineInline(ReadOnlyMixin, admin.TabularInline):
    model = TaskDeadline
    extra = 0


@admin.register(Task)
class TaskAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Tasks are edited in the plan's task editor: freely in a draft, by an amendment once issued."""

    list_display = ["__str__", "plan", "deadline_text"]
    list_filter = ["plan__year"]
    search_fields = ["content", "plan__title"]
    list_select_related = ["plan", "section"]
    inlines = [TaskAssignmentInline, TaskDeadlineInline]


class DeliverableTransitionInline(ReadOnlyMixin, admin.TabularInline):
    model = DeliverableTransition
    extra = 0
    fields = ["at", "name", "source", "target", "actor", "comment"]
    readonly_fields = fields


@admin.register(Deliverable)
class DeliverableAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: deliverables change only through their transitions on the screens."""

    list_display = ["task", "unit", "due_date", "original_due_date", "state", "timeliness"]
    list_filter = ["state", "timeliness"]
    search_fields = ["task__content", "unit__name"]
    list_select_related = ["task__plan", "task__section", "unit"]
    inlines = [DeliverableTransitionInline]


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
