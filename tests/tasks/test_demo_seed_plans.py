"""The five seed plans load as real data and read on their plan pages as the documents do."""

import datetime as dt
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans.models import Plan
from tasks.demo import DATA_DIR, PLAN_FILES, load_demo
from tasks.models import Deliverable, Task

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return load_demo(TODAY)


def _plan(key: str) -> Plan:
    data = json.loads((DATA_DIR / f"{key}.json").read_text(encoding="utf-8"))
    return Plan.objects.get(title=data["title"]), data


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.mark.parametrize("key", PLAN_FILES)
def test_plan_page_lists_tasks_in_document_order_with_deadlines(demo, admin_client, key):
    """Each seed plan's page shows every task row, in the document's order, with the deadline as written."""
    # given
    plan, data = _plan(key)
    # when
    page = _text(admin_client.get(reverse("plan_detail", args=[plan.pk])))
    # then
    positions = []
    for row in data["tasks"]:
        first_line = re.sub(r"\s+", " ", row["content"].splitlines()[0]).strip()[:60]
        assert first_line in page, f"{key}: task {row['order']} missing"
        positions.append(page.index(first_line))
        for line in filter(None, row["deadline_text"].splitlines()):
            assert line.strip() in page
    assert positions == sorted(positions), f"{key}: tasks out of order"
    for section in data["sections"]:
        assert section["title"] in page


def test_seed_deadlines_become_the_due_dates_the_documents_give(demo):
    """Vinh Mỹ's "Trước ngày 15/01/2021" is due 14/01, "Tháng 11/2021" at month end, the yearly
    report "trước ngày 15 tháng 11 hàng năm" on 14/11; Cà Mau's months fall at month end."""
    vinhmy, _ = _plan("vinhmy_2021")
    due = {
        task.order_label: sorted({d.original_due_date for d in task.deliverables.all()})
        for task in Task.objects.filter(plan=vinhmy).prefetch_related("deliverables")
    }
    assert due["2"] == [dt.date(2021, 1, 14)]
    assert due["4"] == [dt.date(2021, 11, 30)]
    assert due["6"] == [dt.date(2021, m, d) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
    assert due["7"] == [dt.date(2021, 11, 1)]
    assert due["8"] == [dt.date(2021, 11, 14)]
    assert due["9"] == [dt.date(2021, 8, 31), dt.date(2021, 9, 30), dt.date(2021, 10, 31)]
    camau, _ = _plan("camau_2015")
    first = Task.objects.get(plan=camau, order_label="1")
    assert {d.original_due_date for d in first.deliverables.all()} == {dt.date(2015, 3, 31)}
    assert first.deliverables.count() == 3  # three districts lead the first row


def test_issued_seed_plans_show_a_spread_of_states_and_cam_lam_waits_as_a_draft(demo):
    """The demo has every state on screen, and Cam Lâm is left as a draft for a user to issue."""
    states = set(Deliverable.objects.values_list("state", flat=True))
    assert {"pending", "submitted", "returned", "accepted", "waived"} <= states
    camlam, data = _plan("camlam_2022")
    assert camlam.state == Plan.State.DRAFT
    assert camlam.tasks.count() == len(data["tasks"])
    assert not Deliverable.objects.filter(task__plan=camlam).exists()


def test_dong_nai_budget_appendix_adds_up_to_the_document_total(demo):
    dongnai, _ = _plan("dongnai_2020")
    lines = list(dongnai.budget_lines.all())
    assert len(lines) == 5
    assert sum(line.amount for line in lines) == 567_500_000
    assert dongnai.symbol == "1036/KH-UBND"


def test_load_demo_twice_creates_nothing_new(db, settings, tmp_path, capsys):
    """Running the demo loader again (as `make run` does) leaves the data as it was."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")  # the whole demo, the present-day part included
    counts = (Plan.objects.count(), Task.objects.count(), Deliverable.objects.count())
    call_command("load_demo")
    assert (Plan.objects.count(), Task.objects.count(), Deliverable.objects.count()) == counts
    assert "đã có" in capsys.readouterr().out


def test_show_plan_json_gives_heading_tasks_and_due_dates(demo, capsys):
    """`show_plan ID --json` prints the documented fields that other tools read."""
    vinhmy, _ = _plan("vinhmy_2021")
    call_command("show_plan", vinhmy.pk, "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["symbol"] == "09/KH-UBND"
    assert data["issuer"] == "VINHMY-UBND"
    assert data["date"] == "2021-01-04"
    assert data["signer"]["authority"] == "TM."
    assert data["tasks"][1]["deadline_text"] == "Trước ngày 15/01/2021"
    assert data["tasks"][1]["due_dates"] == ["2021-01-14"]
    assert data["tasks"][0]["lead_units"] == ["VINHMY-VPTK"]
    assert data["tasks"][0]["deliverables"][0]["unit"] == "VINHMY-VPTK"
    assert set(data) >= {"legal_bases", "targets", "recipients", "budget_lines", "budget_total", "sections"}


def test_list_plans_json_lists_every_plan_with_counts(demo, capsys):
    call_command("list_plans", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5
    by_symbol = {row["symbol"]: row for row in rows}
    assert by_symbol["09/KH-UBND"]["task_count"] == 9
    assert (
        sum(by_symbol["09/KH-UBND"]["deliverable_counts"].values())
        == Deliverable.objects.filter(task__plan__number=9).count()
    )
    assert {row["state"] for row in rows} == {"issued", "draft"}
