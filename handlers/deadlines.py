"""Ticket deadlines from the working calendar and the SLA policies."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from handlers.working_time import (
    PROCEDURE_QUESTION,
    WorkCalendar,
    compute_deadlines,
    render_deadline_vi,
)

NO_DEADLINE = "—"
QUESTION = PROCEDURE_QUESTION


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    return WorkCalendar.default()


def deadlines_for(
    created_at: datetime, category: str, priority: str = "normal"
) -> tuple[datetime, datetime]:
    """(claim due, resolve due) for a new ticket."""
    return compute_deadlines(created_at, category, priority, default_calendar())


def render_deadline(value: datetime | None) -> str:
    return render_deadline_vi(value) if value is not None else NO_DEADLINE
