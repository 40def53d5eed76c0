"""Requests that are malformed rather than wrong: bodies that do not parse, are not
objects, are too large or hold what no database or JSON can store. 4xx, never a 500."""

from __future__ import annotations

import pytest

from .conftest import REFERENCE_SLUG

pytestmark = pytest.mark.django_db

BASE = f"/api/architectures/{REFERENCE_SLUG}/"
ORDER_SERVICE = f"{BASE}services/order-service/"


@pytest.mark.parametrize(
    ("payload", "content_type"),
    [
        (b"[1, 2]", "application/json"),
        (b'"order-service"', "application/json"),
        (b"42", "application/json"),
        (b"null", "application/json"),
        (b"- a\n- b\n", "application/yaml"),
        (b"just text", "application/yaml"),
    ],
)
def test_a_body_that_is_not_an_object_is_a_400(as_editor, architecture, payload, content_type):
    response = as_editor.generic("POST", f"{BASE}services/", payload, content_type=content_type)

    assert response.status_code == 400
    assert "must be an object" in response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "content_type", "line"),
    [
        (b'{\n  "name": "a",\n  "domain": \n}', "application/json", 4),
        (b"name: a\ndomain: [orders\n", "application/yaml", 3),
        (b"name: a\nname: b\n", "application/yaml", 2),
    ],
)
def test_a_body_that_does_not_parse_is_a_400_with_its_line(
    as_editor, architecture, payload, content_type, line
):
    response = as_editor.generic("POST", f"{BASE}services/", payload, content_type=content_type)

    assert response.status_code == 400
    assert response.json()["errors"][0]["line"] == line


def test_a_repeated_json_key_is_refused_rather_than_one_value_kept(as_editor, architecture):
    payload = b'{"name": "a-service", "name": "b-service"}'

    response = as_editor.generic(
        "POST", f"{BASE}services/", payload, content_type="application/json"
    )

    assert response.status_code == 400
    assert "duplicate key 'name'" in response.json()["detail"]


def test_a_form_body_is_415(as_editor, architecture):
    response = as_editor.post(f"{BASE}services/", {"name": "a"}, format="multipart")
    assert response.status_code == 415


def test_an_oversize_body_is_413(as_editor, architecture, settings):
    settings.SPEC_UPLOAD_MAX_BYTES = 100
    body = {"name": "big-service", "description": "x" * 200}

    response = as_editor.post(f"{BASE}services/", body, format="json")

    assert response.status_code == 413
    assert "100 bytes" in response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("post", "/api/architectures/", {"name": "a\u0000b"}, 400),
        ("post", "/api/architectures/", {"name": "a", "workspace": "ac\u0000me"}, 400),
        (
            "post",
            f"{BASE}gateways/",
            {"name": "gw", "authentication": {"type": "jwt", "issuer": "https://a\u0000"}},
            400,
        ),
        ("post", f"{ORDER_SERVICE}endpoints/", {"path": "/a\u0000b"}, 400),
        ("post", f"{BASE}services/", {"name": "a-service", "description": "a\u0000b"}, 400),
        ("get", "/api/architectures/a%00b/", None, 404),
        ("get", f"{BASE}services/a%00b/", None, 404),
        ("get", f"{BASE}services/order-service/events/order%00created/", None, 404),
        ("get", f"{BASE}gateways/api-gateway/routes/99999999999999999999999/", None, 404),
        ("get", f"{BASE}?workspace=a%00b", None, 400),
        ("get", "/api/architectures/?workspace=a%00b", None, 400),
        ("get", f"{BASE}services/?name=a%00b", None, 400),
        ("delete", "/api/tokens/99999999999999999999999/", None, 404),
    ],
)
def test_control_characters_and_huge_ids_are_refused_not_crashing(
    as_editor, architecture, method, url, body, status
):
    as_editor.raise_request_exception = False

    response = getattr(as_editor, method)(url, body, format="json")

    assert response.status_code == status


@pytest.mark.parametrize(
    ("payload", "content_type"),
    [
        (b'{"name": "latency_p99", "target": Infinity, "window": "1d"}', "application/json"),
        (b'{"name": "latency_p99", "target": NaN, "window": "1d"}', "application/json"),
        (b"name: latency_p99\ntarget: .inf\nwindow: 1d\n", "application/yaml"),
    ],
)
def test_numbers_json_cannot_write_are_refused(as_editor, architecture, payload, content_type):
    url = f"{BASE}services/inventory-service/slos/"

    response = as_editor.generic("POST", url, payload, content_type=content_type)

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["target"]
