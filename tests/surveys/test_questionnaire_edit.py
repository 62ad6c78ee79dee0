"""The survey operator edits a copied questionnaire on a screen; built-in ones are copied first, and an
edit after answers exist becomes a new version that leaves the answered questions as they were."""

import pytest
from django.urls import reverse

from surveys.builtin import questionnaire_install_builtin
from surveys.forms import questionnaire_initial
from surveys.models import Answer, Campaign, Question, Questionnaire
from surveys.services import campaign_create

from .conftest import at


def _post(questionnaire, *, head=None, criteria=None, questions=None):
    """The edit form as the screen sends it, from the questionnaire's rows with ``changes`` applied."""
    start_head, start_criteria, start_questions = questionnaire_initial(questionnaire)
    head = start_head | (head or {})
    criteria = criteria(start_criteria) if criteria else start_criteria
    questions = questions(start_questions) if questions else start_questions
    data = dict(head)
    for prefix, rows in (("c", criteria), ("q", questions)):
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for i, row in enumerate(rows):
            for key, value in row.items():
                if value is True:
                    data[f"{prefix}-{i}-{key}"] = "on"
                elif value not in (None, False):
                    data[f"{prefix}-{i}-{key}"] = value
    return data


@pytest.fixture
def builtin(db):
    return questionnaire_install_builtin(code="vinh-my-2021")


@pytest.fixture
def copy(client, org, builtin):
    client.force_login(org.coordinator)
    response = client.post(reverse("questionnaire_copy", args=[builtin.pk]))
    assert response.status_code == 302
    return Questionnaire.objects.get(is_builtin=False)


def _edit(client, questionnaire, **changes):
    return client.post(
        reverse("questionnaire_edit", args=[questionnaire.pk]), _post(questionnaire, **changes)
    )


def _retitle_first(text):
    def change(rows):
        rows[0]["text"] = text
        return rows

    return change


def test_a_builtin_questionnaire_is_read_only_and_copied_first(client, org, builtin):
    client.force_login(org.coordinator)
    page = client.get(reverse("questionnaire_edit", args=[builtin.pk])).content.decode()
    assert "chỉ xem được" in page and "<fieldset disabled>" in page
    # an edit sent anyway is refused and changes nothing
    response = _edit(client, builtin, questions=_retitle_first("Câu đã sửa"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "là phiếu dựng sẵn" in page[page.index("Chưa lưu được") :]
    assert builtin.questions.order_by("position").first().text != "Câu đã sửa"
    # the copy holds every criterion and question, and is not built-in
    response = client.post(reverse("questionnaire_copy", args=[builtin.pk]))
    copy = Questionnaire.objects.get(is_builtin=False)
    assert response.url == reverse("questionnaire_edit", args=[copy.pk])
    assert copy.questions.count() == builtin.questions.count()
    assert list(copy.criteria.values_list("code", flat=True)) == list(
        builtin.criteria.values_list("code", flat=True)
    )


def test_an_unanswered_copy_is_edited_in_place_with_history(client, org, copy):
    # given
    def add_criterion(rows):
        return [*rows, {"code": "TC9", "name": "Cơ sở vật chất"}]

    def add_question(rows):
        return [
            *_retitle_first("Ông/bà hài lòng thế nào với thái độ của công chức?")(rows),
            {
                "code": "9",
                "text": "Nơi chờ có đủ ghế ngồi không?",
                "kind": "yes_no",
                "criterion": "TC9",
                "polarity": "yes_good",
            },
        ]

    # when
    response = _edit(
        client, copy, head={"title": "Phiếu của huyện"}, criteria=add_criterion, questions=add_question
    )

    # then the same questionnaire now reads the new wording, with the new criterion and question
    assert response.status_code == 302
    assert response.url == reverse("questionnaire_edit", args=[copy.pk])
    copy.refresh_from_db()
    assert copy.title == "Phiếu của huyện" and copy.version == 1
    first = copy.questions.order_by("position").first()
    assert first.text == "Ông/bà hài lòng thế nào với thái độ của công chức?"
    added = copy.questions.get(code="9")
    assert (added.kind, added.criterion.name, added.polarity) == ("yes_no", "Cơ sở vật chất", "yes_good")
    assert first.history.count() == 2  # created by the copy, changed by the edit


def test_an_edit_after_answers_makes_a_new_version_and_keeps_the_answered_one(client, org, copy, draft_plan):
    # given a campaign answering the copy
    campaign = campaign_create(
        plan=draft_plan,
        questionnaire=copy,
        title="Khảo sát 2022",
        frequency="quarterly",
        period_start=at(2022, 1, 1).date(),
        period_end=at(2022, 12, 31).date(),
        units=[org.office_a],
        design=Campaign.Design.THRESHOLD,
        services=[("KS", "Cấp Giấy khai sinh")],
        target_percent=80,
    )
    from surveys.services import response_submit

    response_submit(
        campaign=campaign, unit=org.office_a, channel="paper", answers={"1": 1}, submitted_at=at(2022, 2, 10)
    )
    answered = copy.questions.get(code="1")
    old_text = answered.text

    # when the operator rewords question 1
    response = _edit(client, copy, questions=_retitle_first("Câu hỏi đã sửa lại"))

    # then a version 2 holds the new wording, and version 1 and its answers are untouched
    new = Questionnaire.objects.get(code=copy.code, version=2)
    assert response.url == reverse("questionnaire_edit", args=[new.pk])
    assert new.questions.order_by("position").first().text == "Câu hỏi đã sửa lại"
    assert Question.objects.get(pk=answered.pk).text == old_text
    assert Answer.objects.get().question_id == answered.pk
    assert copy.questions.count() == new.questions.count()
    assert Campaign.objects.get(pk=campaign.pk).questionnaire_id == copy.pk
    # and the page said so
    page = client.get(response.url).content.decode()
    assert "phiên bản 2" in page


def test_a_question_naming_a_missing_criterion_is_refused_and_nothing_changes(client, org, copy):
    def wrong(rows):
        rows[0]["criterion"] = "KHONGCO"
        rows[0]["text"] = "Sửa mà sai"
        return rows

    response = _edit(client, copy, questions=wrong)
    assert response.status_code == 400
    assert "chưa có tiêu chí mã «KHONGCO»" in response.content.decode()
    assert not copy.questions.filter(text="Sửa mà sai").exists()


def test_a_scale_question_without_levels_is_refused(client, org, copy):
    def no_levels(rows):
        scale = next(r for r in rows if r["kind"] == "scale")
        scale["labels"] = ""
        return rows

    response = _edit(client, copy, questions=no_levels)
    assert response.status_code == 400
    assert "cần từ 2 đến 7 mức trả lời" in response.content.decode()


def test_units_and_other_provinces_cannot_edit(client, org, copy, draft_plan):
    # a campaign of this district uses the copy: another province's coordinator may not change it
    campaign_create(
        plan=draft_plan,
        questionnaire=copy,
        title="Khảo sát 2022",
        frequency="quarterly",
        period_start=at(2022, 1, 1).date(),
        period_end=at(2022, 12, 31).date(),
        units=[org.office_a],
        design=Campaign.Design.THRESHOLD,
        services=[("KS", "Cấp Giấy khai sinh")],
        target_percent=80,
    )
    for user in (org.officer_a, org.viewer, org.other_coordinator):
        client.force_login(user)
        assert _edit(client, copy, head={"title": "Đổi tên"}).status_code == 403, user
    client.force_login(org.officer_a)
    assert client.get(reverse("questionnaire_list")).status_code == 403
    assert Questionnaire.objects.get(pk=copy.pk).title != "Đổi tên"
