from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


@register.simple_tag
def state_badge(obj):
    css, icon = STATE_STYLE.get(obj.state, ("", ""))
    return format_html(
        '<span class="badge {}"><span aria-hidden="true">{}</span> {}</span>',
        css,
        icon,
        obj.get_state_display(),
    )


@register.simple_tag
def overdue_badge(deliverable, today):
    days = deliverable.days_late(today)
    if not days:
        return ""
    label = _("Quá hạn %(days)s ngày") % {"days": days}
    return format_html('<span class="badge st-overdue"><span aria-hidden="true">⚠</span> {}</span>', label)


@register.simple_tag
def timeliness_badge(deliverable):
    if not deliverable.timeliness:
        return ""
    return format_html(
        '<span class="badge {}">{}</span>',
        TIMELINESS_STYLE[deliverable.timeliness],
        deliverable.get_timeliness_display(),
    )


@register.filter
def vnd(amount):
    """567500000 → "567.500.000"."""
    return f"{int(amount):,}".replace(",", ".")


@register.filter
def lines(text):
    return [line for line in (text or "").splitlines() if line.strip()]


TRANSITION_LABELS = {
    "submit": gettext_lazy("Gửi báo cáo"),
    "submit_for_approval": gettext_lazy("Gửi lãnh đạo đơn vị duyệt"),
    "approve": gettext_lazy("Lãnh đạo đơn vị duyệt"),
    "send_back": gettext_lazy("Lãnh đạo đơn vị trả lại"),
    "accept": gettext_lazy("Nội vụ chấp nhận"),
    "return_to_unit": gettext_lazy("Nội vụ trả lại"),
    "waive": gettext_lazy("Miễn thực hiện"),
    "waive_with_plan": gettext_lazy("Miễn do kế hoạch bị hủy"),
    "extend": gettext_lazy("Gia hạn"),
    "transfer": gettext_lazy("Chuyển cho đơn vị kế thừa (sắp xếp tổ chức)"),
    "issue": gettext_lazy("Ban hành"),
    "close": gettext_lazy("Kết thúc"),
    "cancel": gettext_lazy("Hủy"),
    "reopen": gettext_lazy("Mở lại"),
    "register": gettext_lazy("Vào sổ văn bản đi"),
}


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
