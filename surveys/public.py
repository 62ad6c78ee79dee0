"""What guards the citizen's form: who is asking, how often, from which device, and the same form twice.

- The client is the address the outermost trusted proxy saw (``core.http.client_ip``, the
  same rule as the login throttle).
- Only accepted forms count (django-ratelimit, in the shared cache, so every worker
  counts together when Redis is configured).
- A counter kiosk carries a signed cookie the survey operator set from the QR page; it
  has its own, larger allowance, so the one tablet at the desk is not blocked after a few
  citizens.
- The same form sent twice within a few minutes (a double tap, a reload) is kept once.
"""

from __future__ import annotations

import hashlib
import json
import secrets

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django_ratelimit.core import get_usage

from core.http import client_ip

GROUP = "surveys.public_form"
KIOSK_COOKIE = "kh_kiosk"
KIOSK_SALT = "surveys.kiosk"
KIOSK_MAX_AGE = 400 * 24 * 3600  # a tablet stays a kiosk for the year


def kiosk_cookie_value(token: str) -> str:
    return signing.dumps({"t": token, "d": secrets.token_urlsafe(6)}, salt=KIOSK_SALT)


def kiosk_device(request, token: str) -> str | None:
    """The device id of a kiosk cookie set for this form, or None."""
    raw = request.COOKIES.get(KIOSK_COOKIE)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=KIOSK_SALT, max_age=KIOSK_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("d") if data.get("t") == token else None


def _who(request, token: str) -> tuple[str, str]:
    """(cache key value, rate) for this client: its kiosk device, or its address."""
    device = kiosk_device(request, token)
    if device:
        return f"kiosk:{device}", settings.SURVEY_KIOSK_RATE
    return f"ip:{client_ip(request)}", settings.SURVEY_PUBLIC_RATE


def _usage(request, token: str, *, increment: bool):
    value, rate = _who(request, token)
    return get_usage(request, group=GROUP, key=lambda group, request: value, rate=rate, increment=increment)


def public_limit_reached(request, token: str) -> bool:
    """True when this client already had its allowance of accepted forms in the window."""
    usage = _usage(request, token, increment=False)
    return usage is not None and (usage["count"] >= usage["limit"] or usage["limit"] == 0)


def public_accepted(request, token: str) -> None:
    _usage(request, token, increment=True)


def _fingerprint(request, token: str, form_data: dict) -> str:
    value, _ = _who(request, token)
    body = json.dumps(form_data, sort_keys=True, default=str, ensure_ascii=False)
    return "surveys:same-form:" + hashlib.sha256(f"{token}|{value}|{body}".encode()).hexdigest()


def same_form_claim(request, token: str, form_data: dict) -> str | None:
    """Claim this exact form for a few minutes; None when it was already sent (keep one copy)."""
    key = _fingerprint(request, token, form_data)
    return key if cache.add(key, 1, settings.SURVEY_SAME_FORM_SECONDS) else None


def same_form_release(key: str) -> None:
    """The claimed form was refused: sending it again (corrected) is a new form."""
    cache.delete(key)
