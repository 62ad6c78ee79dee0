"""Who may open which page and press which button: role × action, on this district or another province."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import Plan
from tasks.models import Contribution, Deliverable, ExtensionRequest, Report
from tasks.services.imports import plan_import_upload
from tests.factories import TaskFactory, add_deadline, add_unit, plan_rows_posted
from units.models import Unit

from .conftest import PDF_BYTES, TASK_CONTENT

State = Deliverable.State

DISTRICT = {"coordinator", "officer_a", "officer_b", "head_a", "viewer", "clerk"}
OUTSIDERS = {"other_officer", "other_coordinator"}
LOGGED_IN = DISTRICT | OUTSIDERS
COORDINATORS = {"coordinator", "other_coordinator"}
ROLES = [*sorted(LOGGED_IN), "anonymous"]


@dataclass
class Action:
    name: str
    method: str
    allowed: set[str]
    needs: str  # the fixture the action works on
    url: Callable
    data: Callable = field(default=lambda ctx: {})
    # What the action did, read back from the database: True when it took effect.
    took_effect: Callable | None = None


def _action_url(name):
    return lambda ctx: reverse("deliverable_action", args=[ctx["target"].pk, name])


def _state_is(state):
    return lambda ctx: Deliverable.objects.get(pk=ctx["target"].pk).state == state


ACTIONS = [
    Action(
        "view plan",
        "get",
        DISTRICT,
        "issued_plan",
        lambda ctx: reverse("plan_detail", args=[ctx["target"].pk]),
    ),
    Action(
        "view deliverable",
        "get",
        DISTRICT,
        "deliverable",
        lambda ctx: reverse("deliverable_detail", args=[ctx["target"].pk]),
    ),
    Action(
        "submit",
        "post",
        {"officer_a", "head_a"},
        "deliverable",
        _action_url("submit"),
        lambda ctx: {"text": "Đã ban hành kế hoạch khảo sát số 12/KH-UBND.", "percent_done": 100},
        lambda ctx: (
            _state_is(State.SUBMITTED)(ctx) and Report.objects.filter(deliverable=ctx["target"]).exists()
        ),
    ),
    Action(
        "accept",
        "post",
        {"coordinator"},
        "submitted",
        _action_url("accept"),
        lambda ctx: {"comment": "Đạt yêu cầu."},
        _state_is(State.ACCEPTED),
    ),
    Action(
        "return",
        "post",
        {"coordinator"},
        "submitted",
        _action_url("return"),
        lambda ctx: {"comment": "Bổ sung số liệu khảo sát."},
        _state_is(State.RETURNED),
    ),
    Action(
        "waive",
        "post",
        {"coordinator"},
        "deliverable",
        _action_url("waive"),
        lambda ctx: {"comment": "Nhiệm vụ đã được điều chỉnh."},
        _state_is(State.WAIVED),
    ),
    Action(
        "extend",
        "post",
        {"officer_a", "head_a"},
        "deliverable",
        _action_url("extend"),
        lambda ctx: {"requested_due_date": "15/02/2022", "reason": "Chờ số liệu của các xã."},
        lambda ctx: ExtensionRequest.objects.filter(deliverable=ctx["target"]).exists(),
    ),
    Action(
        "contribute",
        "post",
        {"officer_b"},
        "deliverable",
        _action_url("contribute"),
        lambda ctx: {"unit": ctx["org"].office_b.pk, "text": "Phòng VH-TT đã đăng tin trên trang điện tử."},
        lambda ctx: Contribution.objects.filter(deliverable=ctx["target"]).exists(),
    ),
    Action(
        "issue plan",
        "post",
        {"coordinator"},
        "second_draft",
        lambda ctx: reverse("plan_transition", args=[ctx["target"].pk, "issue"]),
        lambda ctx: {"comment": ""},
        lambda ctx: (
            Plan.objects.get(pk=ctx["target"].pk).state == Plan.State.ISSUED
            and Deliverable.objects.filter(task__plan=ctx["target"]).exists()
        ),
    ),
    Action(
        "download evidence",
        "get",
        DISTRICT,
        "evidence",
        lambda ctx: reverse("evidence_download", args=[ctx["target"].pk]),
    ),
    Action(
        "review queue",
        "get",
        {"coordinator", "other_coordinator"},
        "submitted",
        lambda ctx: reverse("review_queue"),
    ),
    Action("inbox", "get", LOGGED_IN, "deliverable", lambda ctx: reverse("inbox")),
    # The plan and task editors (issue 18): only the coordinator of the issuer writes the plan.
    Action("new plan form", "get", COORDINATORS, "draft_plan", lambda ctx: reverse("plan_create")),
    Action(
        "edit plan heading",
        "get",
        {"coordinator"},
        "second_draft",
        lambda ctx: reverse("plan_edit", args=[ctx["target"].pk]),
    ),
    Action(
        "issue confirmation page",
        "get",
        {"coordinator"},
        "second_draft",
        lambda ctx: reverse("plan_transition", args=[ctx["target"].pk, "issue"]),
    ),
    Action(
        "task editor",
        "get",
        {"coordinator"},
        "second_draft",
        lambda ctx: reverse("task_create", args=[ctx["target"].pk]),
    ),
    Action(
        "deadline preview",
        "get",
        {"coordinator"},
        "second_draft",
        lambda ctx: (
            reverse("deadline_preview", args=[ctx["target"].pk]) + "?deadline_text=H%C3%A0ng+qu%C3%BD"
        ),
    ),
    Action(
        "paste rows",
        "post",
        {"coordinator"},
        "second_draft",
        lambda ctx: reverse("tasks_paste", args=[ctx["target"].pk]),
        lambda ctx: {"rows": "9\tHọp giao ban\tPhòng Nội vụ\t\tQuý II/2022\t"},
        lambda ctx: ctx["target"].tasks.filter(content="Họp giao ban").exists(),
    ),
    Action(
        "move task",
        "post",
        {"coordinator"},
        "two_task_draft",
        lambda ctx: reverse("task_move", args=[ctx["target"].pk, _last_task(ctx).pk, "len"]),
        took_effect=lambda ctx: ctx["target"].tasks.order_by("position").first().content == "Thứ hai",
    ),
    Action(
        "amend a task",
        "post",
        {"coordinator"},
        "issued_plan",
        lambda ctx: reverse("task_edit", args=[ctx["target"].pk, ctx["target"].tasks.get().pk]),
        lambda ctx: _amendment(ctx),
        lambda ctx: ctx["target"].transitions.filter(name="amend").exists(),
    ),
    Action(
        "remove a task",
        "post",
        {"coordinator"},
        "issued_plan",
        lambda ctx: reverse("task_remove", args=[ctx["target"].pk, ctx["target"].tasks.get().pk]),
        lambda ctx: {"comment": "Gộp vào kế hoạch khác."},
        lambda ctx: ctx["target"].tasks.filter(withdrawn=True).exists(),
    ),
    Action(
        "close plan, waiving what is open",
        "post",
        {"coordinator"},
        "issued_plan",
        lambda ctx: reverse("plan_transition", args=[ctx["target"].pk, "close"]),
        lambda ctx: {"open_obligations": "waive", "comment": "Hết năm."},
        lambda ctx: Plan.objects.get(pk=ctx["target"].pk).state == Plan.State.CLOSED,
    ),
    Action(
        "amount in words", "get", LOGGED_IN, "draft_plan", lambda ctx: reverse("amount_words") + "?amount=5"
    ),
    # The plan's own text (issue 17): written by the coordinator of the issuer only.
    Action(
        "plan text screen",
        "get",
        {"coordinator"},
        "second_draft",
        lambda ctx: reverse("plan_text", args=[ctx["target"].pk]),
    ),
    Action(
        "edit the plan text",
        "post",
        {"coordinator"},
        "second_draft",
        lambda ctx: reverse("plan_text", args=[ctx["target"].pk]),
        lambda ctx: {"markup": "# II. TỔ CHỨC THỰC HIỆN\nPhòng Nội vụ theo dõi.", "tasks_in_appendix": "on"},
        lambda ctx: bool(Plan.objects.get(pk=ctx["target"].pk).text_blocks),
    ),
    Action(
        "amend the issued plan's text",
        "post",
        {"coordinator"},
        "issued_plan",
        lambda ctx: reverse("plan_text", args=[ctx["target"].pk]),
        lambda ctx: {"markup": "# III. TỔ CHỨC THỰC HIỆN", "tasks_in_appendix": "on", "reason": "Bổ sung."},
        lambda ctx: ctx["target"].transitions.filter(name="amend").exists(),
    ),
    # An issued plan's heading: what no obligation depends on, with a reason.
    Action(
        "amend an issued plan's heading",
        "post",
        {"coordinator"},
        "issued_plan",
        lambda ctx: reverse("plan_edit", args=[ctx["target"].pk]),
        lambda ctx: (
            plan_rows_posted(ctx["target"])
            | {
                "place": "Cam Lâm",
                "title": "Tên đã điều chỉnh",
                "signer_name": "Lê Văn Bình",
                "reason": "Sửa theo bản đã ký.",
            }
        ),
        lambda ctx: Plan.objects.get(pk=ctx["target"].pk).title == "Tên đã điều chỉnh",
    ),
    # The confirmation pages before reminding a unit and drafting the đôn đốc letters.
    Action(
        "remind a unit: confirmation page",
        "get",
        {"coordinator"},
        "deliverable",
        lambda ctx: (
            reverse("remind_unit", args=[ctx["target"].task.plan_id]) + f"?unit={ctx['org'].office_a.pk}"
        ),
    ),
    Action(
        "đôn đốc letters: confirmation page",
        "get",
        {"coordinator"},
        "deliverable",
        lambda ctx: reverse("plan_reminder_letters", args=[ctx["target"].task.plan_id]),
    ),
    # The import preview and adding a unit it names but the tree lacks.
    Action(
        "import preview",
        "get",
        {"coordinator"},
        "plan_import",
        lambda ctx: reverse("import_preview", args=[ctx["target"].pk]),
    ),
    Action(
        "add a unit from the import preview",
        "post",
        {"coordinator"},
        "plan_import",
        lambda ctx: reverse("import_add_unit", args=[ctx["target"].pk]),
        lambda ctx: {
            "prefix": "n0",
            "n0-text": "Phòng Tư pháp huyện",
            "n0-parent": ctx["org"].district.pk,
            "n0-code": "CL-PTP",
            "n0-name": "Phòng Tư pháp",
            "n0-kind": "office",
        },
        lambda ctx: Unit.objects.filter(code="CL-PTP").exists(),
    ),
]


def _last_task(ctx):
    return ctx["target"].tasks.order_by("position").last()


def _amendment(ctx):
    org, task = ctx["org"], ctx["target"].tasks.get()
    return {
        "order_label": task.order_label,
        "position": str(task.position),
        "content": task.content,
        "deadline_text": "Tháng 02/2022",
        "lead_units": [org.office_a.pk],
        "deadline-TOTAL_FORMS": "0",
        "deadline-INITIAL_FORMS": "0",
        "deadline-MIN_NUM_FORMS": "0",
        "deadline-MAX_NUM_FORMS": "1000",
        "reason": "Theo chỉ đạo của UBND huyện.",
    }


@pytest.fixture
def plan_import(org):
    rows = f"Stt,Nội dung,Chủ trì,Thời gian\n1,{TASK_CONTENT},Phòng Tư pháp huyện,Quý II/2022\n"
    upload = SimpleUploadedFile("ke-hoach.csv", rows.encode())
    return plan_import_upload(issuer=org.district, actor=org.coordinator, upload=upload)


@pytest.fixture
def two_task_draft(second_draft):
    TaskFactory(plan=second_draft, position=1_000_000, order_label="2", content="Thứ hai")
    return second_draft


def _send(client, action, ctx):
    url = action.url(ctx)
    if action.method == "get":
        return client.get(url)
    return client.post(url, action.data(ctx))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_permission_matrix(client, org, request, role, action):
    """Each person may do exactly what their role allows; a refusal is a Vietnamese 403 page that
    changes nothing and reveals nothing of the task; a visitor is sent to the login page."""
    # given
    ctx = {"org": org, "target": request.getfixturevalue(action.needs)}
    if role != "anonymous":
        client.force_login(getattr(org, role))
    allowed = role in action.allowed

    # when
    response = _send(client, action, ctx)

    # then
    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    elif not allowed:
        assert response.status_code == 403
        assert "không có quyền" in response.content.decode().lower()
    elif action.method == "get":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/dang-nhap/" not in response.url
    if action.took_effect is not None:
        assert action.took_effect(ctx) is (role != "anonymous" and allowed)
    if role in OUTSIDERS or (role != "anonymous" and not allowed):
        assert TASK_CONTENT.encode() not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )


@pytest.mark.parametrize("role", sorted(DISTRICT))
@pytest.mark.parametrize("url_name", ["plan_detail", "deliverable_detail"])
def test_district_readers_see_the_task_on_plan_and_deliverable_pages(
    client, org, deliverable, role, url_name
):
    """Everyone of the district who may open the plan or the deliverable actually sees the task."""
    # given
    client.force_login(getattr(org, role))
    target = deliverable.task.plan_id if url_name == "plan_detail" else deliverable.pk

    # when
    response = client.get(reverse(url_name, args=[target]))

    # then
    assert response.status_code == 200
    assert TASK_CONTENT in response.content.decode()


@pytest.mark.parametrize("role", sorted(DISTRICT))
def test_evidence_download_returns_the_file_as_attachment(client, org, evidence, role):
    """A reader of the district downloads the PDF under its original name."""
    # given
    client.force_login(getattr(org, role))

    # when
    response = client.get(reverse("evidence_download", args=[evidence.pk]))

    # then
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert "bao-cao-quy-1.pdf" in response["Content-Disposition"]


@pytest.fixture
def office_b_deliverable(org, issued_plan):
    """A deliverable of the same issued plan led by office B (office A does not take part)."""
    task = TaskFactory(plan=issued_plan, content="Niêm yết thủ tục hành chính", deadline_text="Tháng 02/2022")
    add_unit(task, org.office_b)
    add_deadline(task, year=2022, month=2)
    return Deliverable.objects.create(
        task=task, unit=org.office_b, due_date="2022-02-28", original_due_date="2022-02-28"
    )


@pytest.mark.parametrize(
    ("role", "action", "data", "allowed"),
    [
        ("officer_a", "submit", {"text": "Báo cáo", "percent_done": 100}, False),
        ("officer_a", "extend", {"requested_due_date": "15/03/2022", "reason": "Chờ số liệu"}, False),
        ("head_a", "submit", {"text": "Báo cáo", "percent_done": 100}, False),
        ("officer_b", "submit", {"text": "Báo cáo", "percent_done": 100}, True),
        ("officer_b", "extend", {"requested_due_date": "15/03/2022", "reason": "Chờ số liệu"}, True),
    ],
)
def test_officers_act_only_for_their_own_unit(client, org, office_b_deliverable, role, action, data, allowed):
    """An officer reports and asks for more time only for their own unit's obligations."""
    # given
    client.force_login(getattr(org, role))
    url = reverse("deliverable_action", args=[office_b_deliverable.pk, action])

    # when
    response = client.post(url, data)

    # then
    assert response.status_code == (302 if allowed else 403)
    office_b_deliverable.refresh_from_db()
    changed = (
        office_b_deliverable.state == State.SUBMITTED
        if action == "submit"
        else office_b_deliverable.extension_requests.exists()
    )
    assert changed is allowed


def test_officer_b_submitting_for_office_a_is_refused_with_the_reason(client, org, deliverable):
    """The coordinating officer is told they do not report for the lead unit."""
    # given
    client.force_login(org.officer_b)

    # when
    response = client.post(
        reverse("deliverable_action", args=[deliverable.pk, "submit"]),
        {"text": "Báo cáo", "percent_done": 100},
    )

    # then
    assert response.status_code == 403
    assert "Bạn không báo cáo cho Văn phòng HĐND và UBND huyện" in response.content.decode()
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING


@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("deliverable_detail", "get"),
        ("deliverable_action", "post"),
    ],
)
def test_nonexistent_deliverable_is_not_found(client, org, deliverable, url_name, method):
    """A deliverable id that does not exist gives the Vietnamese 404 page."""
    # given
    client.force_login(org.coordinator)
    args = [deliverable.pk + 1000] + (["submit"] if url_name == "deliverable_action" else [])

    # when
    response = getattr(client, method)(reverse(url_name, args=args))

    # then
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_nonexistent_plan_and_evidence_are_not_found(client, org):
    """Plan and evidence ids that do not exist give 404, not an error page."""
    # given
    client.force_login(org.coordinator)

    # when
    plan = client.get(reverse("plan_detail", args=[99999]))
    evidence = client.get(reverse("evidence_download", args=[99999]))

    # then
    assert plan.status_code == 404
    assert evidence.status_code == 404


def test_unknown_action_is_not_found_and_changes_nothing(client, org, deliverable):
    """A made-up action name in the URL is a 404, even for Nội vụ."""
    # given
    client.force_login(org.coordinator)

    # when
    response = client.post(reverse("deliverable_action", args=[deliverable.pk, "delete"]))

    # then
    assert response.status_code == 404
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING


def test_actions_refuse_get(client, org, deliverable):
    """Opening an action URL in the browser does not perform it."""
    # given
    client.force_login(org.coordinator)

    # when
    response = client.get(reverse("deliverable_action", args=[deliverable.pk, "waive"]))

    # then
    assert response.status_code == 405
    deliverable.refresh_from_db()
    assert deliverable.state == State.PENDING


@pytest.mark.parametrize("role", ["officer_a", "officer_b", "head_a"])
def test_draft_plans_are_not_visible_to_unit_officers(client, org, draft_plan, role):
    """A plan still being drafted by Nội vụ stays hidden from the units named in it."""
    # given
    client.force_login(getattr(org, role))

    # when
    detail = client.get(reverse("plan_detail", args=[draft_plan.pk]))
    listing = client.get(reverse("plan_list"))

    # then
    assert detail.status_code == 403
    assert "không có quyền" in detail.content.decode().lower()
    assert draft_plan.title not in listing.content.decode()
    assert TASK_CONTENT not in detail.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "viewer", "clerk"])
def test_draft_plans_are_visible_to_the_district(client, org, draft_plan, role):
    """Nội vụ and the district's leaders and clerks can read a draft."""
    # given
    client.force_login(getattr(org, role))

    # when
    response = client.get(reverse("plan_detail", args=[draft_plan.pk]))

    # then
    assert response.status_code == 200
    assert TASK_CONTENT in response.content.decode()


@pytest.mark.parametrize("role", ["viewer", "clerk", "officer_a"])
@pytest.mark.parametrize("transition", ["close", "cancel"])
def test_only_the_coordinator_closes_or_cancels_a_plan(client, org, issued_plan, role, transition):
    """Leaders, clerks and officers cannot end or cancel an issued plan."""
    # given
    client.force_login(getattr(org, role))

    # when
    response = client.post(reverse("plan_transition", args=[issued_plan.pk, transition]), {"comment": "x"})

    # then
    assert response.status_code == 403
    assert Plan.objects.get(pk=issued_plan.pk).state == Plan.State.ISSUED
    assert not Deliverable.objects.filter(task__plan=issued_plan, state=State.WAIVED).exists()


def test_anonymous_visitor_is_sent_to_login_and_back(client, deliverable):
    """A visitor who is not logged in is sent to the login page, then back to the page asked for."""
    # given
    url = reverse("deliverable_detail", args=[deliverable.pk])

    # when
    response = client.get(url)

    # then
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.fixture
def extension(deliverable, org):
    from tasks.services.extensions import extension_request

    return extension_request(
        deliverable=deliverable,
        actor=org.officer_a,
        requested_due_date=dt.date(2022, 2, 15),
        reason="Chờ số liệu của các xã.",
    )


@pytest.mark.parametrize("role", sorted(LOGGED_IN))
def test_only_the_coordinator_decides_an_extension(client, org, extension, role):
    """Only Nội vụ of the district moves a due date; the old date stays on record."""
    # given
    client.force_login(getattr(org, role))
    allowed = role == "coordinator"

    # when
    response = client.post(reverse("extension_decide", args=[extension.pk, "approve"]), {"comment": "Đồng ý"})

    # then
    assert response.status_code == (302 if allowed else 403)
    deliverable = Deliverable.objects.get(pk=extension.deliverable_id)
    assert deliverable.due_date == (dt.date(2022, 2, 15) if allowed else dt.date(2022, 1, 31))
    assert deliverable.original_due_date == dt.date(2022, 1, 31)
    assert ExtensionRequest.objects.get(pk=extension.pk).state == ("approved" if allowed else "pending")


def test_refusing_an_extension_requires_a_reason(client, org, extension):
    """Nội vụ must say why it refuses; without a reason the request stays pending."""
    # given
    client.force_login(org.coordinator)

    # when
    response = client.post(
        reverse("extension_decide", args=[extension.pk, "refuse"]), {"comment": ""}, follow=True
    )

    # then
    assert "Cần ghi rõ lý do không đồng ý gia hạn." in response.content.decode()
    assert ExtensionRequest.objects.get(pk=extension.pk).state == "pending"


@pytest.fixture
def awaiting_approval(client, org, deliverable):
    """Office A requires its head's approval; the officer has sent the report."""
    org.office_a.requires_head_approval = True
    org.office_a.save()
    client.force_login(org.officer_a)
    client.post(
        reverse("deliverable_action", args=[deliverable.pk, "submit"]),
        {"text": "Đã xong", "percent_done": 100},
    )
    assert Deliverable.objects.get(pk=deliverable.pk).state == State.AWAITING_APPROVAL
    return deliverable


@pytest.mark.parametrize(
    ("role", "action", "data", "expected_state"),
    [
        ("head_a", "approve", {}, State.SUBMITTED),
        ("head_a", "send_back", {"comment": "Bổ sung số liệu"}, State.RETURNED),
        ("officer_a", "approve", {}, State.AWAITING_APPROVAL),
        ("officer_a", "send_back", {"comment": "x"}, State.AWAITING_APPROVAL),
        ("coordinator", "approve", {}, State.AWAITING_APPROVAL),
        ("viewer", "approve", {}, State.AWAITING_APPROVAL),
    ],
)
def test_only_the_unit_head_approves_or_sends_back(
    client, org, awaiting_approval, role, action, data, expected_state
):
    """The head of office A approves or sends back the unit's report; nobody else can."""
    # given
    client.force_login(getattr(org, role))
    allowed = role == "head_a"

    # when
    response = client.post(reverse("deliverable_action", args=[awaiting_approval.pk, action]), data)

    # then
    assert response.status_code == (302 if allowed else 403)
    assert Deliverable.objects.get(pk=awaiting_approval.pk).state == expected_state


def test_returned_report_can_be_sent_again_and_accepted(client, org, deliverable):
    """Returned by Nội vụ, the unit resends; Nội vụ then accepts. The history lists every step."""
    # given
    url = lambda action: reverse("deliverable_action", args=[deliverable.pk, action])  # noqa: E731
    client.force_login(org.officer_a)
    client.post(url("submit"), {"text": "Lần 1", "percent_done": 80})
    client.force_login(org.coordinator)
    client.post(url("return"), {"comment": "Thiếu số liệu"})
    client.force_login(org.officer_a)

    # when
    client.post(url("submit"), {"text": "Lần 2, đã bổ sung", "percent_done": 100})
    client.force_login(org.coordinator)
    response = client.post(url("accept"), {"comment": ""}, follow=True)

    # then
    assert "Đã chấp nhận báo cáo." in response.content.decode()
    d = Deliverable.objects.get(pk=deliverable.pk)
    assert d.state == State.ACCEPTED
    assert list(d.transitions.values_list("name", flat=True)) == [
        "submit",
        "return_to_unit",
        "submit",
        "accept",
    ]
    assert d.reports.count() == 2
