"""A file kept between a preview and its confirmation, so the user does not choose it again.

The preview stores the upload in the file storage and hands back a signed token naming it,
its owner and when it was kept; the confirmation reads it back by that token. A token of
another user, a forged one or one older than ``MAX_AGE`` opens nothing. Files left behind by
previews never confirmed are removed the next time their owner stages one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from .errors import ApplicationError

FOLDER = "staged-uploads"
MAX_AGE = dt.timedelta(hours=1)
SALT = "kehoach.staged-upload"
MSG_EXPIRED = "Tệp xem trước đã hết hạn hoặc không còn; hãy chọn lại tệp và xem trước."
MSG_TOO_BIG = "Tệp quá lớn (tối đa {limit} MB)."


def _folder(owner) -> str:
    return f"{FOLDER}/{owner.pk}"


def _sweep(owner) -> None:
    """Remove the owner's staged files older than ``MAX_AGE`` (previews never confirmed)."""
    folder = _folder(owner)
    try:
        _, names = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    limit = timezone.now() - MAX_AGE
    for name in names:
        path = f"{folder}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def upload_stage(*, data: bytes, name: str, owner, max_bytes: int) -> str:
    """Keep ``data`` for ``owner`` and return the token that reads it back (bounded in size)."""
    if len(data) > max_bytes:
        raise ApplicationError(MSG_TOO_BIG.format(limit=max_bytes // (1024 * 1024)))
    _sweep(owner)
    suffix = ".csv" if name.lower().endswith(".csv") else ".xlsx"
    path = default_storage.save(f"{_folder(owner)}/{uuid.uuid4().hex}{suffix}", ContentFile(data))
    return signing.dumps({"path": path, "name": name[:200], "owner": owner.pk}, salt=SALT)


def _payload(token: str, owner) -> dict:
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # forged, altered or expired
        raise ApplicationError(MSG_EXPIRED) from None
    if payload.get("owner") != owner.pk or not str(payload.get("path", "")).startswith(_folder(owner)):
        raise ApplicationError(MSG_EXPIRED)
    return payload


def upload_read(*, token: str, owner) -> tuple[bytes, str]:
    """The staged file's content and original name; refused when expired or not the owner's."""
    payload = _payload(token, owner)
    try:
        with default_storage.open(payload["path"], "rb") as stored:
            return stored.read(), payload["name"]
    except FileNotFoundError:
        raise ApplicationError(MSG_EXPIRED) from None


def upload_discard(*, token: str, owner) -> None:
    """Forget a staged file once it has been applied."""
    with contextlib.suppress(ApplicationError):
        default_storage.delete(_payload(token, owner)["path"])
