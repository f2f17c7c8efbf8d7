"""When reminders fall due: before the deadline at fixed fractions, then each working day.

The scheduler records (ticket, kind, level) once; these functions only say
which level a ticket has reached, so a restart or a missed scan computes the
same answer and catches up.
"""

from __future__ import annotations

from datetime import datetime

from handlers.working_time.calendar import WorkCalendar
from handlers.working_time.texts import ERR_FRACTION, ERR_NAIVE_DATETIME

# Share of the allowed time after which the assignee is reminded.
REMINDER_FRACTIONS: tuple[float, ...] = (0.5, 0.8)


def reminder_time(
    start: datetime,
    due: datetime,
    fraction: float,
    calendar: WorkCalendar,
    *,
    working_time: bool = True,
) -> datetime:
    """The instant when `fraction` of the allowed time has been used.

    With `working_time` (durations in wd / wh) only office time counts, so a
    50% reminder never lands at night; plain h / m durations count the clock.
    """
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(ERR_FRACTION.format(fraction=fraction))
    for moment in (start, due):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(ERR_NAIVE_DATETIME)
    if not working_time:
        return calendar.add_calendar(start, (due - start) * fraction)
    allowed = calendar.working_seconds_between(start, due)
    if allowed <= 0:
        return calendar.add_calendar(start, (due - start) * fraction)
    return calendar.add_working_seconds(start, allowed * fraction)


def overdue_level(due: datetime, now: datetime, calendar: WorkCalendar) -> int:
    """0 before the deadline, 1 from it, +1 at each office opening on later working days."""
    if now < due:
        return 0
    level = 1
    day = due.astimezone(calendar.tz).date()
    opening = calendar.office_hours.start
    while True:
        day = calendar.next_working_day(day)
        opens_at = datetime.combine(day, opening, tzinfo=calendar.tz)
        if opens_at > now:
            return level
        level += 1


# Levels: 1..len(REMINDER_FRACTIONS) before the deadline, then the deadline itself, then one
# more at each office opening on the following working days.
DEADLINE_LEVEL = len(REMINDER_FRACTIONS) + 1


def level_time(start: datetime, due: datetime, level: int, calendar: WorkCalendar) -> datetime:
    """When a clock reaches ``level`` (1-based)."""
    if level < 1:
        raise ValueError(ERR_FRACTION.format(fraction=level))
    if level < DEADLINE_LEVEL:
        return reminder_time(start, due, REMINDER_FRACTIONS[level - 1], calendar)
    if level == DEADLINE_LEVEL:
        return due
    day = due.astimezone(calendar.tz).date()
    for _ in range(level - DEADLINE_LEVEL):
        day = calendar.next_working_day(day)
    return datetime.combine(day, calendar.office_hours.start, tzinfo=calendar.tz)


def level_at(start: datetime, due: datetime, now: datetime, calendar: WorkCalendar) -> int:
    """The highest level a clock has reached at ``now`` (0: none yet)."""
    if now >= due:
        return DEADLINE_LEVEL - 1 + overdue_level(due, now, calendar)
    reached = 0
    for level in range(1, DEADLINE_LEVEL):
        if level_time(start, due, level, calendar) <= now:
            reached = level
    return reached
