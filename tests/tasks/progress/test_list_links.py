"""The progress page's links are built from one resolved address: they must be the ones
``list_url`` writes, filter for filter and in the same order."""

import datetime as dt

import pytest

from tasks.views.progress import ListLinks, list_url


@pytest.mark.parametrize(
    ("fixed", "more"),
    [
        ({}, {}),
        ({}, {"unit": 7, "state": "accepted"}),
        ({"plan": 12}, {"unit": 1041, "timeliness": "in_time"}),
        ({"plan": None, "due_after": "2026-01-01", "due_before": "2026-12-31"}, {"unit": 3, "overdue": "on"}),
        ({"plan": 5}, {"due_after": dt.date(2026, 3, 1), "due_before": dt.date(2026, 3, 31)}),
        ({"plan": 5}, {"state": "", "timeliness": None}),
    ],
)
def test_a_link_is_the_address_list_url_writes(fixed, more):
    assert ListLinks(**fixed)(**more) == list_url(**fixed, **more)


def test_narrowed_links_keep_the_fixed_filters_first():
    links = ListLinks(plan=9, due_after="2026-01-01")
    of_unit = links.narrowed(unit=42)
    assert of_unit.head == list_url(plan=9, due_after="2026-01-01", unit=42)
    assert of_unit(state="accepted") == list_url(plan=9, due_after="2026-01-01", unit=42, state="accepted")
    assert of_unit(overdue=False) == of_unit.head
