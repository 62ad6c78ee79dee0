"""Reads: who may do what with a campaign, and the lists the screens show."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from core.history import HistoryPage, history_entries
from plans.models import plan_text_at
from units.selectors import Access, access_for, reads_everything

from .models import (
    Alert,
    Campaign,
    CampaignUnit,
    Choice,
    Criterion,
    Question,
    Questionnaire,
    ResponseTally,
    Service,
)
from .summaries import ALL


@dataclass(frozen=True)
class SurveyAccess:
    access: Access
    surveyed: frozenset[int]  # units under the user's "surveyor" memberships

    def can_manage(self, campaign: Campaign) -> bool:
        """Plan campaigns, enter and import responses: coordinators and surveyors of the issuer's tree."""
        issuer = campaign.plan.issuer_id
        return self.access.can_manage_issuer(issuer) or issuer in self.surveyed

    def can_read(self, campaign: Campaign, unit_ids: set[int] | None = None) -> bool:
        if self.can_manage(campaign) or self.access.can_read_issuer(campaign.plan.issuer_id):
            return True
        return bool(unit_ids and unit_ids & self.access.heading)

    def can_see_contacts(self, campaign: Campaign) -> bool:
        return self.access.can_manage_issuer(campaign.plan.issuer_id)

    def can_handle_alert(self, alert: Alert) -> bool:
        return alert.unit_id in self.access.heading or self.access.can_manage_issuer(
            alert.campaign.plan.issuer_id
        )


def survey_access(user) -> SurveyAccess:
    access = access_for(user)
    cached = getattr(user, "_kehoach_survey_access", None)
    if cached is not None:
        return cached
    # The surveyor trees come with the user's other scopes (one query for them all).
    result = SurveyAccess(access=access, surveyed=access.surveyed)
    if user is not None and user.is_authenticated:
        user._kehoach_survey_access = result
    return result


def _count(queryset, column: str = "pk"):
    """A correlated subquery counting (or summing) rows of one campaign: no join, no DISTINCT."""
    aggregate = Count("pk") if column == "pk" else Sum(column)
    subquery = queryset.order_by().values("campaign_id").annotate(total=aggregate).values("total")
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def campaign_list_for_user(user):
    """Campaigns whose plan the user manages or reads, or that cover a unit the user heads.

    The response count comes from the summaries and the open alerts from the alerts'
    (campaign, state) index, each as its own subquery: joining both made one row per
    response × alert × unit, which never finished at a province's volume.
    """
    sa = survey_access(user)
    responses = ResponseTally.objects.filter(campaign_id=OuterRef("pk"), unit_key=ALL)
    alerts = Alert.objects.filter(campaign_id=OuterRef("pk"), state=Alert.State.OPEN)
    campaigns = Campaign.objects.select_related("plan__issuer", "questionnaire").defer(*plan_text_at("plan"))
    campaigns = campaigns.annotate(
        response_count=_count(responses, "n"),
        open_alerts=_count(alerts),
    )
    if reads_everything(sa.access):
        return campaigns
    issuers = sa.access.coordinated | sa.access.readable_tree | sa.surveyed
    heads = CampaignUnit.objects.filter(campaign_id=OuterRef("pk"), unit_id__in=sa.access.heading)
    return campaigns.filter(Q(pk__in=_campaigns_of_issuers(issuers)) | Exists(heads))


def _campaigns_of_issuers(issuers: set[int]) -> list[int]:
    """Ids of the campaigns whose plan one of ``issuers`` issued, matched here rather than in SQL.

    A province has a few campaigns and a thousand units: ``issuer_id IN (1 041 ids)``, twice a page
    (count and rows), cost PostgreSQL about 8 ms each; the campaigns and their issuers are a few rows.
    """
    pairs = Campaign.objects.order_by().values_list("pk", "plan__issuer_id")
    return [pk for pk, issuer in pairs if issuer in issuers]


def access_campaign_by_id(user, campaign_id: int, *, manage: bool = False) -> Campaign:
    """Fetch a campaign the user may read (or manage); 404 for missing and forbidden alike."""
    campaign = Campaign.objects.select_related("plan__issuer", "questionnaire").filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404
    sa = survey_access(user)
    if manage:
        allowed = sa.can_manage(campaign)
    else:
        unit_ids = set(campaign.scope.values_list("unit_id", flat=True)) if sa.access.heading else set()
        allowed = sa.can_read(campaign, unit_ids)
    if not allowed:
        raise Http404
    return campaign


def alert_list_for_user(user, *, campaign: Campaign | None = None, state: str | None = None):
    """Alerts of the units the user heads, and of the campaigns whose issuer the user coordinates."""
    sa = survey_access(user)
    alerts = Alert.objects.select_related("unit", "campaign__plan", "handled_by", "response__service").defer(
        *plan_text_at("campaign__plan")
    )
    if campaign is not None:
        alerts = alerts.filter(campaign=campaign)
    if state:
        alerts = alerts.filter(state=state)
    if reads_everything(sa.access):
        return alerts
    return alerts.filter(
        Q(unit_id__in=sa.access.heading)
        | Q(campaign__plan__issuer_id__in=sa.access.coordinated | sa.surveyed | sa.access.readable_tree)
    )


def campaign_edit_history(campaign: Campaign, *, page: int = 1) -> HistoryPage:
    """Edits of the campaign, its units and services, and of its questionnaire with its questions."""
    questionnaire = campaign.questionnaire_id
    return history_entries(
        [
            Campaign.history.filter(id=campaign.id),
            CampaignUnit.history.filter(campaign_id=campaign.id),
            Service.history.filter(campaign_id=campaign.id),
            Questionnaire.history.filter(id=questionnaire),
            Criterion.history.filter(questionnaire_id=questionnaire),
            Question.history.filter(questionnaire_id=questionnaire),
            Choice.history.filter(
                question_id__in=Question.history.filter(questionnaire_id=questionnaire).values("id")
            ),
        ],
        page=page,
    )
