"""The survey import refuses office files built to exhaust memory, with the plan import's own checks."""

import io
import zipfile

import pytest
from django.test import override_settings

from surveys.models import Response
from surveys.resources import import_template_xlsx, responses_import


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, content)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_reading(campaign):
    # given a real template with a small part that unpacks to 120 MB of zeros
    bomb = _with_part(import_template_xlsx(campaign), "xl/media/padding.bin", b"\0" * (120 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024
    # when imported
    created, errors = responses_import(campaign=campaign, data=bomb, name="phieu.xlsx")
    # then it is refused for its unpacked size and nothing is stored
    assert created == 0 and "khi giải nén quá lớn" in errors[0]
    assert not Response.objects.exists()


def test_a_billion_laughs_part_is_refused(campaign):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><x>&lol2;</x>'
    )
    data = _with_part(import_template_xlsx(campaign), "xl/laughs.xml", laughs)
    created, errors = responses_import(campaign=campaign, data=data, name="phieu.xlsx")
    assert created == 0 and "phieu.xlsx" in errors[0]
    assert not Response.objects.exists()


@pytest.mark.parametrize("limit", [50])
def test_too_many_xml_elements_are_refused(campaign, limit):
    with override_settings(SURVEY_IMPORT_MAX_XML_ELEMENTS=limit):
        created, errors = responses_import(
            campaign=campaign, data=import_template_xlsx(campaign), name="p.xlsx"
        )
    assert created == 0 and f"{limit}" in errors[0]
    assert not Response.objects.exists()
