"""Who is looking at an architecture, and what they are editing.

Presence lives in the messages themselves rather than in a store: a viewer who
joins says so to the group, everyone already there answers the newcomer
directly, and a viewer who leaves says goodbye. Each viewer repeats its state
every HEARTBEAT_SECONDS, and pages drop anyone not heard from for
EXPIRY_SECONDS, so a viewer whose server process died without a goodbye fades
out on its own. No table to clean up, no Redis keys to expire, and it works the
same with the in-memory and the Redis channel layer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

HEARTBEAT_SECONDS = 25
EXPIRY_SECONDS = 70
# An object is named by its page's path; nothing longer is a path of this site.
MAX_OBJECT_PATH_LENGTH = 500


@dataclass
class Viewer:
    """One open page: `id` tells two tabs of the same user apart."""

    id: str
    username: str
    initials: str
    editing: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def initials_of(user) -> str:
    """Up to two letters for an avatar: first and last name, else the username's start."""
    letters = [part[0] for part in (user.first_name, user.last_name) if part]
    return "".join(letters).upper() or user.get_username()[:2].upper()


def editing_path(value) -> str | None:
    """The object path a page says it is editing, or None when it is not a plain path."""
    if not isinstance(value, str) or not value.startswith("/"):
        return None
    if len(value) > MAX_OBJECT_PATH_LENGTH:
        return None
    return value
