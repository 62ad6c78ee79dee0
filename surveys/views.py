"""Thin views: a form or selector, one service, a template."""

from __future__ import annotations

import datetime as dt
from functools import partial
from zoneinfo import ZoneInfo

import openpyxl
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.errors import ApplicationError, denied_as_403
from core.history import history_if_asked
from core.http import safe_next
from core.sheets import append_row, workbook_bytes
from plans.models import plan_text_at
from tasks.models import Deliverable, Task

from . import services
from .charts import bar_chart
from .forms import AlertHandleForm, ImportForm, ResponseForm
from .index import IndexResult, index_compute, period_label, period_previous
from .jobs import survey_import_start
from .models import Alert, Campaign, CampaignUnit, Channel, RespondentContact, Service
from .public import (
    KIOSK_COOKIE,
    KIOSK_MAX_AGE,
    kiosk_cookie_value,
    public_accepted,
    public_limit_reached,
    same_form_claim,
    same_form_release,
)
from .quotas import quota_progress
from .resources import import_template_xlsx, template_columns
from .selectors import (
    access_campaign_by_id,
    alert_list_for_user,
    campaign_edit_history,
    campaign_list_for_user,
    survey_access,
)

RATE_LIMITED = "Bạn đã gửi quá nhiều phiếu trong thời gian ngắn. Vui lòng thử lại sau ít phút."
SAVED = "Đã lưu phiếu số {id}."
IMPORTED = "Đã nhập {count} phiếu."
CHECKED = "Tệp hợp lệ: không có lỗi. Bỏ chọn “Chỉ kiểm tra” để ghi."
HANDLED = "Đã ghi nhận xử lý cảnh báo."
TOO_BIG = "Tệp quá lớn: tối đa {limit} MB."
KIOSK_SET = "Máy này đã là máy tại quầy của {unit}: phiếu gửi từ đây có hạn mức riêng."
NOT_STARTED = "Đợt khảo sát này bắt đầu nhận ý kiến từ ngày {start}. Mời ông (bà) quay lại sau."
ENDED = "Đợt khảo sát này đã kết thúc ngày {end}; phiếu không còn nhận ý kiến. Xin cảm ơn ông (bà)."


PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def survey_list(request):
    campaigns = campaign_list_for_user(request.user).order_by("-period_start", "id")
    page = _page(request, campaigns)
    sa = survey_access(request.user)
    can_create = sa.access.is_superuser or bool(sa.access.coordinated or sa.surveyed)
    context = {"campaigns": page, "page": page, "as_of": timezone.now(), "can_create": can_create}
    return render(request, "surveys/survey_list.html", context)


def _units_named(campaign: Campaign) -> dict[int, str]:
    return {
        cu.unit_id: cu.unit.display_name
        for cu in CampaignUnit.objects.filter(campaign=campaign).select_related("unit")
    }


def _weak_criteria_tasks(campaign: Campaign, weak_ids: list[int]):
    """Plan sections mapped to the weak criteria, with their tasks and deliverable states."""
    if not weak_ids:
        return []
    criteria = (
        campaign.questionnaire.criteria.filter(pk__in=weak_ids)
        .prefetch_related("sections")
        .order_by("position")
    )
    sections = {s.pk for c in criteria for s in c.sections.all() if s.plan_id == campaign.plan_id}
    tasks = (
        Task.objects.filter(section_id__in=sections)
        .select_related("section")
        .annotate(
            n_total=Count("deliverables"),
            n_open=Count("deliverables", filter=Q(deliverables__state__in=Deliverable.OPEN_STATES)),
            n_done=Count("deliverables", filter=Q(deliverables__state=Deliverable.State.ACCEPTED)),
        )
        .order_by("section__position", "position")
    )
    by_section = {}
    for task in tasks:
        by_section.setdefault(task.section_id, []).append(task)
    out = []
    for criterion in criteria:
        linked = [s for s in criterion.sections.all() if s.plan_id == campaign.plan_id]
        out.append({"criterion": criterion, "sections": [(s, by_section.get(s.pk, [])) for s in linked]})
    return out


def _period_choice(request, campaign):
    """The aggregation (month, quarter, year), the all-units index and the period shown."""
    kind = request.GET.get("ky") or None
    if kind not in (None, "month", "quarter", "year"):
        kind = None
    overall = index_compute(campaign=campaign, period_kind=kind, by_unit=False)
    periods = overall.periods
    period = request.GET.get("period")
    if period not in periods:
        period = periods[-1] if periods else None
    return overall, period


def _criterion_rows(campaign, overall, period, previous):
    current = overall.by_criterion.get(period, {}).get(None, {}) if period else {}
    before = overall.by_criterion.get(previous, {}).get(None, {}) if previous else {}
    rows, weak = [], []
    for criterion in overall.criteria:
        fig = current.get(criterion.pk)
        met = campaign.target_met(fig.percent) if fig else None
        if met is False:
            weak.append(criterion.pk)
        rows.append({"criterion": criterion, "fig": fig, "prev": before.get(criterion.pk), "met": met})
    return rows, weak


def _unit_rows(campaign, overall, scopes, period, previous, short_units):
    """One row per unit of this page, read from the per-unit summaries of these units only."""
    # Only the two periods shown: a unit's whole history is many times the rows.
    shown = [key for key in (period, previous) if key]
    per_unit = (
        index_compute(
            campaign=campaign,
            by_unit=True,
            period=shown,
            unit_ids=[s.unit_id for s in scopes],
            criteria=overall.criteria,
        )
        if shown
        else IndexResult(period_kind=overall.period_kind, criteria=overall.criteria)
    )
    rows = []
    for scope in scopes:
        unit_id = scope.unit_id
        fig = per_unit.overall.get(period, {}).get(unit_id) if period else None
        if fig is not None:
            fig.below_quota = unit_id in short_units
        cells = per_unit.by_criterion.get(period, {}).get(unit_id, {}) if period else {}
        rows.append(
            {
                "unit_id": unit_id,
                "name": scope.unit.display_name,
                "fig": fig,
                "prev": per_unit.overall.get(previous, {}).get(unit_id) if previous else None,
                "general": per_unit.general.get(period, {}).get(unit_id) if period else None,
                "met": campaign.target_met(fig.percent) if fig else None,
                "cells": [cells.get(c.pk) for c in overall.criteria],
            }
        )
    return rows


@login_required
def survey_detail(request, campaign_id: int):
    """The results: all-units figures, then one page of units (50) with their quotas.

    Everything is read from the summaries, which the response service keeps in step
    with every stored questionnaire, so the figures are exact as of ``as_of``.
    """
    campaign = access_campaign_by_id(request.user, campaign_id)
    sa = survey_access(request.user)
    as_of = timezone.now()
    overall, period = _period_choice(request, campaign)
    previous = period_previous(period) if period else None
    target = float(campaign.target_percent)
    page = _page(request, CampaignUnit.objects.filter(campaign=campaign).select_related("unit"))
    scopes = list(page)
    quotas = quota_progress(
        campaign=campaign, today=timezone.localdate(), unit_ids=[s.unit_id for s in scopes]
    )
    short_units = {row.unit_id for row in quotas if row.collected < row.required}
    criterion_rows, weak = _criterion_rows(campaign, overall, period, previous)
    unit_rows = _unit_rows(campaign, overall, scopes, period, previous, short_units)
    total = overall.overall.get(period, {}).get(None) if period else None
    context = {
        "campaign": campaign,
        "plan": campaign.plan,
        "as_of": as_of,
        "period": period,
        "period_name": period_label(period) if period else "",
        "periods": [(p, period_label(p)) for p in overall.periods],
        "kind": overall.period_kind,
        "total": total,
        "total_met": campaign.target_met(total.percent) if total else None,
        "total_prev": overall.overall.get(previous, {}).get(None) if previous else None,
        "general": overall.general.get(period, {}).get(None) if period else None,
        "criteria": overall.criteria,
        "criterion_rows": criterion_rows,
        "unit_rows": unit_rows,
        "page": page,
        "criterion_chart": bar_chart(
            [(r["criterion"].name, r["fig"].percent if r["fig"] else None, r["met"]) for r in criterion_rows],
            target=target,
        ),
        "unit_chart": bar_chart(
            [(r["name"], r["fig"].percent if r["fig"] else None, r["met"]) for r in unit_rows], target=target
        ),
        "quotas": quotas,
        "weak": _weak_criteria_tasks(campaign, weak),
        "open_alerts": Alert.objects.filter(campaign=campaign, state=Alert.State.OPEN).count(),
        "can_manage": sa.can_manage(campaign),
        "edit_history": (
            history_if_asked(request, partial(campaign_edit_history, campaign))
            if sa.can_manage(campaign)
            else None
        ),
        "scope": scopes,
        "services": Service.objects.filter(campaign=campaign),
    }
    return render(request, "surveys/survey_detail.html", context)


def _campaign_questions(campaign):
    return services.campaign_questions(campaign)


@login_required
@denied_as_403
def survey_entry(request, campaign_id: int):
    """Staff entry of paper questionnaires: one page per questionnaire, keyboard first."""
    campaign = access_campaign_by_id(request.user, campaign_id, manage=True)
    questions = _campaign_questions(campaign)
    units = campaign.units.all()
    service_qs = Service.objects.filter(campaign=campaign)
    form = ResponseForm(
        request.POST or None,
        questions=questions,
        units=units,
        services=service_qs if service_qs.exists() else (),
    )
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["submitted_on"]
        moment = dt.datetime.combine(day, dt.time(9), tzinfo=ZoneInfo(settings.TIME_ZONE))
        try:
            response = services.response_submit(
                campaign=campaign,
                unit=form.cleaned_data["unit"],
                service=form.cleaned_data.get("service"),
                respondent_type=form.cleaned_data.get("respondent_type", ""),
                channel=form.cleaned_data["channel"],
                submitted_at=moment,
                answers=form.answers(),
                contact=form.contact(),
                entered_by=request.user,
                questions=questions,
            )
        except ApplicationError as error:
            for problem in error.problems or [error.message]:
                form.add_error(None, problem)
        else:
            messages.success(request, SAVED.format(id=response.pk))
            url = reverse("survey_entry", args=[campaign.pk])
            return redirect(f"{url}?unit={response.unit_id}&channel={response.channel}&day={day:%Y-%m-%d}")
    if request.method == "GET":
        form.initial.update(
            {
                k: v
                for k, v in {
                    "unit": request.GET.get("unit"),
                    "channel": request.GET.get("channel"),
                    "submitted_on": request.GET.get("day"),
                }.items()
                if v
            }
        )
    return render(request, "surveys/survey_entry.html", {"campaign": campaign, "form": form})


def _public_scope(token: str) -> CampaignUnit:
    scope = (
        CampaignUnit.objects.select_related("campaign__questionnaire", "campaign__plan", "unit")
        .filter(public_token=token)
        .first()
    )
    if scope is None:
        raise Http404
    return scope


def _campaign_closed(campaign) -> str:
    """Why the campaign takes no answers today ("" when it does)."""
    today = timezone.localdate()
    if today < campaign.period_start:
        return NOT_STARTED.format(start=f"{campaign.period_start:%d/%m/%Y}")
    if today > campaign.period_end:
        return ENDED.format(end=f"{campaign.period_end:%d/%m/%Y}")
    return ""


@denied_as_403
def survey_public_form(request, token: str):
    """The citizen's form, by a unit's secret link or QR code: no login, nothing of others shown."""
    scope = _public_scope(token)
    campaign = scope.campaign
    closed = _campaign_closed(campaign)
    context = {"campaign": campaign, "unit": scope.unit, "closed": closed}
    if closed:
        return render(
            request, "surveys/public_form.html", context, status=200 if request.method == "GET" else 400
        )
    questions = _campaign_questions(campaign)
    service_qs = Service.objects.filter(campaign=campaign)
    service = None
    if request.GET.get("dv"):
        service = service_qs.filter(code=request.GET["dv"][:40]).first()
    form = ResponseForm(
        request.POST or None,
        questions=questions,
        services=service_qs if (service_qs.exists() and service is None) else (),
        public=True,
    )
    status = 200
    if request.method == "POST":
        if public_limit_reached(request, token):
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_bot():
            return redirect("survey_public_thanks", token=token)  # looks accepted, stores nothing
        elif form.is_valid():
            status = _public_submit(request, token, form, campaign, scope, service, questions)
            if status == 302:
                return redirect("survey_public_thanks", token=token)
        else:
            status = 400
    context.update({"service": service, "form": form})
    return render(request, "surveys/public_form.html", context, status=status)


def _public_submit(request, token, form, campaign, scope, service, questions) -> int:
    """Store an accepted form once; the status to answer with (302 when stored or already stored)."""
    data = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
    claim = same_form_claim(request, token, data | {"dv": [service.code if service else ""]})
    if claim is None:
        return 302  # the same form a moment ago (a double tap, a reload): kept once
    try:
        services.response_submit(
            campaign=campaign,
            unit=scope.unit,
            service=service or form.cleaned_data.get("service"),
            respondent_type=form.cleaned_data.get("respondent_type", ""),
            channel=Channel.ONLINE,
            answers=form.answers(),
            contact=form.contact(),
            questions=questions,
        )
    except ApplicationError as error:
        same_form_release(claim)
        for problem in error.problems or [error.message]:
            form.add_error(None, problem)
        return 400
    public_accepted(request, token)
    return 302


@login_required
@require_POST
def survey_kiosk(request, campaign_id: int, unit_id: int):
    """Make this device a counter kiosk for one unit's form (a signed cookie, its own allowance)."""
    campaign = access_campaign_by_id(request.user, campaign_id, manage=True)
    scope = CampaignUnit.objects.filter(campaign=campaign, unit_id=unit_id).first()
    if scope is None:
        raise Http404
    url = reverse("survey_public_form", args=[scope.public_token])
    response = redirect(url)
    response.set_cookie(
        KIOSK_COOKIE,
        kiosk_cookie_value(scope.public_token),
        max_age=KIOSK_MAX_AGE,
        path=url,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    messages.success(request, KIOSK_SET.format(unit=scope.unit))
    return response


def survey_public_thanks(request, token: str):
    scope = _public_scope(token)
    return render(request, "surveys/public_thanks.html", {"unit": scope.unit, "campaign": scope.campaign})


@login_required
def survey_qr(request, campaign_id: int):
    """Printable sheet: for each unit (and service), its public link and QR code."""
    campaign = access_campaign_by_id(request.user, campaign_id, manage=True)
    service_list = list(Service.objects.filter(campaign=campaign))
    cards = []
    for scope in CampaignUnit.objects.filter(campaign=campaign).select_related("unit"):
        base = request.build_absolute_uri(reverse("survey_public_form", args=[scope.public_token]))
        targets = [(None, base)] + [
            (s, f"{base}?dv={s.code}") for s in service_list if request.GET.get("dv") == "1"
        ]
        for service, url in targets:
            cards.append(
                {
                    "unit": scope.unit,
                    "service": service,
                    "url": url,
                    "svg": segno.make(url, error="m").svg_inline(scale=4, border=2),
                }
            )
    return render(request, "surveys/qr.html", {"campaign": campaign, "cards": cards})


@login_required
def survey_import(request, campaign_id: int):
    """Upload a file; its import runs as a job (inline without Redis) and this page shows the outcome."""
    campaign = access_campaign_by_id(request.user, campaign_id, manage=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            errors = [TOO_BIG.format(limit=settings.IMPORT_MAX_BYTES // (1024 * 1024))]
        else:
            job = survey_import_start(
                campaign=campaign,
                data=upload.read(),
                name=upload.name,
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            job.refresh_from_db()
            if job.state == job.State.DONE:
                dry_run = job.result.get("dry_run")
                messages.success(
                    request, CHECKED if dry_run else IMPORTED.format(count=job.result["created"])
                )
                return redirect("survey_import", campaign_id=campaign.pk)
            if job.state != job.State.FAILED:
                return redirect("job_detail", job_id=job.pk)
            errors = job.errors
    return render(
        request,
        "surveys/import.html",
        {"campaign": campaign, "form": form, "errors": errors, "columns": template_columns(campaign)},
    )


@login_required
def survey_import_template(request, campaign_id: int):
    campaign = access_campaign_by_id(request.user, campaign_id, manage=True)
    response = HttpResponse(
        import_template_xlsx(campaign),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-phieu-{campaign.pk}.xlsx"'
    return response


@login_required
def survey_alerts(request, campaign_id: int | None = None):
    campaign = access_campaign_by_id(request.user, campaign_id) if campaign_id else None
    state = request.GET.get("state", Alert.State.OPEN)
    if state not in Alert.State.values:
        state = None
    alerts = list(alert_list_for_user(request.user, campaign=campaign, state=state)[:200])
    sa = survey_access(request.user)
    contacts = {}
    visible = [a.response_id for a in alerts if sa.can_see_contacts(a.campaign)]
    if visible:
        contacts = {c.response_id: c for c in RespondentContact.objects.filter(response_id__in=visible)}
    rows = [
        {"alert": a, "can_handle": sa.can_handle_alert(a), "contact": contacts.get(a.response_id)}
        for a in alerts
    ]
    return render(
        request,
        "surveys/alerts.html",
        {
            "campaign": campaign,
            "rows": rows,
            "state": state,
            "form": AlertHandleForm(),
            "states": Alert.State.choices,
        },
    )


@login_required
@require_POST
@denied_as_403
def survey_alert_handle(request, alert_id: int):
    alert = alert_list_for_user(request.user).filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    form = AlertHandleForm(request.POST)
    try:
        version = form.data.get("version")
        services.alert_handle(
            alert=alert,
            actor=request.user,
            note=form.data.get("note", ""),
            version=int(version) if str(version).isdigit() and len(str(version)) < 10 else None,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, HANDLED)
    return redirect(safe_next(request, reverse("survey_alerts")))


@login_required
def survey_export(request, campaign_id: int):
    """The index per period, unit and criterion as a workbook."""
    campaign = access_campaign_by_id(request.user, campaign_id)
    result = index_compute(campaign=campaign, by_unit=True)
    totals = index_compute(campaign=campaign, period_kind=result.period_kind, by_unit=False)
    units = _units_named(campaign)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chi so"
    header = [
        "Kỳ",
        "Đơn vị",
        "Chỉ số chung (%)",
        "Số ý kiến",
        "Sai số ± (%)",
        "Đạt chỉ tiêu",
        "Câu hài lòng chung (%)",
    ]
    header += [f"{c.name} (%)" for c in result.criteria]
    append_row(sheet, header)

    def line(period, name, overall, general, cells):
        append_row(
            sheet,
            [
                period_label(period),
                name,
                round(overall.percent, 2) if overall and overall.percent is not None else None,
                overall.n if overall else 0,
                round(overall.moe, 2) if overall and overall.moe is not None else None,
                ("Đạt" if campaign.target_met(overall.percent) else "Chưa đạt")
                if overall and overall.percent is not None
                else "",
                round(general.percent, 2) if general and general.percent is not None else None,
                *[round(cells[c.pk].percent, 2) if c.pk in cells else None for c in result.criteria],
            ],
        )

    for period in result.periods:
        for unit_id, name in sorted(units.items(), key=lambda item: item[1]):
            if unit_id in result.overall[period]:
                line(
                    period,
                    name,
                    result.overall[period][unit_id],
                    result.general.get(period, {}).get(unit_id),
                    result.by_criterion[period][unit_id],
                )
        line(
            period,
            "Toàn bộ",
            totals.overall[period].get(None),
            totals.general.get(period, {}).get(None),
            totals.by_criterion[period].get(None, {}),
        )
    response = HttpResponse(
        workbook_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="chi-so-hai-long-{campaign.pk}.xlsx"'
    return response


@login_required
def survey_progress(request):
    """The satisfaction index of each unit next to its completion of the plan's tasks, for one year."""
    from tasks.progress import progress_ranking, progress_scope
    from tasks.selectors import plan_list_for_user
    from tasks.views.progress import list_url

    sa = survey_access(request.user)
    if not (sa.access.is_superuser or sa.access.coordinated or sa.access.readable_tree):
        raise PermissionDenied("Chỉ Nội vụ và lãnh đạo xem chỉ số hài lòng so với tiến độ.")
    today = timezone.localdate()
    plan_ids = plan_list_for_user(request.user).values("id")
    campaigns = (
        Campaign.objects.filter(plan_id__in=plan_ids)
        .select_related("plan")
        .defer(*plan_text_at("plan"))
        .order_by("-period_start", "id")
    )
    plan_id = request.GET.get("plan")
    if plan_id and plan_id.isdigit():
        campaigns = campaigns.filter(plan_id=int(plan_id))
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
    years = sorted(
        {c.period_start.year for c in campaigns} | {c.period_end.year for c in campaigns}, reverse=True
    )
    year = year or (years[0] if years else today.year)
    campaigns = [c for c in campaigns if c.period_start.year <= year <= c.period_end.year]
    tables = []
    for campaign in campaigns:
        index = index_compute(campaign=campaign, period=str(year), by_unit=True, with_general=False)
        figures = index.overall.get(str(year), {})
        ranking = {
            u.unit_id: u
            for u in progress_ranking(
                progress_scope(user=request.user, plan_id=campaign.plan_id, year=year), today
            )
        }
        rows = []
        for unit_id, name in sorted(_units_named(campaign).items(), key=lambda item: item[1]):
            fig, done = figures.get(unit_id), ranking.get(unit_id)
            rows.append(
                {
                    "name": name,
                    "index": fig.percent if fig else None,
                    "n": fig.n if fig else 0,
                    "met": campaign.target_met(fig.percent) if fig else None,
                    "progress": done,
                    "url": list_url(
                        plan=campaign.plan_id,
                        unit=unit_id,
                        due_after=f"{year}-01-01",
                        due_before=f"{year}-12-31",
                    ),
                }
            )
        tables.append({"campaign": campaign, "rows": rows})
    context = {"tables": tables, "year": year, "years": years, "plan_id": plan_id, "today": today}
    return render(request, "surveys/survey_progress.html", context)


PUBLISHED = "Đã công bố kết quả {period} trên trang công khai."
WITHDRAWN = "Đã thôi công bố kết quả {period}."


@login_required
@require_POST
@denied_as_403
def survey_publish(request, campaign_id: int):
    """The operator publishes (or withdraws) one period's results on the public page."""
    campaign = access_campaign_by_id(request.user, campaign_id, manage=True)
    period = (request.POST.get("period") or "")[:10]
    publish = request.POST.get("publish") != "0"
    try:
        services.campaign_publish(campaign=campaign, period=period, actor=request.user, publish=publish)
    except (ValueError, ApplicationError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        label = period_label(period)
        messages.success(request, (PUBLISHED if publish else WITHDRAWN).format(period=label))
    return redirect(f"{reverse('survey_detail', args=[campaign.pk])}?period={period}")


def survey_public_results(request, campaign_id: int, period: str):
    """The published results of one period, without login: indices, chart, sample sizes; no person."""
    campaign = Campaign.objects.select_related("plan__issuer", "questionnaire").filter(pk=campaign_id).first()
    if campaign is None or period not in (campaign.published_periods or []):
        raise Http404
    overall = index_compute(campaign=campaign, period=period, by_unit=False)
    criterion_rows, _ = _criterion_rows(campaign, overall, period, None)
    page = _page(request, CampaignUnit.objects.filter(campaign=campaign).select_related("unit"))
    unit_rows = _unit_rows(campaign, overall, list(page), period, None, set())
    total = overall.overall.get(period, {}).get(None)
    target = float(campaign.target_percent)
    context = {
        "campaign": campaign,
        "period_name": period_label(period),
        "total": total,
        "total_met": campaign.target_met(total.percent) if total else None,
        "general": overall.general.get(period, {}).get(None),
        "criterion_rows": criterion_rows,
        "unit_rows": unit_rows,
        "page": page,
        "criterion_chart": bar_chart(
            [(r["criterion"].name, r["fig"].percent if r["fig"] else None, r["met"]) for r in criterion_rows],
            target=target,
        ),
        "unit_chart": bar_chart(
            [(r["name"], r["fig"].percent if r["fig"] else None, r["met"]) for r in unit_rows], target=target
        ),
        "other_periods": [(p, period_label(p)) for p in campaign.published_periods if p != period],
    }
    return render(request, "surveys/public_results.html", context)


CREATED = "Đã tạo đợt khảo sát “{title}”. In mã QR để dán tại quầy."
WIZARD_FORBIDDEN = "Chỉ Nội vụ và khảo sát viên được lập đợt khảo sát."


def _wizard_scope(user):
    from plans.models import Plan
    from units.models import Unit

    sa = survey_access(user)
    if sa.access.is_superuser:
        return Plan.objects.select_related("issuer").order_by("-year", "title"), Unit.objects.order_by("name")
    issuers = sa.access.coordinated | sa.surveyed
    if not issuers:
        raise PermissionDenied(WIZARD_FORBIDDEN)
    plans = Plan.objects.filter(issuer_id__in=issuers).select_related("issuer").order_by("-year", "title")
    return plans, Unit.objects.filter(id__in=issuers).order_by("name")


def _wizard_questionnaire(choice: str):
    from .builtin import questionnaire_install_builtin
    from .models import Questionnaire

    kind, _, key = choice.partition(":")
    if kind == "builtin":
        return questionnaire_install_builtin(code=key)
    return Questionnaire.objects.get(pk=int(key))


@login_required
@denied_as_403
def survey_create(request):
    """The survey operator's wizard: everything a campaign needs, the quota table before saving."""
    from .wizard import CampaignWizardForm, quota_preview

    plans, units = _wizard_scope(request.user)
    form = CampaignWizardForm(request.POST or None, request.FILES or None, plans=plans, units=units)
    preview, total = None, 0
    if request.method == "POST" and form.is_valid():
        preview, total = quota_preview(form)
        if "save" in request.POST:
            data = form.cleaned_data
            campaign = services.campaign_setup(
                actor=request.user,
                plan=data["plan"],
                questionnaire=_wizard_questionnaire(data["questionnaire"]),
                copy_questionnaire=data["copy_questionnaire"],
                units=data["units"],
                services=data["services"],
                unit_counts=data["unit_counts"],
                fixed_quota=data.get("fixed_quota"),
                title=data["title"],
                frequency=data["frequency"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                design=data["design"],
                design_params=form.design_params(),
                methods=data["methods"],
                target_percent=data["target_percent"],
                target_strict=data["target_strict"],
            )
            messages.success(request, CREATED.format(title=campaign.title))
            return redirect("survey_detail", campaign_id=campaign.pk)
    return render(request, "surveys/create.html", {"form": form, "preview": preview, "total": total})
