"""Admin login lockout behind a reverse proxy: whose address counts, and who can lock whom out."""

import ipaddress

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")
PROXY = "10.0.0.5"
ATTACKER = "203.0.113.7"
EDITOR_AT_HOME = "198.51.100.20"


@pytest.fixture
def behind_proxy(settings):
    """Axes on, as in production, with the README's reverse proxy trusted."""
    settings.AXES_ENABLED = True
    settings.CASEBOOK_TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/24")]


def login(client, username, password, forwarded_for, remote=PROXY):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_an_attacker_cannot_lock_an_editor_out_at_another_address(client, behind_proxy):
    factories.editor(username="bianji")
    for _ in range(10):
        login(client, "bianji", "wrong", forwarded_for=ATTACKER)
    assert login(client, "bianji", "pw-casebook-1", forwarded_for=ATTACKER).status_code == 429

    response = login(client, "bianji", "pw-casebook-1", forwarded_for=EDITOR_AT_HOME)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_an_address_in_the_forwarded_header_typed_by_the_client_is_not_believed(client, behind_proxy):
    factories.editor(username="bianji")
    # The proxy appends the address it saw; whatever the client wrote before it changes nothing.
    for n in range(5):
        login(client, "bianji", "wrong", forwarded_for=f"192.0.2.{n}, {ATTACKER}")
    assert login(client, "bianji", "wrong", forwarded_for=f"192.0.2.99, {ATTACKER}").status_code == 429


def test_the_forwarded_header_is_ignored_unless_a_trusted_proxy_sent_it(client, behind_proxy):
    factories.editor(username="bianji")
    for n in range(5):
        login(client, "bianji", "wrong", forwarded_for=f"192.0.2.{n}", remote=ATTACKER)
    assert login(client, "bianji", "pw-casebook-1", forwarded_for="192.0.2.99", remote=ATTACKER).status_code == 429


def test_one_address_trying_many_user_names_is_locked(client, behind_proxy):
    factories.editor(username="bianji")
    for n in range(19):
        assert login(client, f"guess{n}", "wrong", forwarded_for=ATTACKER).status_code == 200
    assert login(client, "guess19", "wrong", forwarded_for=ATTACKER).status_code == 429
    refused = login(client, "bianji", "pw-casebook-1", forwarded_for=ATTACKER)
    assert refused.status_code == 429
    assert "这个地址暂时不能登录任何账号" in refused.content.decode()

    assert login(client, "bianji", "pw-casebook-1", forwarded_for=EDITOR_AT_HOME).status_code == 302
