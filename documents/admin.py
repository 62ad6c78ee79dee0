from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import DocumentTemplate, DocumentTransition, GeneratedDocument, RegisterCounter, RegisterEntry


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(ReadOnlyAdmin):
    """Templates are versioned: uploaded and checked through the service (Văn bản → Mẫu văn bản)."""

    list_display = ["name", "kind", "issuer", "version", "active", "uploaded_at"]
    list_filter = ["kind", "active"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "issuer", "year", "date", "summary", "registered_by"]
    list_filter = ["year"]
    search_fields = ["symbol", "summary"]


@admin.register(RegisterCounter)
class RegisterCounterAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "year", "series", "last_number"]


class TransitionInline(admin.TabularInline):
    model = DocumentTransition
    extra = 0
    can_delete = False
    readonly_fields = ["name", "source", "target", "actor", "at", "comment"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["symbol", "kind", "issuer", "date", "state", "author", "created_at"]
    list_filter = ["kind", "state"]
    search_fields = ["symbol", "summary"]
    inlines = [TransitionInline]
