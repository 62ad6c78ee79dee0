from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import SheetAdmin
from core.text import fold

from .models import ApiToken, Membership, Unit, UnitAlias
from .resources import MembershipResource, UnitResource, UserResource
from .services import api_token_revoke


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ["text"]
    extra = 1


@admin.register(Unit)
class UnitAdmin(SheetAdmin, SimpleHistoryAdmin):
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
class MembershipAdmin(SheetAdmin, SimpleHistoryAdmin):
    resource_classes = [MembershipResource]
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class KehoachUserAdmin(SheetAdmin, UserAdmin, SimpleHistoryAdmin):
    resource_classes = [UserResource]
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with ``create_api_token`` (the key is shown once); here they are revoked."""

    list_display = ["name", "unit", "scopes", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "unit__name", "unit__code"]
    list_select_related = ["unit"]
    readonly_fields = [
        "name",
        "unit",
        "scopes",
        "prefix",
        "user",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Thu hồi các mã truy cập đã chọn"))
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token)
        self.message_user(request, _("Đã thu hồi %(count)d mã truy cập.") % {"count": len(queryset)})
