"""Evidence files: checked before anything is stored; a bad file leaves no trace."""

import hashlib
import os
import re

import pytest
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.test import override_settings

from core.errors import ApplicationError
from tasks.models import Deliverable, DeliverableTransition, Evidence, Report
from tasks.services.deliverables import (
    MSG_EVIDENCE_REQUIRED,
    deliverable_report_progress,
    deliverable_submit,
)
from tasks.services.evidence import (
    CONTENT_TYPES,
    MSG_BAD_CONTENT,
    MSG_BAD_TYPE,
    MSG_EMPTY,
    MSG_TOO_BIG,
)

from .support import DOCX_BYTES, PDF_BYTES, PNG_BYTES, bring_to, pdf, upload

State = Deliverable.State

GOOD_FILES = [
    ("bao-cao.pdf", PDF_BYTES, ".pdf"),
    ("Báo cáo quý I.DOCX", DOCX_BYTES, ".docx"),
    ("anh-hoi-nghi.png", PNG_BYTES, ".png"),
]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores files in its own folder, so "nothing was written" can be checked."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def evidence_dir(deliverable):
    return os.path.join(settings.MEDIA_ROOT, "evidence", str(deliverable.pk))


@pytest.mark.parametrize(("name", "content", "ext"), GOOD_FILES, ids=[g[2] for g in GOOD_FILES])
def test_good_file_is_stored_with_size_and_checksum(deliverable, org, name, content, ext):
    """A real PDF, Word document or picture is attached to the report, with its size,
    type and fingerprint recorded and its bytes kept as sent."""
    # when
    deliverable_submit(
        deliverable=deliverable, actor=org.officer_a, text="Kèm tài liệu.", files=[upload(name, content)]
    )

    # then
    evidence = Evidence.objects.get()
    report = Report.objects.get()
    assert evidence.report == report
    assert evidence.deliverable_id == deliverable.pk
    assert evidence.contribution is None
    assert evidence.original_name == name
    assert evidence.size == len(content)
    assert evidence.sha256 == hashlib.sha256(content).hexdigest()
    assert evidence.content_type == CONTENT_TYPES[ext]
    assert evidence.uploaded_by == org.officer_a
    assert evidence.file.path.startswith(evidence_dir(deliverable))
    with evidence.file.open("rb") as stored:
        assert stored.read() == content


def _bad_cases():
    return [
        pytest.param(
            upload("bao-cao.pdf", PDF_BYTES),
            lambda: MSG_TOO_BIG.format(
                name="bao-cao.pdf", size=filesizeformat(len(PDF_BYTES)), limit=filesizeformat(10)
            ),
            id="too-big",
        ),
        pytest.param(
            upload("cai-dat.exe", b"MZ\x90\x00"),
            lambda: MSG_BAD_TYPE.format(name="cai-dat.exe"),
            id="exe",
        ),
        pytest.param(upload("rong.pdf", b""), lambda: MSG_EMPTY.format(name="rong.pdf"), id="empty"),
        pytest.param(
            upload("gia-mao.pdf", b"MZ\x90\x00 not a pdf"),
            lambda: MSG_BAD_CONTENT.format(name="gia-mao.pdf", ext=".pdf"),
            id="pdf-that-is-not",
        ),
        pytest.param(
            upload("anh.png", PDF_BYTES),
            lambda: MSG_BAD_CONTENT.format(name="anh.png", ext=".png"),
            id="png-that-is-pdf",
        ),
    ]


@pytest.mark.parametrize(("bad", "message"), _bad_cases())
def test_bad_file_refuses_the_whole_submission(deliverable, org, bad, message):
    """A file too big, of a forbidden type, empty, or whose content does not match its
    extension is refused with a message naming it; the report is not sent and nothing is
    stored, not even the good file sent alongside."""
    # given
    too_big = "dung lượng" in message()
    good = upload("ok.png", PNG_BYTES[:10])

    # when
    with (
        override_settings(EVIDENCE_MAX_BYTES=10 if too_big else 1024),
        pytest.raises(ApplicationError) as error,
    ):
        deliverable_submit(
            deliverable=deliverable, actor=org.officer_a, text="Kèm tài liệu.", files=[good, bad]
        )

    # then
    assert error.value.message == message()
    assert bad.name in error.value.message
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert deliverable.submitted_at is None
    assert not Report.objects.exists()
    assert not Evidence.objects.exists()
    assert not DeliverableTransition.objects.exists()
    assert not os.path.exists(evidence_dir(deliverable))


@override_settings(EVIDENCE_MAX_BYTES=10)
def test_file_over_the_limit_is_refused(deliverable, org):
    """The configured size limit applies: an 11-byte file is too big when the limit is 10 bytes."""
    # given
    big = upload("bao-cao.pdf", b"%PDF-1.4 x")  # 10 bytes: exactly at the limit
    bigger = upload("bao-cao-2.pdf", b"%PDF-1.4 xy")  # 11 bytes

    # when
    deliverable_report_progress(
        deliverable=deliverable, actor=org.officer_a, text="Tiến độ.", percent_done=10, files=[big]
    )
    with pytest.raises(ApplicationError) as error:
        deliverable_report_progress(
            deliverable=deliverable, actor=org.officer_a, text="Tiến độ.", percent_done=20, files=[bigger]
        )

    # then
    assert error.value.message == MSG_TOO_BIG.format(
        name="bao-cao-2.pdf", size=filesizeformat(11), limit=filesizeformat(10)
    )
    assert Report.objects.count() == 1
    assert Evidence.objects.count() == 1


class TestRequiredEvidence:
    @pytest.fixture
    def strict(self, deliverable):
        task = deliverable.task
        task.requires_evidence = True
        task.evidence_note = "Báo cáo có chữ ký, đóng dấu"
        task.save(update_fields=["requires_evidence", "evidence_note"])
        return deliverable

    def test_submission_without_file_is_refused(self, strict, org):
        """A task that needs evidence cannot be reported done without attaching a file."""
        # when
        with pytest.raises(ApplicationError) as error:
            deliverable_submit(deliverable=strict, actor=org.officer_a, text="Đã xong.")

        # then
        assert error.value.message == MSG_EVIDENCE_REQUIRED.format(note="Báo cáo có chữ ký, đóng dấu")
        strict.refresh_from_db()
        assert strict.state == State.PENDING
        assert not Report.objects.exists()

    def test_note_defaults_when_task_gives_none(self, strict, org):
        """Without a note, the message asks for "tài liệu chứng minh"."""
        # given
        strict.task.evidence_note = ""
        strict.task.save(update_fields=["evidence_note"])

        # when
        with pytest.raises(ApplicationError) as error:
            deliverable_submit(deliverable=strict, actor=org.officer_a, text="Đã xong.")

        # then
        assert error.value.message == MSG_EVIDENCE_REQUIRED.format(note="tài liệu chứng minh")

    def test_submission_with_file_is_accepted(self, strict, org):
        """With a file attached, the submission goes through."""
        # when
        deliverable_submit(deliverable=strict, actor=org.officer_a, text="Đã xong.", files=[pdf()])

        # then
        strict.refresh_from_db()
        assert strict.state == State.SUBMITTED
        assert Report.objects.get().files.count() == 1


class TestProgress:
    def test_progress_update_keeps_item_pending(self, deliverable, org):
        """A progress update is recorded for the unit but not sent to Nội vụ."""
        # when
        report = deliverable_report_progress(
            deliverable=deliverable,
            actor=org.officer_a,
            text="Đã hoàn thành 50%.",
            percent_done=50,
            files=[pdf()],
        )

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == State.PENDING
        assert deliverable.submitted_at is None
        assert not report.is_submission
        assert report.percent_done == 50
        assert report.files.count() == 1
        assert not DeliverableTransition.objects.exists()

    def test_progress_on_returned_item_is_allowed(self, deliverable, org):
        """After a return the unit can record progress while correcting."""
        # given
        bring_to(deliverable, State.RETURNED, org)

        # when
        deliverable_report_progress(
            deliverable=deliverable, actor=org.officer_a, text="Đang bổ sung.", percent_done=80
        )

        # then
        deliverable.refresh_from_db()
        assert deliverable.state == State.RETURNED
        assert deliverable.reports.filter(is_submission=False).count() == 1

    @pytest.mark.parametrize(
        "state", [State.SUBMITTED, State.ACCEPTED, State.WAIVED, State.AWAITING_APPROVAL]
    )
    def test_progress_refused_once_sent_or_closed(self, deliverable, org, state):
        """No progress update on an item sent, accepted or waived."""
        # given
        bring_to(deliverable, state, org)
        count = Report.objects.count()

        # when
        with pytest.raises(ApplicationError, match=re.escape("cập nhật tiến độ")):
            deliverable_report_progress(
                deliverable=deliverable, actor=org.officer_a, text="Cập nhật.", percent_done=90
            )

        # then
        assert Report.objects.count() == count

    def test_progress_with_bad_file_stores_nothing(self, deliverable, org):
        """A bad file in a progress update is refused and no report is kept."""
        with pytest.raises(ApplicationError, match=re.escape(MSG_BAD_TYPE.format(name="virus.exe"))):
            deliverable_report_progress(
                deliverable=deliverable,
                actor=org.officer_a,
                text="Cập nhật.",
                percent_done=30,
                files=[pdf(), upload("virus.exe", b"MZ")],
            )
        assert not Report.objects.exists()
        assert not Evidence.objects.exists()
