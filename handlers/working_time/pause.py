"""Stopping the clock while a ticket waits for the citizen.

Time in `waiting_citizen` is not the department's fault, so the deadline moves
later by exactly the working time the pause covered.
"""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.working_time.calendar import WorkCalendar
from handlers.working_time.texts import ERR_NAIVE_DATETIME, ERR_PAUSE_ORDER


def shift_for_pause(
    deadline: datetime, paused_from: datetime, paused_to: datetime, calendar: WorkCalendar
) -> datetime:
    """The deadline after a pause; a pause outside office hours changes nothing."""
    if deadline.tzinfo is None or deadline.utcoffset() is None:
        raise ValueError(ERR_NAIVE_DATETIME)
    if paused_to < paused_from:
        raise ValueError(ERR_PAUSE_ORDER)
    paused = calendar.working_seconds_between(paused_from, paused_to)
    if paused <= 0:
        return deadline.astimezone(UTC)
    return calendar.add_working_seconds(deadline, paused)
