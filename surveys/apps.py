from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Khảo sát sự hài lòng")

    def ready(self):
        from units.reorganisation import reorganisation_handler

        from . import jobs, services  # noqa: F401 — the import job and the alert notification kind
        from .services import campaigns_reorganise

        reorganisation_handler(campaigns_reorganise)
