"""The demo in the present: the 2025 reform applied through the events, and this year's plans."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from plans.models import Plan
from tasks.demo import load_demo, load_units_and_accounts
from tasks.demo_present import apply_reform, load_present
from tasks.importing import plan_import_read
from tasks.models import Deliverable, DeliverableTransition
from tasks.selectors import dashboard_for_user
from tests.plans.docx_fixtures import camlam_2022
from units.models import Reorganisation, Unit, UnitLineage
from units.selectors import access_for

TODAY = dt.date(2026, 11, 23)
User = get_user_model()


@pytest.fixture
def present(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo(TODAY)
    return load_present(TODAY)


def _unit(code):
    return Unit.objects.get(code=code)


def test_reform_dissolves_districts_and_merges_provinces(present):
    """Cam Lâm district is gone into xã Cam Lâm and the province; Bình Phước into Đồng Nai; Bạc Liêu
    into Cà Mau; Vinh Mỹ answers to Huế directly. Codes stay, names stay as history."""
    camlam = _unit("CAMLAM-UBND")
    assert camlam.dissolved_on == dt.date(2025, 7, 1) and not camlam.is_active
    successors = set(UnitLineage.objects.filter(predecessor=camlam).values_list("successor__code", flat=True))
    assert successors == {"KHANHHOA-UBND", "XA-CAMLAM"}
    assert _unit("XA-CAMLAM").parent.code == "KHANHHOA-UBND"
    assert UnitLineage.objects.filter(
        predecessor__code="BINHPHUOC-UBND", successor__code="DONGNAI-UBND"
    ).exists()
    assert UnitLineage.objects.filter(predecessor__code="BACLIEU-UBND", successor__code="CAMAU-UBND").exists()
    assert _unit("VINHMY-UBND").parent.code == "HUE-UBND"
    assert _unit("HUE-UBND").name == "Ủy ban nhân dân thành phố Huế"
    assert _unit("BINHPHUOC-SCT-VP").parent.code == "DONGNAI-SCT"


def test_old_open_obligations_now_belong_to_successors(present):
    """Bình Phước's 2023 obligations still owed passed to Đồng Nai's department, named as they were."""
    moved = Deliverable.objects.filter(original_unit__code="BINHPHUOC-SCT")
    assert moved.exists()
    assert all(d.unit.code == "DONGNAI-SCT" for d in moved)
    assert all(d.state in Deliverable.OPEN_STATES for d in moved)
    log = DeliverableTransition.objects.filter(deliverable=moved.first(), name="transfer").get()
    assert "Sở Công Thương tỉnh Bình Phước, nay là Sở Công Thương tỉnh Đồng Nai" in log.comment


def test_commune_coordinator_dashboard_shows_this_weeks_work(present):
    """The commune's Nội vụ opens on items due this week, a few late by days, reports to review."""
    user = User.objects.get(username="pnv.camlam")
    dashboard = dashboard_for_user(user, TODAY)

    assert dashboard.totals.due_soon >= 3
    assert dashboard.awaiting_review >= 1
    assert dashboard.totals.returned >= 1
    late = [item.days_late(TODAY) for item in dashboard.overdue]
    assert late and max(late) <= 10


def test_department_plan_has_work_around_the_load_date(present):
    """The Đồng Nai department's plan: due this week, late by days, awaiting review."""
    plan = Plan.objects.get(issuer__code="DONGNAI-SCT", year=TODAY.year)
    items = Deliverable.objects.filter(task__plan=plan)
    this_week = items.open().filter(due_date__gte=TODAY, due_date__lte=TODAY + dt.timedelta(days=6))
    late = items.overdue(TODAY)
    assert this_week.count() >= 2
    assert late.exists() and all((TODAY - d.due_date).days <= 12 for d in late)
    assert items.awaiting_review().count() >= 2
    assert access_for(User.objects.get(username="cchc.sct.binhphuoc")).can_manage_issuer(plan.issuer_id)


def test_present_is_deterministic_and_loads_once(present):
    """Loaded again on the same date: no new event, plan or obligation."""
    counts = (Reorganisation.objects.count(), Plan.objects.count(), Deliverable.objects.count())
    due = sorted(Deliverable.objects.filter(task__plan__year=TODAY.year).values_list("due_date", flat=True))

    again = load_present(TODAY)

    assert all(outcome.already_applied for outcome in again["reform"])
    assert (Reorganisation.objects.count(), Plan.objects.count(), Deliverable.objects.count()) == counts
    assert (
        sorted(Deliverable.objects.filter(task__plan__year=TODAY.year).values_list("due_date", flat=True))
        == due
    )


@pytest.mark.django_db
def test_pre_reform_docx_lands_on_successors():
    """Cam Lâm's 2022 plan, naming the district's offices, imported for xã Cam Lâm after the reform:
    the old names find the commune's offices, never a dissolved unit."""
    load_units_and_accounts()
    apply_reform()

    preview = plan_import_read(data=camlam_2022(), name="camlam.docx", issuer=_unit("XA-CAMLAM"), year=2022)

    named = {code for row in preview.tasks for code in row.lead_units + row.coordinating_units}
    assert {"XA-CAMLAM-VP", "XA-CAMLAM-VHXH"} <= named
    assert not any(code.startswith("CAMLAM-") for code in named)
    assert not preview.errors
