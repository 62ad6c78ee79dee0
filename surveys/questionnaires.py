"""Editing a questionnaire on a screen: its title, criteria and questions.

Built-in questionnaires are read-only: the operator copies one first. A questionnaire nobody has
answered is changed in place (each row keeps its edit history). Once answers exist, an edit makes
the next version (same code, version + 1) with the changes, and the answered version stays exactly
as it was answered: answers point at their questions, and the index groups by their criteria.
Campaigns already collecting keep the version they started with; the wizard offers the new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.http import Http404

from core.errors import AccessDenied, ApplicationError

from .models import Answer, Campaign, Choice, Criterion, Question, Questionnaire
from .selectors import survey_access
from .services import questionnaire_copy

MSG_BUILTIN = "Phiếu «{title}» là phiếu dựng sẵn, chỉ xem được; hãy sao chép rồi sửa bản sao."
MSG_NOT_OPERATOR = "Chỉ người lập đợt khảo sát (Nội vụ, khảo sát viên) mới sửa phiếu."
MSG_USED_ELSEWHERE = "Phiếu đang dùng cho đợt khảo sát của đơn vị khác; bạn không sửa được."
MSG_CRITERION_UNKNOWN = "Câu {code}: chưa có tiêu chí mã «{criterion}» trong phiếu."
MSG_SCALE_LABELS = "Câu {code}: câu thang mức cần từ 2 đến 7 mức trả lời, mỗi dòng một mức, tốt nhất trước."
MSG_POLARITY = "Câu {code}: câu Có/Không cần chọn chiều («Có» là tốt hay không tốt)."
MSG_CHOICES = "Câu {code}: câu chọn một hoặc chọn nhiều cần ít nhất 2 lựa chọn."
MSG_DUPLICATE = "Mã «{code}» dùng hai lần trong {what}."
MSG_NO_QUESTION = "Phiếu cần ít nhất một câu hỏi."
MSG_ALERT_LEVEL = "Câu {code}: mức cảnh báo phải nằm trong số mức trả lời (1 đến {levels})."


@dataclass
class CriterionRow:
    code: str
    name: str
    id: int | None = None


@dataclass
class QuestionRow:
    code: str
    text: str
    kind: str
    criterion: str = ""  # the criterion's code; empty for an unscored question
    labels: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    polarity: str = ""
    is_general: bool = False
    required: bool = False
    alert_from_level: int | None = None
    id: int | None = None


def is_operator(user) -> bool:
    sa = survey_access(user)
    return sa.access.is_superuser or bool(sa.access.coordinated or sa.surveyed)


def questionnaire_list_for_user(user):
    """Built-in questionnaires and the copies the user may open: every version, newest first."""
    if not is_operator(user):
        raise AccessDenied(MSG_NOT_OPERATOR)
    return Questionnaire.objects.order_by("-is_builtin", "title", "code", "-version")


def questionnaire_check_edit(*, questionnaire: Questionnaire, actor) -> None:
    """An operator edits a copy unless a campaign of another unit's plan uses one of its versions."""
    if not is_operator(actor):
        raise AccessDenied(MSG_NOT_OPERATOR)
    if questionnaire.is_builtin:
        raise ApplicationError(MSG_BUILTIN.format(title=questionnaire.title))
    sa = survey_access(actor)
    campaigns = Campaign.objects.filter(questionnaire__code=questionnaire.code).select_related("plan")
    if any(not sa.can_manage(campaign) for campaign in campaigns):
        raise AccessDenied(MSG_USED_ELSEWHERE)


def access_questionnaire_by_id(user, questionnaire_id: int) -> Questionnaire:
    if not is_operator(user):
        raise AccessDenied(MSG_NOT_OPERATOR)
    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).first()
    if questionnaire is None:
        raise Http404
    return questionnaire


def questionnaire_is_answered(questionnaire: Questionnaire) -> bool:
    return Answer.objects.filter(question__questionnaire=questionnaire).exists()


def questionnaire_copy_for_edit(*, questionnaire: Questionnaire, actor) -> Questionnaire:
    """A built-in (or any) questionnaire copied with its criteria and questions, ready to edit."""
    if not is_operator(actor):
        raise AccessDenied(MSG_NOT_OPERATOR)
    with transaction.atomic():
        return questionnaire_copy(questionnaire=questionnaire, title=f"{questionnaire.title} (bản sao)")


def _check_rows(criteria: list[CriterionRow], questions: list[QuestionRow]) -> list[str]:
    problems = []
    for what, codes in (
        ("các tiêu chí", [c.code for c in criteria]),
        ("các câu hỏi", [q.code for q in questions]),
    ):
        problems += [
            MSG_DUPLICATE.format(code=c, what=what) for c in sorted({c for c in codes if codes.count(c) > 1})
        ]
    known = {c.code for c in criteria}
    if not questions:
        problems.append(MSG_NO_QUESTION)
    for q in questions:
        if q.criterion and q.criterion not in known:
            problems.append(MSG_CRITERION_UNKNOWN.format(code=q.code, criterion=q.criterion))
        if q.kind == Question.Kind.SCALE and not 2 <= len(q.labels) <= 7:
            problems.append(MSG_SCALE_LABELS.format(code=q.code))
        if q.kind == Question.Kind.YES_NO and not q.polarity:
            problems.append(MSG_POLARITY.format(code=q.code))
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(q.choices) < 2:
            problems.append(MSG_CHOICES.format(code=q.code))
        levels = len(q.labels) if q.kind == Question.Kind.SCALE else 2
        if q.alert_from_level is not None and not 1 <= q.alert_from_level <= levels:
            problems.append(MSG_ALERT_LEVEL.format(code=q.code, levels=levels))
    return problems


def questionnaire_edit(
    *,
    questionnaire: Questionnaire,
    actor,
    title: str,
    intro: str,
    criteria: list[CriterionRow],
    questions: list[QuestionRow],
) -> Questionnaire:
    """Save the edited questionnaire: in place while unanswered, as the next version once answered.

    All or nothing: a row that does not hold is named in the error and nothing is written.
    Returns the questionnaire that now holds the edit (the same one, or the new version).
    """
    problems = _check_rows(criteria, questions)
    if problems:
        raise ApplicationError(problems[0], problems=problems)
    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        questionnaire_check_edit(questionnaire=locked, actor=actor)
        if questionnaire_is_answered(locked):
            target = _next_version(locked, title=title, intro=intro)
            _write_rows(target, criteria, questions, keep_ids=False)
        else:
            target = locked
            target.title, target.intro = title.strip(), intro.strip()
            target.save(update_fields=["title", "intro"])
            _write_rows(target, criteria, questions, keep_ids=True)
    return target


def _next_version(answered: Questionnaire, *, title: str, intro: str) -> Questionnaire:
    latest = Questionnaire.objects.filter(code=answered.code).aggregate(v=Max("version"))["v"]
    return Questionnaire.objects.create(
        code=answered.code,
        version=latest + 1,
        title=title.strip(),
        intro=intro.strip(),
        source=answered.source,
    )


def _write_rows(target: Questionnaire, criteria, questions, *, keep_ids: bool) -> None:
    """Update rows by id (in place) or create them all (a new version); drop what the edit removed."""
    existing_c = {c.pk: c for c in target.criteria.all()} if keep_ids else {}
    existing_q = {q.pk: q for q in target.questions.all()} if keep_ids else {}
    kept_q = {row.id for row in questions if row.id in existing_q}
    # Questions go first: a criterion still named by a question is protected from deletion.
    for pk, question in existing_q.items():
        if pk not in kept_q:
            question.delete()
    by_code = {}
    kept_c = set()
    for position, row in enumerate(criteria):
        criterion = existing_c.get(row.id) or Criterion(questionnaire=target)
        criterion.position, criterion.code, criterion.name = position, row.code.strip(), row.name.strip()
        criterion.save()
        kept_c.add(criterion.pk)
        by_code[criterion.code] = criterion
    for position, row in enumerate(questions):
        question = existing_q.get(row.id) or Question(questionnaire=target)
        question.position = position
        question.code, question.text, question.kind = row.code.strip(), row.text.strip(), row.kind
        question.labels = list(row.labels) if row.kind == Question.Kind.SCALE else []
        question.polarity = row.polarity if row.kind == Question.Kind.YES_NO else ""
        question.criterion = by_code.get(row.criterion)
        question.is_general, question.required = row.is_general, row.required
        question.alert_from_level = row.alert_from_level
        question.save()
        _write_choices(question, row.choices)
    for pk, criterion in existing_c.items():
        if pk not in kept_c:
            criterion.delete()


def _write_choices(question: Question, texts: tuple[str, ...]) -> None:
    current = list(question.choices.all())
    if [c.text for c in current] == list(texts):
        return
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=i, code=str(i + 1), text=text) for i, text in enumerate(texts)
    )
