"""The setup_demo command run by `make run`: idempotent, and its login works."""

from __future__ import annotations

import re
import stat
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_spec
from apps.architectures.services import import_spec
from apps.workspaces.models import Membership, Role, Workspace
from microservices.spec import dump_architecture, parse_architecture

LOGIN_LINE = re.compile(r"^Demo login: demo / (\S+)$", re.MULTILINE)


@pytest.fixture
def var_dir(settings, tmp_path):
    """The command keeps the password under VAR_DIR: a fresh one per test."""
    settings.VAR_DIR = tmp_path
    return tmp_path


def setup_demo(*args: str) -> tuple[str, str]:
    """Run the command; returns its output and the password it printed."""
    out = StringIO()
    call_command("setup_demo", *args, stdout=out)
    match = LOGIN_LINE.search(out.getvalue())
    assert match, out.getvalue()
    return out.getvalue(), match.group(1)


def can_log_in(password: str) -> bool:
    return Client().login(username="demo", password=password)


@pytest.mark.django_db
def test_running_it_twice_leaves_one_user_one_workspace_one_reference_architecture(
    var_dir, reference_spec
):
    first_output, first_password = setup_demo()
    second_output, second_password = setup_demo()

    assert first_password == second_password
    assert User.objects.filter(username="demo").count() == 1
    workspace = Workspace.objects.get()
    assert workspace.slug == "demo"
    assert Membership.objects.get(workspace=workspace).role == Role.OWNER
    architecture = Architecture.objects.get()
    assert architecture.workspace == workspace
    assert architecture_spec(architecture) == reference_spec
    assert "created the architecture e-commerce-platform" in first_output
    assert "the architecture e-commerce-platform is up to date" in second_output
    assert architecture.revision == Architecture.objects.get().revision


@pytest.mark.django_db
def test_the_printed_password_logs_in_and_is_kept_readable_by_its_owner_only(var_dir):
    _, password = setup_demo()

    assert can_log_in(password)
    assert not can_log_in(password + "x")
    password_file = var_dir / "demo-password"
    assert password_file.read_text().strip() == password
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_a_lost_password_file_gets_a_new_password(var_dir):
    _, old_password = setup_demo()
    (var_dir / "demo-password").unlink()

    output, new_password = setup_demo()

    assert new_password != old_password
    assert "chose a new password" in output
    assert can_log_in(new_password)
    assert not can_log_in(old_password)
    assert (var_dir / "demo-password").read_text().strip() == new_password


@pytest.mark.django_db
def test_the_password_option_sets_a_known_password(var_dir):
    setup_demo()

    _, password = setup_demo("--password", "known-demo-password")
    _, password_next_time = setup_demo()

    assert password == password_next_time == "known-demo-password"
    assert can_log_in("known-demo-password")


@pytest.mark.django_db
def test_a_changed_demo_architecture_is_repaired(var_dir, reference_spec):
    setup_demo()
    architecture = Architecture.objects.get()
    without_inventory = [s for s in reference_spec.services if s.name != "inventory-service"]
    changed = parse_architecture(
        dump_architecture(reference_spec.model_copy(update={"services": without_inventory}))
    )
    import_spec(
        actor=None, workspace=architecture.workspace, spec=changed, architecture=architecture
    )

    output, _ = setup_demo()

    assert "repaired the architecture e-commerce-platform" in output
    assert architecture_spec(Architecture.objects.get()) == reference_spec


@pytest.mark.django_db
def test_a_demo_user_who_lost_ownership_of_the_workspace_gets_it_back(var_dir):
    setup_demo()
    Membership.objects.filter(user__username="demo").update(role=Role.VIEWER)

    output, _ = setup_demo()

    assert "made demo the owner of the workspace demo" in output
    assert Membership.objects.get(user__username="demo").role == Role.OWNER
