"""The pilot's three measures (processing time, satisfaction, successful resolution) per
department, category, commune or week, so an admin can answer "how are we doing?".

Every figure is about the tickets *received* in the period (a cohort), so that a week's
row does not mix today's backlog with last month's work; "open" and "overdue" are the
state of those tickets now. Times are in working hours of the calendar in force.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.deadlines import calendar_for
from handlers.errors import UserError
from handlers.working_time import WorkCalendar
from storage.clock import utcnow
from storage.models import Commune, Department, Ticket

GROUPINGS = ("department", "category", "commune", "week")
FINISHED = ("resolved", "closed", "rejected")
RESOLVED = ("resolved", "closed")
TOTAL = texts.REPORT_TOTAL
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
HOUR = 3600.0


@dataclass(frozen=True)
class ReportFilter:
    """Which tickets: a place (province, commune, department key) and a period [start, end)."""

    province: str | None = None
    commune: str | None = None
    department: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    by: str | None = None

    def __post_init__(self) -> None:
        if self.by is not None and self.by not in GROUPINGS:
            raise UserError(
                texts.REPORT_BAD_GROUPING.format(value=self.by, choices=", ".join(GROUPINGS))
            )
        if self.start and self.end and self.end <= self.start:
            raise UserError(texts.REPORT_BAD_PERIOD)


@dataclass
class Measures:
    """One row of the report; ``None`` where there is nothing to measure (no ratings…)."""

    group: str
    received: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    resolved_on_time_pct: float | None = None
    first_response_median_h: float | None = None
    first_response_p90_h: float | None = None
    resolution_median_h: float | None = None
    resolution_p90_h: float | None = None
    satisfaction_mean: float | None = None
    satisfaction: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    reopened: int = 0
    reopened_pct: float | None = None
    open_now: int = 0
    overdue_now: int = 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["satisfaction"] = {str(k): v for k, v in self.satisfaction.items()}
        return data


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default), None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def week_of(moment: datetime) -> str:
    year, week, _ = moment.astimezone(VIETNAM).isocalendar()
    return f"{year}-W{week:02d}"


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _hours(value: float | None) -> float | None:
    return round(value / HOUR, 1) if value is not None else None


Durations = dict[int, tuple[float | None, float | None]]


def durations(tickets: Iterable[Ticket], calendar: WorkCalendar) -> Durations:
    """Working seconds to first response and to resolution, once per ticket (the slow part)."""
    result: Durations = {}
    for t in tickets:
        assert t.id is not None
        first = (
            calendar.working_seconds_between(t.created_at, t.first_response_at)
            if t.first_response_at is not None
            else None
        )
        done = (
            calendar.working_seconds_between(t.created_at, t.resolved_at)
            if t.status in RESOLVED and t.resolved_at is not None
            else None
        )
        result[t.id] = (first, done)
    return result


def measure(group: str, rows: Iterable[Ticket], spent: Durations, now: datetime) -> Measures:
    """The figures for one group of tickets."""
    m = Measures(group=group)
    first: list[float] = []
    resolution: list[float] = []
    ratings: Counter[int] = Counter()
    for t in rows:
        assert t.id is not None
        m.received += 1
        to_first, to_done = spent[t.id]
        if to_first is not None:
            first.append(to_first)
        if to_done is not None and t.resolved_at is not None:
            m.resolved += 1
            resolution.append(to_done)
            if t.resolve_due_at is None or t.resolved_at <= t.resolve_due_at:
                m.resolved_on_time += 1
        if t.rating is not None and 1 <= t.rating <= 5:
            ratings[t.rating] += 1
        if t.reopened_count > 0:
            m.reopened += 1
        if t.status not in FINISHED:
            m.open_now += 1
            if t.resolve_due_at is not None and t.resolve_due_at < now:
                m.overdue_now += 1
    m.resolved_on_time_pct = _pct(m.resolved_on_time, m.resolved)
    m.first_response_median_h = _hours(percentile(first, 0.5))
    m.first_response_p90_h = _hours(percentile(first, 0.9))
    m.resolution_median_h = _hours(percentile(resolution, 0.5))
    m.resolution_p90_h = _hours(percentile(resolution, 0.9))
    m.satisfaction.update(ratings)
    count = sum(ratings.values())
    if count:
        m.satisfaction_mean = round(sum(k * v for k, v in ratings.items()) / count, 2)
    m.reopened_pct = _pct(m.reopened, m.received)
    return m


async def report(session: AsyncSession, filters: ReportFilter) -> list[Measures]:
    """The total first, then one row per group (sorted by its label), if grouped."""
    query = (
        select(Ticket, Department.key, Commune.name)
        .join(Department, col(Department.id) == Ticket.department_id)
        .join(Commune, col(Commune.code) == Ticket.commune_code)
    )
    if filters.province:
        query = query.where(Commune.province_code == filters.province)
    if filters.commune:
        if await session.get(Commune, filters.commune) is None:
            raise UserError(texts.NO_SUCH_COMMUNE.format(code=filters.commune))
        query = query.where(Ticket.commune_code == filters.commune)
    if filters.department:
        query = query.where(Department.key == filters.department)
    if filters.start:
        query = query.where(col(Ticket.created_at) >= filters.start)
    if filters.end:
        query = query.where(col(Ticket.created_at) < filters.end)
    rows = (await session.exec(query.order_by(col(Ticket.id)))).all()
    calendar = await calendar_for(session)
    now = utcnow()
    tickets = [t for t, _, _ in rows]
    spent = durations(tickets, calendar)
    result = [measure(TOTAL, tickets, spent, now)]
    if filters.by is None:
        return result
    groups: dict[str, list[Ticket]] = defaultdict(list)
    for ticket, department_key, commune_name in rows:
        label = {
            "department": department_key,
            "category": ticket.category,
            "commune": f"{ticket.commune_code} {commune_name}",
            "week": week_of(ticket.created_at),
        }[filters.by]
        groups[label].append(ticket)
    result += [measure(label, groups[label], spent, now) for label in sorted(groups)]
    return result


def period_end(day: datetime) -> datetime:
    """An inclusive ``--to`` day becomes the start of the next day."""
    return day + timedelta(days=1)
