"""Content-Security-Policy: every page says where scripts may come from, and no template runs inline
code without the page's nonce (an injected <script> or onclick= then does nothing in the browser)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"] + [
    Path(settings.BASE_DIR) / app / "templates"
    for app in ("core", "units", "plans", "tasks", "surveys", "documents")
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_page_carries_the_policy(client, org):
    policy = _policy(client.get(reverse("login")))
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    client.force_login(org.coordinator)
    assert "Content-Security-Policy" in client.get(reverse("plan_list"))


@pytest.mark.parametrize(
    "pattern, what",
    [
        (INLINE_SCRIPT, "<script> without src or nonce"),
        (INLINE_HANDLER, "inline handler"),
        (JS_URL, "javascript:"),
    ],
)
def test_no_template_writes_inline_code(pattern, what):
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)[:80]}"
        for folder in TEMPLATE_DIRS
        if folder.exists()
        for path in folder.rglob("*.html")
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == [], f"{what}: {found}"
