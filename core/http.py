"""Small helpers every screen shares about the request itself: where to go back to, who is asking."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str) -> str:
    """Where the form came from (``next``), if it is on this site; otherwise ``default``.

    A list keeps its filters this way; an address on another site (``https://evil.example``,
    ``//evil.example``) is never followed.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def client_address(request) -> str | None:
    """The address the outermost trusted proxy saw, or None when there is no valid one.

    With ``TRUSTED_PROXY_COUNT`` proxies (nginx…) in front, it is that many entries from the right
    of ``X-Forwarded-For``; entries further left were written by the client and prove nothing.
    """
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    found = request.META.get("REMOTE_ADDR", "")
    chain = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if ip.strip()]
    if proxies > 0 and chain:
        found = chain[-proxies] if len(chain) >= proxies else chain[0]
    try:
        return str(ipaddress.ip_address(found))
    except ValueError:
        return None


def client_ip(request) -> str:
    """``client_address`` for counting (rate limits): "unknown" when there is none."""
    return client_address(request) or "unknown"
