"""The tasks vocabulary for Jinja2 row partials (core/jinja.py): the same badges and addresses as the
Django template tags in ``templatetags/kehoach.py``, so a row reads the same in either."""

from django.template.defaultfilters import linebreaksbr

from .templatetags.kehoach import (
    deliverable_url,
    extension_decide_url,
    overdue_badge,
    person,
    state_badge,
    task_url,
    timeliness_badge,
    vnd,
)

GLOBALS = {
    "state_badge": state_badge,
    "overdue_badge": overdue_badge,
    "timeliness_badge": timeliness_badge,
    "deliverable_url": deliverable_url,
    "extension_decide_url": extension_decide_url,
    "task_url": task_url,
}
FILTERS = {"deliverable_url": deliverable_url, "person": person, "vnd": vnd, "linebreaksbr": linebreaksbr}
