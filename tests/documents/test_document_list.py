"""The documents list: filtered by kind, state, addressee and plan, paged by 50, the URL keeps the filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import GeneratedDocument, Kind
from documents.services import builtin_template_sync
from tests.factories import PlanFactory


def _documents(org, plan, count, *, kind=Kind.REMINDER, addressee="UBND xã Cam Hải Tây", state="draft"):
    template = builtin_template_sync(kind=kind)
    rows = [
        GeneratedDocument(
            kind=kind,
            issuer=org.district,
            plan=plan,
            template=template,
            template_version=template.version,
            template_sha256=template.sha256,
            context={"doc": {"addressees": [f"Chủ tịch {addressee}"]}},
            summary=f"V/v đôn đốc thực hiện kế hoạch số {n}",
            code="UBND-PNV",
            year=2022,
            file="van-ban/mau.docx",
            filename="mau.docx",
            sha256="0" * 64,
        )
        for n in range(count)
    ]
    created = GeneratedDocument.objects.bulk_create(rows)
    if state != "draft":
        GeneratedDocument.objects.filter(pk__in=[d.pk for d in created]).update(state=state)
    return created


def _listed(client, **query):
    response = client.get(reverse("document_list"), query)
    assert response.status_code == 200
    return response, {d.pk for d in response.context["documents"]}


def test_each_filter_narrows_the_list(client, org, draft_plan):
    # given
    other_plan = PlanFactory(issuer=org.district, title="Kế hoạch tuyên truyền")
    letters = _documents(org, draft_plan, 2)
    elsewhere = _documents(org, draft_plan, 1, addressee="UBND xã Cam Thành Bắc")
    plans = _documents(org, other_plan, 2, kind=Kind.PLAN, addressee="—", state="registered")
    client.force_login(org.clerk)
    # then
    ids = lambda docs: {d.pk for d in docs}  # noqa: E731
    assert _listed(client, loai="DD")[1] == ids(letters + elsewhere)
    assert _listed(client, state="registered")[1] == ids(plans)
    assert _listed(client, kinh_gui="Cam Hải Tây")[1] == ids(letters)
    assert _listed(client, kinh_gui="cam thành")[1] == ids(elsewhere)
    assert _listed(client, ke_hoach=other_plan.pk)[1] == ids(plans)
    assert _listed(client, loai="DD", ke_hoach=other_plan.pk)[1] == set()


def test_the_plan_picker_lists_only_plans_with_documents(client, org, draft_plan):
    PlanFactory(issuer=org.district, title="Kế hoạch chưa có văn bản nào")
    _documents(org, draft_plan, 1)
    client.force_login(org.clerk)
    page = client.get(reverse("document_list")).content.decode()
    assert draft_plan.title[:60] in page and "Kế hoạch chưa có văn bản nào" not in page


def test_a_plan_of_another_tree_is_refused_as_a_filter(client, org, draft_plan):
    _documents(org, draft_plan, 1)
    client.force_login(org.other_coordinator)
    response, shown = _listed(client, ke_hoach=draft_plan.pk)
    assert shown == set()
    assert "ke_hoach" in response.context["filter"].form.errors


def test_pages_of_fifty_keep_the_filters_in_their_links(client, org, draft_plan):
    _documents(org, draft_plan, 60)
    client.force_login(org.clerk)
    response, shown = _listed(client, loai="DD", kinh_gui="Cam Hải Tây")
    assert len(shown) == 50
    page = response.content.decode()
    assert "loai=DD" in page and "kinh_gui=Cam+H%E1%BA%A3i+T%C3%A2y" in page and "trang=2" in page
    _, second = _listed(client, loai="DD", kinh_gui="Cam Hải Tây", trang=2)
    assert len(second) == 10 and not second & shown


@pytest.mark.parametrize("count", [5, 120])
def test_the_list_costs_the_same_queries_at_any_size(client, org, draft_plan, count):
    _documents(org, draft_plan, count)
    client.force_login(org.clerk)
    client.get(reverse("document_list"), {"loai": "DD"})  # warm the per-user caches
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("document_list"), {"loai": "DD", "kinh_gui": "Cam"})
    assert len(queries) <= 12, [q["sql"][:120] for q in queries]
