"""The admin speaks Vietnamese: every model, field, column and button, and dates as dd/mm/yyyy."""

import datetime as dt
import re

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.urls import reverse
from django.utils import translation

from core.models import CalendarDay
from tests.factories import UserFactory

# Labels written the same in Vietnamese (abbreviations, names of standards).
SAME_IN_VIETNAMESE = {"id", "email", "stt", "pdf", "ip", "api", "sha256", "url", "get", "post"}
ENGLISH = re.compile(
    r"\b(name|code|date|kind|state|created|updated|user|unit|plan|task|file|time|number|version|"
    r"active|title|note|type|status|path|address|data|log|access|attempt|failure|export|import)s?\b",
    re.IGNORECASE,
)


def _english(label: str) -> bool:
    words = [w for w in re.split(r"[\s()_/.:-]+", label.lower()) if w]
    if all(w in SAME_IN_VIETNAMESE or w.isdigit() for w in words):
        return False
    return bool(ENGLISH.search(label)) or label.isascii()


def _registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_every_model_and_field_in_the_admin_has_a_vietnamese_label():
    english = []
    with translation.override("vi"):
        for model, model_admin in _registered():
            opts = model._meta
            for label in (opts.verbose_name, opts.verbose_name_plural):
                if _english(str(label)):
                    english.append(f"{opts.label}: {label}")
            for field in opts.get_fields():
                if field.auto_created or not hasattr(field, "verbose_name") or field.name == "id":
                    continue
                if _english(str(field.verbose_name)):
                    english.append(f"{opts.label}.{field.name}: {field.verbose_name}")
            for name in model_admin.list_display:
                if name == "__str__":
                    continue
                label = str(label_for_field(name, model, model_admin))
                if _english(label):
                    english.append(f"{opts.label} column {name}: {label}")
    assert english == []


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def test_every_changelist_renders_for_the_superuser(client, org, draft_plan, superuser):
    client.force_login(superuser)
    failed = []
    for model, _ in _registered():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        if response.status_code != 200:
            failed.append((url, response.status_code))
    assert failed == []


def test_changelist_shows_dates_day_first(client, superuser):
    CalendarDay.objects.create(date=dt.date(2026, 2, 1), is_day_off=True, note="Nghỉ bù")
    client.force_login(superuser)
    page = client.get(reverse("admin:core_calendarday_changelist")).content.decode()
    assert "01/02/2026" in page
    assert "2026-02-01" not in page.split("<tbody>")[1]


def test_a_date_typed_in_the_admin_is_read_day_first(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:core_calendarday_add"), {"date": "01/02/2026", "is_day_off": "on", "note": "Tết"}
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get().date == dt.date(2026, 2, 1)


def test_spreadsheet_buttons_and_export_columns_are_vietnamese(client, org, superuser):
    client.force_login(superuser)
    changelist = client.get(reverse("admin:units_unit_changelist")).content.decode()
    assert "Nhập từ tệp" in changelist and "Xuất ra tệp" in changelist
    form = client.get(reverse("admin:units_unit_export")).context["form"]
    labels = [str(field.label) for name, field in form.fields.items() if name.startswith("unitresource_")]
    assert "Mã đơn vị" in labels
    assert [label for label in labels if _english(label)] == []
