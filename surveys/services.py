"""Writes: responses (with their answers and alerts), alert handling, API tokens, campaigns."""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from project.errors import AccessDenied, ApplicationError
from units.models import Membership, Unit

from .models import (
    Alert,
    Answer,
    Campaign,
    CampaignUnit,
    Channel,
    Question,
    RespondentContact,
    RespondentType,
    Response,
    Service,
    TransactionCount,
    period_parts,
)
from .selectors import survey_access
from .summaries import summaries_add

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
DUPLICATE_EXTERNAL_ID = "Mã phiếu “{value}” đã có trong đợt khảo sát."
DUPLICATE_IN_BATCH = "mã phiếu “{value}” bị lặp trong {batch}"
DUPLICATE_CONCURRENT = "Phiếu này vừa được gửi và đã lưu; không lưu lần nữa."
BATCH_SENT = "cùng lần gửi"
BATCH_FILE = "tệp"
BATCH_INVALID = "Có {count} phiếu không hợp lệ; chưa lưu phiếu nào."
EXTERNAL_ID_MAX = 80
EXTERNAL_ID_TOO_LONG = "Mã phiếu dài {length} ký tự, quá {max} ký tự cho phép."
CHANNEL_UNKNOWN = "Hình thức “{value}” không hợp lệ."
ALERT_MAIL_SUBJECT = "[kehoach] Ý kiến không hài lòng tại {unit}"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", str(text).strip().lower()).replace("đ", "d")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


YES = {"co", "yes", "true", "1", "x"}
NO = {"khong", "no", "false", "0"}


@dataclass
class Parsed:
    answers: list[Answer]
    errors: list[str]
    reasons: list[str]


def _level(question: Question, value) -> int | None:
    """The level (1 = best) of a raw scale or yes/no value: a number, a label or Có/Không."""
    labels = question.level_labels
    if question.kind == Question.Kind.YES_NO and not isinstance(value, int):
        folded = _fold(value)
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
    folded = _fold(value)
    for index, label in enumerate(labels):
        if _fold(label) == folded:
            return index + 1
    raise ValueError


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
        answer = Answer(question=question, criterion_id=question.criterion_id)
        answer.question_obj = question
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
                    f"{question.code}. {question.text[:90]}: {question.level_labels[answer.level - 1]}"
                )
        elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            values = value if isinstance(value, list | tuple) else str(value).replace(",", ";").split(";")
            known = {c.code: c.code for c in question.choices.all()} | {
                _fold(c.text): c.code for c in question.choices.all()
            }
            codes = []
            for item in (str(v).strip() for v in values):
                if not item:
                    continue
                code_found = known.get(item) or known.get(_fold(item))
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
    if respondent_type and respondent_type not in RespondentType.values:
        errors.append(RESPONDENT_TYPE_UNKNOWN.format(value=respondent_type))
    if channel is not None and channel not in Channel.values:
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


class DuplicateSubmission(ApplicationError):
    """Another request stored the same external id first (a race the check cannot see)."""


def responses_store(
    *,
    campaign: Campaign,
    drafts: list[Draft],
    entered_by=None,
    frame: Frame | None = None,
    notify: bool = True,
) -> list[Response]:
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
            alerts = _answers_insert(campaign, drafts, responses)
            summaries_add(
                campaign=campaign, responses=responses, answers_of=(d.parsed.answers for d in drafts)
            )
    except IntegrityError as error:
        if "external_id" in str(error) or "response_external_id_unique" in str(error):
            raise DuplicateSubmission(DUPLICATE_CONCURRENT) from error
        raise
    if notify and alerts:
        ids = [a.pk for a in alerts]
        transaction.on_commit(lambda: alerts_notify(alert_ids=ids))
    return responses


def _responses_insert(campaign: Campaign, drafts: list[Draft], entered_by) -> list[Response]:
    responses = []
    for draft in drafts:
        moment = draft.submitted_at
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        responses.append(
            Response(
                campaign_id=campaign.pk,
                unit_id=draft.unit.pk,
                service_id=draft.service.pk if draft.service else None,
                channel=draft.channel,
                respondent_type=draft.respondent_type,
                submitted_at=moment,
                entered_by=entered_by,
                external_id=draft.external_id or None,
                has_negative=bool(draft.parsed.reasons),
                **period_parts(local),
            )
        )
    Response.objects.bulk_create(responses, batch_size=1000)
    return responses


def _answers_insert(campaign: Campaign, drafts: list[Draft], responses: list[Response]) -> list[Alert]:
    answers, alerts, contacts = [], [], []
    for draft, response in zip(drafts, responses, strict=True):
        for answer in draft.parsed.answers:
            answer.response_id = response.pk
            answer.campaign_id = campaign.pk
            answer.unit_id = response.unit_id
            answer.year, answer.quarter, answer.month = response.year, response.quarter, response.month
            answers.append(answer)
        if draft.parsed.reasons:
            alerts.append(
                Alert(
                    response_id=response.pk,
                    campaign_id=campaign.pk,
                    unit_id=response.unit_id,
                    reasons=draft.parsed.reasons,
                    created_at=response.submitted_at,
                )
            )
        contact = {k: str(v).strip()[:200] for k, v in (draft.contact or {}).items() if v and str(v).strip()}
        if contact:
            contacts.append(RespondentContact(response_id=response.pk, **contact))
    Answer.objects.bulk_create(answers, batch_size=2000)
    Alert.objects.bulk_create(alerts, batch_size=1000)
    RespondentContact.objects.bulk_create(contacts, batch_size=1000)
    return alerts


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
    (response,) = responses_store(campaign=campaign, drafts=[draft], entered_by=entered_by, frame=frame)
    return response


def alert_recipients(*, campaign: Campaign, unit: Unit) -> list:
    """The unit's heads and the coordinators (Nội vụ) of the plan issuer's tree."""
    ancestors, current = [], Unit.objects.filter(pk=campaign.plan.issuer_id).first()
    while current is not None and len(ancestors) < 20:
        ancestors.append(current.pk)
        current = current.parent
    memberships = Membership.objects.filter(
        (
            Q(unit=unit, role=Membership.Role.HEAD)
            | Q(unit_id__in=ancestors, role=Membership.Role.COORDINATOR)
        ),
        user__is_active=True,
    ).select_related("user")
    users = {m.user_id: m.user for m in memberships}
    return list(users.values())


def alerts_notify(*, alert_ids: list[int]) -> int:
    """Tell the recipients of each alert; return how many messages went out."""
    return sum(alert_notify(alert_id=alert_id) for alert_id in alert_ids)


def alert_notify(*, alert_id: int) -> int:
    """E-mail the alert to its recipients that have an address; return how many were sent."""
    alert = Alert.objects.select_related("campaign__plan", "unit").get(pk=alert_id)
    addresses = sorted(
        {u.email for u in alert_recipients(campaign=alert.campaign, unit=alert.unit) if u.email}
    )
    if not addresses:
        return 0
    body = "\n".join(
        [f"Đợt khảo sát: {alert.campaign}", f"Đơn vị: {alert.unit}", "Ý kiến tiêu cực:"]
        + [f"- {reason}" for reason in alert.reasons]
    )
    try:
        return send_mail(ALERT_MAIL_SUBJECT.format(unit=alert.unit), body, None, addresses)
    except OSError:  # no mail server: the in-app alert is enough
        logger.warning("Không gửi được thư cảnh báo %s", alert_id, exc_info=True)
        return 0


def alert_handle(*, alert: Alert, actor, note: str) -> Alert:
    if not survey_access(actor).can_handle_alert(alert):
        raise AccessDenied(ALERT_FORBIDDEN)
    if alert.state == Alert.State.HANDLED:
        raise ApplicationError(ALERT_ALREADY_HANDLED)
    if not note.strip():
        raise ApplicationError(ALERT_NOTE_REQUIRED)
    alert.handle()
    alert.handled_by = actor
    alert.handled_at = timezone.now()
    alert.note = note.strip()
    alert.save(update_fields=["state", "handled_by", "handled_at", "note"])
    return alert


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
        CampaignUnit.objects.bulk_create(
            CampaignUnit(campaign=campaign, unit=unit, fixed_quota=fixed_quotas.get(unit.pk))
            for unit in units
        )
        Service.objects.bulk_create(
            Service(campaign=campaign, position=i, code=code, name=name)
            for i, (code, name) in enumerate(services)
        )
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
