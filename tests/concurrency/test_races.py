"""Real concurrent requests against a live server on PostgreSQL: one winner per ETag.

Threads start together behind a barrier and PATCH over HTTP, each request in its
own server thread and database connection, so the row locks are what decides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
import requests

from apps.accounts.services import create_token
from apps.architectures.models import Service

from .conftest import API, SERVICE_URL, SLUG

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def api(live_server, editor, workspace, architecture):
    """api(method, path, **kwargs) -> a requests response from the live server, as the editor."""
    key = create_token(actor=editor, name="race")[1]

    def call(method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Token {key}", **kwargs.pop("headers", {})}
        return requests.request(
            method, live_server.url + path, headers=headers, timeout=60, **kwargs
        )

    return call


def race(*calls: Callable[[], requests.Response]) -> list[int]:
    """Make every call at the same moment, each from its own thread; their statuses."""
    start = threading.Barrier(len(calls))

    def send(call: Callable[[], requests.Response]) -> int:
        start.wait()
        return call().status_code

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(send, calls))


def write(api, method: str, path: str, body: dict, etag: str) -> Callable[[], requests.Response]:
    return partial(api, method, path, json=body, headers={"If-Match": etag})


def test_two_clients_patching_one_object_with_the_same_etag_one_wins_one_gets_412(api):
    etag = api("GET", SERVICE_URL).headers["ETag"]

    statuses = race(
        write(api, "PATCH", SERVICE_URL, {"owner": "a"}, etag),
        write(api, "PATCH", SERVICE_URL, {"owner": "b"}, etag),
    )

    assert sorted(statuses) == [200, 412]
    winner = "a" if statuses[0] == 200 else "b"
    assert Service.objects.get(architecture__slug=SLUG, name="order-service").owner == winner


def test_two_clients_patching_different_objects_both_succeed(api):
    other = f"{API}/services/payment-service/"
    first, second = (api("GET", url).headers["ETag"] for url in (SERVICE_URL, other))

    statuses = race(
        write(api, "PATCH", SERVICE_URL, {"owner": "a"}, first),
        write(api, "PATCH", other, {"owner": "b"}, second),
    )

    assert statuses == [200, 200]


def test_twenty_parallel_patches_with_the_same_etag_have_exactly_one_success(api):
    etag = api("GET", SERVICE_URL).headers["ETag"]

    statuses = race(
        *(write(api, "PATCH", SERVICE_URL, {"owner": f"team-{n}"}, etag) for n in range(20))
    )

    assert statuses.count(200) == 1
    assert statuses.count(412) == 19
    final = api("GET", SERVICE_URL)
    assert final.json()["owner"] == f"team-{statuses.index(200)}"
    assert final.headers["ETag"] != etag


def test_a_whole_spec_put_racing_a_patch_of_one_of_its_objects_lets_exactly_one_win(api):
    """Both writers take the architecture's lock before the objects', so they never
    deadlock: one wins, the other is told its copy is stale."""
    spec_url = f"{API}/spec/"
    for attempt in range(8):
        read = api("GET", spec_url)
        document = read.json()
        for service in document["services"]:  # the object the other client patches, too
            if service["name"] == "order-service":
                service["owner"] = f"spec-{attempt}"
        etag = api("GET", SERVICE_URL).headers["ETag"]

        statuses = race(
            write(api, "PUT", spec_url, document, read.headers["ETag"]),
            write(api, "PATCH", SERVICE_URL, {"owner": f"team-{attempt}"}, etag),
        )

        assert sorted(statuses) == [200, 412], f"attempt {attempt}"
