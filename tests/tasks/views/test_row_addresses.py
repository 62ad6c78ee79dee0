"""The table rows' addresses, built from a route resolved once, are the addresses Django resolves."""

from django.test import override_settings
from django.urls import reverse, set_script_prefix

from tasks.templatetags.kehoach import deliverable_url, task_url


class _Record:
    def __init__(self, pk):
        self.pk = pk


def test_a_task_row_links_where_reverse_does_for_every_task_of_the_plan():
    for plan_pk, task_pk in ((7, 1), (7, 987654321), (12, 70)):
        assert task_url("task_edit", plan_pk, task_pk) == reverse("task_edit", args=[plan_pk, task_pk])
        assert task_url("task_remove", plan_pk, task_pk) == reverse("task_remove", args=[plan_pk, task_pk])
        for way in ("len", "xuong"):
            expected = reverse("task_move", args=[plan_pk, task_pk, way])
            assert task_url("task_move", plan_pk, task_pk, way) == expected


@override_settings(FORCE_SCRIPT_NAME="/kehoach")
def test_row_addresses_keep_the_prefix_of_a_site_served_below_the_root():
    set_script_prefix("/kehoach/")
    try:
        assert task_url("task_edit", 3, 4) == reverse("task_edit", args=[3, 4])
        assert task_url("task_edit", 3, 4).startswith("/kehoach/ke-hoach/3/")
        assert deliverable_url(_Record(5)).startswith("/kehoach/")
    finally:
        set_script_prefix("/")
