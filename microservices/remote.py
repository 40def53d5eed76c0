"""Talking to a Microservices Designer server's REST API (standard library only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class RemoteError(Exception):
    """The server refused a request; `errors` holds its field-by-field reasons."""

    def __init__(self, status: int, body: dict[str, Any]):
        self.status = status
        self.body = body
        self.errors = body.get("errors", [])
        lines = [
            f"{error.get('field') or '(document)'}: {error.get('message')}" for error in self.errors
        ]
        detail = body.get("detail", "request failed")
        super().__init__(f"HTTP {status}: {detail}" + "".join(f"\n  {line}" for line in lines))


def _spec_url(base_url: str, slug: str, workspace: str | None) -> str:
    url = f"{base_url.rstrip('/')}/api/architectures/{urllib.parse.quote(slug)}/spec/"
    return f"{url}?{urllib.parse.urlencode({'workspace': workspace})}" if workspace else url


def _request(method: str, url: str, token: str, body: Any = None) -> dict[str, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", f"Token {token}")
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = {"detail": raw.decode(errors="replace")[:500]}
        raise RemoteError(exc.code, payload) from None


def put_spec(
    base_url: str, token: str, slug: str, spec: dict[str, Any], workspace: str | None = None
) -> dict[str, Any]:
    return _request("PUT", _spec_url(base_url, slug, workspace), token, spec)


def get_spec(base_url: str, token: str, slug: str, workspace: str | None = None) -> dict[str, Any]:
    return _request("GET", _spec_url(base_url, slug, workspace), token)
