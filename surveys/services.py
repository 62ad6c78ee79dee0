"""Writes: responses (with their answers and alerts), alert handling, API tokens, campaigns."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import AccessDenied, ApplicationError, Conflict, unique_or_conflict
from core.history import bulk_create_with_history
from core.notification_kinds import notification_kind
from core.notifications import notification_add
from core.text import fold_phrase
from units.models import Membership, Unit

from .bulk import insert_many, insert_returning
from .models import (
    Alert,
    Answer,
    Campaign,
    CampaignUnit,
    Channel,
    Choice,
    Criterion,
    IndexTally,
    Question,
    Questionnaire,
    RespondentContact,
    RespondentType,
    Response,
    Service,
    TransactionCount,
)
from .selectors import survey_access
from .summaries import SummaryCounts, summaries_add

logger = logging.getLogger(__name__)

UNIT_NOT_IN_SCOPE = "Đơn vị “{unit}” không thuộc phạm vi đợt khảo sát."
SERVICE_NOT_IN_CAMPAIGN = "Dịch vụ không thuộc đợt khảo sát này."
DATE_OUTSIDE_PERIOD = "Ngày {date} nằm ngoài thời gian khảo sát ({start} – {end})."
LEVEL_OUT_OF_RANGE = "Câu {code}: giá trị “{value}” không phải là một mức trả lời hợp lệ."
CHOICE_UNKNOWN = "Câu {code}: lựa chọn “{value}” không có trong phiếu."
QUESTION_UNKNOWN = "Không có câu hỏi {code} trong phiếu."
REQUIRED_MISSING = "Câu {code} bắt buộc phải trả lời."
NO_ANSWER = "Phiếu chưa có câu trả lời nào."
RESPONDENT_TYPE_UNKNOWN = "Đối tượng “{value}” không hợp lệ."
ALERT_ALREADY_HANDLED = "Cảnh báo này đã được xử lý."
ALERT_NOTE_REQUIRED = "Vui lòng ghi kết quả xử lý."
ALERT_FORBIDDEN = "Bạn không có quyền xử lý cảnh báo này."
ALERT_CONFLICT = "Cảnh báo này vừa được {who} xử lý trước bạn (“{note}”); kết quả của bạn chưa được ghi."
DUPLICATE_EXTERNAL_ID = "Mã phiếu “{value}” đã có trong đợt khảo sát."
DUPLICATE_IN_BATCH = "mã phiếu “{value}” bị lặp trong {batch}"
DUPLICATE_CONCURRENT = "Phiếu này vừa được gửi và đã lưu; không lưu lần nữa."
BATCH_SENT = "cùng lần gửi"
BATCH_FILE = "tệp"
BATCH_INVALID = "Có {count} phiếu không hợp lệ; chưa lưu phiếu nào."
EXTERNAL_ID_MAX = 80
EXTERNAL_ID_TOO_LONG = "Mã phiếu dài {length} ký tự, quá {max} ký tự cho phép."
CHANNEL_UNKNOWN = "Hình thức “{value}” không hợp lệ."
ALERT_KIND = "survey_alert"
ALERT_LINES_MAX = 20
ALERT_UNIT_LINE = "{unit}: {count} ý kiến không hài lòng"


# Alerts reach people as every other notice does: the bell, their e-mail preference, the
# channels, one digest a day.
notification_kind(
    ALERT_KIND,
    _("Cảnh báo ý kiến không hài lòng"),
    title="Cảnh báo khảo sát ngày {day}: {count} ý kiến không hài lòng cần xử lý",
)

RESPONDENT_TYPES = frozenset(RespondentType.values)
CHANNELS = frozenset(Channel.values)
YES = {"co", "yes", "true", "1", "x"}
NO = {"khong", "no", "false", "0"}


@dataclass(slots=True)
class ParsedAnswer:
    """One answer as the service will store it (plain attributes: an import makes millions)."""

    question: Question
    question_id: int
    criterion_id: int | None
    level: int | None = None
    choices: list[str] = field(default_factory=list)
    text: str = ""
    is_valid: bool = True
    is_positive: bool = False


@dataclass
class Parsed:
    answers: list[ParsedAnswer]
    errors: list[str]
    reasons: list[str]


def _label_levels(question: Question) -> dict[str, int]:
    """Folded label → level, computed once per question object."""
    found = getattr(question, "_label_levels", None)
    if found is None:
        found = {fold_phrase(label): i + 1 for i, label in reversed(list(enumerate(question.level_labels)))}
        question._label_levels = found
    return found


def _labels(question: Question) -> list[str]:
    """``level_labels``, computed once per question object (an import asks for each answer)."""
    found = getattr(question, "_level_labels", None)
    if found is None:
        found = question._level_labels = question.level_labels
    return found


def _choice_codes(question: Question) -> dict[str, str]:
    found = getattr(question, "_choice_codes", None)
    if found is None:
        choices = list(question.choices.all())
        found = {c.code: c.code for c in choices} | {fold_phrase(c.text): c.code for c in choices}
        question._choice_codes = found
    return found


_NOT_A_LEVEL = -1


def _level(question: Question, value) -> int | None:
    """The level (1 = best) of a raw scale or yes/no value: a number, a label or Có/Không.

    Remembered per question object: a file gives the same few labels thousands of times.
    """
    seen = getattr(question, "_levels_seen", None)
    if seen is None:
        seen = question._levels_seen = {}
    try:
        key = (value.__class__, value)  # True and 1 are equal keys, not equal answers
        found = seen.get(key)
    except TypeError:  # a list or other unhashable value: not remembered
        return _level_of(question, value)
    if found is None:
        try:
            found = _level_of(question, value)
        except (ValueError, TypeError):
            found = _NOT_A_LEVEL
        if len(seen) < 1000:
            seen[key] = found
    if found == _NOT_A_LEVEL:
        raise ValueError(value)
    return found


def _level_of(question: Question, value) -> int | None:
    labels = _labels(question)
    if question.kind == Question.Kind.YES_NO and not isinstance(value, int):
        folded = fold_phrase(value)
        if folded in YES or folded in NO:
            said_yes = folded in YES
            good_is_yes = question.polarity != Question.Polarity.YES_BAD
            return 1 if said_yes == good_is_yes else 2
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        level = int(value)
        if 1 <= level <= len(labels):
            return level
        raise ValueError
    level = _label_levels(question).get(fold_phrase(value))
    if level is None:
        raise ValueError
    return level


def answers_parse(*, campaign: Campaign, questions: Iterable[Question], raw: Mapping[str, object]) -> Parsed:
    """Turn ``{question code: raw value}`` into unsaved answers, errors and alert reasons.

    Empty values are skipped. Levels count from 1 (best); a yes/no answer is stored
    with the good answer as level 1, so "Có" to "an extra fee?" is level 2.
    """
    by_code = {q.code: q for q in questions}
    answers, errors, reasons = [], [], []
    errors.extend(QUESTION_UNKNOWN.format(code=code) for code in raw if code not in by_code)
    for code, question in by_code.items():
        value = raw.get(code)
        if value is None or value == "" or value == []:
            if question.required:
                errors.append(REQUIRED_MISSING.format(code=code))
            continue
        answer = ParsedAnswer(question=question, question_id=question.pk, criterion_id=question.criterion_id)
        if question.kind in Question.SCORED_KINDS:
            try:
                answer.level = _level(question, value)
            except (ValueError, TypeError):
                errors.append(LEVEL_OUT_OF_RANGE.format(code=code, value=value))
                continue
            top = 1 if question.kind == Question.Kind.YES_NO else campaign.positive_levels
            answer.is_positive = answer.level <= top
            if question.alert_from_level and answer.level >= question.alert_from_level:
                reasons.append(
                    f"{question.code}. {question.text[:90]}: {_labels(question)[answer.level - 1]}"
                )
        elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            values = value if isinstance(value, list | tuple) else str(value).replace(",", ";").split(";")
            known = _choice_codes(question)
            codes = []
            for item in (str(v).strip() for v in values):
                if not item:
                    continue
                code_found = known.get(item) or known.get(fold_phrase(item))
                if code_found is None:
                    errors.append(CHOICE_UNKNOWN.format(code=code, value=item))
                else:
                    codes.append(code_found)
            if question.kind == Question.Kind.SINGLE:
                codes = codes[:1]
            answer.choices = codes
        else:
            answer.text = str(value).strip()[:4000]
        answers.append(answer)
    return Parsed(answers=answers, errors=errors, reasons=reasons)


def campaign_questions(campaign: Campaign) -> list[Question]:
    return list(campaign.questionnaire.questions.prefetch_related("choices").order_by("position", "id"))


@dataclass
class Draft:
    """One questionnaire as it arrived, by any channel, before it is checked and stored."""

    unit: Unit
    submitted_at: dt.datetime
    channel: str
    answers: Mapping[str, object]
    service: Service | None = None
    respondent_type: str = ""
    external_id: str | None = None
    contact: Mapping[str, str] | None = None
    parsed: Parsed | None = field(default=None, repr=False)


class Frame:
    """What checking a questionnaire needs from its campaign, loaded once per batch or import."""

    def __init__(self, campaign: Campaign, *, questions: list[Question] | None = None, batch: str = ""):
        self.campaign = campaign
        self.questions = questions if questions is not None else campaign_questions(campaign)
        self.scope = set(CampaignUnit.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
        self.batch = batch or BATCH_SENT
        self.seen: set[str] = set()  # external ids met earlier in this batch or file
        # A file's summary counts, kept to its end (``responses_finish``); None: each batch writes its own.
        self.summaries: SummaryCounts | None = None


def response_frame(campaign: Campaign, *, questions=None, batch: str = "") -> Frame:
    return Frame(campaign, questions=questions, batch=batch)


def response_validate(
    *,
    campaign: Campaign,
    unit: Unit,
    service: Service | None,
    submitted_at: dt.datetime,
    respondent_type: str,
    scope: set[int] | None = None,
    channel: str | None = None,
) -> list[str]:
    """The rules on a questionnaire's envelope (unit, service, date, respondent, channel)."""
    errors = []
    in_scope = (
        unit.pk in scope
        if scope is not None
        else CampaignUnit.objects.filter(campaign=campaign, unit=unit).exists()
    )
    if not in_scope:
        errors.append(UNIT_NOT_IN_SCOPE.format(unit=unit))
    if service is not None and service.campaign_id != campaign.pk:
        errors.append(SERVICE_NOT_IN_CAMPAIGN)
    day = timezone.localtime(submitted_at).date() if timezone.is_aware(submitted_at) else submitted_at.date()
    if not campaign.period_start <= day <= campaign.period_end:
        errors.append(
            DATE_OUTSIDE_PERIOD.format(
                date=f"{day:%d/%m/%Y}",
                start=f"{campaign.period_start:%d/%m/%Y}",
                end=f"{campaign.period_end:%d/%m/%Y}",
            )
        )
    if respondent_type and respondent_type not in RESPONDENT_TYPES:
        errors.append(RESPONDENT_TYPE_UNKNOWN.format(value=respondent_type))
    if channel is not None and channel not in CHANNELS:
        errors.append(CHANNEL_UNKNOWN.format(value=channel))
    return errors


def _external_id_errors(frame: Frame, external_id: str | None, known: set[str]) -> list[str]:
    if not external_id:
        return []
    if len(external_id) > EXTERNAL_ID_MAX:
        return [EXTERNAL_ID_TOO_LONG.format(max=EXTERNAL_ID_MAX, length=len(external_id))]
    if external_id in frame.seen:
        return [DUPLICATE_IN_BATCH.format(value=external_id, batch=frame.batch)]
    frame.seen.add(external_id)
    if external_id in known:
        return [DUPLICATE_EXTERNAL_ID.format(value=external_id)]
    return []


def responses_check(*, frame: Frame, drafts: list[Draft]) -> list[list[str]]:
    """Every rule a questionnaire must meet, for each draft (an empty list when it may be stored).

    Each draft keeps its parsed answers, so storing does not parse again.
    """
    campaign = frame.campaign
    ids = [d.external_id for d in drafts if d.external_id and len(d.external_id) <= EXTERNAL_ID_MAX]
    known = (
        set(
            Response.objects.filter(campaign=campaign, external_id__in=ids).values_list(
                "external_id", flat=True
            )
        )
        if ids
        else set()
    )
    out = []
    for draft in drafts:
        draft.parsed = parsed = answers_parse(campaign=campaign, questions=frame.questions, raw=draft.answers)
        errors = response_validate(
            campaign=campaign,
            unit=draft.unit,
            service=draft.service,
            submitted_at=draft.submitted_at,
            respondent_type=draft.respondent_type,
            scope=frame.scope,
            channel=draft.channel,
        )
        errors += _external_id_errors(frame, draft.external_id, known)
        errors += parsed.errors
        if not parsed.answers and not parsed.errors:
            errors.append(NO_ANSWER)
        out.append(errors)
    return out


class ResponsesInvalid(ApplicationError):
    """Some questionnaires of a batch break a rule; ``by_index`` names each one's problems."""

    def __init__(self, by_index: dict[int, list[str]]):
        first = next(iter(by_index.values()))
        if len(by_index) == 1:
            super().__init__(first[0], problems=first)
        else:
            super().__init__(
                BATCH_INVALID.format(count=len(by_index)),
                problems=[f"{i}: {e}" for i, errors in by_index.items() for e in errors],
            )
        self.by_index = by_index


class DuplicateSubmission(Conflict):
    """Another request stored the same external id first (a race the check cannot see)."""


def responses_store(
    *,
    campaign: Campaign,
    drafts: list[Draft],
    entered_by=None,
    frame: Frame | None = None,
    notify: bool = True,
) -> list[Stored]:
    """Check and store questionnaires all together or not at all: the one write path of every channel.

    Raises ``ResponsesInvalid`` naming each bad draft, or ``DuplicateSubmission`` when a
    concurrent request stored one of the external ids first.
    """
    frame = frame or response_frame(campaign)
    errors = responses_check(frame=frame, drafts=drafts)
    bad = {i: e for i, e in enumerate(errors) if e}
    if bad:
        raise ResponsesInvalid(bad)
    return responses_write(frame=frame, drafts=drafts, entered_by=entered_by, notify=notify)


def responses_write(*, frame: Frame, drafts: list[Draft], entered_by=None, notify: bool = True):
    """Write drafts that ``responses_check`` passed: a few bulk inserts and the summaries' deltas."""
    campaign = frame.campaign
    try:
        with transaction.atomic():
            responses = _responses_insert(campaign, drafts, entered_by)
            alert_ids = _answers_insert(campaign, drafts, responses)
            answers_of = (d.parsed.answers for d in drafts)
            if frame.summaries is not None:
                frame.summaries.add(responses, answers_of)
            else:
                summaries_add(campaign=campaign, responses=responses, answers_of=answers_of)
    except IntegrityError as error:
        if "external_id" in str(error) or "response_external_id_unique" in str(error):
            raise DuplicateSubmission(DUPLICATE_CONCURRENT) from error
        raise
    if notify and alert_ids:
        transaction.on_commit(lambda: alerts_notify(alert_ids=alert_ids))
    return responses


def responses_frame_for_file(campaign: Campaign, *, questions=None) -> Frame:
    """A frame for one file's chunks: their summary counts wait for ``responses_finish``."""
    frame = Frame(campaign, questions=questions, batch=BATCH_FILE)
    frame.summaries = SummaryCounts(campaign)
    return frame


def responses_finish(frame: Frame) -> None:
    """Write the summary counts a file's chunks kept: call it in the import's transaction."""
    if frame.summaries is not None:
        frame.summaries.write()


RESPONSE_COLUMNS = (
    "campaign",
    "unit",
    "service",
    "channel",
    "respondent_type",
    "submitted_at",
    "year",
    "quarter",
    "month",
    "external_id",
    "entered_by",
    "has_negative",
    "created_at",
)
ANSWER_COLUMNS = (
    "response",
    "question",
    "campaign",
    "unit",
    "criterion",
    "year",
    "quarter",
    "month",
    "level",
    "choices",
    "text",
    "is_valid",
    "is_positive",
)

ALERT_COLUMNS = ("response", "campaign", "unit", "reasons", "state", "created_at", "note", "version")


@dataclass(slots=True)
class Stored:
    """What the write path knows of a response it stored (light: an import stores a hundred thousand)."""

    pk: int
    unit_id: int
    service_id: int | None
    year: int
    quarter: int
    month: int
    submitted_at: dt.datetime
    channel: str


def _responses_insert(campaign: Campaign, drafts: list[Draft], entered_by) -> list[Stored]:
    """One INSERT per few thousand drafts, which gives them their ids."""
    now = timezone.now()
    rows, periods = [], []
    entered_by_id = entered_by.pk if entered_by is not None else None
    for draft in drafts:
        moment = draft.submitted_at
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        year, month = local.year, local.month
        quarter = (month - 1) // 3 + 1
        periods.append((year, quarter, month))
        rows.append(
            (
                campaign.pk,
                draft.unit.pk,
                draft.service.pk if draft.service else None,
                draft.channel,
                draft.respondent_type,
                moment,
                year,
                quarter,
                month,
                draft.external_id or None,
                entered_by_id,
                bool(draft.parsed.reasons),
                now,
            )
        )
    ids = insert_returning(Response, RESPONSE_COLUMNS, rows)
    return [
        Stored(pk, row[1], row[2], *period, row[5], row[3])
        for pk, row, period in zip(ids, rows, periods, strict=True)
    ]


def _answers_insert(campaign: Campaign, drafts: list[Draft], responses: list[Stored]) -> list[int]:
    """The answers, alerts and contacts of stored responses; returns the new alerts' ids."""
    answers, alerts, contacts = [], [], []
    open_ = Alert.State.OPEN.value
    for draft, response in zip(drafts, responses, strict=True):
        period = (response.year, response.quarter, response.month)
        for a in draft.parsed.answers:
            answers.append(
                (
                    response.pk,
                    a.question_id,
                    campaign.pk,
                    response.unit_id,
                    a.criterion_id,
                    *period,
                    a.level,
                    a.choices,
                    a.text,
                    a.is_valid,
                    a.is_positive,
                )
            )
        if draft.parsed.reasons:
            alerts.append(
                (
                    response.pk,
                    campaign.pk,
                    response.unit_id,
                    draft.parsed.reasons,
                    open_,
                    response.submitted_at,
                )
            )
        contact = {k: str(v).strip()[:200] for k, v in (draft.contact or {}).items() if v and str(v).strip()}
        if contact:
            contacts.append(RespondentContact(response_id=response.pk, **contact))
    insert_many(Answer, ANSWER_COLUMNS, answers)
    # Rows, not model instances: a file can raise tens of thousands of alerts.
    alert_ids = insert_returning(Alert, ALERT_COLUMNS, [(*alert, "", 1) for alert in alerts])
    RespondentContact.objects.bulk_create(contacts, batch_size=1000)
    return alert_ids


def response_submit(
    *,
    campaign: Campaign,
    unit: Unit,
    channel: str,
    answers: Mapping[str, object],
    service: Service | None = None,
    respondent_type: str = "",
    submitted_at: dt.datetime | None = None,
    contact: Mapping[str, str] | None = None,
    entered_by=None,
    external_id: str | None = None,
    questions: list[Question] | None = None,
) -> Response:
    """Check and store one questionnaire (a form); raise an alert when an answer is negative."""
    draft = Draft(
        unit=unit,
        submitted_at=submitted_at or timezone.now(),
        channel=channel,
        answers=answers,
        service=service,
        respondent_type=respondent_type,
        external_id=external_id or None,
        contact=contact,
    )
    frame = response_frame(campaign, questions=questions)
    (stored,) = responses_store(campaign=campaign, drafts=[draft], entered_by=entered_by, frame=frame)
    return Response.objects.get(pk=stored.pk)


def _issuer_ancestors(campaign: Campaign) -> list[int]:
    ancestors, current = [], Unit.objects.filter(pk=campaign.plan.issuer_id).first()
    while current is not None and len(ancestors) < 20:
        ancestors.append(current.pk)
        current = current.parent
    return ancestors


def alert_recipients(*, campaign: Campaign, unit: Unit) -> list:
    """The unit's heads and the coordinators (Nội vụ) of the plan issuer's tree."""
    return list(_recipients(campaign, {unit.pk}))


def _recipients(campaign: Campaign, unit_ids: set[int]) -> dict:
    """user → the unit ids whose alerts they receive (None: every unit of the campaign)."""
    memberships = Membership.objects.filter(
        (
            Q(unit_id__in=unit_ids, role=Membership.Role.HEAD)
            | Q(unit_id__in=_issuer_ancestors(campaign), role=Membership.Role.COORDINATOR)
        ),
        user__is_active=True,
    ).select_related("user")
    out: dict = {}
    for m in memberships:
        if m.role == Membership.Role.COORDINATOR:
            out[m.user] = None
        elif out.get(m.user, set()) is not None:
            out.setdefault(m.user, set()).add(m.unit_id)
    return out


def alert_lines(alerts: list[Alert]) -> list[str]:
    """One line per alert, or per unit when there are many (an import can raise thousands)."""
    if len(alerts) <= ALERT_LINES_MAX:
        return [f"{a.unit}: {'; '.join(a.reasons)}" for a in alerts]
    per_unit = Counter(str(a.unit) for a in alerts)
    return [ALERT_UNIT_LINE.format(unit=unit, count=n) for unit, n in sorted(per_unit.items())]


def alerts_notify(*, alert_ids: list[int]) -> int:
    """Tell each recipient once about the alerts of a batch; return how many were told."""
    alerts = list(Alert.objects.filter(pk__in=alert_ids).select_related("campaign__plan", "unit"))
    if not alerts:
        return 0
    told = 0
    by_campaign: dict[int, list[Alert]] = {}
    for alert in alerts:
        by_campaign.setdefault(alert.campaign_id, []).append(alert)
    for group in by_campaign.values():
        campaign = group[0].campaign
        for user, units in _recipients(campaign, {a.unit_id for a in group}).items():
            mine = [a for a in group if units is None or a.unit_id in units]
            if mine and _alert_tell(user=user, campaign=campaign, alerts=mine):
                told += 1
    return told


def _alert_tell(*, user, campaign: Campaign, alerts: list[Alert]) -> bool:
    url = reverse("survey_campaign_alerts", args=[campaign.pk])
    lines = [{"text": f"{campaign}: {line}", "url": url} for line in alert_lines(alerts)]
    notification_add(user=user, kind=ALERT_KIND, lines=lines)
    return True


def alert_handle(*, alert: Alert, actor, note: str, version: int | None = None) -> Alert:
    """Record what was done about an alert, once.

    Optimistic lock: the row changes only if it is still open at the version the handler
    read (the form sends it), so a second person handling at the same moment is told who
    was first instead of overwriting their note.
    """
    if not survey_access(actor).can_handle_alert(alert):
        raise AccessDenied(ALERT_FORBIDDEN)
    if alert.state == Alert.State.HANDLED:
        raise ApplicationError(ALERT_ALREADY_HANDLED)
    if not note.strip():
        raise ApplicationError(ALERT_NOTE_REQUIRED)
    seen = alert.version if version is None else version
    updated = Alert.objects.filter(pk=alert.pk, state=Alert.State.OPEN, version=seen).update(
        state=Alert.State.HANDLED,
        handled_by=actor,
        handled_at=timezone.now(),
        note=note.strip(),
        version=F("version") + 1,
    )
    current = Alert.objects.select_related("handled_by").get(pk=alert.pk)
    if not updated:
        who = current.handled_by.get_full_name() or current.handled_by.username if current.handled_by else "—"
        raise Conflict(ALERT_CONFLICT.format(who=who, note=current.note[:200]))
    return current


MSG_SERVICE_TWICE = "Mã dịch vụ ghi hai lần: {codes}; mỗi mã chỉ ghi một lần."


def campaign_create(
    *,
    plan,
    questionnaire,
    title: str,
    frequency: str,
    period_start: dt.date,
    period_end: dt.date,
    units: Iterable[Unit],
    design: str,
    design_params: dict | None = None,
    methods: list[str] | None = None,
    services: Iterable[tuple[str, str]] = (),
    target_percent=80,
    target_strict: bool = False,
    fixed_quotas: Mapping[int, int] | None = None,
) -> Campaign:
    services = list(services)
    codes = [code for code, _name in services]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise ApplicationError(MSG_SERVICE_TWICE.format(codes=", ".join(twice)))
    with transaction.atomic():
        campaign = Campaign(
            plan=plan,
            questionnaire=questionnaire,
            title=title,
            frequency=frequency,
            period_start=period_start,
            period_end=period_end,
            design=design,
            design_params=design_params or {},
            methods=methods or [],
            target_percent=target_percent,
            target_strict=target_strict,
        )
        campaign.full_clean()
        campaign.save()
        fixed_quotas = fixed_quotas or {}
        bulk_create_with_history(
            CampaignUnit,
            (
                CampaignUnit(campaign=campaign, unit=unit, fixed_quota=fixed_quotas.get(unit.pk))
                for unit in units
            ),
        )
        bulk_create_with_history(
            Service,
            (
                Service(campaign=campaign, position=i, code=code, name=name)
                for i, (code, name) in enumerate(services)
            ),
        )
    return campaign


SETUP_FORBIDDEN = "Bạn không được lập đợt khảo sát cho kế hoạch của đơn vị này."


MSG_COPY_MEANWHILE = "Một bản sao của phiếu này vừa được tạo cùng lúc; hãy đợi một giây rồi thử lại."


def questionnaire_copy(*, questionnaire: Questionnaire, title: str) -> Questionnaire:
    """A copy of a questionnaire with its criteria, questions and choices, to edit for one campaign."""
    code = f"{questionnaire.code[:40]}-{timezone.now():%Y%m%d%H%M%S}"
    with unique_or_conflict(MSG_COPY_MEANWHILE):
        copy = Questionnaire.objects.create(
            code=code, version=1, title=title[:300], intro=questionnaire.intro, source=questionnaire.source
        )
    criteria = {}
    for criterion in questionnaire.criteria.all():
        criteria[criterion.pk] = Criterion.objects.create(
            questionnaire=copy, position=criterion.position, code=criterion.code, name=criterion.name
        )
    for question in questionnaire.questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        question.pk, question.questionnaire = None, copy
        question.criterion = criteria.get(question.criterion_id)
        question.save()
        Choice.objects.bulk_create(
            Choice(question=question, position=c.position, code=c.code, text=c.text) for c in choices
        )
    return copy


def campaign_setup(
    *,
    actor,
    plan,
    questionnaire: Questionnaire,
    copy_questionnaire: bool,
    units,
    services: list[tuple[str, str]],
    unit_counts: Mapping[int, int],
    fixed_quota: int | None,
    **fields,
) -> Campaign:
    """The wizard's save: questionnaire (or its copy), campaign, scope, services and transaction counts."""
    sa = survey_access(actor)
    if not (sa.access.can_manage_issuer(plan.issuer_id) or plan.issuer_id in sa.surveyed):
        raise AccessDenied(SETUP_FORBIDDEN)
    with transaction.atomic():
        if copy_questionnaire:
            questionnaire = questionnaire_copy(
                questionnaire=questionnaire, title=f"{questionnaire.title} — {fields['title']}"
            )
        units = list(units)
        campaign = campaign_create(
            plan=plan,
            questionnaire=questionnaire,
            units=units,
            services=services,
            fixed_quotas={u.pk: fixed_quota for u in units} if fixed_quota else None,
            **fields,
        )
        year = str(campaign.period_start.year)
        by_id = {u.pk: u for u in units}
        transaction_counts_set(
            campaign=campaign,
            rows=[(by_id[pk], None, year, n) for pk, n in unit_counts.items() if pk in by_id],
        )
    return campaign


PUBLISH_FORBIDDEN = "Bạn không có quyền công bố kết quả của đợt khảo sát này."
PUBLISH_NOTHING = "Kỳ {period} chưa có phiếu nào để công bố."


def campaign_publish(*, campaign: Campaign, period: str, actor, publish: bool = True) -> Campaign:
    """Publish (or withdraw) one period's results on the public results page."""
    from .index import period_parse

    if not survey_access(actor).can_manage(campaign):
        raise AccessDenied(PUBLISH_FORBIDDEN)
    period_parse(period)  # a bad key is a ValueError, refused by the caller's form
    periods = set(campaign.published_periods or [])
    if publish:
        from .summaries import ALL

        _, parts = period_parse(period)
        if not IndexTally.objects.filter(campaign=campaign, unit_key=ALL, **parts).exists():
            raise ApplicationError(PUBLISH_NOTHING.format(period=period))
        periods.add(period)
    else:
        periods.discard(period)
    campaign.published_periods = sorted(periods)
    campaign.save(update_fields=["published_periods"])
    return campaign


def transaction_counts_set(
    *, campaign: Campaign, rows: Iterable[tuple[Unit, Service | None, str, int]]
) -> int:
    """Enter or replace transaction counts: (unit, service, period, count)."""
    done = 0
    with transaction.atomic():
        for unit, service, period, count in rows:
            TransactionCount.objects.update_or_create(
                campaign=campaign, unit=unit, service=service, period=period, defaults={"count": int(count)}
            )
            done += 1
    return done


def campaigns_reorganise(change) -> dict:
    """Campaigns still collecting continue in the successor; answers stay with the old unit.

    Registered with ``units.reorganisation``; the public link (its token) keeps working.
    """
    rows = CampaignUnit.objects.filter(
        unit_id__in=list(change.successors), campaign__period_end__gte=change.effective_on
    )
    moved = 0
    for row in rows:
        successor = change.default_successor(row.unit_id)
        if not CampaignUnit.objects.filter(campaign_id=row.campaign_id, unit_id=successor).exists():
            row.unit_id = successor
            row.save(update_fields=["unit"])
            moved += 1
    for service in Service.objects.filter(
        units__in=list(change.successors), campaign__period_end__gte=change.effective_on
    ).distinct():
        for unit_id in service.units.filter(pk__in=list(change.successors)).values_list("pk", flat=True):
            service.units.add(change.default_successor(unit_id))
    return {"campaigns_moved": moved}
