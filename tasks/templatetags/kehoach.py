from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from plans.events import PlanEvent

from ..events.deliverables import DeliverableEvent

register = template.Library()

# State → (css class, icon). The word is always shown too: colour is never the only signal.
STATE_STYLE = {
    "pending": ("st-pending", "○"),
    "awaiting_approval": ("st-approval", "◔"),
    "submitted": ("st-submitted", "◑"),
    "returned": ("st-returned", "↩"),
    "accepted": ("st-accepted", "✔"),
    "waived": ("st-waived", "–"),
    "draft": ("st-pending", "✎"),
    "issued": ("st-submitted", "▶"),
    "closed": ("st-accepted", "■"),
    "cancelled": ("st-waived", "✕"),
}
TIMELINESS_STYLE = {"early": "tl-early", "on_time": "tl-on-time", "late": "tl-late"}


# A list page shows a badge per row: each is built once per language and kept (``get_FOO_display``
# rebuilds the field's choices on every call, a tenth of a 50-row page).
@lru_cache(maxsize=512)
def _badge(model, field_name: str, value: str, language: str | None) -> str:
    label = dict(model._meta.get_field(field_name).flatchoices).get(value, value)
    if field_name == "state":
        css, icon = STATE_STYLE.get(value, ("", ""))
        return format_html(
            '<span class="badge {}"><span aria-hidden="true">{}</span> {}</span>', css, icon, label
        )
    return format_html('<span class="badge {}">{}</span>', TIMELINESS_STYLE[value], label)


@register.simple_tag
def state_badge(obj):
    return _badge(type(obj), "state", obj.state, get_language())


@register.simple_tag
def overdue_badge(deliverable, today):
    days = deliverable.days_late(today)
    return _overdue_badge(days, get_language()) if days else ""


@lru_cache(maxsize=1024)
def _overdue_badge(days: int, language: str | None) -> str:
    label = _("Quá hạn %(days)s ngày") % {"days": days}
    return format_html('<span class="badge st-overdue"><span aria-hidden="true">⚠</span> {}</span>', label)


def deliverable_badges(state: str, days_late: int, language: str | None) -> str:
    """An obligation's state badge and, when it is late, its overdue badge, from plain values
    (a row that is not a model object, such as a plan row's chips)."""
    from ..models import Deliverable

    state_html = _badge(Deliverable, "state", state, language)
    return format_html("{} {}", state_html, _overdue_badge(days_late, language)) if days_late else state_html


@register.simple_tag
def timeliness_badge(deliverable):
    if not deliverable.timeliness:
        return ""
    return _badge(type(deliverable), "timeliness", deliverable.timeliness, get_language())


@register.filter
def vnd(amount):
    """567500000 → "567.500.000"."""
    return f"{int(amount):,}".replace(",", ".")


@register.filter
def lines(text):
    return [line for line in (text or "").splitlines() if line.strip()]


# One vocabulary: the labels come from each record's events module.
TRANSITION_LABELS = dict(DeliverableEvent.choices) | dict(PlanEvent.choices)


@register.filter
def transition_label(name):
    return TRANSITION_LABELS.get(name, name)


@register.filter
def state_label(value):
    from plans.models import Plan

    from ..models import Deliverable

    labels = dict(Deliverable.State.choices) | dict(Plan.State.choices)
    return labels.get(value, value)


@register.filter
def person(user):
    """Vietnamese order: family name first ("Nguyễn Thị Lan"), else the username."""
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()


@register.simple_tag(takes_context=True)
def query_with(context, name, value):
    """The current query string with ``name`` set to ``value`` (a pager keeps the other lists' pages)."""
    query = context["request"].GET.copy()
    query[name] = value
    return query.urlencode()


_MARK = 987654321


@lru_cache(maxsize=256)
def _route_parts(script_prefix: str, name: str, *args) -> tuple[str, str]:
    """The address of route ``name`` split around its record's id (``_MARK`` among ``args``),
    resolved once per route and parent record."""
    head, tail = reverse(name, args=args).rsplit(str(_MARK), 1)
    return head, tail


def _record_url(name: str, pk: int, *rest: str, parents: tuple = ()) -> str:
    head, tail = _route_parts(get_script_prefix(), name, *parents, _MARK, *rest)
    return f"{head}{int(pk)}{tail}"


@register.filter
def deliverable_url(deliverable, action: str = "") -> str:
    """The obligation's page (or its ``action`` address): ``{% url 'deliverable_detail' d.pk %}``
    without resolving the route again for each of a list's rows."""
    if action:
        return _record_url("deliverable_action", deliverable.pk, action)
    return _record_url("deliverable_detail", deliverable.pk)


def task_url(name: str, plan_pk: int, task_pk: int, *rest: str) -> str:
    """A task's address under its plan (edit, remove, move): ``url(name, plan.pk, task.pk, …)``
    resolved once per plan and route, not for each of the table's fifty rows."""
    return _record_url(name, task_pk, *rest, parents=(int(plan_pk),))


def extension_decide_url(extension, decision: str) -> str:
    """Where a decision on an extension request is posted, resolved once per list like ``deliverable_url``."""
    return _record_url("extension_decide", extension.pk, decision)
