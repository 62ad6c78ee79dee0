"""What a token may do: its scopes. Session users are scoped by their roles alone."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from units.models import ApiToken

MSG_SCOPE = _("Mã truy cập này không có phạm vi «{scope}».")
MSG_SESSION_ONLY = _("Thao tác này chỉ dành cho người dùng đăng nhập, không dùng mã truy cập.")

# A view's ``token_scope``: the scope a token needs. None means tokens may not call it.
SESSION_ONLY = None


def granted_scopes(token: ApiToken) -> frozenset[str]:
    """A token that reports must read what it owes: "report" implies "read"."""
    scopes = token.scope_set
    return scopes | {ApiToken.Scope.READ} if ApiToken.Scope.REPORT in scopes else scopes


class HasTokenScope(BasePermission):
    """Refuse a token lacking the view's ``token_scope``; tokens never review or approve."""

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        scope = getattr(view, "token_scope", ApiToken.Scope.READ)
        if scope is SESSION_ONLY:
            self.message = MSG_SESSION_ONLY
            return False
        if scope not in granted_scopes(token):
            self.message = str(MSG_SCOPE).format(scope=scope)
            return False
        return True
