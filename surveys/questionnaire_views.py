"""The survey operator's questionnaire screens: the list, a read-only built-in, a copy to edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.errors import ApplicationError, denied_as_403

from . import questionnaires as service
from .forms import CriterionFormSet, QuestionFormSet, QuestionnaireHeadForm, questionnaire_initial

MSG_SAVED = "Đã lưu phiếu «{title}»."
MSG_NEW_VERSION = (
    "Phiếu đã có người trả lời: thay đổi được lưu thành phiên bản {version}; phiên bản đã trả lời giữ nguyên."
)
MSG_COPIED = "Đã sao chép phiếu; sửa bản sao ở đây."
MSG_FORM = "Phiếu chưa lưu được, xem các ô được đánh dấu."


@login_required
@denied_as_403
def questionnaire_list(request):
    questionnaires = service.questionnaire_list_for_user(request.user)
    page = Paginator(questionnaires, 50).get_page(request.GET.get("page"))
    return render(request, "surveys/questionnaire_list.html", {"page": page})


def _forms(request, questionnaire):
    if request.method == "POST":
        # Bound to what was sent only: every filled row is a row, unchanged or not.
        data = request.POST
        return (
            QuestionnaireHeadForm(data),
            CriterionFormSet(data, prefix="c"),
            QuestionFormSet(data, prefix="q"),
        )
    head, criteria, questions = questionnaire_initial(questionnaire)
    return (
        QuestionnaireHeadForm(initial=head),
        CriterionFormSet(initial=criteria, prefix="c"),
        QuestionFormSet(initial=questions, prefix="q"),
    )


def _kept(formset):
    """The filled rows not marked for removal (an untouched blank row is no row)."""
    return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


@login_required
@denied_as_403
def questionnaire_edit(request, questionnaire_id: int):
    questionnaire = service.access_questionnaire_by_id(request.user, questionnaire_id)
    head, criteria, questions = _forms(request, questionnaire)
    status, problems = 200, []
    if request.method == "POST":
        if head.is_valid() and criteria.is_valid() and questions.is_valid():
            try:
                saved = service.questionnaire_edit(
                    questionnaire=questionnaire,
                    actor=request.user,
                    title=head.cleaned_data["title"],
                    intro=head.cleaned_data["intro"],
                    criteria=[service.CriterionRow(**f.cleaned_data_row()) for f in _kept(criteria)],
                    questions=[f.row() for f in _kept(questions)],
                )
            except ApplicationError as error:
                problems = error.problems or [error.message]
            else:
                if saved.pk != questionnaire.pk:
                    messages.success(request, MSG_NEW_VERSION.format(version=saved.version))
                else:
                    messages.success(request, MSG_SAVED.format(title=saved.title))
                return redirect("questionnaire_edit", questionnaire_id=saved.pk)
        else:
            problems = [MSG_FORM]
        status = 400
    context = {
        "questionnaire": questionnaire,
        "head": head,
        "criteria": criteria,
        "questions": questions,
        "problems": problems,
        "read_only": questionnaire.is_builtin,
        "answered": service.questionnaire_is_answered(questionnaire),
    }
    return render(request, "surveys/questionnaire_edit.html", context, status=status)


@login_required
@require_POST
@denied_as_403
def questionnaire_copy(request, questionnaire_id: int):
    questionnaire = service.access_questionnaire_by_id(request.user, questionnaire_id)
    copy = service.questionnaire_copy_for_edit(questionnaire=questionnaire, actor=request.user)
    messages.success(request, MSG_COPIED)
    return redirect("questionnaire_edit", questionnaire_id=copy.pk)
