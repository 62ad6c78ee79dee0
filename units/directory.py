"""Login with the office's directory (django-auth-ldap): its groups become roles in units.

Configured from the environment in ``project/settings/ldap.py``; off unless LDAP_SERVER_URI is set.
The roles are written by ``services.person_directory_roles_sync``, like any other role.
"""

from __future__ import annotations

from django.conf import settings
from django_auth_ldap.backend import LDAPBackend

from .services import person_directory_roles_sync


class DirectoryBackend(LDAPBackend):
    """A directory account logs in with its directory password; its groups give its roles."""

    def authenticate_ldap_user(self, ldap_user, password):
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is not None and settings.LDAP_GROUP_ROLES:
            person_directory_roles_sync(
                user=user, group_dns=set(ldap_user.group_dns), mapping=settings.LDAP_GROUP_ROLES
            )
        return user
