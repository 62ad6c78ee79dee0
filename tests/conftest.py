"""Shared fixtures: a small organisation with one person per role, and a plan ready to issue."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import connection

from plans.models import Plan
from tasks.models import Deliverable, TaskAssignment
from tasks.services.lifecycle import plan_issue
from tests.factories import MembershipFactory, PlanFactory, TaskFactory, UnitFactory, add_deadline, add_unit
from units.models import Membership, Unit
from units.selectors import access_kept_clear

Role = Membership.Role


@dataclass
class Org:
    district: Unit  # UBND huyện: issuer of the plan
    noivu: Unit  # Phòng Nội vụ
    office_a: Unit  # lead unit
    office_b: Unit  # coordinating unit
    other_district: Unit  # another tree entirely
    other_office: Unit
    coordinator: object
    officer_a: object
    officer_b: object
    head_a: object
    viewer: object
    clerk: object
    other_officer: object
    other_coordinator: object


@pytest.fixture(autouse=True)
def _no_scopes_kept_from_another_test():
    """Each test's database is rolled back, ids and all: scopes kept in this process from an
    earlier test could match a new one's user id and stamp, as a restarted server's could not."""
    access_kept_clear()


def member(unit, role, username):
    return MembershipFactory(unit=unit, role=role, user__username=username).user


@pytest.fixture
def org(db):
    district = UnitFactory(code="CL-UBND", name="UBND huyện Cam Lâm", kind=Unit.Kind.DISTRICT, symbol="UBND")
    noivu = UnitFactory(code="CL-PNV", name="Phòng Nội vụ", parent=district, symbol="PNV")
    office_a = UnitFactory(code="CL-VP", name="Văn phòng HĐND và UBND huyện", parent=district)
    office_b = UnitFactory(code="CL-VHTT", name="Phòng Văn hóa và Thông tin", parent=district)
    other = UnitFactory(code="CM-UBND", name="UBND tỉnh Cà Mau", kind=Unit.Kind.PROVINCE)
    other_office = UnitFactory(code="CM-SNV", name="Sở Nội vụ Cà Mau", parent=other)
    return Org(
        district=district,
        noivu=noivu,
        office_a=office_a,
        office_b=office_b,
        other_district=other,
        other_office=other_office,
        coordinator=member(district, Role.COORDINATOR, "noivu"),
        officer_a=member(office_a, Role.OFFICER, "canbo_a"),
        officer_b=member(office_b, Role.OFFICER, "canbo_b"),
        head_a=member(office_a, Role.HEAD, "lanhdao_a"),
        viewer=member(district, Role.VIEWER, "lanhdao_huyen"),
        clerk=member(district, Role.CLERK, "vanthu"),
        other_officer=member(other_office, Role.OFFICER, "canbo_camau"),
        other_coordinator=member(other, Role.COORDINATOR, "noivu_camau"),
    )


@pytest.fixture
def draft_plan(org) -> Plan:
    """A draft plan of the district: one task led by office A, supported by office B, due 31/01/2022."""
    plan = PlanFactory(issuer=org.district)
    task = TaskFactory(plan=plan, content="Xây dựng kế hoạch khảo sát", deadline_text="Tháng 01/2022")
    add_unit(task, org.office_a)
    add_unit(task, org.office_b, TaskAssignment.Role.COORDINATING)
    add_deadline(task, year=2022, month=1)
    return plan


@pytest.fixture
def issued_plan(draft_plan, org) -> Plan:
    return plan_issue(plan=draft_plan, actor=org.coordinator)


@pytest.fixture
def deliverable(issued_plan) -> Deliverable:
    return Deliverable.objects.get(task__plan=issued_plan)


@pytest.fixture
def today():
    return dt.date(2022, 1, 20)


def is_postgres() -> bool:
    return connection.vendor == "postgresql"
