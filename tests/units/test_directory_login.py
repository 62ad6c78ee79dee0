"""Login with the office's directory: a real OpenLDAP ``slapd`` (started and stopped here) holds the
people and groups; a directory group gives a role in a unit; local accounts keep working."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from project.settings.ldap import BACKEND, group_roles, ldap_settings, with_directory
from units.models import Membership
from units.selectors import access_for

SLAPD = Path("/usr/sbin/slapd")
SLAPADD = Path("/usr/sbin/slapadd")
SUFFIX = "dc=camlam,dc=gov,dc=vn"
ADMIN = f"cn=admin,{SUFFIX}"
NOIVU = f"cn=noivu,ou=groups,{SUFFIX}"
VANPHONG = f"cn=vanphong,ou=groups,{SUFFIX}"
LAN = f"uid=lan.nv,ou=people,{SUFFIX}"
DIRECTORY_PASSWORD = "Thu-muc-2026"

pytestmark = pytest.mark.skipif(
    not (SLAPD.exists() and SLAPADD.exists()),
    reason="Không có /usr/sbin/slapd (apt-get install slapd ldap-utils): bỏ qua đăng nhập bằng thư mục.",
)

CONF = """include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {root}/slapd.pid
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{admin}"
rootpw admin-secret
directory {root}/db
"""


def _person(uid, given, family, mail):
    return (
        f"dn: uid={uid},ou=people,{SUFFIX}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {given} {family}\n"
        f"sn: {family}\ngivenName: {given}\nmail: {mail}\nuserPassword: {DIRECTORY_PASSWORD}\n"
    )


LDIF = "\n".join(
    [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: UBND Cam Lam\ndc: camlam\n",
        f"dn: ou=people,{SUFFIX}\nobjectClass: organizationalUnit\nou: people\n",
        f"dn: ou=groups,{SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n",
        _person("lan.nv", "Lan", "Nguyễn Thị", "lan.nv@camlam.gov.vn"),
        _person("binh.tt", "Bình", "Trần Thanh", "binh.tt@camlam.gov.vn"),
        f"dn: {NOIVU}\nobjectClass: groupOfNames\ncn: noivu\nmember: {LAN}\nmember: {ADMIN}\n",
        f"dn: {VANPHONG}\nobjectClass: groupOfNames\ncn: vanphong\nmember: uid=binh.tt,ou=people,{SUFFIX}\n",
    ]
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def slapd(tmp_path_factory):
    """A directory server of our own on a free port, for the tests of this module only."""
    root = tmp_path_factory.mktemp("slapd")
    (root / "db").mkdir()
    conf = root / "slapd.conf"
    conf.write_text(CONF.format(root=root, suffix=SUFFIX, admin=ADMIN))
    (root / "data.ldif").write_text(LDIF, encoding="utf-8")
    subprocess.run([SLAPADD, "-f", conf, "-l", root / "data.ldif"], check=True, capture_output=True)  # noqa: S603
    port = _free_port()
    uri = f"ldap://127.0.0.1:{port}"
    # -d 0: stay in the foreground, so the test stops exactly the server it started
    server = subprocess.Popen([SLAPD, "-f", conf, "-h", f"{uri}/", "-d", "0"], stderr=subprocess.PIPE)  # noqa: S603
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"slapd không chạy: {server.stderr.read1().decode(errors='replace')}")
        yield uri
    finally:
        server.terminate()
        server.wait(10)
    shutil.rmtree(root, ignore_errors=True)


def _environment(uri) -> dict:
    return {
        "LDAP_SERVER_URI": uri,
        "LDAP_BIND_DN": ADMIN,
        "LDAP_BIND_PASSWORD": "admin-secret",
        "LDAP_USER_SEARCH_BASE": f"ou=people,{SUFFIX}",
        "LDAP_USER_FILTER": "(uid=%(user)s)",
        "LDAP_GROUP_SEARCH_BASE": f"ou=groups,{SUFFIX}",
        "LDAP_GROUP_ROLES": f"{NOIVU}=CL-PNV:coordinator; {VANPHONG}=CL-VP:officer",
    }


@pytest.fixture
def directory(slapd, settings):
    for name, value in ldap_settings(_environment(slapd)).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = with_directory(settings.AUTHENTICATION_BACKENDS)
    return slapd


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_directory_person_logs_in_and_their_group_makes_them_noi_vu(client, org, directory):
    response = _login(client, "lan.nv", DIRECTORY_PASSWORD)

    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    lan = get_user_model().objects.get(username="lan.nv")
    assert (lan.first_name, lan.last_name, lan.email) == ("Lan", "Nguyễn Thị", "lan.nv@camlam.gov.vn")
    assert not lan.has_usable_password()  # the password stays in the directory
    assert list(Membership.objects.filter(user=lan).values_list("unit__code", "role", "ended_on")) == [
        ("CL-PNV", "coordinator", None)
    ]
    assert access_for(lan).can_manage_issuer(org.noivu.pk)
    # the person's screens are Nội vụ's
    assert client.get(reverse("person_list")).status_code == 200


def test_a_wrong_directory_password_is_refused_and_creates_nothing(client, org, directory):
    response = _login(client, "binh.tt", "sai-mat-khau")

    assert response.status_code == 200 and "không đúng" in response.content.decode()
    assert not get_user_model().objects.filter(username="binh.tt").exists()


def test_local_accounts_still_log_in_beside_the_directory(client, org, directory):
    org.officer_a.set_password("mat-khau-rieng-2026")
    org.officer_a.save()
    assert _login(client, org.officer_a.username, "mat-khau-rieng-2026").status_code == 302


def test_leaving_the_group_ends_the_role_at_the_next_login(client, org, directory):
    import ldap

    assert _login(client, "lan.nv", DIRECTORY_PASSWORD).status_code == 302
    client.logout()
    connection = ldap.initialize(directory)
    connection.simple_bind_s(ADMIN, "admin-secret")
    connection.modify_s(NOIVU, [(ldap.MOD_DELETE, "member", [LAN.encode()])])
    connection.modify_s(VANPHONG, [(ldap.MOD_ADD, "member", [LAN.encode()])])
    try:
        assert _login(client, "lan.nv", DIRECTORY_PASSWORD).status_code == 302
    finally:
        connection.modify_s(VANPHONG, [(ldap.MOD_DELETE, "member", [LAN.encode()])])
        connection.modify_s(NOIVU, [(ldap.MOD_ADD, "member", [LAN.encode()])])
        connection.unbind_s()
    roles = {m.unit.code: m.ended_on is None for m in Membership.objects.filter(user__username="lan.nv")}
    assert roles == {"CL-PNV": False, "CL-VP": True}  # Nội vụ role ended (kept as history), officer now


def test_the_directory_is_off_unless_configured(client, org, slapd, settings):
    assert BACKEND not in settings.AUTHENTICATION_BACKENDS
    assert ldap_settings({}) == {}
    assert _login(client, "lan.nv", DIRECTORY_PASSWORD).status_code == 200
    assert not get_user_model().objects.filter(username="lan.nv").exists()


def test_a_badly_written_group_mapping_is_named():
    assert group_roles(f"{NOIVU}=CL-PNV:coordinator") == [(NOIVU.lower(), "CL-PNV", "coordinator")]
    with pytest.raises(ValueError, match="LDAP_GROUP_ROLES: «cn=x» phải có dạng"):
        group_roles("cn=x")


def test_without_a_group_mapping_a_directory_person_logs_in_with_no_role(client, org, directory, settings):
    settings.LDAP_GROUP_ROLES = []
    assert _login(client, "binh.tt", DIRECTORY_PASSWORD).status_code == 302
    assert not Membership.objects.filter(user__username="binh.tt").exists()
