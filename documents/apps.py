from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        from tasks.signals import deliverables_escalated

        from . import jobs  # noqa: F401 — registers the PDF job kind in every process
        from .receivers import draft_escalation_reminder

        # dispatch_uid: one receiver however often ready() runs (tests, autoreload).
        deliverables_escalated.connect(
            draft_escalation_reminder, dispatch_uid="documents.draft_escalation_reminder"
        )
