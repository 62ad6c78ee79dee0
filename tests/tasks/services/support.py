"""Helpers shared by the service tests: bring a deliverable to a state through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Deliverable
from tasks.services.deliverables import (
    deliverable_accept,
    deliverable_return,
    deliverable_submit,
    deliverable_waive,
)

State = Deliverable.State

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
DOCX_BYTES = b"PK\x03\x04" + b"\x14\x00\x06\x00word/document.xml"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def pdf(name="bao-cao.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def require_head_approval(unit):
    unit.requires_head_approval = True
    unit.save(update_fields=["requires_head_approval"])


def bring_to(deliverable, state, org) -> Deliverable:
    """Move a pending deliverable of office A to ``state`` the way users would."""
    if state == State.PENDING:
        pass
    elif state == State.AWAITING_APPROVAL:
        require_head_approval(org.office_a)
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Báo cáo chờ duyệt.")
    elif state == State.SUBMITTED:
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã thực hiện xong.")
    elif state == State.RETURNED:
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã thực hiện xong.")
        deliverable_return(deliverable=deliverable, actor=org.coordinator, comment="Thiếu số liệu.")
    elif state == State.ACCEPTED:
        deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã thực hiện xong.")
        deliverable_accept(deliverable=deliverable, actor=org.coordinator)
    elif state == State.WAIVED:
        deliverable_waive(deliverable=deliverable, actor=org.coordinator, reason="Không còn phù hợp.")
    else:  # pragma: no cover - a typo in a test
        raise AssertionError(state)
    deliverable.refresh_from_db()
    assert deliverable.state == state
    return deliverable


def state_label(state) -> str:
    return str(Deliverable.State(state).label)
