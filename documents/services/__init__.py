"""Writes, one module per concern: templates, generation (drafts), register, pdf.

Views, commands, jobs and the demo loader import from here.
"""

from .generation import (
    document_bytes,
    document_context,
    document_context_for_plan,
    document_context_for_survey,
    document_create,
    document_create_for_plan,
    document_create_for_survey,
    document_create_from,
    escalation_letters_queue,
    escalation_origin,
    escalation_reminders_draft,
)
from .pdf import MSG_NO_SOFFICE, document_check_pdf, document_convert_pdf, docx_to_pdf, soffice_path
from .register import document_register, register_allocate, register_record
from .templates import (
    builtin_template_sync,
    builtin_templates_sync,
    template_check,
    template_preview,
    template_resolve,
    template_upload,
)

__all__ = [
    "MSG_NO_SOFFICE",
    "builtin_template_sync",
    "builtin_templates_sync",
    "document_bytes",
    "document_check_pdf",
    "document_context",
    "document_context_for_plan",
    "document_context_for_survey",
    "document_convert_pdf",
    "document_create",
    "document_create_for_plan",
    "document_create_for_survey",
    "document_create_from",
    "document_register",
    "docx_to_pdf",
    "escalation_letters_queue",
    "escalation_origin",
    "escalation_reminders_draft",
    "register_allocate",
    "register_record",
    "soffice_path",
    "template_check",
    "template_preview",
    "template_resolve",
    "template_upload",
]
