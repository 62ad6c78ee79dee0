"""Token authentication for other systems: ``Authorization: Token kh_…`` (or ``Bearer``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from units.models import ApiToken
from units.services import api_token_hash, api_token_touch

MSG_BAD_HEADER = _("Tiêu đề Authorization không hợp lệ: dùng «Token <mã truy cập>».")
MSG_BAD_TOKEN = _("Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
KEYWORDS = (b"token", b"bearer")


class UnitTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate as the token's service account; ``request.auth`` is the ApiToken."""

    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(MSG_BAD_HEADER)
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(MSG_BAD_HEADER) from None
        token = (
            ApiToken.objects.select_related("user", "unit")
            .filter(key_hash=api_token_hash(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active or not token.unit.is_active:
            raise exceptions.AuthenticationFailed(MSG_BAD_TOKEN)
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class UnitTokenScheme(OpenApiAuthenticationExtension):
    target_class = "units.apis.authentication.UnitTokenAuthentication"
    name = "unitToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Mã truy cập của đơn vị: `Token kh_…` (tạo bằng lệnh create_api_token).",
        }
