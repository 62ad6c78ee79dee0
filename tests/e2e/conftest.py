"""End-to-end journeys in a real browser (Debian's Chromium driven by Playwright).

Skipped, with the reason printed, when Chromium or Playwright is missing. Pages are
loaded with every request outside the test server refused: they must work offline.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# `make screenshots` points this at docs/screenshots; ordinary runs keep their pictures out of the tree.
SHOTS = Path(os.environ.get("KEHOACH_SCREENSHOTS") or Path(tempfile.gettempdir()) / "kehoach-screenshots")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "kehoach2026"

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

# Playwright's sync API runs an event loop in this thread; the ORM calls of the tests are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    reason = None
    if sync_playwright is None:
        reason = "Playwright chưa được cài (pip install playwright): bỏ qua kiểm thử trình duyệt."
    elif not CHROMIUM:
        reason = "Không tìm thấy Chromium (apt-get install chromium): bỏ qua kiểm thử trình duyệt."
    if reason:
        for item in items:
            if "e2e" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    from django.utils import timezone

    from tasks.demo import load_demo

    settings.MEDIA_ROOT = tmp_path
    return load_demo(timezone.localdate())


class Session:
    """One person at one browser window."""

    def __init__(self, browser, server_url: str, *, width: int = 1366, height: int = 900):
        self.base = server_url
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)
        # The network cable is pulled: only the product's own server answers.
        self.page.route("**/*", self._only_local)
        self.refused: list[str] = []

    def _only_local(self, route):
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.base + path)
        return self.page

    def login(self, username: str):
        self.open("/dang-nhap/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_load_state()
        return self

    def shot(self, name: str):
        SHOTS.mkdir(parents=True, exist_ok=True)
        # Chromium refuses a capture while a navigation is swapping the page; the picture wanted
        # is of the page once it has loaded, so wait for that and ask again.
        for attempt in range(3):
            self.page.wait_for_load_state("load")
            try:
                self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
                return
            except PlaywrightError:
                if attempt == 2:
                    raise
                self.page.wait_for_timeout(500)

    def no_horizontal_scroll(self) -> bool:
        # A page still loading its styles or laying out its charts can be wider for a moment on a
        # busy machine; what a user sees is the page once it has settled.
        self.page.wait_for_load_state("load")
        try:
            self.page.wait_for_function(
                "document.documentElement.scrollWidth <= window.innerWidth + 1", timeout=5000
            )
        except PlaywrightTimeoutError:
            return False
        return True

    def close(self):
        self.context.close()


@pytest.fixture
def open_session(browser, live_server):
    sessions = []

    def make(username: str | None = None, **size) -> Session:
        session = Session(browser, live_server.url, **size)
        sessions.append(session)
        return session.login(username) if username else session

    yield make
    for session in sessions:
        assert session.refused == [], f"trang gọi ra ngoài máy chủ: {session.refused}"
        session.close()
