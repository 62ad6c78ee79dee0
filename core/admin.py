from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.forms import SelectableFieldsExportForm
from simple_history.admin import SimpleHistoryAdmin

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


class VietnameseExportForm(SelectableFieldsExportForm):
    """The export form's column boxes named as the model names its fields (django-import-export
    would title-case the English field name: "Short Name")."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        model = resource._meta.model
        try:
            label = str(model._meta.get_field(getattr(field, "attribute", None) or field_name).verbose_name)
        except FieldDoesNotExist:  # a column computed by the resource
            label = field.column_name if field else field_name
        return label[:1].upper() + label[1:]


class SheetAdmin(ImportExportModelAdmin):
    """An admin with spreadsheet import and export: Vietnamese export form, safe .xlsx/.csv cells."""

    export_form_class = VietnameseExportForm


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
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


def _name_axes_columns():
    """django-axes titles its remaining-attempts column from the method name ("Status"), which
    no translation reaches; the rest of its labels come from locale/vi."""
    try:
        from axes.admin import AccessAttemptAdmin
    except ImportError:  # lock-out not installed
        return
    AccessAttemptAdmin.status.short_description = _("Tình trạng")


_name_axes_columns()
