"""Screens: clerks and coordinators of the issuer's tree create, register and download; others get 403."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.models import Job
from documents import services
from documents.models import GeneratedDocument, Kind
from documents.rendering import docx_text

ALLOWED = ["clerk", "coordinator"]
REFUSED = ["viewer", "officer_a", "head_a", "other_officer", "other_coordinator"]


@pytest.fixture
def document(org, issued_plan):
    return services.document_create_for_plan(
        kind=Kind.PLAN, plan=issued_plan, actor=org.clerk, today=dt.date(2022, 1, 20)
    )


def _pages(document, plan):
    return [
        ("get", reverse("document_create", args=[plan.pk])),
        ("get", reverse("document_detail", args=[document.pk])),
        ("get", reverse("document_download", args=[document.pk])),
        ("get", reverse("document_register", args=[document.pk])),  # the confirmation page
        ("post", reverse("document_preview", args=[document.pk])),
        ("post", reverse("document_register", args=[document.pk])),
    ]


@pytest.mark.parametrize("who", ALLOWED + REFUSED)
def test_permission_matrix(org, issued_plan, document, client, who):
    """Allowed roles reach every page (register redirects back); the others get 403 and nothing changes."""
    # given
    client.force_login(getattr(org, who))
    # when
    responses = [getattr(client, method)(url) for method, url in _pages(document, issued_plan)]
    # then
    codes = [response.status_code for response in responses]
    if who in ALLOWED:
        assert codes == [200, 200, 200, 200, 302, 302]
        assert GeneratedDocument.objects.get(pk=document.pk).state == "registered"
        assert Job.objects.filter(kind="document_preview", arguments__document_id=document.pk).exists()
    else:
        assert codes == [403, 403, 403, 403, 403, 403]
        assert GeneratedDocument.objects.get(pk=document.pk).state == "draft"
        assert not Job.objects.filter(kind="document_preview").exists()


@pytest.mark.parametrize("who", ["viewer", "officer_a", "head_a"])
def test_template_pages_are_for_producers_only(org, client, who):
    client.force_login(getattr(org, who))
    assert client.get(reverse("template_list")).status_code == 403
    assert client.get(reverse("template_upload")).status_code == 403
    assert client.get(reverse("document_list")).status_code == 403


def test_anonymous_users_are_sent_to_login(document, client):
    response = client.get(reverse("document_detail", args=[document.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_another_tree_does_not_see_the_district_documents(org, document, client):
    client.force_login(org.other_coordinator)
    page = client.get(reverse("document_list")).content.decode()
    assert document.summary not in page


def test_create_preview_download_register_flow(org, issued_plan, client):
    """Tạo văn bản → choose type → preview → download → register."""
    # given
    client.force_login(org.clerk)
    # when
    created = client.post(
        reverse("document_create", args=[issued_plan.pk]), {"kind": Kind.REPORT, "drafting": ""}
    )
    document = GeneratedDocument.objects.get()
    detail = client.get(created["Location"]).content.decode()
    download = client.get(reverse("document_download", args=[document.pk]))
    registered = client.post(reverse("document_register", args=[document.pk]), follow=True)
    # then
    assert created.status_code == 302
    assert "BÁO CÁO" in detail and "Xây dựng kế hoạch khảo sát" in detail
    assert download["Content-Disposition"].endswith('.docx"')
    document = GeneratedDocument.objects.get(pk=document.pk)
    assert document.symbol == "01/BC-UBND"
    assert "01/BC-UBND" in registered.content.decode()


def test_dispatch_can_be_sent_by_another_unit_of_the_tree(org, issued_plan, client):
    """The district clerk forwards the plan as Phòng Nội vụ: the chosen unit issues it (PNV-VP)."""
    client.force_login(org.clerk)
    client.post(
        reverse("document_create", args=[issued_plan.pk]),
        {"kind": Kind.DISPATCH, "issuer": org.noivu.pk, "drafting": "VP", "addressees": "Phòng A;\nPhòng B."},
    )
    document = GeneratedDocument.objects.get()
    text = docx_text(services.document_bytes(document=document))
    assert document.issuer == org.noivu and document.code == "PNV-VP"
    assert "- Phòng A;" in text and "- Phòng B." in text


def test_reminder_lists_the_late_units_and_what_they_owe(org, issued_plan):
    """The đôn đốc letter is addressed to the late unit and lists its overdue task with days late."""
    document = services.document_create_for_plan(
        kind=Kind.REMINDER, plan=issued_plan, actor=org.coordinator, today=dt.date(2022, 2, 10)
    )
    text = "\n".join(docx_text(services.document_bytes(document=document)))
    assert document.context["doc"]["addressees"] == [f"Chánh {org.office_a.name};"]  # its head (issue 17)
    assert "Xây dựng kế hoạch khảo sát" in text and "| 10 |" in text
    assert "V/v đôn đốc thực hiện Kế hoạch" in text


def test_report_counts_the_period(org, issued_plan):
    document = services.document_create_for_plan(
        kind=Kind.REPORT,
        plan=issued_plan,
        actor=org.coordinator,
        today=dt.date(2022, 2, 10),
        options={"period_start": dt.date(2022, 1, 1), "period_end": dt.date(2022, 3, 31)},
    )
    counts = document.context["report"]["counts"]
    assert (counts["total"], counts["overdue"]) == (1, 1)


def test_pdf_missing_libreoffice_is_said_not_failed(org, document, client, monkeypatch):
    """Without soffice the page says so, and asking for the PDF gives the message instead of an error."""
    monkeypatch.setattr(services.pdf.shutil, "which", lambda name: None)
    client.force_login(org.clerk)
    page = client.get(reverse("document_detail", args=[document.pk])).content.decode()
    assert "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF." in page
    response = client.post(reverse("document_pdf", args=[document.pk]), follow=True)
    assert "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF." in response.content.decode()
    assert GeneratedDocument.objects.get(pk=document.pk).pdf_status == "unavailable"


def test_pdf_conversion_with_libreoffice(org, document, client, django_capture_on_commit_callbacks):
    """The PDF copy is made by a background job (run once the request commits)."""
    if services.soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    client.force_login(org.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("document_pdf", args=[document.pk]))
    assert Job.objects.get(kind="document_pdf").state == Job.State.DONE
    document = GeneratedDocument.objects.get(pk=document.pk)
    pdf = client.get(reverse("document_download", args=[document.pk]) + "?dang=pdf")
    assert document.pdf_status == "done" and pdf.content.startswith(b"%PDF")


def test_render_document_command_writes_a_docx(issued_plan, tmp_path):
    """`render_document --kind KH --plan ID --out FILE.docx` writes the plan without storing anything."""
    out = tmp_path / "ke-hoach.docx"
    call_command("render_document", "--kind", "KH", "--plan", str(issued_plan.pk), "--out", str(out))
    assert "KẾ HOẠCH" in docx_text(out.read_bytes())
    assert GeneratedDocument.objects.count() == 0


def test_render_document_command_other_kinds_and_keep(org, issued_plan, tmp_path):
    for kind in ("QD", "BC", "DD", "CV"):
        out = tmp_path / f"{kind}.docx"
        call_command(
            "render_document", "--kind", kind, "--plan", str(issued_plan.pk), "--out", str(out),
            "--today", "2022-02-10", "--drafting", "PNV",
        )  # fmt: skip
        assert out.stat().st_size > 0
    call_command(
        "render_document", "--kind", "KH", "--plan", str(issued_plan.pk), "--out", str(tmp_path / "k.docx"),
        "--keep", "--user", org.clerk.username,
    )  # fmt: skip
    assert GeneratedDocument.objects.get().author == org.clerk


def test_render_document_command_reports_bad_input(db, tmp_path):
    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command("render_document", "--kind", "KH", "--plan", "999999", "--out", str(tmp_path / "x.docx"))
