"""Writes on the organisation side: API tokens for other systems."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.errors import ApplicationError

from .models import ApiToken, Membership, Unit

# Keys start with a visible marker so leaked ones are easy to grep for.
KEY_START = "kh_"
MSG_NO_SCOPE = "Cần ít nhất một phạm vi: {choices}."
MSG_BAD_SCOPE = "Phạm vi không hợp lệ: {bad}. Chỉ nhận: {choices}."
MSG_NO_NAME = "Cần đặt tên cho mã truy cập (tên hệ thống sử dụng)."
MSG_INACTIVE_UNIT = "Đơn vị {unit} không còn hoạt động."


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, unit: Unit, name: str, scopes: list[str], created_by=None) -> tuple[ApiToken, str]:
    """Create a token and its service account; return the token and its key (shown only now).

    The service account is an officer of ``unit`` whose password is unusable: it cannot log
    in to the screens, and ``access_for`` scopes it as any officer of that unit.
    """
    choices = ", ".join(ApiToken.Scope.values)
    wanted = sorted({scope.strip() for scope in scopes if scope.strip()})
    if not name.strip():
        raise ApplicationError(MSG_NO_NAME)
    if not wanted:
        raise ApplicationError(MSG_NO_SCOPE.format(choices=choices))
    bad = [scope for scope in wanted if scope not in ApiToken.Scope.values]
    if bad:
        raise ApplicationError(MSG_BAD_SCOPE.format(bad=", ".join(bad), choices=choices))
    if not unit.is_active:
        raise ApplicationError(MSG_INACTIVE_UNIT.format(unit=unit))
    key = KEY_START + secrets.token_urlsafe(32)
    with transaction.atomic():
        user = get_user_model()(
            username=f"api.{secrets.token_hex(6)}", last_name=f"{name.strip()[:120]} (API)"[:150]
        )
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, unit=unit, role=Membership.Role.OFFICER)
        token = ApiToken.objects.create(
            name=name.strip(),
            unit=unit,
            scopes=",".join(wanted),
            prefix=key[:10],
            key_hash=api_token_hash(key),
            user=user,
            created_by=created_by,
        )
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke the token for good and deactivate its service account; idempotent."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
        if token.user.is_active:
            token.user.is_active = False
            token.user.save(update_fields=["is_active"])
    return token


def api_token_touch(*, token: ApiToken, every_seconds: int = 60) -> None:
    """Record use, at most once a minute so reads do not turn into writes."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= every_seconds:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
