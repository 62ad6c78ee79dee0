"""Writes on the organisation side: units, people and their roles; API tokens for other systems."""

from __future__ import annotations

import hashlib
import logging
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.errors import AccessDenied, ApplicationError, unique_or_conflict
from core.text import fold

from .models import ApiToken, Membership, Unit, UnitAlias
from .selectors import access_forget

logger = logging.getLogger(__name__)

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


# ----- the unit tree and its people (coordinator screens, spreadsheet import) --------------

MSG_NOT_COORDINATOR = "Bạn không quản lý đơn vị {unit}."
MSG_CODE_USED = "Mã {code} đã được dùng (kể cả đơn vị đã giải thể); hãy chọn mã khác."
MSG_CODE_FORMAT = "Mã đơn vị chỉ gồm chữ không dấu, số và dấu gạch ngang, ví dụ CAMLAM-PNV."
MSG_NAME_REQUIRED = "Cần nhập tên đầy đủ của đơn vị."
MSG_HAS_OPEN = (
    "{unit} còn {count} nghĩa vụ chưa hoàn thành; hãy dùng «Sắp xếp tổ chức» (giải thể, sáp nhập) "
    "để chuyển cho đơn vị kế thừa."
)
MSG_HAS_CHILDREN = "{unit} còn đơn vị trực thuộc đang hoạt động."
MSG_USERNAME_USED = "Tên đăng nhập {username} đã có người dùng."
MSG_USERNAME_FORMAT = "Tên đăng nhập chỉ gồm chữ không dấu, số và các dấu . _ -"
MSG_NO_EMAIL = "Tài khoản chưa có thư điện tử; hãy dùng mật khẩu dùng một lần."
MSG_STAFF = "Tài khoản quản trị chỉ quản trị viên hệ thống mới thay đổi được."
MSG_ROLE_UNKNOWN = "Vai trò «{role}» không có; chỉ nhận: {choices}."
MSG_RESET_SUBJECT = "kehoach: đặt mật khẩu cho tài khoản của bạn"
MSG_RESET_BODY = (
    "Chào {name},\n\nTài khoản kehoach của bạn: {username}.\n"
    "Mở liên kết sau để đặt mật khẩu (chỉ dùng được một lần):\n{link}\n"
)
CODE_RE = r"^[A-Z0-9][A-Z0-9-]{1,39}$"
USERNAME_RE = r"^[a-z0-9][a-z0-9._-]{1,149}$"


def _check_manages(actor, unit: Unit | None) -> None:
    from .selectors import access_for

    if actor is None:
        return
    access = access_for(actor)
    if unit is None:
        if not access.is_superuser:
            raise AccessDenied(MSG_NOT_COORDINATOR.format(unit="cấp cao nhất"))
        return
    if not access.can_manage_issuer(unit.pk):
        raise AccessDenied(MSG_NOT_COORDINATOR.format(unit=unit))


def unit_create(
    *,
    actor,
    parent: Unit | None,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    symbol: str = "",
    requires_head_approval: bool = False,
) -> Unit:
    """Add a unit under ``parent`` (which the actor coordinates); codes are never reused."""
    import re

    _check_manages(actor, parent)
    code = code.strip().upper()
    if not re.match(CODE_RE, code):
        raise ApplicationError(MSG_CODE_FORMAT)
    if Unit.objects.filter(code=code).exists():
        raise ApplicationError(MSG_CODE_USED.format(code=code))
    if not name.strip():
        raise ApplicationError(MSG_NAME_REQUIRED)
    unit = Unit(
        parent=parent,
        code=code,
        name=name.strip(),
        short_name=short_name.strip(),
        symbol=symbol.strip(),
        kind=kind,
        requires_head_approval=requires_head_approval,
    )
    unit.full_clean()
    with unique_or_conflict(MSG_CODE_USED.format(code=code)):
        unit.save()
    access_forget(actor)  # the new unit is in the actor's tree from now on
    return unit


def unit_update(
    *, actor, unit: Unit, short_name: str, symbol: str, requires_head_approval: bool, aliases: list[str]
) -> Unit:
    """Change what a unit is called for short and on documents, and the names plans use for it.

    The full name changes only by a rename event (the old name stays on record).
    """
    _check_manages(actor, unit)
    with transaction.atomic():
        unit.short_name = short_name.strip()
        unit.symbol = symbol.strip()
        unit.requires_head_approval = requires_head_approval
        unit.full_clean()
        unit.save(update_fields=["short_name", "symbol", "requires_head_approval"])
        wanted = {fold(text): text.strip() for text in aliases if text.strip()}
        for alias in unit.aliases.all():
            if alias.folded not in wanted:
                alias.delete()  # an alias is a matching hint, not a record anything depends on
        for folded, text in wanted.items():
            UnitAlias.objects.get_or_create(unit=unit, folded=folded, defaults={"text": text})
    return unit


_OPEN_WORK: list = []


def open_work_counter(counter):
    """Register how another app counts a unit's open work (call from AppConfig.ready)."""
    if counter not in _OPEN_WORK:
        _OPEN_WORK.append(counter)
    return counter


def unit_open_work(unit: Unit) -> int:
    return sum(counter(unit) for counter in _OPEN_WORK)


def unit_deactivate(*, actor, unit: Unit) -> Unit:
    """Stop using a unit that owes nothing; one that owes must be reorganised instead."""
    _check_manages(actor, unit)
    owed = unit_open_work(unit)
    if owed:
        raise ApplicationError(MSG_HAS_OPEN.format(unit=unit, count=owed))
    if unit.children.filter(is_active=True).exists():
        raise ApplicationError(MSG_HAS_CHILDREN.format(unit=unit))
    if unit.is_active:
        unit.is_active = False
        unit.save(update_fields=["is_active"])
    return unit


def person_create(*, actor, username: str, full_name: str, email: str = "", unit: Unit, role: str):
    """Create an account with one role in a unit the actor coordinates; no password yet."""
    import re

    _check_manages(actor, unit)
    username = username.strip().lower()
    if not re.match(USERNAME_RE, username):
        raise ApplicationError(MSG_USERNAME_FORMAT)
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ApplicationError(MSG_USERNAME_USED.format(username=username))
    last, _, first = full_name.strip().rpartition(" ")
    with transaction.atomic():
        user = user_model(username=username, first_name=first, last_name=last, email=email.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
        membership_grant(actor=actor, user=user, unit=unit, role=role)
    return user


def membership_grant(*, actor, user, unit: Unit, role: str) -> Membership:
    """Give a person a role in a unit; a role that had ended starts again."""
    _check_manages(actor, unit)
    if role not in Membership.Role.values:
        raise ApplicationError(MSG_ROLE_UNKNOWN.format(role=role, choices=", ".join(Membership.Role.values)))
    if not unit.is_active:
        raise ApplicationError(MSG_INACTIVE_UNIT.format(unit=unit))
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if not created and membership.ended_on:
        membership.ended_on = None
        membership.save(update_fields=["ended_on"])
    return membership


def membership_end(*, actor, membership: Membership, on=None) -> Membership:
    """End a role from a date (today by default); the row stays as history."""
    _check_manages(actor, membership.unit)
    if membership.ended_on is None:
        membership.ended_on = on or timezone.localdate()
        membership.save(update_fields=["ended_on"])
    return membership


def person_directory_roles_sync(*, user, group_dns: set[str], mapping: list[tuple[str, str, str]]) -> None:
    """At a directory login: give the roles the groups give; end the mapped ones they no longer give.

    ``mapping`` is [(group DN, unit code, role)] (LDAP_GROUP_ROLES); roles given by hand in units
    the mapping does not name are left alone. A unit code that does not exist or a unit no longer
    active is logged and skipped: the person still logs in.
    """
    groups = {dn.lower() for dn in group_dns}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in={code for _, code, _ in mapping})}
    mapped, wanted = set(), set()
    for dn, code, role in mapping:
        unit = units.get(code)
        if unit is None or role not in Membership.Role.values:
            logger.warning("LDAP_GROUP_ROLES: không có đơn vị %s hoặc vai trò %s", code, role)
            continue
        mapped.add((unit.pk, role))
        if dn.lower() in groups:
            wanted.add((unit.pk, role))
    by_id = {unit.pk: unit for unit in units.values()}
    for unit_id, role in sorted(wanted):
        try:
            membership_grant(actor=None, user=user, unit=by_id[unit_id], role=role)
        except ApplicationError as error:
            logger.warning("LDAP: %s: %s", user.username, error.message)
    for membership in Membership.objects.filter(user=user, ended_on__isnull=True):
        if (membership.unit_id, membership.role) in mapped - wanted:
            membership_end(actor=None, membership=membership)
    access_forget(user)


def _check_person(actor, user, units: list[Unit]) -> None:
    """The actor coordinates every unit the person works in; staff accounts only an administrator."""
    if (user.is_staff or user.is_superuser) and actor is not None and not actor.is_superuser:
        raise AccessDenied(MSG_STAFF)
    for unit in units:
        _check_manages(actor, unit)


def person_deactivate(*, actor, user, units: list[Unit]) -> None:
    """Close an account whose roles are all in units the actor coordinates."""
    _check_person(actor, user, units)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])


def person_one_time_password(*, actor, user, units: list[Unit]) -> str:
    """Set a random password, shown once, for offices without mail; the person changes it after logging in."""
    _check_person(actor, user, units)
    password = "-".join(secrets.token_hex(2) for _ in range(3))
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def person_login_unlock(*, actor, user, units: list[Unit]) -> int:
    """Let the person try to log in again after too many wrong passwords; return the locks lifted."""
    from axes.utils import reset

    _check_person(actor, user, units)
    return reset(username=user.username)


def person_reset_link(*, user) -> str:
    """The path of a one-use password link (Django's token: void once the password changes)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


def person_reset_link_send(*, actor, user, units: list[Unit], base_url: str) -> None:
    """Nội vụ e-mails the person a link to set their own password."""
    _check_person(actor, user, units)
    if not user.email:
        raise ApplicationError(MSG_NO_EMAIL)
    person_reset_mail(user=user, base_url=base_url)


def person_reset_mail(*, user, base_url: str) -> None:
    """The one mail with a password link (asked by Nội vụ or by the person), sent on commit."""
    from django.core.mail import send_mail

    link = base_url.rstrip("/") + person_reset_link(user=user)
    body = MSG_RESET_BODY.format(
        name=f"{user.last_name} {user.first_name}".strip(), username=user.username, link=link
    )
    transaction.on_commit(lambda: send_mail(MSG_RESET_SUBJECT, body, None, [user.email]))


# ----- after a reorganisation: the people of the old units, offered roles in the successors ------

MSG_NOT_OFFERED = "{username} không thuộc đơn vị được sắp xếp trong sự kiện này."
MSG_NOT_SUCCESSOR = "Đơn vị được chọn (#{unit}) không phải đơn vị kế thừa trong sự kiện này."
MSG_NOTHING_PICKED = "Chưa chọn người nào để giao vai trò."


def reorganisation_offers_grant(*, actor, event, picks: list[tuple[str, str, int]]) -> list[Membership]:
    """Give the chosen people of the old units (username, role, successor id) their roles in the
    successors, all or nothing; each through ``membership_grant`` (scope checked per unit)."""
    if not picks:
        raise ApplicationError(MSG_NOTHING_PICKED)
    offered = {offer["user"] for offer in event.summary.get("offers", [])}
    successors = {link.successor_id: link.successor for link in event.lineage.select_related("successor")}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[p[0] for p in picks])}
    granted = []
    with transaction.atomic():
        for username, role, unit_id in picks:
            if username not in offered or username not in users:
                raise ApplicationError(MSG_NOT_OFFERED.format(username=username))
            if unit_id not in successors:
                raise ApplicationError(MSG_NOT_SUCCESSOR.format(unit=unit_id))
            granted.append(
                membership_grant(actor=actor, user=users[username], unit=successors[unit_id], role=role)
            )
    return granted
