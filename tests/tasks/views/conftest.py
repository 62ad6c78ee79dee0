"""Fixtures shared by the view tests: uploads, a submitted report, a second draft plan."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import TaskAssignment
from tasks.services.deliverables import deliverable_submit
from tests.factories import PlanFactory, TaskFactory, add_deadline, add_unit

TASK_CONTENT = "Xây dựng kế hoạch khảo sát"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="bao-cao-quy-1.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def submitted(deliverable, org):
    """The fixture deliverable after office A sent its report with one PDF attached."""
    return deliverable_submit(
        deliverable=deliverable,
        actor=org.officer_a,
        text="Đã ban hành kế hoạch khảo sát.",
        files=[pdf_upload()],
    )


@pytest.fixture
def evidence(submitted):
    return submitted.evidence.get()


@pytest.fixture
def second_draft(org):
    """Another draft plan of the district, complete enough to be issued."""
    plan = PlanFactory(issuer=org.district, title="Kế hoạch tuyên truyền cải cách hành chính")
    task = TaskFactory(
        plan=plan, content="Tuyên truyền trên Cổng thông tin điện tử", deadline_text="Tháng 3/2022"
    )
    add_unit(task, org.office_a)
    add_unit(task, org.office_b, TaskAssignment.Role.COORDINATING)
    add_deadline(task, year=2022, month=3)
    return plan
