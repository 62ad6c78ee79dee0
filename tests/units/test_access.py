"""Who may see and do what: memberships turned into unit scopes by access_for."""

import pytest
from django.contrib.auth.models import AnonymousUser

from core.text import fold
from plans.models import Plan
from tasks.selectors import deliverable_list_for_user, plan_list_for_user
from tests.conftest import member
from tests.factories import MembershipFactory, PlanFactory, UnitFactory
from units.models import Membership, Unit
from units.selectors import (
    LITERAL_LIMIT,
    NO_ACCESS,
    access_for,
    coordinated_units,
    readable_units,
    unit_descendant_ids,
    unit_list_for_user,
)

Role = Membership.Role


@pytest.fixture
def commune(org):
    """A commune under the district, one level deeper than the offices."""
    return UnitFactory(code="CL-XA", name="UBND xã Cam Hải Tây", parent=org.district, kind=Unit.Kind.COMMUNE)


@pytest.fixture
def commune_office(commune):
    return UnitFactory(code="CL-XA-VP", name="Văn phòng - Thống kê xã", parent=commune)


def test_coordinator_manages_plans_of_the_district_and_every_unit_under_it(org, commune_office):
    """Nội vụ of the district manages plans issued by the district, its offices and its communes."""
    # when
    access = access_for(org.coordinator)

    # then
    for unit in (org.district, org.noivu, org.office_a, org.office_b, commune_office.parent, commune_office):
        assert access.can_manage_issuer(unit.pk), unit
    assert access.is_coordinator


def test_coordinator_does_not_manage_plans_of_another_province(org):
    """Nội vụ of Cam Lâm can neither manage nor read Cà Mau's plans."""
    # when
    access = access_for(org.coordinator)

    # then
    assert not access.can_manage_issuer(org.other_district.pk)
    assert not access.can_manage_issuer(org.other_office.pk)
    assert not access.can_read_issuer(org.other_district.pk)


def test_coordinator_of_an_office_does_not_manage_its_parent(org):
    """A coordinator placed at an office manages that office only, not the district above it."""
    # given
    user = MembershipFactory(unit=org.office_a, role=Role.COORDINATOR).user

    # when
    access = access_for(user)

    # then
    assert access.coordinated == frozenset({org.office_a.pk})
    assert not access.can_manage_issuer(org.district.pk)


def test_viewer_reads_the_whole_tree_but_manages_nothing(org, commune_office):
    """A district leader reads every descendant unit's plans and manages none of them."""
    # when
    access = access_for(org.viewer)

    # then
    expected = {org.district.pk, org.noivu.pk, org.office_a.pk, org.office_b.pk, commune_office.parent_id}
    expected.add(commune_office.pk)
    assert access.readable_tree == frozenset(expected)
    assert access.coordinated == frozenset()
    assert not access.is_coordinator
    assert not access.can_manage_issuer(org.district.pk)
    assert not access.can_read_issuer(org.other_district.pk)
    assert not access.can_report_for(org.office_a.pk)


def test_clerk_reads_the_tree_like_a_viewer(org):
    """A clerk of the district reads the district's plans but reports for no one."""
    # when
    access = access_for(org.clerk)

    # then
    assert access.can_read_issuer(org.district.pk)
    assert access.can_read_issuer(org.office_b.pk)
    assert not access.is_coordinator
    assert access.own_units == frozenset()


def test_officer_reports_for_exactly_their_unit_not_its_descendants(org, commune):
    """An officer of the commune reports for the commune, not for offices under it."""
    # given
    child = UnitFactory(code="CL-XA-CT", name="Công an xã", parent=commune)
    officer = MembershipFactory(unit=commune, role=Role.OFFICER).user

    # when
    access = access_for(officer)

    # then
    assert access.reporting == frozenset({commune.pk})
    assert access.can_report_for(commune.pk)
    assert not access.can_report_for(child.pk)
    assert not access.can_approve_for(commune.pk)
    assert access.readable_tree == frozenset()


def test_head_reports_and_approves_for_their_unit(org):
    """The head of office A may report for and approve office A, and nothing else."""
    # when
    access = access_for(org.head_a)

    # then
    assert access.can_report_for(org.office_a.pk)
    assert access.can_approve_for(org.office_a.pk)
    assert not access.can_approve_for(org.office_b.pk)
    assert access.own_units == frozenset({org.office_a.pk})


def test_officer_of_two_units_reports_for_both(org):
    """A person holding an officer role in two offices sees both as their own."""
    # given
    MembershipFactory(user=org.officer_a, unit=org.office_b, role=Role.OFFICER)
    org.officer_a.refresh_from_db()  # drop the cached access

    # when
    access = access_for(type(org.officer_a).objects.get(pk=org.officer_a.pk))

    # then
    assert access.reporting == frozenset({org.office_a.pk, org.office_b.pk})


def test_inactive_unit_grants_nothing(org):
    """A membership in a unit that is no longer active gives no rights at all."""
    # given
    org.office_a.is_active = False
    org.office_a.save()
    officer = type(org.officer_a).objects.get(pk=org.officer_a.pk)

    # when
    access = access_for(officer)

    # then
    assert not access.can_report_for(org.office_a.pk)
    assert access.own_units == frozenset()
    assert access.readable_tree == frozenset()


def test_roles_lists_only_the_roles_the_user_holds(org):
    """An officer's access names the officer role only.

    Bug: access_for builds ``roles`` from a defaultdict after reading every role
    key, so every user appears to hold all six roles.
    """
    # when
    access = access_for(org.officer_a)

    # then
    assert access.roles == frozenset({Role.OFFICER})


def test_inactive_coordinator_unit_manages_nothing(org):
    """Nội vụ of a deactivated district manages none of its former units."""
    # given
    Unit.objects.filter(pk=org.district.pk).update(is_active=False)
    coordinator = type(org.coordinator).objects.get(pk=org.coordinator.pk)

    # when
    access = access_for(coordinator)

    # then
    assert access.coordinated == frozenset()
    assert not access.can_manage_issuer(org.office_a.pk)


def test_inactive_user_and_anonymous_have_no_access(org):
    """A deactivated account and a visitor who is not logged in get no scope."""
    # given
    org.officer_a.is_active = False
    org.officer_a.save()
    officer = type(org.officer_a).objects.get(pk=org.officer_a.pk)

    # then
    assert access_for(officer) == NO_ACCESS
    assert access_for(AnonymousUser()) == NO_ACCESS
    assert access_for(None) == NO_ACCESS


def test_superuser_manages_everything(org):
    """A superuser with no membership manages plans of any province."""
    # given
    admin = type(org.officer_a).objects.create_superuser("quantri", password="x")

    # when
    access = access_for(admin)

    # then
    assert access.can_manage_issuer(org.other_district.pk)
    assert access.is_coordinator
    assert unit_list_for_user(admin).count() == Unit.objects.count()


def test_access_is_computed_once_per_user_object(org, django_assert_num_queries):
    """Asking twice for the same user in one request costs no further queries."""
    # given
    access_for(org.coordinator)

    # when / then
    with django_assert_num_queries(0):
        access_for(org.coordinator)


def test_unit_pickers_show_the_readable_tree_and_own_units(org):
    """The officer picks among their own unit; the coordinator among the whole district."""
    # when
    officer_units = set(unit_list_for_user(org.officer_a))
    coordinator_units = set(unit_list_for_user(org.coordinator))

    # then
    assert officer_units == {org.office_a}
    assert coordinator_units == {org.district, org.noivu, org.office_a, org.office_b}


def test_unit_descendant_ids_includes_the_roots_and_all_levels(org, commune_office):
    """Descendants of the district reach the commune's offices; another province stays out."""
    # when
    ids = unit_descendant_ids({org.district.pk})

    # then
    assert commune_office.pk in ids
    assert org.district.pk in ids
    assert org.other_office.pk not in ids
    assert unit_descendant_ids(set()) == set()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Văn phòng HĐND-UBND", "van phong hdnd ubnd"),
        ("VĂN PHÒNG  HĐND và UBND", "van phong hdnd va ubnd"),
        ("Phòng Văn hóa - Thông tin", "phong van hoa thong tin"),
        ("  Đảng ủy, Mặt trận  ", "dang uy mat tran"),
        ("Phòng Tài nguyên & Môi trường", "phong tai nguyen moi truong"),
    ],
)
def test_fold_matches_unit_names_regardless_of_accents_case_and_punctuation(text, folded):
    """Unit names written with or without accents, in any case, with dashes, match alike."""
    assert fold(text) == folded


def test_fold_makes_the_two_spellings_equal():
    """Matching treats "Văn phòng HĐND-UBND" and "van phong hdnd ubnd" as the same unit."""
    assert fold("Văn phòng HĐND-UBND") == fold("van phong hdnd ubnd")
    assert fold("Văn phòng HĐND-UBND") != fold("Văn phòng UBND")


def test_coordinator_of_a_large_tree_reads_the_plans_of_every_unit_in_it_and_none_outside(org, commune):
    """Past a hundred units the scope goes to the database as one value, not a list: the plans of
    the deepest unit are still there and another province's are not."""
    # given
    Unit.objects.bulk_create(
        Unit(code=f"CL-TO{i:03d}", name=f"Tổ số {i}", parent=commune) for i in range(LITERAL_LIMIT + 5)
    )
    deepest = UnitFactory(code="CL-TO-SAU", name="Tổ con", parent=Unit.objects.get(code="CL-TO000"))
    inside, outside = PlanFactory(issuer=deepest), PlanFactory(issuer=org.other_office)

    # when
    access = access_for(org.coordinator)
    managed = set(Plan.objects.filter(issuer_id__in=coordinated_units(access)))
    read = set(Plan.objects.filter(issuer_id__in=readable_units(access)))

    # then
    assert len(access.coordinated) > LITERAL_LIMIT
    assert inside in managed and inside in read
    assert outside not in managed and outside not in read


def test_noi_vu_at_the_root_of_every_unit_reads_and_manages_all_and_no_more_once_a_unit_is_outside(
    org, deliverable
):
    """A national Nội vụ above both provinces reads every plan, obligation and unit (its queries
    carry no unit filter); once a unit exists outside its tree, that unit's plans stay out."""
    # given
    national = UnitFactory(code="QG", name="Bộ Nội vụ")
    Unit.objects.filter(pk__in=[org.district.pk, org.other_district.pk]).update(parent=national)
    minister = member(national, Role.COORDINATOR, "quocgia")
    there = PlanFactory(issuer=org.other_office)

    # when
    access = access_for(minister)

    # then
    assert access.reads_all and access.coordinates_all
    assert not access_for(org.coordinator).reads_all
    assert {deliverable.task.plan, there} <= set(plan_list_for_user(minister))
    assert deliverable in deliverable_list_for_user(minister)
    assert unit_list_for_user(minister).count() == Unit.objects.count()

    # given: a unit outside the national tree
    outside = UnitFactory(code="NN", name="Đơn vị ngoài")
    outside_plan = PlanFactory(issuer=outside)
    minister = type(minister).objects.get(pk=minister.pk)  # a new request: scopes computed again

    # then
    assert not access_for(minister).reads_all
    plans = set(plan_list_for_user(minister))
    assert there in plans and outside_plan not in plans
    assert outside not in set(unit_list_for_user(minister))
