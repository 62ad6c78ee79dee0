from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from import_export.admin import ImportExportModelAdmin

from .models import Membership, Unit, UnitAlias
from .resources import MembershipResource, UnitResource, UserResource
from .text import fold


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ["text"]
    extra = 1


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin):
    resource_classes = [UnitResource]
    list_display = ["name", "short_name", "code", "symbol", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active", "requires_head_approval"]
    search_fields = ["name", "short_name", "code", "aliases__text"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [UnitAliasInline]

    def save_formset(self, request, form, formset, change):
        for alias in formset.save(commit=False):
            alias.folded = fold(alias.text)
            alias.save()
        for alias in formset.deleted_objects:
            alias.delete()


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["unit"]
    extra = 1


@admin.register(Membership)
class MembershipAdmin(ImportExportModelAdmin):
    resource_classes = [MembershipResource]
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class KehoachUserAdmin(ImportExportModelAdmin, UserAdmin):
    resource_classes = [UserResource]
    inlines = [MembershipInline]
