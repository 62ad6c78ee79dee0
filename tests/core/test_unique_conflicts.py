"""The same code, number or first template taken twice at once: a clear Vietnamese refusal, never a 500."""

import datetime as dt
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from core.errors import ApplicationError, Conflict
from documents.models import DocumentTemplate, Kind
from documents.services import templates as template_services
from plans.models import Plan
from surveys.builtin import questionnaire_install_builtin
from surveys.models import Campaign
from surveys.services import campaign_create
from tasks.services.lifecycle import MSG_NUMBER_TAKEN, plan_register_number
from tests.documents.conftest import docx_with
from tests.factories import PlanFactory
from units.models import Unit
from units.services import unit_create

GOOD = docx_with("{{ doc.agency }}", "Số: {{ doc.number_text }}/{{ doc.code }}")


def _upload(org):
    return template_services.template_upload(
        kind=Kind.PLAN,
        issuer=org.district,
        name="Mẫu KH",
        upload=SimpleUploadedFile("mau.docx", GOOD),
        actor=org.clerk,
    )


def test_a_first_template_uploaded_meanwhile_is_a_clear_conflict(org, monkeypatch):
    # given a clerk whose upload found no template yet, while a colleague's first copy lands
    original = template_services.update_with_history
    done = []

    def colleague_uploads_first(*args, **kwargs):
        if not done:
            done.append(True)
            DocumentTemplate.objects.create(
                kind=Kind.PLAN, issuer=org.district, name="Của đồng nghiệp", version=1
            )
        return original(*args, **kwargs)

    monkeypatch.setattr(template_services, "update_with_history", colleague_uploads_first)
    # when / then
    with pytest.raises(Conflict, match="vừa được tải lên cùng lúc"):
        _upload(org)


def test_a_plan_number_already_registered_is_a_clear_conflict(org):
    # given two draft plans of the same issuer and year, the first registered as 05
    first = PlanFactory(issuer=org.district)
    second = PlanFactory(issuer=org.district)
    plan_register_number(plan=first, number=5, date=first.period_start, actor=org.clerk)
    # when the second is registered with the same number
    with pytest.raises(Conflict) as raised:
        plan_register_number(plan=second, number=5, date=second.period_start, actor=org.clerk)
    # then the clerk is told, and the second keeps no number
    assert raised.value.message == MSG_NUMBER_TAKEN
    assert raised.value.status == 409
    assert Plan.objects.get(pk=second.pk).number is None


def test_a_service_code_typed_twice_is_named_and_nothing_is_saved(org, draft_plan):
    with pytest.raises(ApplicationError, match="Mã dịch vụ ghi hai lần: KS"):
        campaign_create(
            plan=draft_plan,
            questionnaire=questionnaire_install_builtin(code="vinh-my-2021"),
            title="Khảo sát 2022",
            frequency="quarterly",
            period_start=dt.date(2022, 1, 1),
            period_end=dt.date(2022, 12, 31),
            units=[org.office_a],
            design=Campaign.Design.THRESHOLD,
            services=[("KS", "Khai sinh"), ("KS", "Kết hôn")],
        )
    assert not Campaign.objects.exists()


def _race(calls: dict):
    """Run each call in its own thread (a barrier in the service holds both until both checked)."""
    results = {}

    def run(name, call):
        try:
            results[name] = call()
        except Exception as error:
            results[name] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in calls.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_templates_at_once_one_wins_the_other_is_told(org, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs two PostgreSQL connections at once")
    barrier = threading.Barrier(2, timeout=20)
    original = template_services.update_with_history

    def read_then_wait(*args, **kwargs):
        result = original(*args, **kwargs)
        # Both uploads have read "no template yet" in their transactions before either writes
        # (held after the check instead, one upload could commit before the other even read).
        barrier.wait()
        return result

    monkeypatch.setattr(template_services, "update_with_history", read_then_wait)
    results = _race({"a": lambda: _upload(org), "b": lambda: _upload(org)})
    kinds = sorted(type(result).__name__ for result in results.values())
    assert kinds == ["Conflict", "DocumentTemplate"], results
    assert list(DocumentTemplate.objects.filter(issuer=org.district).values_list("version", flat=True)) == [1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_units_with_one_code_at_once_one_wins_the_other_is_told(org, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs two PostgreSQL connections at once")
    barrier = threading.Barrier(2, timeout=20)
    original = Unit.full_clean

    def clean_then_wait(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.code == "CL-TP":
            barrier.wait()  # both have found the code free before either saves

    monkeypatch.setattr(Unit, "full_clean", clean_then_wait)

    def create():
        return unit_create(
            actor=org.coordinator, parent=org.district, code="CL-TP", name="Phòng Tư pháp", kind="office"
        )

    results = _race({"a": create, "b": create})
    errors = [result for result in results.values() if isinstance(result, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], Conflict), results
    assert "CL-TP" in errors[0].message
    assert Unit.objects.filter(code="CL-TP").count() == 1
