"""API fixtures: a client per caller (session users and unit tokens), a second province's work."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from plans.models import Plan
from tasks.models import Deliverable, TaskAssignment
from tasks.services.deliverables import deliverable_submit
from tasks.services.lifecycle import plan_issue
from tests.factories import PlanFactory, TaskFactory, add_deadline, add_unit
from units.services import api_token_create, api_token_revoke

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="bao-cao.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Tokens:
    read_a: str  # office A, read only
    report_a: str  # office A, read + report
    office_b: str  # office B: coordinates office A's task
    other: str  # Sở Nội vụ Cà Mau: another province
    revoked: str  # office A, revoked


@pytest.fixture
def tokens(org) -> Tokens:
    def make(unit, scopes, name="Một cửa điện tử"):
        return api_token_create(unit=unit, name=name, scopes=scopes)

    revoked, revoked_key = make(org.office_a, ["read", "report"], "Hệ thống cũ")
    api_token_revoke(token=revoked)
    return Tokens(
        read_a=make(org.office_a, ["read"])[1],
        report_a=make(org.office_a, ["report"])[1],
        office_b=make(org.office_b, ["read", "report"])[1],
        other=make(org.other_office, ["read", "report"])[1],
        revoked=revoked_key,
    )


SESSION_CALLERS = {
    "coordinator": "coordinator",
    "officer_a": "officer_a",
    "other_officer": "other_officer",
    "viewer": "viewer",
    "head_a": "head_a",
}
TOKEN_CALLERS = {
    "token_read_a": "read_a",
    "token_report_a": "report_a",
    "token_b": "office_b",
    "token_other": "other",
    "token_revoked": "revoked",
}
CALLERS = [*SESSION_CALLERS, *TOKEN_CALLERS, "anonymous"]


@pytest.fixture
def client_for(org, tokens):
    """Return an APIClient authenticated as the named caller."""

    def make(caller: str) -> APIClient:
        client = APIClient()
        if caller in SESSION_CALLERS:
            client.force_login(getattr(org, SESSION_CALLERS[caller]))
        elif caller in TOKEN_CALLERS:
            client.credentials(HTTP_AUTHORIZATION=f"Token {getattr(tokens, TOKEN_CALLERS[caller])}")
        return client

    return make


@pytest.fixture
def submitted(deliverable, org) -> Deliverable:
    return deliverable_submit(deliverable=deliverable, actor=org.officer_a, text="Đã ban hành kế hoạch.")


@pytest.fixture
def second_draft(org) -> Plan:
    """A draft the district is still writing: only Nội vụ and the district's readers see it."""
    plan = PlanFactory(issuer=org.district, title="Kế hoạch tuyên truyền cải cách hành chính")
    task = TaskFactory(plan=plan, content="Tuyên truyền trên Cổng thông tin điện tử")
    add_unit(task, org.office_a)
    add_deadline(task, year=2022, month=3)
    return plan


@pytest.fixture
def other_deliverable(org) -> Deliverable:
    """Cà Mau's own obligation: nobody in Cam Lâm may see it."""
    plan = PlanFactory(issuer=org.other_district, title="Kế hoạch CCHC tỉnh Cà Mau")
    task = TaskFactory(plan=plan, content="Rà soát thủ tục hành chính")
    add_unit(task, org.other_office, TaskAssignment.Role.LEAD)
    add_deadline(task, year=2022, month=2)
    plan_issue(plan=plan, actor=org.other_coordinator)
    return Deliverable.objects.get(task__plan=plan)
