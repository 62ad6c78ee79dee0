"""Login with the office's directory (OpenLDAP or Active Directory), off unless LDAP_SERVER_URI is set.

Local accounts stay the default and keep working beside it. The directory's groups give roles:
``LDAP_GROUP_ROLES`` lists ``<group DN>=<unit code>:<role>`` entries separated by ``;``, e.g.
``cn=noivu,ou=groups,dc=camlam,dc=gov,dc=vn=CL-PNV:coordinator``; at each login the person gets
those roles (and loses the listed ones their groups no longer give) through ``units.services``.
"""

from __future__ import annotations

import os

BACKEND = "units.directory.DirectoryBackend"
TRUE = {"1", "true", "yes", "on"}
GROUP_FILTERS = {
    "groupOfNames": "(objectClass=groupOfNames)",
    "activeDirectory": "(objectClass=group)",
    "posixGroup": "(objectClass=posixGroup)",
}


def group_roles(text: str) -> list[tuple[str, str, str]]:
    """``dn=CODE:role;…`` → [(group dn in lower case, unit code, role)]; the DN holds '=' itself."""
    found = []
    for entry in text.replace("\n", ";").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        dn, _, target = entry.rpartition("=")
        code, _, role = target.partition(":")
        if not dn or not code.strip() or not role.strip():
            raise ValueError(f"LDAP_GROUP_ROLES: «{entry}» phải có dạng <DN nhóm>=<mã đơn vị>:<vai trò>")
        found.append((dn.strip().lower(), code.strip(), role.strip()))
    return found


def ldap_settings(environ=os.environ) -> dict:
    """The django-auth-ldap settings the environment asks for ({} when LDAP_SERVER_URI is unset)."""
    uri = environ.get("LDAP_SERVER_URI", "").strip()
    if not uri:
        return {}
    import ldap
    from django_auth_ldap.config import (
        GroupOfNamesType,
        LDAPSearch,
        NestedActiveDirectoryGroupType,
        PosixGroupType,
    )

    kind = environ.get("LDAP_GROUP_TYPE", "groupOfNames").strip()
    group_types = {
        "groupOfNames": GroupOfNamesType,
        "activeDirectory": NestedActiveDirectoryGroupType,
        "posixGroup": PosixGroupType,
    }
    if kind not in group_types:
        raise ValueError(f"LDAP_GROUP_TYPE: «{kind}» không có; chỉ nhận: {', '.join(group_types)}")
    found = {
        "AUTH_LDAP_SERVER_URI": uri,
        "AUTH_LDAP_BIND_DN": environ.get("LDAP_BIND_DN", ""),
        "AUTH_LDAP_BIND_PASSWORD": environ.get("LDAP_BIND_PASSWORD", ""),
        "AUTH_LDAP_START_TLS": environ.get("LDAP_START_TLS", "").strip().lower()
        in {"1", "true", "yes", "on"},
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            environ.get("LDAP_USER_SEARCH_BASE", ""),
            ldap.SCOPE_SUBTREE,
            environ.get("LDAP_USER_FILTER", "(uid=%(user)s)"),
        ),
        "AUTH_LDAP_USER_ATTR_MAP": {
            "first_name": environ.get("LDAP_ATTR_FIRST_NAME", "givenName"),
            "last_name": environ.get("LDAP_ATTR_LAST_NAME", "sn"),
            "email": environ.get("LDAP_ATTR_EMAIL", "mail"),
        },
        "AUTH_LDAP_GROUP_TYPE": group_types[kind](),
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(
            environ.get("LDAP_GROUP_SEARCH_BASE", environ.get("LDAP_USER_SEARCH_BASE", "")),
            ldap.SCOPE_SUBTREE,
            GROUP_FILTERS[kind],
        ),
        "AUTH_LDAP_CACHE_TIMEOUT": 0,
        "LDAP_GROUP_ROLES": group_roles(environ.get("LDAP_GROUP_ROLES", "")),
    }
    if environ.get("LDAP_REQUIRE_GROUP", "").strip():
        found["AUTH_LDAP_REQUIRE_GROUP"] = environ["LDAP_REQUIRE_GROUP"].strip()
    if kind == "activeDirectory":
        # Active Directory answers with referrals python-ldap cannot follow anonymously.
        found["AUTH_LDAP_CONNECTION_OPTIONS"] = {ldap.OPT_REFERRALS: 0}
    return found


def with_directory(backends: list[str]) -> list[str]:
    """The directory right after the login throttle, before local accounts."""
    rest = [b for b in backends if b != BACKEND]
    return [*rest[:1], BACKEND, *rest[1:]]
