"""Property-based run over the OpenAPI schema: no generated request makes the server fail.

Every operation gets a bounded number of generated requests (valid and invalid data) sent to
the Django WSGI app in-process, as office A's report token and as the district's Nội vụ
(session + CSRF); half the cases aim at a real deliverable or plan so the services run.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

# Per operation, per generation mode (valid, invalid data): about 20 s for the whole schema.
MAX_EXAMPLES = 15


@pytest.fixture
def api_schema(db, settings):
    settings.API_DOCS_PUBLIC = True  # the schema is read here without signing in
    # The bare WSGI app closes database connections at each request's end, which would break the
    # test's transaction on PostgreSQL; Django's own test client switches this off the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _session_auth(user) -> dict:
    client = Client()
    client.force_login(user)
    csrf = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        "headers": {"X-CSRFToken": csrf},
    }


def test_no_server_error(api_schema, org, tokens, deliverable, submitted_elsewhere):
    callers = {
        "token": {"cookies": {}, "headers": {"Authorization": f"Token {tokens.report_a}"}},
        "coordinator": _session_auth(org.coordinator),
    }
    real = {"deliverable_id": [deliverable.pk, submitted_elsewhere.pk], "plan_id": [deliverable.task.plan_id]}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 14

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode)

            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=strategy, caller=st.sampled_from(sorted(callers)), data=st.data())
            def run(case, caller, data):
                cache.clear()  # keep the rate limits out of the way
                for name, ids in real.items():
                    if name in (case.path_parameters or {}) and data.draw(st.booleans()):
                        case.path_parameters[name] = data.draw(st.sampled_from(ids))
                auth = callers[caller]
                response = case.call(headers=auth["headers"], cookies=auth["cookies"])
                case.validate_response(response, checks=[not_a_server_error])

            run()


@pytest.fixture
def submitted_elsewhere(org):
    """A second deliverable of office A, already submitted, so review actions have work to do."""
    from tasks.services.deliverables import deliverable_submit
    from tasks.services.lifecycle import plan_issue
    from tests.factories import PlanFactory, TaskFactory, add_deadline, add_unit

    plan = PlanFactory(issuer=org.district)
    task = TaskFactory(plan=plan)
    add_unit(task, org.office_a)
    add_deadline(task, year=2022, month=6)
    plan_issue(plan=plan, actor=org.coordinator)
    return deliverable_submit(
        deliverable=plan.tasks.get().deliverables.get(), actor=org.officer_a, text="Đã thực hiện."
    )
