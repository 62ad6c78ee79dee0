"""A background job's page (/viec-nen/<id>/): its owner and the Nội vụ over the owner's units, no one else."""

import pytest
from django.urls import reverse

from core.models import Job
from tests.factories import UserFactory

# owner → who reads the job's page (everyone else: 403; anonymous: the login page)
MATRIX = {
    "officer_a": {"officer_a", "coordinator", "admin"},
    "coordinator": {"coordinator", "admin"},
    "other_coordinator": {"other_coordinator", "admin"},
    None: {"admin"},
}
PEOPLE = [
    "coordinator",
    "officer_a",
    "officer_b",
    "head_a",
    "viewer",
    "clerk",
    "other_officer",
    "other_coordinator",
    "admin",
]


@pytest.fixture
def people(org):
    found = {name: getattr(org, name) for name in PEOPLE if name != "admin"}
    found["admin"] = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    return found


@pytest.mark.parametrize("owner", list(MATRIX))
def test_a_job_page_is_read_by_its_owner_and_their_noi_vu_only(client, people, owner):
    job = Job.objects.create(
        kind="plan_import",
        state=Job.State.DONE,
        result={"tasks": 12},
        created_by=people.get(owner),
    )
    url = reverse("job_detail", args=[job.pk])
    for name in PEOPLE:
        client.force_login(people[name])
        response = client.get(url)
        expected = 200 if name in MATRIX[owner] else 403
        assert response.status_code == expected, (owner, name, response.status_code)
        if expected == 200:
            assert "tasks: 12" in response.content.decode()
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))


def test_a_missing_job_is_not_found(client, org):
    client.force_login(org.coordinator)
    assert client.get(reverse("job_detail", args=[987654])).status_code == 404
