"""Template filters other apps' pages use to offer "Tạo văn bản" only to those who may draft."""

from django import template

from documents.selectors import can_produce

register = template.Library()


@register.filter
def can_draft_for(user, issuer_id) -> bool:
    """Clerks and coordinators of the issuer's tree: anyone else would get 403 on the documents page."""
    return bool(user and user.is_authenticated and issuer_id and can_produce(user, int(issuer_id)))
