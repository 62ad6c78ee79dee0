"""Reorganisation events on a small tree: what moves to the successor, what stays, what is logged."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.errors import ApplicationError
from plans.models import Plan
from surveys.models import CampaignUnit, Response
from surveys.series import unit_satisfaction_series
from tasks.models import Deliverable, DeliverableTransition, ExtensionRequest, TaskAssignment
from tasks.selectors import deliverable_list_for_user, plan_list_for_user
from tasks.services.deliverables import (
    deliverable_accept,
    deliverable_return,
    deliverable_submit,
    deliverable_waive,
)
from tasks.services.extensions import extension_request
from tasks.services.lifecycle import plan_issue
from tests.factories import PlanFactory, TaskFactory, UnitFactory, add_recurring, add_unit
from tests.surveys.conftest import at, campaign, submit  # noqa: F401 — fixtures
from units.matching import UnitMatcher
from units.models import Membership, Reorganisation, Unit, UnitAlias, UnitLineage
from units.reorganisation import (
    MSG_DISSOLVED,
    MSG_OUT_OF_SCOPE,
    EventSpec,
    reorganisation_apply,
    reorganisation_apply_all,
)
from units.selectors import access_for, unit_name_on

State = Deliverable.State
Kind = Reorganisation.Kind
REFORM = dt.date(2022, 7, 1)
User = get_user_model()
BASIS = "Nghị quyết số 1/NQ-HĐND"


@pytest.fixture
def history(org, draft_plan, submit):  # noqa: F811
    """Office A owes a monthly report (and January's task of the plan): Jan accepted, Feb waived,
    Mar submitted, Apr returned, May pending with an extension asked, Jun awaiting the head,
    the rest pending; office B coordinates; a survey answer was given for office A."""
    task = TaskFactory(
        plan=draft_plan, content="Báo cáo tình hình CCHC hàng tháng", deadline_text="Hàng tháng"
    )
    add_unit(task, org.office_a)
    add_unit(task, org.office_b, TaskAssignment.Role.COORDINATING)
    add_recurring(task, frequency=_monthly())
    plan = plan_issue(plan=draft_plan, actor=org.coordinator)
    items = list(Deliverable.objects.filter(task=task).order_by("due_date"))
    assert len(items) == 12
    jan, feb, mar, apr, may, jun = items[:6]
    _submitted(jan, org)
    deliverable_accept(deliverable=jan, actor=org.coordinator)
    deliverable_waive(deliverable=feb, actor=org.coordinator, reason="Lồng ghép.")
    _submitted(mar, org)
    _submitted(apr, org)
    deliverable_return(deliverable=apr, actor=org.coordinator, comment="Thiếu số liệu.")
    extension_request(
        deliverable=may,
        actor=org.officer_a,
        requested_due_date=may.due_date + dt.timedelta(days=10),
        reason="Chờ",
    )
    org.office_a.requires_head_approval = True
    org.office_a.save(update_fields=["requires_head_approval"])
    deliverable_submit(deliverable=jun, actor=org.officer_a, text="Chờ lãnh đạo duyệt.")
    submit({"1": 1, "2": 1}, unit=org.office_a, when=at(2022, 2, 10))
    return plan, items


def _monthly():
    from core.periods import Frequency

    return Frequency.MONTHLY


def _submitted(item, org):
    deliverable_submit(deliverable=item, actor=org.officer_a, text="Đã thực hiện.")


def _states(items):
    return {d.pk: (d.unit_id, d.state) for d in Deliverable.objects.filter(pk__in=[i.pk for i in items])}


def _merge_spec(org, **extra):
    return EventSpec(
        kind=Kind.MERGE,
        effective_on=REFORM,
        basis=BASIS,
        sources=[org.office_a, org.office_b],
        new_code="CL-VPVH",
        new_name="Phòng Văn phòng - Văn hóa huyện Cam Lâm",
        **extra,
    )


def test_merge_moves_open_obligations_and_keeps_finished_ones(org, history, campaign):  # noqa: F811
    """Open obligations (returned, pending with its extension, awaiting the head) pass to the new unit
    with a logged transfer naming the old unit; submitted, accepted and waived ones stay."""
    # given
    plan, items = history
    logs_before = DeliverableTransition.objects.count()

    # when
    outcome = reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)

    # then
    new = Unit.objects.get(code="CL-VPVH")
    assert outcome.counts["obligations_moved"] == 10
    assert outcome.counts["obligations_kept"] == 3
    assert outcome.counts["memberships_ended"] == 3  # officer A, head A, officer B
    assert outcome.counts["assignments_moved"] == 2  # office B's coordinating roles
    assert outcome.counts["aliases_added"] == 2
    assert outcome.counts["campaigns_moved"] == 1  # office B's scope row stays: one form per unit
    rows = {d.pk: d for d in Deliverable.objects.filter(pk__in=[i.pk for i in items])}
    jan, feb, mar, apr, may, jun = (rows[i.pk] for i in items[:6])
    assert (jan.unit, jan.state) == (org.office_a, State.ACCEPTED)
    assert (feb.unit, feb.state) == (org.office_a, State.WAIVED)
    assert (mar.unit, mar.state) == (org.office_a, State.SUBMITTED)
    assert (apr.unit, apr.state, apr.original_unit) == (new, State.RETURNED, org.office_a)
    assert (jun.unit, jun.state) == (new, State.AWAITING_APPROVAL)
    assert ExtensionRequest.objects.get(deliverable=may).state == ExtensionRequest.State.PENDING
    assert may.unit == new
    assert apr.unit_label == f"{org.office_a}, nay là {new}"
    transfers = DeliverableTransition.objects.filter(name="transfer")
    assert DeliverableTransition.objects.count() == logs_before + 10
    assert transfers.filter(deliverable=apr, source=State.RETURNED, target=State.RETURNED).exists()
    assert f"{org.office_a}, nay là {new}" in transfers.get(deliverable=apr).comment
    assert TaskAssignment.objects.filter(unit=new, role=TaskAssignment.Role.COORDINATING).count() == 2
    assert Response.objects.filter(unit=org.office_a).count() == 1  # answers stay where given
    assert CampaignUnit.objects.filter(campaign=campaign, unit=new).exists()
    org.office_a.refresh_from_db()
    assert (org.office_a.is_active, org.office_a.dissolved_on) == (False, REFORM)
    assert Membership.objects.filter(unit=org.office_a, ended_on=REFORM).count() == 2
    assert set(UnitLineage.objects.filter(successor=new).values_list("predecessor__code", flat=True)) == {
        "CL-VP",
        "CL-VHTT",
    }
    assert plan.state == Plan.State.ISSUED


def test_second_application_changes_nothing(org, history):
    """The same event applied again is recognised: no count, no log row, no new unit."""
    # given
    reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)
    snapshot = _states(history[1])
    logs = DeliverableTransition.objects.count()

    # when
    again = reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)

    # then
    assert again.already_applied
    assert sum(again.counts.values()) == 0
    assert _states(history[1]) == snapshot
    assert DeliverableTransition.objects.count() == logs
    assert Reorganisation.objects.count() == 1
    assert Unit.objects.filter(code="CL-VPVH").count() == 1


def test_dry_run_shows_counts_and_changes_nothing(org, history):
    """The preview reports what would move; the tree and the obligations are untouched."""
    snapshot = _states(history[1])

    outcome = reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator, dry_run=True)

    assert outcome.dry_run and outcome.counts["obligations_moved"] == 10
    assert _states(history[1]) == snapshot
    assert not Unit.objects.filter(code="CL-VPVH").exists()
    assert not Reorganisation.objects.exists()


def test_successor_reads_predecessor_history_and_reports_for_itself(org, history):
    """People carried into the successor see the moved obligations as their own and the old unit's
    finished ones as history; they cannot report for the old unit."""
    reorganisation_apply(spec=_merge_spec(org, carry_roles=True), actor=org.coordinator)
    new = Unit.objects.get(code="CL-VPVH")
    officer = User.objects.get(pk=org.officer_a.pk)  # a new request: access computed afresh

    access = access_for(officer)
    visible = set(deliverable_list_for_user(officer).values_list("pk", flat=True))

    assert access.reporting == {new.pk}
    assert org.office_a.pk in access.history and not access.can_report_for(org.office_a.pk)
    assert {i.pk for i in history[1]} <= visible  # accepted January included


def test_people_not_carried_lose_their_roles(org, history):
    """Without carrying roles, memberships end on the effective date and are offered instead."""
    outcome = reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)
    officer = User.objects.get(pk=org.officer_b.pk)

    assert access_for(officer).reporting == frozenset()
    assert {"user": "canbo_b", "role": "officer", "unit": "CL-VPVH"} in outcome.offers


def test_rename_keeps_old_name_for_records_and_import(org, history):
    """A rename keeps the code, records the old name for its dates and as an alias for imports."""
    spec = EventSpec(
        kind=Kind.RENAME,
        effective_on=REFORM,
        basis=BASIS,
        sources=[org.office_b],
        new_name="Phòng Văn hóa - Xã hội",
    )

    outcome = reorganisation_apply(spec=spec, actor=org.coordinator)

    org.office_b.refresh_from_db()
    assert org.office_b.name == "Phòng Văn hóa - Xã hội" and org.office_b.is_active
    assert unit_name_on(org.office_b, dt.date(2022, 3, 1)) == "Phòng Văn hóa và Thông tin"
    assert unit_name_on(org.office_b, REFORM) == "Phòng Văn hóa - Xã hội"
    assert outcome.counts["obligations_moved"] == 0 and outcome.counts["aliases_added"] == 1
    matcher = UnitMatcher(list(Unit.objects.filter(parent=org.district)))
    assert matcher.match("Phòng Văn hóa và Thông tin") == [org.office_b]


def test_dissolve_passes_coordination_and_old_names(org, history):
    """Office B dissolved into office A: its coordinating role passes, its name finds office A."""
    spec = EventSpec(
        kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[org.office_b], targets=[org.office_a]
    )

    outcome = reorganisation_apply(spec=spec, actor=org.coordinator)

    assert outcome.counts["assignments_moved"] == 2
    assert outcome.counts["obligations_moved"] == 0  # office B led nothing
    assert UnitAlias.objects.filter(unit=org.office_a, text="Phòng Văn hóa và Thông tin").exists()
    matcher = UnitMatcher(list(Unit.objects.filter(parent=org.district, is_active=True)))
    assert matcher.match("Phòng Văn hóa và Thông tin") == [org.office_a]


def test_split_assigns_each_obligation_to_the_chosen_successor(org, history):
    """A person chose the Nội vụ office for the May report; the others go to the default successor."""
    may = history[1][4]
    spec = EventSpec(
        kind=Kind.SPLIT,
        effective_on=REFORM,
        basis=BASIS,
        sources=[org.office_a],
        targets=[org.office_b, org.noivu],
        choices={may.pk: org.noivu.pk},
    )

    outcome = reorganisation_apply(spec=spec, actor=org.coordinator)

    may.refresh_from_db()
    assert may.unit == org.noivu
    assert Deliverable.objects.filter(unit=org.office_b, original_unit=org.office_a).count() == 9
    assert outcome.counts["obligations_moved"] == 10
    assert UnitLineage.objects.filter(predecessor=org.office_a).count() == 2
    assert UnitLineage.objects.get(predecessor=org.office_a, successor=org.office_b).is_primary


def test_move_changes_parent_and_scope(org, history):
    """A move needs authority over both trees; the new parent's coordinator then manages the unit."""
    spec = EventSpec(
        kind=Kind.MOVE, effective_on=REFORM, basis=BASIS, sources=[org.office_b], targets=[org.other_district]
    )

    outcome = reorganisation_apply(spec=spec)

    org.office_b.refresh_from_db()
    assert org.office_b.parent == org.other_district and outcome.counts["units_moved"] == 1
    assert access_for(org.other_coordinator).can_manage_issuer(org.office_b.pk)


def test_dissolved_district_plans_coordinated_by_successor(org, history):
    """The district dissolved into the province: the province's Nội vụ now manages its plan, and the
    district's communes and offices move under the province."""
    plan = history[0]
    spec = EventSpec(
        kind=Kind.DISSOLVE,
        effective_on=REFORM,
        basis=BASIS,
        sources=[org.district],
        targets=[org.other_district],
    )

    outcome = reorganisation_apply(spec=spec)

    assert outcome.counts["plans_recoordinated"] == 1
    assert outcome.counts["units_moved"] == 3
    assert access_for(org.other_coordinator).can_manage_issuer(plan.issuer_id)
    assert plan_list_for_user(org.other_coordinator).filter(pk=plan.pk).exists()


@pytest.mark.parametrize("case", ["dissolved", "out_of_scope", "overlap", "future"])
def test_refused_events_name_the_reason_and_change_nothing(org, history, case):
    """A unit already dissolved, a successor outside the coordinator's tree, an event dated before one
    already applied: refused with the reason, nothing changed."""
    # given
    first = EventSpec(
        kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[org.office_b], targets=[org.noivu]
    )
    reorganisation_apply(spec=first, actor=org.coordinator)
    if case == "dissolved":
        spec = EventSpec(
            kind=Kind.DISSOLVE,
            effective_on=REFORM,
            basis="Khác",
            sources=[org.office_b],
            targets=[org.office_a],
        )
        reason = MSG_DISSOLVED.format(unit=org.office_b, date="01/07/2022")
    elif case == "out_of_scope":
        spec = EventSpec(
            kind=Kind.DISSOLVE,
            effective_on=REFORM,
            basis=BASIS,
            sources=[org.office_a],
            targets=[org.other_office],
        )
        reason = MSG_OUT_OF_SCOPE.format(unit=org.other_office)
    elif case == "future":
        spec = EventSpec(
            kind=Kind.DISSOLVE,
            effective_on=dt.date.today() + dt.timedelta(days=30),
            basis=BASIS,
            sources=[org.office_a],
            targets=[org.noivu],
        )
        reason = "chưa đến"
    else:
        spec = EventSpec(
            kind=Kind.DISSOLVE,
            effective_on=dt.date(2022, 6, 1),
            basis=BASIS,
            sources=[org.office_a],
            targets=[org.noivu],
        )
        reason = "01/07/2022, sau ngày 01/06/2022"
    snapshot, events = _states(history[1]), Reorganisation.objects.count()

    # when
    with pytest.raises(ApplicationError) as refused:
        reorganisation_apply(spec=spec, actor=org.coordinator)

    # then
    assert any(reason in problem for problem in refused.value.problems)
    assert _states(history[1]) == snapshot
    assert Reorganisation.objects.count() == events
    org.office_a.refresh_from_db()
    assert org.office_a.is_active


def test_batch_is_all_or_nothing(org, history):
    """A spreadsheet's second event is refused: the first is rolled back too, the row is named."""
    good = EventSpec(
        kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[org.office_b], targets=[org.noivu]
    )
    bad = EventSpec(
        kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[org.office_b], targets=[org.office_a]
    )

    with pytest.raises(ApplicationError) as refused:
        reorganisation_apply_all(specs=[good, bad], actor=org.coordinator)

    assert refused.value.problems[0].startswith("Sự kiện 2:")
    org.office_b.refresh_from_db()
    assert org.office_b.is_active and not Reorganisation.objects.exists()


def test_command_json_counts_and_exit_status(org, history):
    """The command prints one JSON object; a refused event exits with status 2 and changes nothing."""
    out = StringIO()
    call_command(
        "reorganise",
        "--effective=2022-07-01",
        f"--basis={BASIS}",
        "--merge=CL-VP,CL-VHTT",
        "--into=CL-VPVH",
        "--name=Phòng Văn phòng - Văn hóa",
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["obligations_moved"] == 10 and result["obligations_kept"] == 3
    assert result["memberships_ended"] == 3 and result["problems"] == []

    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(
            "reorganise",
            "--effective=2022-08-01",
            "--basis=X",
            "--dissolve=CL-VP",
            "--into=CL-PNV",
            "--json",
            stdout=out,
        )
    assert failed.value.returncode == 2
    assert "đã giải thể" in json.loads(out.getvalue())["problems"][0]


def test_new_unit_code_is_never_reused(org):
    """A dissolved unit's code stays taken: a merge cannot create a unit with it."""
    reorganisation_apply(
        spec=EventSpec(
            kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[org.office_b], targets=[org.noivu]
        )
    )
    spec = EventSpec(
        kind=Kind.MERGE,
        effective_on=dt.date(2022, 8, 1),
        basis=BASIS,
        sources=[org.office_a],
        new_code="CL-VHTT",
        new_name="Phòng mới",
    )
    with pytest.raises(ApplicationError) as refused:
        reorganisation_apply(spec=spec)
    assert "CL-VHTT" in refused.value.problems[0]


def test_other_units_unaffected(org):
    """A plan elsewhere keeps its units when a district office is merged."""
    other_plan = PlanFactory(issuer=org.other_district)
    task = TaskFactory(plan=other_plan)
    add_unit(task, org.other_office)
    extra = UnitFactory(code="CL-X", parent=org.district)
    reorganisation_apply(
        spec=EventSpec(
            kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[extra], targets=[org.noivu]
        )
    )
    assert TaskAssignment.objects.get(task=task).unit == org.other_office


def test_successor_series_includes_predecessors_before_the_reform(org, history, campaign, submit):  # noqa: F811
    """The new unit's satisfaction by year counts office A's answers of February, marked as combined."""
    reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)
    new = Unit.objects.get(code="CL-VPVH")
    submit({"1": 1, "2": 1}, unit=new, when=at(2022, 8, 10))

    (point,) = unit_satisfaction_series(new)

    assert point.year == 2022 and point.combined
    assert point.sources == [org.office_a.name]
    (own,) = unit_satisfaction_series(org.office_a)  # the old unit keeps its own history
    assert own.n > 0 and point.n == 2 * own.n  # its questionnaire and the successor's, alike


def test_command_dry_run_and_spreadsheet(org, history, tmp_path):
    """--dry-run reports the counts and changes nothing; --file applies a sheet's events in order."""
    out = StringIO()
    call_command(
        "reorganise",
        "--effective=2022-07-01",
        f"--basis={BASIS}",
        "--dissolve=CL-VHTT",
        "--into=CL-VP",
        "--dry-run",
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["assignments_moved"] == 2
    assert Unit.objects.get(code="CL-VHTT").is_active
    sheet = tmp_path / "su-kien.csv"
    sheet.write_text(
        "loai,hieu luc,can cu,don vi,ke thua,ten moi\n"
        "giải thể,01/07/2022,NQ 1,CL-VHTT,CL-VP,\n"
        "đổi tên,01/07/2022,NQ 1,CL-VP,,Văn phòng HĐND và UBND\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("reorganise", f"--file={sheet}", "--json", stdout=out)
    assert len(json.loads(out.getvalue())["events"]) == 2
    assert Unit.objects.get(code="CL-VP").name == "Văn phòng HĐND và UBND"


def test_moved_obligation_page_names_the_old_unit_and_the_transfer(client, org, history):
    """The obligation's page reads "office A, nay là …" and its history shows the transfer step."""
    reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)
    returned = history[1][3]
    client.force_login(org.coordinator)

    page = client.get(reverse("deliverable_detail", args=[returned.pk])).content.decode()

    assert f"{org.office_a}, nay là Phòng Văn phòng - Văn hóa huyện Cam Lâm" in page
    assert "Chuyển cho đơn vị kế thừa" in page


def test_report_returned_after_the_unit_was_dissolved_goes_to_the_successor(org, history):
    """March's report was submitted before office A was dissolved into office B; returned after, it is
    owed by office B, with a transfer logged after the return, and office B's officer can resend it."""
    # given
    mar = history[1][2]
    spec = EventSpec(
        kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[org.office_a], targets=[org.office_b]
    )
    reorganisation_apply(spec=spec, actor=org.coordinator)
    mar.refresh_from_db()
    assert (mar.unit, mar.state) == (org.office_a, State.SUBMITTED)  # stayed in the review queue

    # when
    deliverable_return(deliverable=mar, actor=org.coordinator, comment="Bổ sung số liệu quý.")

    # then
    mar.refresh_from_db()
    assert (mar.unit, mar.original_unit, mar.state) == (org.office_b, org.office_a, State.RETURNED)
    steps = list(DeliverableTransition.objects.filter(deliverable=mar).order_by("id"))
    assert [s.name for s in steps[-2:]] == ["return_to_unit", "transfer"]
    assert f"{org.office_a}, nay là {org.office_b} (theo {BASIS}" in steps[-1].comment
    officer_b = User.objects.get(pk=org.officer_b.pk)
    deliverable_submit(deliverable=mar, actor=officer_b, text="Đã bổ sung.")
    mar.refresh_from_db()
    assert mar.state == State.SUBMITTED and mar.unit == org.office_b


def test_report_returned_to_a_unit_in_operation_stays(org, history):
    """Without a reorganisation a returned report stays with its unit and logs no transfer."""
    mar = history[1][2]

    deliverable_return(deliverable=mar, actor=org.coordinator, comment="Bổ sung.")

    mar.refresh_from_db()
    assert mar.unit == org.office_a and mar.original_unit is None
    assert not DeliverableTransition.objects.filter(deliverable=mar, name="transfer").exists()


def test_combined_year_is_recomputed_from_pooled_answers(client, org, draft_plan, campaign, submit):  # noqa: F811
    """Offices A and B merged on 01/07/2022 into a new office. 2022 answers (general, timeliness):
    A in February (1,1) (2,3) (3,3) (2,1): general 3/4, timeliness 2/4; B in March general 1 only: 1/1;
    the new office in August (3,1) (1,1): general 1/2, timeliness 2/2. Pooled: general 5/7, timeliness
    4/6, index (5/7 + 4/6) / 2 = 69.05 % — not the mean of the three offices' indices (79.17 %) nor
    the share of all answers (9/13 = 69.23 %)."""
    # given
    for general, timely in [(1, 1), (2, 3), (3, 3), (2, 1)]:
        submit({"1": general, "2": timely}, when=at(2022, 2, 10))
    submit({"1": 1}, unit=org.office_b, when=at(2022, 3, 10))
    plan_issue(plan=draft_plan, actor=org.coordinator)
    reorganisation_apply(spec=_merge_spec(org), actor=org.coordinator)
    new = Unit.objects.get(code="CL-VPVH")
    submit({"1": 3, "2": 1}, unit=new, when=at(2022, 8, 10))
    submit({"1": 1, "2": 1}, unit=new, when=at(2022, 8, 11))

    # when
    (point,) = unit_satisfaction_series(new)

    # then
    assert point.percent == pytest.approx((5 / 7 + 4 / 6) / 2 * 100)
    assert round(point.percent, 2) == 69.05
    assert point.n == 6  # the smallest count behind a criterion (timeliness: 4 + 2)
    assert point.combined and set(point.sources) == {org.office_a.name, org.office_b.name}
    (own_a,) = unit_satisfaction_series(org.office_a)
    assert own_a.percent == pytest.approx(62.5) and not own_a.combined
    client.force_login(org.coordinator)
    page = client.get(reverse("unit_detail", args=[new.pk])).content.decode()
    assert "69,0 %" in page or "69.0 %" in page
    assert "gộp số liệu đơn vị tiền thân" in page and "cộng dồn" in page


def _specs(org):
    return {
        "rename": EventSpec(
            kind=Kind.RENAME, effective_on=REFORM, basis=BASIS, sources=[org.office_b], new_name="Phòng VH-XH"
        ),
        "dissolve": EventSpec(
            kind=Kind.DISSOLVE, effective_on=REFORM, basis=BASIS, sources=[org.office_a], targets=[org.noivu]
        ),
        "split": EventSpec(
            kind=Kind.SPLIT,
            effective_on=REFORM,
            basis=BASIS,
            sources=[org.office_a],
            targets=[org.office_b, org.noivu],
        ),
        "move": EventSpec(
            kind=Kind.MOVE, effective_on=REFORM, basis=BASIS, sources=[org.office_b], targets=[org.noivu]
        ),
    }


@pytest.mark.parametrize("kind", ["rename", "dissolve", "split", "move"])
def test_each_event_kind_applied_twice_changes_nothing_the_second_time(org, history, kind):
    """Every kind, applied a second time: recognised, no count, no log row, the tree as it was."""
    # given
    reorganisation_apply(spec=_specs(org)[kind], actor=org.coordinator)
    tree = list(Unit.objects.order_by("pk").values_list("pk", "name", "parent_id", "is_active"))
    snapshot, logs = _states(history[1]), DeliverableTransition.objects.count()
    roles = list(Membership.objects.order_by("pk").values_list("pk", "ended_on"))

    # when
    again = reorganisation_apply(spec=_specs(org)[kind], actor=org.coordinator)

    # then
    assert again.already_applied and sum(again.counts.values()) == 0
    assert list(Unit.objects.order_by("pk").values_list("pk", "name", "parent_id", "is_active")) == tree
    assert _states(history[1]) == snapshot and DeliverableTransition.objects.count() == logs
    assert list(Membership.objects.order_by("pk").values_list("pk", "ended_on")) == roles
    assert Reorganisation.objects.count() == 1
