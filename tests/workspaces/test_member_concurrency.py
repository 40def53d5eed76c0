"""Two owners demoting each other at the same moment on PostgreSQL: one owner remains.

Without the lock on the workspace's memberships, each transaction would see two
owners, each would demote the other, and the workspace would be left with none.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from apps.workspaces.models import Membership, Role
from apps.workspaces.services import MembershipRefused, change_role

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# Long enough for the other thread to reach the lock and wait on it.
HOLD_SECONDS = 0.5


class Attempt(threading.Thread):
    """change_role in its own thread, on its own database connection."""

    def __init__(self, *, start_together: threading.Barrier | None = None, **kwargs):
        super().__init__(daemon=True)
        self.kwargs = kwargs
        self.start_together = start_together
        self.started = threading.Event()
        self.error: Exception | None = None
        self.seconds = 0.0

    def run(self) -> None:
        try:
            if self.start_together is not None:
                self.start_together.wait(timeout=10)
            self.started.set()
            began = time.monotonic()
            try:
                change_role(**self.kwargs)
            except (PermissionDenied, MembershipRefused) as refusal:
                self.error = refusal
            self.seconds = time.monotonic() - began
        finally:
            connection.close()


def owners(workspace) -> list[str]:
    return sorted(
        Membership.objects.filter(workspace=workspace, role=Role.OWNER).values_list(
            "user__username", flat=True
        )
    )


def test_the_second_demotion_waits_for_the_first_and_is_refused(workspace, owner, co_owner):
    second = Attempt(actor=co_owner, workspace=workspace, user=owner, role=Role.EDITOR)

    with transaction.atomic():
        change_role(actor=owner, workspace=workspace, user=co_owner, role=Role.EDITOR)
        second.start()
        second.started.wait(timeout=10)
        time.sleep(HOLD_SECONDS)
        assert second.is_alive(), "the second demotion did not wait for the first"
    second.join(timeout=10)

    assert isinstance(second.error, PermissionDenied)
    assert second.seconds >= HOLD_SECONDS * 0.8
    assert owners(workspace) == ["olivia"]


def test_owners_demoting_each_other_together_leave_exactly_one_owner(workspace, owner, co_owner):
    together = threading.Barrier(2)
    attempts = [
        Attempt(
            start_together=together,
            actor=actor,
            workspace=workspace,
            user=target,
            role=Role.VIEWER,
        )
        for actor, target in ((owner, co_owner), (co_owner, owner))
    ]

    for attempt in attempts:
        attempt.start()
    for attempt in attempts:
        attempt.join(timeout=10)

    assert len(owners(workspace)) == 1
    assert sorted(attempt.error is None for attempt in attempts) == [False, True]
