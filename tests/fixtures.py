"""Shared fixtures: the three personas of a workspace, an outsider, and their data.

Data is built through the same service functions the product uses.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from apps.accounts.services import create_token
from apps.architectures.services import import_spec
from apps.workspaces.models import Role
from apps.workspaces.services import create_workspace, set_membership
from microservices.spec import Architecture as SpecArchitecture

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ecommerce.py"


def reference_microservices():
    return runpy.run_path(str(EXAMPLE))["ms"]


@pytest.fixture
def reference_spec() -> SpecArchitecture:
    return reference_microservices().to_spec()


def make_user(username: str) -> User:
    return User.objects.create_user(username, f"{username}@example.com", f"pw-{username}")


@pytest.fixture
def owner(db) -> User:
    return make_user("olivia")


@pytest.fixture
def editor(db) -> User:
    return make_user("eddie")


@pytest.fixture
def viewer(db) -> User:
    return make_user("vera")


@pytest.fixture
def outsider(db) -> User:
    return make_user("oscar")


@pytest.fixture
def workspace(owner, editor, viewer):
    workspace = create_workspace(actor=owner, name="Acme", slug="acme")
    set_membership(workspace=workspace, user=editor, role=Role.EDITOR)
    set_membership(workspace=workspace, user=viewer, role=Role.VIEWER)
    return workspace


@pytest.fixture
def other_workspace(outsider):
    return create_workspace(actor=outsider, name="Globex", slug="globex")


@pytest.fixture
def architecture(workspace, owner, reference_spec):
    architecture, _ = import_spec(actor=owner, workspace=workspace, spec=reference_spec)
    return architecture


@pytest.fixture
def other_architecture(other_workspace, outsider, reference_spec):
    """The reference example in another workspace, under another slug."""
    spec = reference_spec.model_copy(update={"name": "Secret Platform", "slug": "secret-platform"})
    architecture, _ = import_spec(actor=outsider, workspace=other_workspace, spec=spec)
    return architecture


@pytest.fixture
def api_client_for(db):
    """api_client_for(user) -> an APIClient authenticated with a fresh API token."""

    def build(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            _, key = create_token(actor=user, name="tests")
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return build


@pytest.fixture
def client_for(db):
    """client_for(user) -> a Django test Client logged in as `user`."""

    def build(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return build


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(fn, *args, **kwargs): call fn, then run what it left for the commit.

    The test's transaction never commits; this runs the on_commit callbacks (the
    validation hook, sending jobs) the way a commit would, in-process.
    """

    def call(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return call


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page(monkeypatch):
    """A page of Debian's Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django would otherwise
    # refuse the ORM calls the fixtures make from it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.set_default_timeout(10_000)
        try:
            yield page
        finally:
            browser.close()


# --- token-authenticated API clients, one per persona -------------------------------


@pytest.fixture
def as_owner(api_client_for, owner, workspace):
    return api_client_for(owner)


@pytest.fixture
def as_editor(api_client_for, editor, workspace):
    return api_client_for(editor)


@pytest.fixture
def as_viewer(api_client_for, viewer, workspace):
    return api_client_for(viewer)


@pytest.fixture
def as_outsider(api_client_for, outsider, other_workspace):
    return api_client_for(outsider)


@pytest.fixture
def as_anonymous(api_client_for):
    return api_client_for(None)


def log_in(page, base_url: str, username: str) -> None:
    """Sign a persona in through the login form of a browser page (passwords are pw-<name>)."""
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"pw-{username}")
    page.click("button[type=submit]")
