"""The preview looks like the page: page images drawn by LibreOffice, or clean HTML without it."""

import datetime as dt
import struct

import pytest
from django.urls import reverse

from core.models import Job
from documents import services
from documents.models import GeneratedDocument, Kind
from documents.preview import preview_kind


@pytest.fixture
def document(org, issued_plan):
    return services.document_create_for_plan(
        kind=Kind.PLAN, plan=issued_plan, actor=org.clerk, today=dt.date(2022, 1, 20)
    )


def _ask(client, document, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("document_preview", args=[document.pk]))
    assert response.status_code == 302
    return client.get(reverse("document_detail", args=[document.pk])).content.decode()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def test_without_page_drawing_the_page_shows_html_and_says_so(
    org, document, client, settings, django_capture_on_commit_callbacks
):
    # given
    settings.DOCUMENT_PREVIEW = "html"
    client.force_login(org.clerk)
    # when
    page = _ask(client, document, django_capture_on_commit_callbacks)
    # then
    assert "Bản xem trước dạng HTML (máy chủ không vẽ ảnh trang)" in page
    html = page[page.index('<div class="card doc-html">') :]
    assert "<table>" in html and "Xây dựng kế hoạch khảo sát" in html  # the task appendix's row
    assert "<strong>KẾ HOẠCH</strong>" in html
    assert "href=" not in html[: html.index("</div>")]
    assert reverse("document_preview_page", args=[document.pk, 1]) not in page


def test_with_libreoffice_the_pages_are_drawn_appendix_landscape(
    demo, client, django_capture_on_commit_callbacks
):
    """Cam Lâm's plan: portrait pages, then the task appendix in landscape."""
    if preview_kind() != "pages":
        pytest.skip("LibreOffice (soffice) or pdftoppm is not installed")
    document = GeneratedDocument.objects.get(kind=Kind.PLAN, issuer__code="CAMLAM-UBND")
    coordinator = document.issuer.memberships.filter(role="coordinator").first().user
    client.force_login(coordinator)
    page = _ask(client, document, django_capture_on_commit_callbacks)
    assert "Ảnh trang in (" in page and "vẽ bằng LibreOffice" in page
    sizes = []
    number = 1
    while reverse("document_preview_page", args=[document.pk, number]) in page:
        image = client.get(reverse("document_preview_page", args=[document.pk, number]))
        assert image["Content-Type"] == "image/png"
        sizes.append(_png_size(b"".join(image.streaming_content)))
        number += 1
    assert len(sizes) >= 3
    width, height = sizes[0]
    assert height > width  # the plan: A4 portrait
    width, height = sizes[-1]
    assert width > height  # its appendix: A4 landscape
    assert client.get(reverse("document_preview_page", args=[document.pk, number])).status_code == 404


def test_while_the_job_runs_the_page_shows_its_progress(org, document, client):
    Job.objects.create(
        kind="document_preview", arguments={"document_id": document.pk, "actor_id": org.clerk.pk}
    )
    client.force_login(org.clerk)
    page = client.get(reverse("document_detail", args=[document.pk])).content.decode()
    assert "Đang vẽ bản xem trước…" in page and '<meta http-equiv="refresh" content="3">' in page


def test_a_preview_of_an_earlier_rendering_is_not_shown(
    org, document, client, settings, django_capture_on_commit_callbacks
):
    """Registering renders the document again (number, date): the old preview is not passed off as it."""
    settings.DOCUMENT_PREVIEW = "html"
    client.force_login(org.clerk)
    assert "Bản xem trước dạng HTML" in _ask(client, document, django_capture_on_commit_callbacks)
    client.post(reverse("document_register", args=[document.pk]))
    page = client.get(reverse("document_detail", args=[document.pk])).content.decode()
    assert "Bản xem trước dạng HTML" not in page
    assert "Xem trước như trang in" in page


def test_another_tree_cannot_fetch_the_page_images(
    org, document, client, settings, django_capture_on_commit_callbacks
):
    settings.DOCUMENT_PREVIEW = "html"
    client.force_login(org.clerk)
    _ask(client, document, django_capture_on_commit_callbacks)
    client.force_login(org.other_coordinator)
    assert client.get(reverse("document_preview_page", args=[document.pk, 1])).status_code == 403
    assert client.post(reverse("document_preview", args=[document.pk])).status_code == 403


def _generate(org, plan, capture):
    with capture(execute=True):
        return services.document_create_for_plan(
            kind=Kind.PLAN, plan=plan, actor=org.clerk, today=dt.date(2022, 1, 20)
        )


def test_generating_draws_the_preview_once_and_the_same_bytes_are_not_drawn_again(
    org, issued_plan, client, settings, django_capture_on_commit_callbacks
):
    # given
    settings.DOCUMENT_PREVIEW_ON_GENERATE = True
    settings.DOCUMENT_PREVIEW = "html"
    previews = Job.objects.filter(kind="document_preview")
    # when
    first = _generate(org, issued_plan, django_capture_on_commit_callbacks)
    # then: one job, for this file, already run; the clerk opening the page sees the preview
    assert [(job.arguments["document_id"], job.arguments["sha256"]) for job in previews] == [
        (first.pk, first.sha256)
    ]
    client.force_login(org.clerk)
    page = client.get(reverse("document_detail", args=[first.pk])).content.decode()
    assert "Bản xem trước dạng HTML" in page and "Xây dựng kế hoạch khảo sát" in page
    # when: drafted again from the same plan, the same bytes
    second = _generate(org, issued_plan, django_capture_on_commit_callbacks)
    # then: no second drawing, and the second draft shows the same one
    assert second.pk != first.pk and second.sha256 == first.sha256
    assert previews.count() == 1
    page = client.get(reverse("document_detail", args=[second.pk])).content.decode()
    assert "Bản xem trước dạng HTML" in page


def test_registering_draws_the_numbered_file(
    org, issued_plan, client, settings, django_capture_on_commit_callbacks
):
    settings.DOCUMENT_PREVIEW_ON_GENERATE = True
    settings.DOCUMENT_PREVIEW = "html"
    document = _generate(org, issued_plan, django_capture_on_commit_callbacks)
    before = document.sha256
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_register(document=document, actor=org.clerk)
    assert document.sha256 != before
    digests = list(Job.objects.filter(kind="document_preview").values_list("arguments__sha256", flat=True))
    assert sorted(digests) == sorted([before, document.sha256])
    client.force_login(org.clerk)
    page = client.get(reverse("document_detail", args=[document.pk])).content.decode()
    assert "Bản xem trước dạng HTML" in page
