"""What every document service shares: who may produce for an issuer, hashes, reading stored files."""

from __future__ import annotations

import hashlib

from core.errors import AccessDenied
from units.models import Unit

from ..selectors import can_produce

MSG_NOT_ALLOWED = "Bạn không có quyền tạo văn bản của {issuer}."


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_producer(actor, issuer: Unit) -> None:
    if not can_produce(actor, issuer.pk):
        raise AccessDenied(MSG_NOT_ALLOWED.format(issuer=issuer))


def read_file(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()
