"""The Python client's push and pull against a running server."""

from __future__ import annotations

import pytest

from apps.accounts.services import create_token
from microservices import Microservices, RemoteError
from tests.fixtures import reference_microservices

from .conftest import REFERENCE_SLUG


@pytest.fixture
def editor_key(editor, workspace) -> str:
    return create_token(actor=editor, name="client")[1]


def test_push_creates_the_architecture_and_pull_reads_it_back(live_server, editor_key):
    ms = reference_microservices()

    summary = ms.push(live_server.url, editor_key)

    assert summary["slug"] == REFERENCE_SLUG
    assert summary["workspace"] == "acme"
    assert summary["created"] > 0
    pulled = Microservices.pull(live_server.url, editor_key, REFERENCE_SLUG)
    assert pulled.to_dict() == ms.to_dict()


def test_pushing_again_replaces_with_what_changed(live_server, editor_key):
    ms = reference_microservices()
    ms.push(live_server.url, editor_key)
    ms.create_service(service_name="payment-service", domain="payments")

    summary = ms.push(live_server.url, editor_key, workspace="acme")

    assert summary["created"] == 0
    assert summary["updated"] == 1  # the placeholder became a service
    pulled = Microservices.pull(live_server.url, editor_key, REFERENCE_SLUG, workspace="acme")
    assert pulled.to_dict() == ms.to_dict()


def test_refusals_come_back_as_remote_errors(live_server, editor_key, viewer):
    with pytest.raises(RemoteError) as missing:
        Microservices.pull(live_server.url, editor_key, "no-such-architecture")
    assert missing.value.status == 404

    viewer_key = create_token(actor=viewer, name="client")[1]
    with pytest.raises(RemoteError) as refused:
        reference_microservices().push(live_server.url, viewer_key)
    assert refused.value.status == 403

    with pytest.raises(RemoteError) as unknown:
        reference_microservices().push(live_server.url, "msd_not-a-key")
    assert unknown.value.status == 401
