from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Đơn vị và người dùng")

    def ready(self):
        from .receivers import organisation_changed

        # Every write to the records a person's scopes are read from, whatever makes it (a service,
        # an import, the admin, a fixture), renews the stamp the kept scopes are keyed on. Writes
        # that send no signal (QuerySet.update, bulk_create) renew it where they are made.
        for model in ("Unit", "Membership", "UnitLineage"):
            for signal in (post_save, post_delete):
                signal.connect(
                    organisation_changed,
                    sender=f"units.{model}",
                    dispatch_uid=f"units.organisation_changed.{model}.{signal is post_save}",
                )
