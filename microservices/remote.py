"""Talking to a Microservices Designer server's REST API (standard library only)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
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


class StaleVersionError(RemoteError):
    """412: the architecture changed on the server since its ETag was read."""

    def __init__(self, status: int, body: dict[str, Any]):
        super().__init__(status, body)
        self.etag = body.get("etag")
        self.args = (
            f"HTTP {status}: the architecture changed on the server since you read it "
            f"(its ETag is now {self.etag}); pull it, reapply your changes and push again",
        )


def _spec_url(base_url: str, slug: str, workspace: str | None) -> str:
    url = f"{base_url.rstrip('/')}/api/architectures/{urllib.parse.quote(slug)}/spec/"
    return f"{url}?{urllib.parse.urlencode({'workspace': workspace})}" if workspace else url


def _send(
    method: str, url: str, token: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[dict[str, Any], Message]:
    """The decoded answer and its headers; RemoteError (StaleVersionError on 412) if refused."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    request.add_header("Authorization", f"Token {token}")
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return json.loads(response.read() or b"{}"), response.headers
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = {"detail": raw.decode(errors="replace")[:500]}
        error = StaleVersionError if exc.code == 412 else RemoteError
        raise error(exc.code, payload) from None


def _request(method: str, url: str, token: str, body: Any = None) -> dict[str, Any]:
    return _send(method, url, token, body)[0]


def spec_etag(base_url: str, token: str, slug: str, workspace: str | None = None) -> str | None:
    """The current ETag of the architecture's spec; None when there is no such architecture."""
    try:
        return _send("HEAD", _spec_url(base_url, slug, workspace), token)[1].get("ETag")
    except RemoteError as exc:
        if exc.status == 404:
            return None
        raise


def put_spec(
    base_url: str,
    token: str,
    slug: str,
    spec: dict[str, Any],
    workspace: str | None = None,
    if_match: str | None = None,
) -> dict[str, Any]:
    """Create or replace the architecture. Replacing needs the ETag read before the changes
    (`if_match`); without it the current one is read first, so only changes made on the
    server in between are protected."""
    if if_match is None:
        if_match = spec_etag(base_url, token, slug, workspace)
    precondition = {"If-None-Match": "*"} if if_match is None else {"If-Match": if_match}
    url = _spec_url(base_url, slug, workspace)
    return _send("PUT", url, token, spec, headers=precondition)[0]


def get_spec(base_url: str, token: str, slug: str, workspace: str | None = None) -> dict[str, Any]:
    return _request("GET", _spec_url(base_url, slug, workspace), token)
