"""Contributions: a coordinating unit's dated input to the lead unit's deliverable."""

import re

import pytest

from core.errors import AccessDenied, ApplicationError
from tasks.models import Contribution, Deliverable, Evidence
from tasks.services.deliverables import (
    MSG_BAD_STATE,
    MSG_NOT_COORDINATING,
    MSG_TEXT_REQUIRED,
    contribution_add,
)
from tasks.services.evidence import MSG_BAD_CONTENT

from .support import PDF_BYTES, bring_to, pdf, state_label, upload

State = Deliverable.State


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_coordinating_officer_adds_contribution_with_file(deliverable, org):
    """Office B sends its part, with a file, to office A's deliverable; office A's state is untouched."""
    # when
    contribution = contribution_add(
        deliverable=deliverable,
        actor=org.officer_b,
        unit_id=org.office_b.pk,
        text="Phòng VHTT đã tuyên truyền trên đài truyền thanh.",
        files=[pdf("so-lieu-phoi-hop.pdf")],
    )

    # then
    assert contribution.unit == org.office_b
    assert contribution.author == org.officer_b
    evidence = Evidence.objects.get()
    assert evidence.contribution == contribution
    assert evidence.report is None
    assert evidence.size == len(PDF_BYTES)
    assert evidence.original_name == "so-lieu-phoi-hop.pdf"
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING
    assert not deliverable.transitions.exists()


@pytest.mark.parametrize("state", [State.RETURNED, State.AWAITING_APPROVAL])
def test_contribution_on_open_item_is_allowed(deliverable, org, state):
    """While the lead unit is still working (returned, or waiting for its head), office B may add input."""
    # given
    bring_to(deliverable, state, org)

    # when
    contribution_add(deliverable=deliverable, actor=org.officer_b, unit_id=org.office_b.pk, text="Bổ sung.")

    # then
    assert Contribution.objects.filter(deliverable=deliverable).count() == 1


@pytest.mark.parametrize(
    ("who", "unit"),
    [
        ("officer_a", "office_a"),  # the lead unit is not a contributor
        ("officer_a", "office_b"),  # nor can it speak for office B
        ("other_officer", "office_b"),
        ("coordinator", "office_b"),
        ("officer_b", "office_a"),
    ],
)
def test_only_coordinating_units_officer_may_contribute(deliverable, org, who, unit):
    """The lead unit reports, it does not contribute; nobody speaks for office B but its own people."""
    # when
    with pytest.raises(AccessDenied, match=re.escape(MSG_NOT_COORDINATING)):
        contribution_add(
            deliverable=deliverable, actor=getattr(org, who), unit_id=getattr(org, unit).pk, text="Ý kiến."
        )

    # then
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("state", [State.ACCEPTED, State.WAIVED, State.SUBMITTED])
def test_contribution_on_closed_or_sent_item_is_refused(deliverable, org, state):
    """Once the report is accepted, waived or sent, contributions are refused."""
    # given
    bring_to(deliverable, state, org)

    # when
    with pytest.raises(ApplicationError) as error:
        contribution_add(deliverable=deliverable, actor=org.officer_b, unit_id=org.office_b.pk, text="Muộn.")

    # then
    assert error.value.message == MSG_BAD_STATE.format(action="gửi ý kiến phối hợp", state=state_label(state))
    assert not Contribution.objects.exists()


def test_contribution_without_text_is_refused(deliverable, org):
    with pytest.raises(ApplicationError, match=re.escape(MSG_TEXT_REQUIRED)):
        contribution_add(deliverable=deliverable, actor=org.officer_b, unit_id=org.office_b.pk, text=" ")
    assert not Contribution.objects.exists()


def test_contribution_with_bad_file_stores_nothing(deliverable, org):
    """A contribution whose file is not what its name says is refused entirely."""
    with pytest.raises(ApplicationError) as error:
        contribution_add(
            deliverable=deliverable,
            actor=org.officer_b,
            unit_id=org.office_b.pk,
            text="Kèm tài liệu.",
            files=[upload("bien-ban.pdf", b"<html>not a pdf</html>")],
        )
    assert error.value.message == MSG_BAD_CONTENT.format(name="bien-ban.pdf", ext=".pdf")
    assert not Contribution.objects.exists()
    assert not Evidence.objects.exists()
