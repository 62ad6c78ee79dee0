"""The seed plans, written as .docx the way the documents show them, import row by row."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.errors import ApplicationError
from plans.models import Plan
from tasks.demo import load_units_and_accounts
from tasks.importing import plan_import_read
from tasks.models import Deliverable, PlanImport
from tasks.resources import plan_tasks_xlsx
from tasks.services.lifecycle import plan_import_create, plan_issue
from tests.plans.docx_fixtures import ALL
from units.matching import unit_alias_remember
from units.models import Unit, UnitAlias

OFFICES = ["PTP", "PTNMT", "PKTHT", "PLDTBXH", "PTCKH"]
COMMUNES = ["CAMDUC", "CAMHAITAY", "CAMTHANHBAC"]
DISTRICTS = ["NAMCAN-UBND", "PHUTAN-UBND", "TPCAMAU-UBND"]
CAMAU_COMMUNES = ["NAMCAN-TTNAMCAN", "NAMCAN-HAMRONG", "PHUTAN-CAIDOIVAM", "TPCAMAU-P5"]
# What a Nội vụ officer answers on the preview when asked who a group name means.
GROUPS = {
    "Các cơ quan, đơn vị có giải quyết TTHC": [f"CAMLAM-{c}" for c in OFFICES],
    "các cơ quan có giải quyết TTHC": [f"CAMLAM-{c}" for c in OFFICES],
    "Các cơ quan, đơn vị": [f"CAMLAM-{c}" for c in OFFICES],
    "Các cơ quan chuyên môn, địa phương": [f"CAMLAM-{c}" for c in OFFICES + COMMUNES],
    "các cơ quan, đơn vị, địa phương": [f"CAMLAM-{c}" for c in OFFICES + COMMUNES],
    "Các đơn vị, địa phương có liên quan": [f"CAMLAM-{c}" for c in OFFICES + COMMUNES],
    "UBND các huyện, thành phố được chọn điều tra": DISTRICTS,
    "UBND các huyện, thành phố": DISTRICTS,
    "UBND các xã, phường, thị trấn được chọn điều tra": CAMAU_COMMUNES,
}
QUARTERS_2022 = ["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]
EVERY_OFFICE = OFFICES
# (section, Stt, lead units, coordinating units, due dates) as the documents give them.
EXPECTED = {
    "vinhmy_2021": (
        "VINHMY-UBND",
        "VINHMY",
        [
            (None, "1", ["VPTK"], ["VHTT"], ["2021-01-31"]),
            (None, "2", ["UBND"], ["VPTK", "VHTT"], ["2021-01-14"]),
            (None, "3", ["VPTK"], ["VHTT", "TNTKQ"], ["2021-01-31"]),
            (None, "4", ["VPTK", "VHTT"], ["TNTKQ"], ["2021-11-30"]),
            (None, "5", ["VPTK"], ["TNTKQ"], ["2021-11-30"]),
        ],
    ),
    "camlam_2022": (
        "CAMLAM-UBND",
        "CAMLAM",
        [
            ("I", "1", [*OFFICES, "VP"], [], QUARTERS_2022),
            ("I", "2", ["PNV", *OFFICES], ["VP", "PVHTT", "TTVHTT"], QUARTERS_2022),
            ("I", "3", ["PVHTT", "TTVHTT", *OFFICES, *COMMUNES], [], QUARTERS_2022),
            ("II", "1", ["VP"], [], QUARTERS_2022),
            ("II", "2", ["VP"], [], QUARTERS_2022),
            ("III", "1", [*OFFICES, *COMMUNES, "VP"], [], QUARTERS_2022),
            ("III", "2", OFFICES, ["VP"], QUARTERS_2022),
            ("III", "3", OFFICES, ["VP"], QUARTERS_2022),
            ("IV", "1", OFFICES, ["VP"], QUARTERS_2022),
            ("IV", "2", OFFICES, ["VP"], QUARTERS_2022),
            ("IV", "3", OFFICES, [], QUARTERS_2022),
            ("IV", "4", [*OFFICES, "PNV", "VP"], [], QUARTERS_2022),
            ("V", "1", OFFICES, ["VP"], QUARTERS_2022),
            ("V", "2", OFFICES, ["VP"], QUARTERS_2022),
            ("V", "3", ["VP"], [], QUARTERS_2022),
            ("VI", "1", ["VP", *OFFICES, *COMMUNES], [], QUARTERS_2022),
            ("VI", "2", ["VP"], [], QUARTERS_2022),
            ("VI", "3", ["VP", *OFFICES], [], QUARTERS_2022),
        ],
    ),
    "camau_2015": (
        "CAMAU-UBND",
        None,
        [
            (None, "1", DISTRICTS, ["CAMAU-SNV"], ["2015-03-31"]),
            (None, "2", ["CAMAU-SNV"], [*DISTRICTS, *CAMAU_COMMUNES], ["2015-04-30"]),
            (None, "3", ["CAMAU-SNV"], [*DISTRICTS, *CAMAU_COMMUNES], ["2015-04-30"]),
            (None, "4", ["CAMAU-SNV"], DISTRICTS, ["2015-04-30"]),
            (None, "5", ["CAMAU-SNV"], [], ["2015-05-31"]),
            (None, "6", ["CAMAU-SNV"], [*DISTRICTS, *CAMAU_COMMUNES], ["2015-05-31"]),
            (None, "7", ["CAMAU-SNV"], [], ["2015-06-30"]),
            (None, "8", ["CAMAU-SNV"], [], ["2015-07-31"]),
            (None, "9", ["CAMAU-SNV"], ["CAMAU-VP"], ["2015-09-30"]),
        ],
    ),
}


@pytest.fixture
def organisation(db):
    load_units_and_accounts()


@pytest.fixture
def mapped(organisation):
    for text, codes in GROUPS.items():
        for code in codes:
            unit_alias_remember(unit=Unit.objects.get(code=code), text=text)


def _codes(prefix, short):
    """Expand short unit codes ("VP") with the tree's prefix; full codes are given as they are."""
    return list(short) if prefix is None else [f"{prefix}-{code}" for code in short]


def _read(name):
    issuer, _, _ = EXPECTED.get(name, ("", None, None))
    issuer_code = (
        issuer
        or {
            "binhphuoc_2023": "BINHPHUOC-SCT",
            "dongnai_2020": "DONGNAI-UBND",
            "dongnai_stp_dispatch_2020": "DONGNAI-STP",
        }[name]
    )
    return plan_import_read(data=ALL[name](), name=f"{name}.docx", issuer=Unit.objects.get(code=issuer_code))


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_row_unit_and_deadline_of_the_seed_table_is_read(mapped, name):
    """Each row keeps the document's order and section; its units and due dates are recognised."""
    _, prefix, rows = EXPECTED[name]
    preview = _read(name)
    assert preview.errors == []
    got = [(r.section, r.order, r.lead_units, r.coordinating_units, r.due_dates) for r in preview.tasks]
    want = [(s, o, _codes(prefix, lead), _codes(prefix, coord), due) for s, o, lead, coord, due in rows]
    assert got == want
    assert all(not row.unmatched_units for row in preview.tasks)


def test_cam_lam_sections_and_split_pages_are_joined(mapped):
    preview = _read("camlam_2022")
    assert [s["label"] for s in preview.sections] == ["I", "II", "III", "IV", "V", "VI"]
    assert preview.sections[0]["title"] == "Tiêu chí Tiếp cận dịch vụ"
    row = next(r for r in preview.tasks if (r.section, r.order) == ("III", "1"))
    # The responsibility cell continues on the next page, where the table header repeats.
    assert "vướng mắc trong giải quyết TTHC cho cấp có thẩm quyền." in row.responsibility_text
    assert row.deadline_text.split() == ["Định", "kỳ", "năm", "Thường", "xuyên"]


def test_unknown_group_names_are_listed_until_a_person_maps_them(organisation):
    preview = _read("camau_2015")
    first = preview.tasks[0]
    assert first.lead_units == []
    assert first.unmatched_units == ["UBND các huyện, thành phố được chọn điều tra"]
    assert any(
        "chưa nhận ra đơn vị «UBND các huyện, thành phố được chọn điều tra»" in w for w in preview.warnings
    )


@pytest.mark.parametrize(
    ("name", "symbol", "place", "date", "signer", "bases"),
    [
        (
            "vinhmy_2021",
            (9, "KH-UBND"),
            "Vinh Mỹ",
            "2021-01-04",
            ("TM.", "CHỦ TỊCH", "Phan Như Ý"),
            ["2709/QĐ-UBND", "2945/UBND-CCHC", "01/KH-UBND"],
        ),
        (
            "binhphuoc_2023",
            (None, "KH-SCT"),
            "Bình Phước",
            None,
            ("", "GIÁM ĐỐC", ""),
            ["2735/QĐ-UBND", "2522/UBND-NC"],
        ),
        (
            "camlam_2022",
            (None, "KH-UBND"),
            "Cam Lâm",
            None,
            ("TM.", "CHỦ TỊCH", "Ngô Văn Bảo"),
            ["308/QĐ-UBND", "149/QĐ-UBND"],
        ),
        (
            "camau_2015",
            (None, "KH-UBND"),
            "Cà Mau",
            "2015-03-04",
            ("KT.", "PHÓ CHỦ TỊCH", "Trần Hồng Quân"),
            ["", "962/QĐ-UBND"],
        ),
        (
            "dongnai_2020",
            (1036, "KH-UBND"),
            "Đồng Nai",
            "2020-02-10",
            ("", "CHỦ TỊCH", "Cao Tiến Dũng"),
            ["576-KL/TU", "15122/KH-UBND"],
        ),
    ],
)
def test_the_heading_is_read(organisation, name, symbol, place, date, signer, bases):
    heading = _read(name).heading
    assert (heading["number"], heading["doc_code"]) == symbol
    assert (heading["place"], heading["date"]) == (place, date)
    assert (
        heading["signer"]["authority"],
        heading["signer"]["position"],
        heading["signer"]["name"],
    ) == signer
    assert [b["number"] for b in heading["legal_bases"]] == bases
    assert heading["recipients"] and heading["recipients"][-1].startswith("Lưu")


def test_cam_lam_title_and_ca_mau_decision_are_read(organisation):
    assert _read("camlam_2022").heading["title"] == (
        "Nâng cao Chỉ số hài lòng của cá nhân, tổ chức đối với sự phục vụ của UBND huyện Cam Lâm năm 2022"
    )
    camau = _read("camau_2015").heading
    assert camau["issued_with"].startswith("Ban hành kèm theo Quyết định số 308/QĐ-UBND")


@pytest.mark.parametrize("name", ["binhphuoc_2023", "dongnai_2020", "dongnai_stp_dispatch_2020"])
def test_documents_without_a_task_table_are_refused_and_create_nothing(organisation, name):
    preview = _read(name)
    assert "Không tìm thấy bảng nhiệm vụ" in preview.errors[0]
    with pytest.raises(ApplicationError, match="chưa tạo gì"):
        plan_import_create(preview=preview)
    assert not Plan.objects.exists()


def test_confirmed_import_is_a_draft_plan_that_can_be_issued(mapped):
    preview = _read("camlam_2022")
    plan = plan_import_create(preview=preview)
    assert plan.state == Plan.State.DRAFT
    assert [t.full_label for t in plan.tasks.order_by("position")][:4] == ["I.1", "I.2", "I.3", "II.1"]
    coordinator = Unit.objects.get(code="CAMLAM-UBND").memberships.get(role="coordinator").user
    plan_issue(plan=plan, actor=coordinator)
    # 18 quarterly tasks: one deliverable per lead unit per quarter.
    leads = sum(len(lead) for *_, lead, _, _ in [(None, *row) for row in EXPECTED["camlam_2022"][2]])
    assert Deliverable.objects.filter(task__plan=plan).count() == leads * 4


def test_the_spreadsheet_export_imports_back_to_the_same_plan(mapped):
    """Export a plan's task table to .xlsx and import it: the same rows, units and deadlines."""
    # given
    first = plan_import_create(preview=_read("camlam_2022"))
    # when
    again = plan_import_read(
        data=plan_tasks_xlsx(first),
        name="camlam.xlsx",
        issuer=Unit.objects.get(code="CAMLAM-UBND"),
        year=2022,
    )
    # then
    assert again.errors == [] and all(not r.unmatched_units for r in again.tasks)
    before = [
        (t.section.label, t.order_label, t.content, t.deadline_text, t.expected_result)
        for t in first.tasks.select_related("section").order_by("position")
    ]
    after = [(r.section, r.order, r.content, r.deadline_text, r.expected_result) for r in again.tasks]
    assert after == before
    units_before = [
        sorted(a.unit.code for a in t.assignments.all() if a.role == "lead")
        for t in first.tasks.order_by("position")
    ]
    assert [sorted(r.lead_units) for r in again.tasks] == units_before


def test_import_plan_command_dry_run_prints_json_and_creates_nothing(mapped, tmp_path, capsys):
    path = tmp_path / "vinhmy.docx"
    path.write_bytes(ALL["vinhmy_2021"]())
    call_command("import_plan", str(path), "--issuer", "VINHMY-UBND", "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["doc_code"] == "KH-UBND" and data["number"] == 9
    assert data["tasks"][1]["deadline_text"] == "Trước ngày 15/01/2021"
    assert data["tasks"][1]["due_dates"] == ["2021-01-14"]
    assert set(data["tasks"][0]) >= {
        "order",
        "section",
        "content",
        "lead_units",
        "coordinating_units",
        "unmatched_units",
        "deadline_text",
        "due_dates",
        "expected_result",
    }
    assert data["errors"] == [] and data["plan_id"] is None
    assert not Plan.objects.exists()


def test_import_plan_command_creates_the_plan_and_refuses_a_second_copy(mapped, tmp_path, capsys):
    path = tmp_path / "vinhmy.docx"
    path.write_bytes(ALL["vinhmy_2021"]())
    call_command("import_plan", str(path), "--issuer", "VINHMY-UBND")
    assert Plan.objects.get().symbol == "09/KH-UBND"
    with pytest.raises(CommandError, match="đã có trong hệ thống"):
        call_command("import_plan", str(path), "--issuer", "VINHMY-UBND")
    assert Plan.objects.count() == 1


def test_import_plan_command_exits_2_on_a_file_with_errors(organisation, tmp_path):
    path = tmp_path / "binhphuoc.docx"
    path.write_bytes(ALL["binhphuoc_2023"]())
    with pytest.raises(CommandError) as error:
        call_command("import_plan", str(path), "--issuer", "BINHPHUOC-SCT")
    assert error.value.returncode == 2


def test_preview_page_maps_a_group_name_and_remembers_it(
    organisation, client, django_capture_on_commit_callbacks
):
    # given an officer of Nội vụ Cà Mau with the Cà Mau plan uploaded
    coordinator = Unit.objects.get(code="CAMAU-UBND").memberships.get(role="coordinator").user
    client.force_login(coordinator)
    upload = SimpleUploadedFile("camau.docx", ALL["camau_2015"]())
    client.post(reverse("import_upload"), {"issuer": Unit.objects.get(code="CAMAU-UBND").pk, "file": upload})
    batch = PlanImport.objects.get()
    page = client.get(reverse("import_preview", args=[batch.pk])).content.decode()
    assert "UBND các huyện, thành phố được chọn điều tra" in page
    # when they say which units the group means
    units = [Unit.objects.get(code=c).pk for c in DISTRICTS]
    client.post(
        reverse("import_map_unit", args=[batch.pk]),
        {"prefix": "m0", "m0-text": "UBND các huyện, thành phố được chọn điều tra", "m0-units": units},
    )
    # then the name is remembered for this and every later import
    assert UnitAlias.objects.filter(text="UBND các huyện, thành phố được chọn điều tra").count() == 3
    preview = plan_import_read(
        data=ALL["camau_2015"](), name="camau.docx", issuer=Unit.objects.get(code="CAMAU-UBND")
    )
    assert preview.tasks[0].lead_units == DISTRICTS
    # and confirming creates the draft plan (a background job, run inline once the request commits)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("import_decide", args=[batch.pk, "confirm"]))
    plan = Plan.objects.get()
    job_page = client.get(response.url).content.decode()
    assert reverse("plan_detail", args=[plan.pk]) in job_page
    assert plan.issued_with.startswith("Ban hành kèm theo Quyết định số 308/QĐ-UBND")
    assert PlanImport.objects.get().plan == plan


def test_the_file_is_read_once_from_upload_to_confirmed_plan(
    organisation, client, django_capture_on_commit_callbacks, monkeypatch
):
    """Upload reads the file; the preview page and confirming use what was read, and the plan's
    history says it was made from that file."""
    # given
    import tasks.importing

    reads = []
    real = tasks.importing._read_file
    monkeypatch.setattr(
        tasks.importing, "_read_file", lambda data, name: reads.append(name) or real(data, name)
    )
    issuer = Unit.objects.get(code="CAMLAM-UBND")
    client.force_login(issuer.memberships.get(role="coordinator").user)

    # when
    upload = SimpleUploadedFile("camlam.docx", ALL["camlam_2022"]())
    client.post(reverse("import_upload"), {"issuer": issuer.pk, "file": upload})
    batch = PlanImport.objects.get()
    client.get(reverse("import_preview", args=[batch.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("import_decide", args=[batch.pk, "confirm"]))

    # then
    plan = Plan.objects.get()
    assert reads == ["camlam.docx"]
    assert plan.tasks.count() == len(PlanImport.objects.get().preview["tasks"])
    assert list(plan.transitions.values_list("name", "comment")) == [("import", "camlam.docx")]
