"""Ticket deadlines from the working calendar and the SLA policies.

`ticket_deadlines` and `calendar_for` are what the use cases call; both read what admins
changed (`motcua sla set`, `motcua calendar add`) from the database, so a new rule applies to
the next ticket without a restart.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.working_time import (
    PROCEDURE_QUESTION,
    OfficeHours,
    SlaOverride,
    SlaScope,
    WorkCalendar,
    compute_deadlines,
    parse_duration,
    render_deadline_vi,
)
from storage.models import CalendarException, OfficeHoursSetting, SlaPolicyOverride

NO_DEADLINE = "—"
QUESTION = PROCEDURE_QUESTION


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    return WorkCalendar.default()


@lru_cache(maxsize=8)
def _calendar_with(
    days_off: frozenset[date], working: frozenset[date], hours: OfficeHours | None
) -> WorkCalendar:
    # Cached per set of exceptions so the per-year holiday cache survives between scans.
    calendar = default_calendar().with_exceptions(days_off, working)
    return calendar if hours is None else calendar.with_office_hours(hours)


def office_hours_of(row: OfficeHoursSetting) -> OfficeHours:
    lunch = (row.lunch_start, row.lunch_end) if row.lunch_start and row.lunch_end else None
    return OfficeHours(start=row.start, end=row.end, lunch=lunch)


async def calendar_for(session: AsyncSession) -> WorkCalendar:
    """The working calendar in force (shipped holidays, admins' exceptions and office hours)."""
    rows = (await session.exec(select(CalendarException))).all()
    setting = await session.get(OfficeHoursSetting, 1)
    if not rows and setting is None:
        return default_calendar()
    off = frozenset(row.day for row in rows if not row.working)
    working = frozenset(row.day for row in rows if row.working)
    return _calendar_with(off, working, office_hours_of(setting) if setting else None)


def to_override(row: SlaPolicyOverride) -> SlaOverride:
    return SlaOverride(
        scope=SlaScope(
            province=row.province_code, commune=row.commune_code, department=row.department_key
        ),
        category=row.category,
        priority=row.priority,
        claim=parse_duration(row.claim) if row.claim else None,
        resolve=parse_duration(row.resolve) if row.resolve else None,
    )


async def overrides_for(session: AsyncSession, scope: SlaScope) -> list[SlaOverride]:
    """The admins' rows that may apply to a ticket in ``scope`` (policy_for picks the winner)."""
    query = select(SlaPolicyOverride).where(
        or_(
            col(SlaPolicyOverride.province_code).is_(None),
            SlaPolicyOverride.province_code == scope.province,
        ),
        or_(
            col(SlaPolicyOverride.commune_code).is_(None),
            SlaPolicyOverride.commune_code == scope.commune,
        ),
        or_(
            col(SlaPolicyOverride.department_key).is_(None),
            SlaPolicyOverride.department_key == scope.department,
        ),
    )
    return [to_override(row) for row in (await session.exec(query)).all()]


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
    overrides = await overrides_for(session, scope)
    return compute_deadlines(start, category, priority, calendar, overrides, scope=scope)


def render_deadline(value: datetime | None) -> str:
    return render_deadline_vi(value) if value is not None else NO_DEADLINE
