"""Scopes kept between requests: worked out again exactly when the organisation, the person's
memberships or the day change, whichever way the change is made."""

import datetime as dt

import time_machine
from django.contrib.auth import get_user_model

from tests.conftest import member
from tests.factories import UnitFactory
from tests.units.test_reorganisation import _merge_spec
from units.models import Membership, Unit
from units.reorganisation import reorganisation_apply
from units.selectors import access_for
from units.services import membership_end, membership_grant

Role = Membership.Role


def _next_request(user):
    """The user as the next request loads them: a new object, nothing computed on it yet."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_next_request_reads_the_kept_scopes_without_walking_the_tree(org, django_assert_num_queries):
    """A province's Nội vụ walked ~1 000 units on every page; once worked out, the next page only
    reads whether anything changed since."""
    # given
    first = access_for(_next_request(org.coordinator))
    again = _next_request(org.coordinator)

    # when
    with django_assert_num_queries(1):
        kept = access_for(again)

    # then
    assert (
        kept.coordinated
        == first.coordinated
        == {org.district.pk, org.noivu.pk, org.office_a.pk, org.office_b.pk}
    )


def test_a_role_granted_or_ended_counts_from_the_next_request(org):
    # given
    access_for(_next_request(org.officer_b))

    # when
    membership = membership_grant(
        actor=org.coordinator, user=org.officer_b, unit=org.office_a, role=Role.OFFICER
    )

    # then
    assert org.office_a.pk in access_for(_next_request(org.officer_b)).reporting

    # when
    membership_end(actor=org.coordinator, membership=membership)

    # then
    assert org.office_a.pk not in access_for(_next_request(org.officer_b)).reporting


def test_a_new_unit_in_the_tree_is_read_from_the_next_request(org):
    # given
    assert access_for(_next_request(org.coordinator)).coordinated

    # when: a commune is added by any means (the admin, an import, a fixture)
    commune = UnitFactory(code="CL-XA", name="UBND xã Cam Hải Tây", parent=org.district)

    # then
    assert commune.pk in access_for(_next_request(org.coordinator)).coordinated


def test_a_unit_outside_every_tree_ends_reading_everything_at_the_next_request(org):
    """Another province added beside the national tree: the national Nội vụ no longer reads all."""
    # given
    national = UnitFactory(code="QG", name="Bộ Nội vụ")
    for unit in (org.district, org.other_district):
        unit.parent = national
        unit.save()
    minister = member(national, Role.COORDINATOR, "quocgia")
    assert access_for(_next_request(minister)).reads_all

    # when
    UnitFactory(code="NN", name="Đơn vị ngoài")

    # then
    assert not access_for(_next_request(minister)).reads_all


def test_a_reorganisation_ends_the_old_units_roles_at_the_next_request(org):
    """The merge ends the merged offices' memberships in bulk, without a signal per row."""
    # given
    assert org.office_a.pk in access_for(_next_request(org.officer_a)).reporting

    # when
    reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)

    # then
    assert not Unit.objects.get(pk=org.office_a.pk).is_active
    assert org.office_a.pk not in access_for(_next_request(org.officer_a)).reporting


def test_a_role_that_ends_tomorrow_is_gone_tomorrow(org):
    # given
    membership = Membership.objects.get(user=org.officer_a, role=Role.OFFICER)
    membership_end(actor=org.coordinator, membership=membership, on=dt.date(2026, 3, 11))

    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0), tick=False):
        assert org.office_a.pk in access_for(_next_request(org.officer_a)).reporting

    # when
    with time_machine.travel(dt.datetime(2026, 3, 11, 9, 0), tick=False):
        # then
        assert org.office_a.pk not in access_for(_next_request(org.officer_a)).reporting
