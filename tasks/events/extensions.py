"""An extension request's steps and their Vietnamese names.

The request row itself records who decided and when; an approval moves the deliverable's due
date and is logged in the deliverable's history (``deliverables.deliverable_extended_event``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtensionEvent(models.TextChoices):
    REQUEST = "request", _("Đề nghị gia hạn")
    APPROVE = "approve", _("Đồng ý gia hạn")
    REFUSE = "refuse", _("Không đồng ý gia hạn")


DONE = {
    ExtensionEvent.REQUEST: _("Đã gửi đề nghị gia hạn."),
    ExtensionEvent.APPROVE: _("Đã đồng ý gia hạn."),
    ExtensionEvent.REFUSE: _("Đã từ chối gia hạn."),
}
