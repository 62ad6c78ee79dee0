"""Helpers every app shares: one fold, one period name, errors with codes, extensible notices."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from core.errors import AccessDenied, ApplicationError, Conflict, denied_as_403
from core.notification_kinds import KINDS, notification_kind
from core.notifications import notification_add
from core.periods import Frequency, period_label
from core.text import fold, fold_phrase
from project.api import exception_handler


def test_fold_reads_accents_case_dashes_and_punctuation_alike():
    assert fold("Văn phòng HĐND–UBND") == fold("van phong hdnd ubnd") == "van phong hdnd ubnd"
    assert fold_phrase(" Trước ngày 15/01/2021. ") == "truoc ngay 15/01/2021"
    assert fold_phrase("Quý I–II") == "quy i-ii"
    assert fold_phrase(101) == "101" and fold_phrase(None) == ""


@pytest.mark.parametrize(
    ("day", "frequency", "label"),
    [
        (dt.date(2022, 3, 31), Frequency.MONTHLY, "Tháng 3/2022"),
        (dt.date(2022, 11, 30), Frequency.MONTHLY, "Tháng 11/2022"),
        (dt.date(2022, 5, 1), Frequency.QUARTERLY, "Quý II/2022"),
        (dt.date(2022, 9, 30), Frequency.HALF_YEARLY, "6 tháng cuối năm 2022"),
        (dt.date(2022, 1, 1), Frequency.YEARLY, "Năm 2022"),
        (dt.date(2022, 1, 1), None, ""),
    ],
)
def test_period_names_follow_the_administrative_form(day, frequency, label):
    assert period_label(day, frequency) == label


def test_survey_period_keys_are_named_the_same_way():
    from surveys.index import period_label as survey_period

    assert [survey_period(k) for k in ("2022-03", "2022-Q1", "2022")] == [
        "Tháng 3/2022",
        "Quý I/2022",
        "Năm 2022",
    ]


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (ApplicationError("Thiếu tên."), 400, "invalid"),
        (AccessDenied("Không có quyền."), 403, "permission_denied"),
        (Conflict("Vừa được người khác cập nhật."), 409, "conflict"),
    ],
)
def test_the_api_answers_each_error_with_its_code_and_status(error, status, code):
    response = exception_handler(error, {})
    assert response.status_code == status
    assert response.data["error"]["code"] == code
    assert response.data["error"]["message"] == error.message


def test_a_refused_access_in_a_view_is_the_403_page_with_its_message():
    @denied_as_403
    def view(request):
        raise AccessDenied("Bạn không có quyền xem kế hoạch này.")

    with pytest.raises(PermissionDenied, match="không có quyền xem kế hoạch"):
        view(RequestFactory().get("/"))


@pytest.mark.django_db
def test_another_app_can_add_a_kind_of_notification(django_user_model):
    notification_kind("test_alert", "Cảnh báo thử", title="Cảnh báo ngày {day}: {count} ý kiến")
    try:
        user = django_user_model.objects.create(username="khaosat")
        line = {"text": "Ý kiến không hài lòng", "url": "/khao-sat/"}
        notification, created = notification_add(
            user=user, kind="test_alert", lines=[line], day=dt.date(2022, 3, 4)
        )
        assert created and notification.title == "Cảnh báo ngày 04/03/2022: 1 ý kiến"
    finally:
        KINDS.pop("test_alert")
