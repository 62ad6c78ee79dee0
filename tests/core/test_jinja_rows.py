"""Row partials drawn by Jinja2: the same words in both languages, dates dd/mm/yyyy, text escaped."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from core.jinja import decimal, dmy, dmy_hm, render_rows, truncatechars

PARTIALS = sorted(Path(settings.BASE_DIR, "templates").rglob("*.jinja"))
MSGID = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*\)""")


def test_there_are_partials():
    assert PARTIALS, "no .jinja partial found under templates/"


@pytest.mark.parametrize("path", PARTIALS, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_word_of_a_partial_has_its_english(path):
    """A string written only in a .jinja must still reach the English screen."""
    words = MSGID.findall(path.read_text(encoding="utf-8"))
    with translation.override("en"):
        missing = [word for word in words if translation.gettext(word) == word]
    assert not missing, f"{path.name}: no English for {missing}"


def test_dates_as_on_every_other_screen():
    assert dmy(dt.date(2026, 2, 1)) == "01/02/2026"
    assert dmy(None) == ""
    # 17:30 UTC is already the next day in Hà Nội (UTC+7).
    late = dt.datetime(2026, 2, 1, 17, 30, tzinfo=dt.UTC)
    assert dmy(late) == "02/02/2026"
    assert dmy_hm(late) == "02/02/2026 00:30"


def test_rates_as_the_django_template_prints_them():
    """A rate reads "87,5" in Vietnamese and "87.5" in English, as ``{{ rate }}`` prints it."""
    from django.template import Context, Template

    django_way = Template('{{ rate|default_if_none:"—" }}')
    for language in ("vi", "en"):
        with translation.override(language):
            for rate in (87.5, 100.0, 0.0, None):
                assert decimal(rate) == django_way.render(Context({"rate": rate}))
    with translation.override("vi"):
        assert decimal(87.5) == "87,5"


def test_long_text_cut_as_djangos_filter():
    text = "Công khai đầy đủ các thủ tục hành chính trên cổng dịch vụ công"
    assert truncatechars(text, 100) == text
    assert truncatechars(text, 20) == "Công khai đầy đủ cá…"


@pytest.mark.django_db
def test_rows_escape_what_users_typed():
    from tests.factories import TaskFactory, add_unit
    from units.models import Unit

    task = TaskFactory(content="<script>alert(1)</script> & báo cáo")
    unit = Unit.objects.create(code="PX", name="Phòng <Nội vụ>", short_name="PNV", kind=Unit.Kind.OFFICE)
    add_unit(task, unit)
    from tasks.models import Deliverable

    deliverable = Deliverable.objects.create(
        task=task, unit=unit, due_date=dt.date(2022, 3, 15), original_due_date=dt.date(2022, 3, 1)
    )
    html = render_rows(
        "tasks/rows/deliverables.jinja",
        {"items": [deliverable], "today": dt.date(2022, 3, 20), "empty": "Không có."},
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; báo cáo" in html
    assert "Phòng &lt;Nội vụ&gt;" in html
    assert "15/03/2022" in html and "hạn đầu 01/03/2022" in html
    assert "Quá hạn 5 ngày" in html
