from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from tasks.signals import deliverables_escalated

        from . import jobs  # noqa: F401 — registers the PDF and letter job kinds in every process
        from .receivers import queue_escalation_letters

        # dispatch_uid: one receiver however often ready() runs (tests, autoreload).
        deliverables_escalated.connect(
            queue_escalation_letters, dispatch_uid="documents.queue_escalation_letters"
        )
