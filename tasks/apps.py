from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Nhiệm vụ và theo dõi thực hiện")

    def ready(self):
        # Job kinds and their Celery tasks must exist in every process, workers included.
        from units.reorganisation import reorganisation_handler
        from units.services import open_work_counter

        from . import jobs  # noqa: F401
        from .services import notifications  # noqa: F401 — registers the notification kinds
        from .services.reorganisation import tasks_reorganise, unit_open_obligations

        reorganisation_handler(tasks_reorganise)
        open_work_counter(unit_open_obligations)
