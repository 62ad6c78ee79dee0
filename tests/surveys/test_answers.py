"""Answer parsing: scales, yes/no polarity, choices."""

import pytest

from core.errors import ApplicationError
from surveys.builtin import BINH_PHUOC, questionnaire_install_builtin
from surveys.models import Alert, Answer, Question
from surveys.services import answers_parse


@pytest.fixture
def binh_phuoc(campaign):
    campaign.questionnaire = questionnaire_install_builtin(code="binh-phuoc-2023")
    campaign.save(update_fields=["questionnaire"])
    return campaign


def _questions(campaign):
    return list(campaign.questionnaire.questions.prefetch_related("choices"))


def test_yes_to_an_extra_fee_is_negative(binh_phuoc):
    """ "Có" to "did you pay an extra fee?" is the bad answer (level 2, not positive)."""
    parsed = answers_parse(campaign=binh_phuoc, questions=_questions(binh_phuoc), raw={"3.8": "Có"})
    (answer,) = parsed.answers
    assert (answer.level, answer.is_positive) == (2, False)
    assert parsed.reasons and "phí" in parsed.reasons[0]


def test_no_extra_fee_is_positive(binh_phuoc):
    parsed = answers_parse(campaign=binh_phuoc, questions=_questions(binh_phuoc), raw={"3.8": "không"})
    (answer,) = parsed.answers
    assert (answer.level, answer.is_positive, parsed.reasons) == (1, True, [])


def test_yes_good_polarity(campaign):
    """A "Có là tốt" question keeps "Có" positive."""
    questionnaire = questionnaire_install_builtin(code="sipas")
    campaign.questionnaire = questionnaire
    question = Question.objects.get(questionnaire=questionnaire, code="VI.1")
    assert question.polarity == Question.Polarity.YES_GOOD
    parsed = answers_parse(campaign=campaign, questions=[question], raw={"VI.1": "Có"})
    assert parsed.answers[0].is_positive is True


def test_scale_accepts_level_numbers_and_labels(binh_phuoc):
    parsed = answers_parse(
        campaign=binh_phuoc,
        questions=_questions(binh_phuoc),
        raw={"3.2": 2, "3.4": "Rất rườm rà", "3.5": "3", "3.1": "1;4", "4": "Tốt"},
    )
    levels = {a.question.code: (a.level, a.is_positive) for a in parsed.answers if a.level}
    assert levels == {"3.2": (2, True), "3.4": (5, False), "3.5": (3, False)}
    assert next(a for a in parsed.answers if a.question.code == "3.1").choices == ["1", "4"]
    assert parsed.errors == []


def test_bad_values_are_reported_in_vietnamese(binh_phuoc):
    parsed = answers_parse(
        campaign=binh_phuoc, questions=_questions(binh_phuoc), raw={"3.2": 9, "3.1": "7", "9.9": 1}
    )
    assert "Không có câu hỏi 9.9 trong phiếu." in parsed.errors
    assert any("Câu 3.2" in e for e in parsed.errors)
    assert any("Câu 3.1: lựa chọn “7”" in e for e in parsed.errors)


def test_submit_with_errors_changes_nothing(binh_phuoc, submit):
    with pytest.raises(ApplicationError):
        submit({"3.2": 1, "3.3": 12})
    assert Answer.objects.count() == 0
    assert Alert.objects.count() == 0


@pytest.mark.django_db
def test_binh_phuoc_form_has_every_question_in_its_wording():
    """All thirteen items of the Phụ lục, 3.1–3.10 with their own scale labels."""
    questionnaire = questionnaire_install_builtin(code="binh-phuoc-2023")
    codes = list(questionnaire.questions.values_list("code", flat=True))
    assert codes == [q["code"] for q in BINH_PHUOC["questions"]]
    assert codes == ["1", "2", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10", "4"]
    by_code = {q.code: q for q in questionnaire.questions.all()}
    assert by_code["3.4"].labels == ["Rất gọn", "Gọn", "Trung bình", "Rườm rà", "Rất rườm rà"]
    assert by_code["3.5"].labels[0] == "Rất nhanh"
    assert by_code["3.9"].labels == ["Trước hẹn", "Đúng hẹn", "Trễ hẹn"]
    assert by_code["3.8"].text == "Ông (bà) có trả thêm khoản phí nào khác ngoài quy định hay không?"
    assert by_code["3.1"].choices.count() == 5
    assert questionnaire_install_builtin(code="binh-phuoc-2023") == questionnaire  # idempotent


@pytest.mark.django_db
def test_sipas_criteria_are_the_cam_lam_sections():
    questionnaire = questionnaire_install_builtin(code="sipas")
    assert list(questionnaire.criteria.values_list("name", flat=True)) == [
        "Tiếp cận dịch vụ",
        "Điều kiện tiếp đón và phục vụ",
        "Thủ tục hành chính",
        "Sự phục vụ của công chức",
        "Kết quả, tiến độ giải quyết",
        "Tiếp nhận và xử lý phản hồi",
    ]
