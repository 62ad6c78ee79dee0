"""Files through the storage API: the same upload and download on S3-compatible object storage.

The object store here is moto's S3 emulation (moto[server], ``ThreadedMotoServer``) on a
loopback port, not a real S3 or MinIO: it speaks the S3 protocol the django-storages backend uses.
"""

import socket

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tasks.services.deliverables import deliverable_submit
from tests.tasks.views.conftest import PDF_BYTES, pdf_upload

BUCKET = "kehoach-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def s3_storages(endpoint: str) -> dict:
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": endpoint,
        "access_key": "test",
        "secret_key": "test",
        "region_name": "us-east-1",
        "addressing_style": "path",
        "default_acl": None,
        "file_overwrite": False,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.mark.django_db
def test_evidence_is_stored_in_the_bucket_and_downloads_after_the_access_check(
    s3_endpoint, client, org, deliverable
):
    with override_settings(STORAGES=s3_storages(s3_endpoint)):
        submitted = deliverable_submit(
            deliverable=deliverable, actor=org.officer_a, text="Đã ban hành.", files=[pdf_upload()]
        )
        evidence = submitted.evidence.get()
        assert default_storage.__class__.__name__ == "S3Storage"
        bucket = boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            aws_access_key_id="t",
            aws_secret_access_key="t",
            region_name="us-east-1",
        )
        keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
        assert evidence.file.name in keys

        client.force_login(org.officer_a)
        response = client.get(reverse("evidence_download", args=[evidence.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES

        client.force_login(org.other_officer)
        assert client.get(reverse("evidence_download", args=[evidence.pk])).status_code == 403


def _deploy_warnings(capsys, **settings) -> str:
    with override_settings(**settings):
        try:
            call_command("check", "--deploy", "--tag", "kehoach_deployment", "--fail-level", "WARNING")
        except Exception as error:  # SystemCheckError carries the report
            return str(error)
    return capsys.readouterr().out


def test_one_app_server_on_local_disk_passes_the_deployment_checks(capsys):
    assert "kehoach.W" not in _deploy_warnings(capsys, DEPLOYMENT_SERVERS=1, REDIS_URL="")


def test_several_app_servers_without_shared_files_or_redis_are_warned(capsys):
    local = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    report = _deploy_warnings(capsys, DEPLOYMENT_SERVERS=2, REDIS_URL="", STORAGES=local, MEDIA_SHARED=False)
    assert "kehoach.W001" in report and "kehoach.W002" in report


def test_several_app_servers_on_object_storage_and_redis_pass(capsys):
    report = _deploy_warnings(
        capsys, DEPLOYMENT_SERVERS=2, REDIS_URL="redis://127.0.0.1:6379/1", STORAGES=s3_storages("http://s3")
    )
    assert "kehoach.W" not in report
