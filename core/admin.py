from django.contrib import admin

from .models import CalendarDay, Job, Notification


class ReadOnlyMixin:
    """Shown, never changed here: the record changes only through its services on the screens
    (logs, messages, numbers, versions and states)."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_day_off", "note"]
    list_filter = ["is_day_off"]
    date_hierarchy = "date"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "day", "title", "read_at", "emailed_at"]
    list_filter = ["kind", "day"]


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["kind", "state", "rows_done", "rows_total", "attempts", "created_at", "finished_at"]
    list_filter = ["kind", "state"]
