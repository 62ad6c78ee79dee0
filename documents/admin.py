from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DocumentTemplate, DocumentTransition, GeneratedDocument, RegisterCounter, RegisterEntry


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "issuer", "version", "active", "uploaded_at"]
    list_filter = ["kind", "active"]
    readonly_fields = ["sha256", "variables", "uploaded_by", "uploaded_at", "version"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    list_display = ["symbol", "issuer", "year", "date", "summary", "registered_by"]
    list_filter = ["year"]
    search_fields = ["symbol", "summary"]

    def has_change_permission(self, request, obj=None):
        return False  # a number, once given, stays

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegisterCounter)
class RegisterCounterAdmin(admin.ModelAdmin):
    list_display = ["issuer", "year", "series", "last_number"]

    def has_change_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    model = DocumentTransition
    extra = 0
    can_delete = False
    readonly_fields = ["name", "source", "target", "actor", "at", "comment"]


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["symbol", "kind", "issuer", "date", "state", "author", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["symbol", "summary"]
    inlines = [TransitionInline]
    readonly_fields = [field.name for field in GeneratedDocument._meta.fields]
