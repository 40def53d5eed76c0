"""Model field choices taken from the spec's enums, so both always agree."""

from enum import StrEnum


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


def max_length(enum: type[StrEnum]) -> int:
    return max(len(member.value) for member in enum)
