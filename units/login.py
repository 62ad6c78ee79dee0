"""Signing in: the page a locked-out login gets, and who is locked out (django-axes keeps the count)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def login_locked_response(request, original_response=None, credentials=None):
    """The login page again, with the Vietnamese reason and what to do (HTTP 429)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": settings.AXES_COOLOFF_MINUTES if settings.AXES_COOLOFF_TIME else 0,
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login_locked.html", context, status=429)


def login_locked(user) -> bool:
    """True while some address is locked out of this account (too many wrong passwords)."""
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(
        username=user.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts.exists()
