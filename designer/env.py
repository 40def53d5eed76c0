"""Strict readers for settings that come from the environment.

Everything that differs between a laptop, CI and a production host is read
through these functions. They fail loudly: ``DEBUG=ture`` or ``PAGE_SIZE=ten``
stops the process at start-up with an ImproperlyConfigured that names the
variable and the value, instead of quietly meaning something else.

Rules shared by every reader:

* an unset variable, or one set to the empty string, takes the default (compose
  files and shells often write ``NAME=`` to mean "not set");
* a reader called without a default makes the variable required;
* secrets (SECRET_KEY, DATABASE_URL) may instead be given as ``NAME_FILE``, a
  path whose content is the value, as Docker and Kubernetes secrets are mounted.
  Setting both ``NAME`` and ``NAME_FILE`` is an error, since one would be ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

__all__ = ["REQUIRED", "env_bool", "env_int", "env_list", "env_str"]

# Variables that may be read from the file named by NAME_FILE.
FILE_VARIABLES = frozenset({"SECRET_KEY", "DATABASE_URL"})

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()


def _raw(name: str) -> str | None:
    """The variable's text, or None when unset or empty."""
    value = os.environ.get(name) or None
    if name not in FILE_VARIABLES:
        return value
    path = os.environ.get(f"{name}_FILE")
    if not path:
        return value
    if value is not None:
        raise ImproperlyConfigured(f"Set either {name} or {name}_FILE, not both.")
    try:
        # Secret files usually end with a newline that is not part of the secret.
        return Path(path).read_text(encoding="utf-8").strip() or None
    except OSError as exc:
        raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc}") from exc


def _missing(name: str) -> ImproperlyConfigured:
    hint = f" (or {name}_FILE)" if name in FILE_VARIABLES else ""
    return ImproperlyConfigured(f"The environment variable {name}{hint} is required.")


def env_str(name: str, default: str | _Required = REQUIRED) -> str:
    """A string; required when no default is given."""
    value = _raw(name)
    if value is not None:
        return value
    if isinstance(default, _Required):
        raise _missing(name)
    return default


def env_bool(name: str, default: bool | _Required = REQUIRED) -> bool:
    """1/0, true/false, yes/no, on/off in any case; anything else is an error."""
    value = _raw(name)
    if value is None:
        if isinstance(default, _Required):
            raise _missing(name)
        return default
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int | _Required = REQUIRED, *, minimum: int | None = None) -> int:
    """A base-10 integer, optionally with a lower bound."""
    value = _raw(name)
    if value is None:
        if isinstance(default, _Required):
            raise _missing(name)
        return default
    try:
        number = int(value.strip(), 10)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str] | _Required = REQUIRED) -> list[str]:
    """Comma-separated items, stripped; empty items are dropped."""
    value = _raw(name)
    items = [item.strip() for item in value.split(",")] if value is not None else []
    items = [item for item in items if item]
    if items:
        return items
    if isinstance(default, _Required):
        raise _missing(name)
    return list(default)
