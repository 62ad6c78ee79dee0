"""Import from .csv/.xlsx: all or nothing, row-level Vietnamese errors."""

import io

import openpyxl
import pytest
from django.urls import reverse

from surveys.models import Alert, Answer, IndexTally, RespondentContact, Response, ResponseTally
from surveys.resources import import_template_xlsx, responses_import, template_columns
from surveys.summaries import summaries_rebuild

TALLY_INDEX = ("unit_key", "year", "quarter", "month", "criterion_key", "n", "positive")
TALLY_RESPONSE = ("year", "month", "service_key", "unit_key", "n")

HEADER = (
    "Mã phiếu,Mã đơn vị,Mã dịch vụ,Đối tượng,Hình thức,Ngày,"
    "Câu 1,Câu 2,Câu 3,Tên người góp ý,Địa chỉ,Điện thoại"
)


def _csv(*rows) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8-sig")


def test_valid_file_is_imported(campaign, org):
    # given
    data = _csv(
        f"P1,{org.office_a.code},KS,Người dân trực tiếp nộp hồ sơ,Phiếu giấy tại quầy,"
        "10/02/2022,Hài lòng,1,,,,",
        f"P2,{org.office_b.code},,đại diện doanh nghiệp,,11/02/2022,3,Không đúng hẹn,Chậm,Lê Văn B,,0909",
    )
    # when
    created, errors = responses_import(campaign=campaign, data=data, name="phieu.csv")
    # then
    assert (created, errors) == (2, [])
    assert Response.objects.count() == 2
    assert Answer.objects.filter(response__external_id="P2", level=3).count() == 2
    assert Alert.objects.get().response.external_id == "P2"
    assert RespondentContact.objects.get().name == "Lê Văn B"
    assert Response.objects.get(external_id="P2").respondent_type == "business"


def test_one_bad_row_imports_nothing_and_names_every_bad_row(campaign, org):
    # given: line 3 has a bad level, line 4 an unknown unit and a date outside the campaign
    data = _csv(
        f"P1,{org.office_a.code},,,,10/02/2022,1,1,,,,",
        f"P2,{org.office_a.code},,,,10/02/2022,7,1,,,,",
        "P3,KHONG-CO,,,,10/02/2023,1,1,,,,",
    )
    # when
    created, errors = responses_import(campaign=campaign, data=data, name="phieu.csv")
    # then
    assert created == 0
    assert Response.objects.count() == 0 and Answer.objects.count() == 0 and Alert.objects.count() == 0
    assert "Dòng 3: Câu 1: giá trị “7” không phải là một mức trả lời hợp lệ." in errors
    assert "Dòng 4: mã đơn vị “KHONG-CO” không có trong phạm vi khảo sát" in errors
    assert not any(e.startswith("Dòng 2") for e in errors)


def test_duplicate_ids_in_file_are_refused(campaign, org):
    data = _csv(
        f"P1,{org.office_a.code},,,,10/02/2022,1,1,,,,",
        f"P1,{org.office_a.code},,,,10/02/2022,1,1,,,,",
    )
    created, errors = responses_import(campaign=campaign, data=data, name="phieu.csv")
    assert created == 0
    assert errors == ["Dòng 3: mã phiếu “P1” bị lặp trong tệp"]


def test_dry_run_writes_nothing(campaign, org):
    data = _csv(f"P1,{org.office_a.code},,,,10/02/2022,1,1,,,,")
    assert responses_import(campaign=campaign, data=data, name="phieu.csv", dry_run=True) == (0, [])
    assert Response.objects.count() == 0


def test_template_round_trip(campaign):
    """The downloadable template has the documented columns and its example row imports."""
    data = import_template_xlsx(campaign)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == template_columns(campaign)
    created, errors = responses_import(campaign=campaign, data=data, name="mau.xlsx")
    assert (created, errors) == (1, [])


def test_unreadable_file(campaign):
    assert responses_import(campaign=campaign, data=b"\x00\x01", name="x.xlsx")[1] == [
        "Không đọc được tệp: chỉ nhận .xlsx hoặc .csv (UTF-8)."
    ]


@pytest.mark.django_db(transaction=True)
def test_import_page(client, campaign, org):
    """The import runs as a job: inline here (no Redis), once the upload's transaction committed."""
    client.force_login(org.coordinator)
    upload = io.BytesIO(_csv(f"P1,{org.office_a.code},,,,10/02/2022,9,1,,,,"))
    upload.name = "phieu.csv"
    response = client.post(reverse("survey_import", args=[campaign.pk]), {"file": upload})
    assert response.status_code == 200
    assert "Dòng 2: Câu 1" in response.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.parametrize("user", ["officer_a", "other_coordinator"])
def test_import_needs_a_manager(client, campaign, org, user):
    client.force_login(getattr(org, user))
    assert client.get(reverse("survey_import", args=[campaign.pk])).status_code == 404


def test_an_import_with_many_unhappy_rows_tells_each_recipient_once(
    campaign, org, django_capture_on_commit_callbacks
):
    from django.core import mail

    for user, email in [(org.head_a, "lanhdao@example.vn"), (org.coordinator, "noivu@example.vn")]:
        user.email = email
        user.save(update_fields=["email"])
    rows = [f"P{i},{org.office_a.code},,,,10/02/2022,Không hài lòng,1,,,," for i in range(30)]
    with django_capture_on_commit_callbacks(execute=True):
        created, errors = responses_import(campaign=campaign, data=_csv(*rows), name="phieu.csv")
    assert (created, errors) == (30, [])
    assert Alert.objects.count() == 30
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "lanhdao@example.vn",
        "noivu@example.vn",
    ]
    assert "30 ý kiến không hài lòng" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_good_file_imports_through_the_job_and_the_file_is_not_kept(
    client, campaign, org, settings, tmp_path
):
    from core.models import Job

    settings.MEDIA_ROOT = tmp_path
    client.force_login(org.coordinator)
    upload = io.BytesIO(_csv(f"P1,{org.office_a.code},,,,10/02/2022,1,1,,,,"))
    upload.name = "phieu.csv"
    response = client.post(reverse("survey_import", args=[campaign.pk]), {"file": upload}, follow=True)
    assert "Đã nhập 1 phiếu." in response.content.decode()
    job = Job.objects.get(kind="survey_import")
    assert (job.state, job.result["created"], job.created_by) == ("done", 1, org.coordinator)
    assert not any(tmp_path.rglob("*.csv"))


def test_a_file_read_in_several_chunks_leaves_the_summaries_a_recount_gives(campaign, org, monkeypatch):
    # given a file of 7 questionnaires, read 3 rows a chunk, on top of one stored before
    monkeypatch.setattr("surveys.resources.CHUNK", 3)
    responses_import(
        campaign=campaign, data=_csv(f"P0,{org.office_a.code},,,,01/02/2022,Hài lòng,1,,,,"), name="a.csv"
    )
    rows = [
        f"P{i},{(org.office_a if i % 2 else org.office_b).code},,,,{10 + i:02d}/0{1 + i % 3}/2022,"
        f"{1 + i % 3},{1 + i % 2},,,,"
        for i in range(1, 8)
    ]
    # when it is imported
    created, errors = responses_import(campaign=campaign, data=_csv(*rows), name="phieu.csv")
    # then the running summaries hold every questionnaire, exactly as a recount from the answers
    assert (created, errors) == (7, [])
    index = sorted(IndexTally.objects.filter(campaign=campaign).values_list(*TALLY_INDEX))
    tally = sorted(ResponseTally.objects.filter(campaign=campaign).values_list(*TALLY_RESPONSE))
    assert sum(n for *_, key, n in tally if key == 0) == 8  # the campaign's total, every month
    summaries_rebuild(campaign)
    assert sorted(IndexTally.objects.filter(campaign=campaign).values_list(*TALLY_INDEX)) == index
    assert sorted(ResponseTally.objects.filter(campaign=campaign).values_list(*TALLY_RESPONSE)) == tally
