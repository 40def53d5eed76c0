"""Multi-window, multi-burn-rate alerting after the Google SRE workbook.

The workbook sets its conditions for a 30-day objective: page when the error
budget burns 14.4x too fast over 1h (checked against 5m, so the alert stops soon
after the burn does) or 6x over 6h and 30m; open a ticket at 3x over 1d and 2h or
1x over 3d and 6h. Each condition means a share of the period's budget spent
within its long window (2%, 5%, 10%, 10%). For an objective over another period
every window is scaled by period / 30 days and the factors are kept, so each
condition still means the same share of that period's budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

MINUTES_PER_UNIT = {"m": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}
WORKBOOK_PERIOD_MINUTES = 30 * 24 * 60
# No window shorter than the workbook's shortest: a rate needs several scrapes.
SHORTEST_WINDOW_MINUTES = 5


@dataclass(frozen=True)
class BurnRateCondition:
    severity: str  # "page" or "ticket"
    factor: Decimal  # how many times faster than sustainable the budget burns
    long_minutes: int
    short_minutes: int

    @property
    def windows(self) -> str:
        """`1h and 5m`; one window when scaling made both the shortest."""
        long, short = duration(self.long_minutes), duration(self.short_minutes)
        return long if long == short else f"{long} and {short}"

    def budget_share(self, period_minutes: int) -> Decimal:
        """The share of the period's budget spent when the condition starts to hold."""
        return self.factor * self.long_minutes / period_minutes


WORKBOOK_CONDITIONS = (
    BurnRateCondition("page", Decimal("14.4"), 60, 5),
    BurnRateCondition("page", Decimal("6"), 6 * 60, 30),
    BurnRateCondition("ticket", Decimal("3"), 24 * 60, 2 * 60),
    BurnRateCondition("ticket", Decimal("1"), 3 * 24 * 60, 6 * 60),
)
SEVERITIES = ("page", "ticket")


def window_minutes(window: str) -> int:
    """Minutes in a design window such as `30d`, `7d`, `1h` or `2w`."""
    return int(window[:-1]) * MINUTES_PER_UNIT[window[-1]]


def _scaled(minutes: int, period_minutes: int) -> int:
    # Rounded half up to whole minutes, in integers so that it is exact.
    nearest = (2 * minutes * period_minutes + WORKBOOK_PERIOD_MINUTES) // (
        2 * WORKBOOK_PERIOD_MINUTES
    )
    return max(SHORTEST_WINDOW_MINUTES, nearest)


@cache  # a handful of distinct windows, asked for by every rule of every service
def conditions_for(period_minutes: int) -> tuple[BurnRateCondition, ...]:
    """The workbook's four conditions for an objective over `period_minutes`."""
    return tuple(
        BurnRateCondition(
            c.severity,
            c.factor,
            _scaled(c.long_minutes, period_minutes),
            _scaled(c.short_minutes, period_minutes),
        )
        for c in WORKBOOK_CONDITIONS
    )


def alert_windows(conditions: tuple[BurnRateCondition, ...]) -> list[int]:
    """Every window the conditions read, shortest first, each once."""
    return sorted({m for c in conditions for m in (c.long_minutes, c.short_minutes)})


@cache
def duration(minutes: int) -> str:
    """A Prometheus duration: `5m`, `1h`, `3d`, `1h24m`."""
    parts = []
    for unit in ("d", "h", "m"):
        count, minutes = divmod(minutes, MINUTES_PER_UNIT[unit])
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
