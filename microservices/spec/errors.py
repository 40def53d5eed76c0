"""Errors about a spec, each naming where it is (field path and, for files, line)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pydantic import ValidationError

Loc = tuple[str | int, ...]


def format_loc(loc: Sequence[str | int]) -> str:
    """('services', 2, 'name') -> 'services[2].name'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class SpecError:
    loc: Loc
    message: str
    line: int | None = None

    @property
    def field(self) -> str:
        return format_loc(self.loc)

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        field = f"{self.field}: " if self.loc else ""
        return f"{where}{field}{self.message}"

    def as_dict(self) -> dict:
        data = {"field": self.field, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        return data


class SpecValidationError(ValueError):
    """A spec (or part of one) that cannot be accepted; carries every error found."""

    def __init__(self, errors: Iterable[SpecError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors) or "invalid spec")

    @classmethod
    def single(cls, message: str, loc: Loc = (), line: int | None = None):
        return cls([SpecError(loc, message, line)])

    def with_lines(self, line_of) -> SpecValidationError:
        """A copy whose errors carry the line `line_of(loc)` finds, where they have none."""
        return SpecValidationError(
            error if error.line is not None else replace(error, line=line_of(error.loc))
            for error in self.errors
        )

    def prefixed(self, prefix: Loc) -> SpecValidationError:
        return SpecValidationError(replace(e, loc=prefix + e.loc) for e in self.errors)


def _message(error: dict) -> str:
    message = error["msg"]
    for noise in ("Value error, ", "Assertion failed, "):
        if message.startswith(noise):
            return message[len(noise) :]
    if error["type"] == "extra_forbidden":
        return "unknown field"
    return message


def from_pydantic(exc: ValidationError, prefix: Loc = ()) -> SpecValidationError:
    return SpecValidationError(
        SpecError(prefix + tuple(error["loc"]), _message(error)) for error in exc.errors()
    )
