"""SLA durations as admins write them: "10wd", "3d", "4h", "30m", "2wh".

Working days and working hours follow the office calendar; calendar days
follow the laws' "ngày"; plain hours and minutes exist for drills and trials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from handlers.working_time.calendar import WorkCalendar
from handlers.working_time.texts import (
    DURATION_UNITS_VI,
    ERR_DURATION_EMPTY,
    ERR_DURATION_FORMAT,
    ERR_DURATION_NEGATIVE,
    ERR_DURATION_TOO_BIG,
    ERR_DURATION_TOO_LONG_INPUT,
)


class DurationKind(StrEnum):
    WORKING_DAYS = "wd"
    DAYS = "d"
    HOURS = "h"
    MINUTES = "m"
    WORKING_HOURS = "wh"


# About three years each: beyond that a value is a typo, not a policy.
MAX_AMOUNT: dict[DurationKind, int] = {
    DurationKind.WORKING_DAYS: 750,
    DurationKind.DAYS: 1100,
    DurationKind.HOURS: 26_400,
    DurationKind.MINUTES: 1_584_000,
    DurationKind.WORKING_HOURS: 7_500,
}
_UNITS_EN: dict[DurationKind, str] = {
    DurationKind.WORKING_DAYS: "working days",
    DurationKind.DAYS: "days",
    DurationKind.HOURS: "hours",
    DurationKind.MINUTES: "minutes",
    DurationKind.WORKING_HOURS: "working hours",
}
_PATTERN = re.compile(r"([+-]?)\s*(\d{1,12})\s*(wd|wh|d|h|m)", re.ASCII)
_MAX_INPUT_CHARS = 40


@dataclass(frozen=True, slots=True)
class Duration:
    kind: DurationKind
    amount: int

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError(ERR_DURATION_FORMAT.format(text=repr(self.amount)))
        _check_amount(DurationKind(self.kind), self.amount, f"{self.amount}{self.kind}")

    def __str__(self) -> str:
        return f"{self.amount}{self.kind.value}"

    @property
    def counts_working_time(self) -> bool:
        """Whether the clock stops outside office hours (reminder fractions depend on it)."""
        return self.kind in (DurationKind.WORKING_DAYS, DurationKind.WORKING_HOURS)

    def describe_vi(self) -> str:
        return f"{self.amount} {DURATION_UNITS_VI[self.kind.value]}"

    def add_to(self, dt: datetime, calendar: WorkCalendar) -> datetime:
        """The deadline this duration gives to something that started at `dt` (aware UTC)."""
        match self.kind:
            case DurationKind.WORKING_DAYS:
                return calendar.add_working_days(dt, self.amount)
            case DurationKind.WORKING_HOURS:
                return calendar.add_working_hours(dt, float(self.amount))
            case DurationKind.DAYS:
                return calendar.add_calendar_days(dt, self.amount)
            case DurationKind.HOURS:
                return calendar.add_calendar(dt, timedelta(hours=self.amount))
            case DurationKind.MINUTES:
                return calendar.add_calendar(dt, timedelta(minutes=self.amount))


def parse_duration(text: str) -> Duration:
    """Read an admin-typed duration; case and spaces do not matter, anything else is refused."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(ERR_DURATION_EMPTY)
    if len(text) > _MAX_INPUT_CHARS:
        raise ValueError(ERR_DURATION_TOO_LONG_INPUT)
    cleaned = text.strip().lower()
    shown = "".join(ch if ch.isprintable() else "?" for ch in cleaned)
    match = _PATTERN.fullmatch(cleaned)
    if match is None:
        raise ValueError(ERR_DURATION_FORMAT.format(text=shown))
    sign, digits, unit = match.groups()
    amount = -int(digits) if sign == "-" else int(digits)
    kind = DurationKind(unit)
    _check_amount(kind, amount, shown)
    return Duration(kind, amount)


def _check_amount(kind: DurationKind, amount: int, shown: str) -> None:
    if amount < 1:
        raise ValueError(ERR_DURATION_NEGATIVE.format(text=shown))
    limit = MAX_AMOUNT[kind]
    if amount > limit:
        raise ValueError(
            ERR_DURATION_TOO_BIG.format(
                text=shown,
                limit=limit,
                unit_vi=DURATION_UNITS_VI[kind.value],
                unit_en=_UNITS_EN[kind],
            )
        )
