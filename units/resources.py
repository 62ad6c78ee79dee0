"""Spreadsheet import/export of the organisation and its people (django-import-export)."""

from django.contrib.auth import get_user_model
from import_export import fields, resources, widgets

from .models import Membership, Unit


class AllOrNothingResource(resources.ModelResource):
    """A sheet with one bad row imports nothing: the rows are rolled back together."""

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)


class UnitResource(AllOrNothingResource):
    parent = fields.Field(
        attribute="parent", column_name="parent_code", widget=widgets.ForeignKeyWidget(Unit, "code")
    )

    class Meta:
        model = Unit
        import_id_fields = ["code"]
        fields = [
            "code",
            "name",
            "short_name",
            "symbol",
            "kind",
            "parent",
            "requires_head_approval",
            "is_active",
        ]
        export_order = fields
        skip_unchanged = True
        clean_model_instances = True


class UserResource(AllOrNothingResource):
    class Meta:
        model = get_user_model()
        import_id_fields = ["username"]
        fields = ["username", "first_name", "last_name", "email", "is_active"]
        skip_unchanged = True
        clean_model_instances = True


class MembershipResource(AllOrNothingResource):
    user = fields.Field(
        attribute="user",
        column_name="username",
        widget=widgets.ForeignKeyWidget(get_user_model(), "username"),
    )
    unit = fields.Field(
        attribute="unit", column_name="unit_code", widget=widgets.ForeignKeyWidget(Unit, "code")
    )

    class Meta:
        model = Membership
        import_id_fields = ["user", "unit", "role"]
        fields = ["user", "unit", "role"]
        skip_unchanged = True
        clean_model_instances = True
