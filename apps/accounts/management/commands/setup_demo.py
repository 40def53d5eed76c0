"""Make sure the demo account, its workspace and the reference architecture exist.

`make run` calls this on every start, so every step is idempotent: it creates
what is missing, repairs what drifted (the reference architecture is imported
again over the stored one) and always prints the demo login. The password is
random, chosen once and kept in var/demo-password (readable by its owner only).
"""

from __future__ import annotations

import os
import runpy
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from apps.architectures.models import Architecture
from apps.architectures.selectors import architecture_spec
from apps.architectures.services import import_spec
from apps.validation.selectors import latest_run
from apps.validation.services import request_validation
from apps.workspaces.models import Membership, Role, Workspace
from apps.workspaces.services import create_workspace, set_membership

DEMO_USERNAME = "demo"
DEMO_WORKSPACE = "demo"
REFERENCE_EXAMPLE = Path(settings.BASE_DIR) / "examples" / "ecommerce.py"


def password_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-password"


def write_password(path: Path, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created 0600 from the start, and narrowed if it already existed with more.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(password + "\n")


def read_password(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


class Command(BaseCommand):
    help = "Create or repair the demo user, workspace and reference architecture."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--password", help="Set this password instead of a random one.")

    def handle(self, *args, password: str | None = None, **options) -> None:
        with transaction.atomic():
            user, password = self.ensure_user(password)
            workspace = self.ensure_workspace(user)
            self.ensure_reference_architecture(user, workspace)
        self.stdout.write(f"Demo login: {DEMO_USERNAME} / {password}")

    def say(self, text: str) -> None:
        self.stdout.write(f"setup_demo: {text}")

    def ensure_user(self, wanted: str | None):
        path = password_file()
        user = get_user_model().objects.filter(username=DEMO_USERNAME).first()
        stored = read_password(path)
        if user is None:
            user = get_user_model().objects.create_user(DEMO_USERNAME)
            self.say(f"created the user {DEMO_USERNAME}")
        password = wanted or stored
        if not password:
            password = secrets.token_urlsafe(12)
            self.say(f"chose a new password, kept in {path}")
        if not user.check_password(password):
            # A new user, --password, a lost file, or a password changed elsewhere:
            # the printed password must be the one that works.
            user.set_password(password)
            user.save(update_fields=["password"])
            self.say(f"set the password of {DEMO_USERNAME}")
        if password != stored:
            write_password(path, password)
        return user, password

    def ensure_workspace(self, user) -> Workspace:
        workspace = Workspace.objects.filter(slug=DEMO_WORKSPACE).first()
        if workspace is None:
            self.say(f"created the workspace {DEMO_WORKSPACE}")
            return create_workspace(actor=user, name="Demo", slug=DEMO_WORKSPACE)
        if not Membership.objects.filter(workspace=workspace, user=user, role=Role.OWNER).exists():
            set_membership(workspace=workspace, user=user, role=Role.OWNER)
            self.say(f"made {DEMO_USERNAME} the owner of the workspace {DEMO_WORKSPACE}")
        return workspace

    def ensure_reference_architecture(self, user, workspace: Workspace) -> None:
        spec = runpy.run_path(str(REFERENCE_EXAMPLE))["ms"].to_spec()
        existing = Architecture.objects.filter(workspace=workspace, slug=spec.slug).first()
        if existing is not None and architecture_spec(existing) == spec:
            # Left alone, so that starting the app does not add a revision each time.
            self.say(f"the architecture {existing.slug} is up to date")
            if latest_run(existing) is None:  # e.g. loaded before validation existed
                request_validation(existing, user)
                self.say(f"validated the architecture {existing.slug}")
            return
        architecture, counts = import_spec(
            actor=user, workspace=workspace, spec=spec, architecture=existing
        )
        if existing is None:
            self.say(f"created the architecture {architecture.slug} from {REFERENCE_EXAMPLE.name}")
        else:
            changes = counts.as_dict()
            self.say(f"repaired the architecture {architecture.slug} ({changes})")
