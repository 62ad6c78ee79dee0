"""Documents by kind: one module per kind in a registry; nothing written on a GET; admin is read-only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from documents import builtin
from documents.kinds import PLAN_KINDS, REGISTRY, sample_context
from documents.models import DocumentTemplate, GeneratedDocument, Kind
from documents.services import document_create_for_plan


def test_every_kind_has_its_module_with_context_sample_form_and_template():
    assert set(REGISTRY) == set(Kind.values)
    for code, spec in REGISTRY.items():
        assert sample_context(code)["doc"]["kind"] == code
        assert spec.form.kind_code == code
        assert builtin.builtin_path(code).exists()
    assert Kind.SURVEY not in PLAN_KINDS and Kind.REMINDER in PLAN_KINDS


def test_the_template_list_writes_nothing_on_a_get(org, client):
    """Built-in templates not yet installed are listed from their files, with a download link."""
    client.force_login(org.clerk)
    page = client.get(reverse("template_list"))
    assert page.status_code == 200 and DocumentTemplate.objects.count() == 0
    assert reverse("template_builtin_download", args=[Kind.PLAN]) in page.content.decode()
    download = client.get(reverse("template_builtin_download", args=[Kind.PLAN]))
    assert download.content == builtin.builtin_path(Kind.PLAN).read_bytes()


def test_the_first_draft_installs_its_built_in_template(org, issued_plan):
    document = document_create_for_plan(
        kind=Kind.REPORT, plan=issued_plan, actor=org.clerk, today=issued_plan.period_start
    )
    assert document.template.is_builtin and DocumentTemplate.objects.filter(kind=Kind.REPORT).count() == 1


def test_the_form_shows_only_the_fields_of_its_kind(org, issued_plan, client):
    client.force_login(org.clerk)
    plan_page = client.get(reverse("document_create", args=[issued_plan.pk]) + "?loai=KH").content.decode()
    report_page = client.get(reverse("document_create", args=[issued_plan.pk]) + "?loai=BC").content.decode()
    assert 'name="period_start"' not in plan_page and 'name="period_start"' in report_page
    assert 'name="drafting"' not in report_page and 'name="addressees"' not in report_page


@pytest.mark.parametrize("model", ["generateddocument", "documenttemplate", "registerentry"])
def test_documents_and_templates_are_read_only_in_the_admin(db, client, model, org, issued_plan):
    document = document_create_for_plan(
        kind=Kind.PLAN, plan=issued_plan, actor=org.clerk, today=issued_plan.period_start
    )
    admin = get_user_model().objects.create_superuser("root", "root@example.vn", "x")
    client.force_login(admin)
    assert client.get(reverse(f"admin:documents_{model}_add")).status_code == 403
    obj = {"generateddocument": document, "documenttemplate": document.template}.get(model)
    if obj is not None:
        url = reverse(f"admin:documents_{model}_change", args=[obj.pk])
        page = client.get(url)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        client.post(url, {"summary": "sửa qua admin", "name": "sửa"})
        assert GeneratedDocument.objects.get(pk=document.pk).summary == document.summary
