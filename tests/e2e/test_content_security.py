"""Security in a real browser: the main pages (the admin and the API docs too) run under the
Content-Security-Policy with no violation, an injected inline script is refused, and a locked-out
login is unlocked by Nội vụ. Pictures for the README."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plans.models import Plan
from surveys.models import Campaign, CampaignUnit
from tasks.models import Task
from units.models import Membership

pytestmark = pytest.mark.browser

# Registered before any page script: every violation the browser reports lands in this list.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  var where = e.sourceFile + ":" + e.lineNumber;
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " @" + where);
});
"""


def _watch(session):
    session.page.add_init_script(WATCH)
    messages = []
    session.page.on(
        "console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None
    )
    return messages


def _visit(session, messages, paths) -> list[str]:
    problems = []
    for path in paths:
        session.open(path)
        session.page.wait_for_load_state("networkidle")
        found = session.page.evaluate("window.__csp || []")
        problems += [f"{path}: {v}" for v in found]
    problems += messages
    return problems


def test_the_main_pages_run_under_the_policy(demo, open_session):
    plan = Plan.objects.filter(tasks__isnull=False).order_by("id").first()
    draft = Plan.objects.filter(state="draft").order_by("id").first()
    task = Task.objects.filter(plan=draft).first() if draft else None
    campaign = Campaign.objects.order_by("id").first()
    token = CampaignUnit.objects.filter(campaign=campaign).values_list("public_token", flat=True).first()

    anonymous = open_session()
    anonymous_messages = _watch(anonymous)
    pages = [reverse("login"), reverse("password_reset")]
    if token:
        pages.append(reverse("survey_public_form", args=[token]))
    problems = _visit(anonymous, anonymous_messages, pages)

    noivu = open_session()
    messages = _watch(noivu)
    noivu.login("pnv.camlam")
    pages = [
        reverse("dashboard"),
        reverse("plan_list"),
        reverse("plan_detail", args=[plan.pk]),
        reverse("plan_gantt", args=[plan.pk]),
        reverse("plan_create"),
        reverse("deliverable_list"),
        reverse("review_queue"),
        reverse("progress_overview"),
        reverse("notification_list"),
        reverse("survey_list"),
        reverse("survey_alerts"),
        reverse("document_list"),
        reverse("template_list"),
        reverse("unit_list"),
        reverse("person_list"),
        reverse("api_docs"),
    ]
    if task:
        pages += [reverse("plan_edit", args=[draft.pk]), reverse("task_edit", args=[draft.pk, task.pk])]
    if campaign:
        pages += [reverse("survey_detail", args=[campaign.pk]), reverse("survey_entry", args=[campaign.pk])]
    problems += _visit(noivu, messages, pages)
    # the Swagger page really drew the API from its own start-up file
    noivu.open(reverse("api_docs"))
    noivu.page.wait_for_selector(".opblock-tag", timeout=20000)

    admin = open_session()
    admin_messages = _watch(admin)
    admin.login("admin")
    problems += _visit(
        admin, admin_messages, ["/admin/", "/admin/plans/plan/", "/admin/auth/user/", "/admin/auth/user/add/"]
    )

    assert problems == []


def test_an_injected_inline_script_does_not_run(demo, open_session):
    session = open_session()
    _watch(session)
    session.open(reverse("login"))
    ran = session.page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.__pwned = 1";
        document.body.appendChild(s); return window.__pwned === 1; }"""
    )
    assert ran is False
    assert session.page.evaluate("window.__csp.length") >= 1


def test_a_locked_out_officer_is_unlocked_by_noi_vu(demo, open_session, settings):
    """Too many wrong passwords: the Vietnamese lock-out page; Nội vụ unlocks; the officer logs in."""
    from django.contrib.auth import get_user_model

    from tests.e2e.conftest import PASSWORD
    from units.selectors import access_for

    coordinated = access_for(get_user_model().objects.get(username="pnv.camlam")).coordinated
    officers = Membership.objects.filter(role="officer", unit_id__in=coordinated).exclude(
        user__memberships__role="coordinator"
    )
    officer = officers.order_by("id").first().user
    phone = open_session(width=375, height=800)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        phone.open(reverse("login"))
        phone.page.fill("#id_username", officer.username)
        phone.page.fill("#id_password", "sai-mat-khau")
        phone.page.click("main button[type=submit]")
    expect(phone.page.get_by_text("tạm bị khóa đăng nhập")).to_be_visible()
    assert phone.no_horizontal_scroll()
    phone.shot("19-khoa-dang-nhap-dien-thoai")

    noivu = open_session("pnv.camlam")
    noivu.open(reverse("person_detail", args=[officer.pk]))
    expect(noivu.page.get_by_text("Tạm khóa: nhập sai mật khẩu quá nhiều lần")).to_be_visible()
    noivu.shot("19-mo-khoa-dang-nhap")
    noivu.page.get_by_role("button", name="Mở khóa đăng nhập").click()
    expect(noivu.page.get_by_text("Đã mở khóa đăng nhập")).to_be_visible()

    phone.open(reverse("login"))
    phone.page.fill("#id_username", officer.username)
    phone.page.fill("#id_password", PASSWORD)
    phone.page.click("main button[type=submit]")
    phone.page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    # the forgotten-password page, on a phone
    visitor = open_session(width=375, height=800)
    visitor.open(reverse("login"))
    visitor.page.get_by_role("link", name="Quên mật khẩu?").click()
    expect(visitor.page.get_by_role("heading", name="Quên mật khẩu")).to_be_visible()
    assert visitor.no_horizontal_scroll()
    visitor.shot("19-quen-mat-khau-dien-thoai")
