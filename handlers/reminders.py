"""The reminder scan: which clocks reached a new level, and one message per chat about them.

Each level reached is a `ReminderLog` row (unique per ticket, clock and level) written in the
same transaction as the outbox rows that announce it: a crash, a restart or a second scheduler
can neither repeat a reminder nor lose one, and a missed minute is caught up by the next scan.
`ReminderPlan` keeps, per ticket, when it next needs a look, so the scan reads only due rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, insert, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from handlers.deadlines import calendar_for
from handlers.reminder_messages import Reached, announce
from handlers.working_time import WorkCalendar, level_at, level_time
from storage.models import ReminderLog, ReminderPlan, Ticket

# Statuses whose clocks run; waiting_citizen is paused, the rest are finished.
RUNNING = ("new", "assigned", "in_progress", "transferred", "reopened")
CLAIMABLE = ("new", "transferred", "reopened")
CLAIM, RESOLVE = "claim", "resolve"
_CHUNK = 500


@dataclass
class ScanResult:
    planned: int = 0
    reached: list[Reached] = field(default_factory=list)
    messages: int = 0


def clocks(ticket: Ticket) -> list[tuple[str, datetime]]:
    """The running clocks of a ticket: (kind, deadline)."""
    running: list[tuple[str, datetime]] = []
    if ticket.status not in RUNNING:
        return running
    if ticket.assignee_id is None and ticket.status in CLAIMABLE and ticket.claim_due_at:
        running.append((CLAIM, ticket.claim_due_at))
    if ticket.resolve_due_at is not None:
        running.append((RESOLVE, ticket.resolve_due_at))
    return running


def _next_look(
    ticket: Ticket, start: datetime, sent: dict[str, int], calendar: WorkCalendar
) -> datetime | None:
    times = [
        level_time(start, due, sent.get(kind, 0) + 1, calendar) for kind, due in clocks(ticket)
    ]
    return min(times) if times else None


async def _sent_levels(
    session: AsyncSession, ticket_ids: Sequence[int]
) -> dict[int, dict[str, int]]:
    sent: dict[int, dict[str, int]] = defaultdict(dict)
    for start in range(0, len(ticket_ids), _CHUNK):
        chunk = ticket_ids[start : start + _CHUNK]
        rows = await session.exec(
            select(ReminderLog.ticket_id, ReminderLog.kind, ReminderLog.level).where(
                col(ReminderLog.ticket_id).in_(chunk)
            )
        )
        for ticket_id, kind, level in rows:
            sent[ticket_id][kind] = max(level, sent[ticket_id].get(kind, 0))
    return sent


def stale_plans(limit: int) -> Select[Ticket, ReminderPlan]:
    """Running tickets never planned, or whose plan no longer matches them (the scan's join)."""
    plan = ReminderPlan
    return (
        select(Ticket, plan)
        .join(plan, col(plan.ticket_id) == Ticket.id, isouter=True)
        .where(col(Ticket.status).in_(RUNNING))
        .where(
            or_(
                col(plan.ticket_id).is_(None),
                col(plan.status) != Ticket.status,
                col(plan.department_id).is_distinct_from(Ticket.department_id),
                col(plan.assignee_id).is_distinct_from(Ticket.assignee_id),
                col(plan.claim_due_at).is_distinct_from(Ticket.claim_due_at),
                col(plan.resolve_due_at).is_distinct_from(Ticket.resolve_due_at),
            )
        )
        .limit(limit)
    )


def due_plans(now: datetime, limit: int) -> Select[int, datetime]:
    """Plans whose next look has come (an index range on next_at): ticket id and clock start."""
    return (
        select(ReminderPlan.ticket_id, ReminderPlan.started_at)
        .where(col(ReminderPlan.next_at) <= now)
        .order_by(col(ReminderPlan.next_at))
        .limit(limit)
    )


async def plan_changed(
    session: AsyncSession, now: datetime, calendar: WorkCalendar, limit: int
) -> int:
    """(Re)plan running tickets that are new or whose deadlines, status or assignee changed."""
    rows = (await session.exec(stale_plans(limit))).all()
    moved = [t.id for t, p in rows if p is not None and p.department_id != t.department_id]
    for ticket_id in moved:
        await session.exec(delete(ReminderLog).where(col(ReminderLog.ticket_id) == ticket_id))
    sent = await _sent_levels(session, [t.id for t, _ in rows if t.id is not None])
    for ticket, row in rows:
        assert ticket.id is not None
        if row is None:
            row = ReminderPlan(ticket_id=ticket.id, status="", started_at=ticket.created_at)
        elif row.department_id != ticket.department_id:
            row.started_at = min(now, ticket.resolve_due_at or now)
        row.status, row.assignee_id = ticket.status, ticket.assignee_id
        row.department_id = ticket.department_id
        row.claim_due_at, row.resolve_due_at = ticket.claim_due_at, ticket.resolve_due_at
        row.next_at = _next_look(ticket, row.started_at, sent.get(ticket.id, {}), calendar)
        session.add(row)
    return len(rows)


async def collect_due(
    session: AsyncSession, now: datetime, calendar: WorkCalendar, limit: int
) -> list[Reached]:
    """Log every level reached since the last look and move each plan to its next look."""
    plans = (await session.exec(due_plans(now, limit))).all()
    ids = [ticket_id for ticket_id, _ in plans]
    tickets: dict[int, Ticket] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found = await session.exec(select(Ticket).where(col(Ticket.id).in_(chunk)))
        tickets.update((t.id, t) for t in found.all() if t.id is not None)
    sent = await _sent_levels(session, ids)
    reached: list[Reached] = []
    logs: list[dict[str, object]] = []
    moves: list[dict[str, object]] = []
    for ticket_id, started_at in plans:
        ticket = tickets.get(ticket_id)
        levels = sent.get(ticket_id, {})
        for kind, due in clocks(ticket) if ticket else []:
            assert ticket is not None
            now_level = level_at(started_at, due, now, calendar)
            done = levels.get(kind, 0)
            if now_level <= done:
                continue
            # Levels passed while no scan ran are announced once, as the one reached now;
            # the log keeps that level, and everything below it counts as said.
            logs.append({"ticket_id": ticket_id, "kind": kind, "level": now_level, "sent_at": now})
            levels[kind] = now_level
            reached.append(Reached(ticket, kind, now_level, due))
        move: dict[str, object] = {"ticket_id": ticket_id, "next_at": None}
        if ticket is not None:
            move["next_at"] = _next_look(ticket, started_at, levels, calendar)
            if not clocks(ticket):
                # Remember the pause or the end, so that a return to work is seen as a change.
                move["status"] = ticket.status
        moves.append(move)
    # Executemany, not objects: a backlog of thousands costs a few batches.
    if logs:
        await session.exec(insert(ReminderLog), params=logs)
    for shape in (True, False):  # rows of one shape per statement
        batch = [m for m in moves if ("status" in m) is shape]
        if batch:
            await session.exec(update(ReminderPlan), params=batch)
    return reached


async def scan(session: AsyncSession, now: datetime, *, limit: int = 20_000) -> ScanResult:
    """One scheduler tick, in the caller's transaction: plan, log what is due, announce it."""
    calendar = await calendar_for(session)
    result = ScanResult()
    result.planned = await plan_changed(session, now, calendar, limit)
    await session.flush()
    result.reached = await collect_due(session, now, calendar, limit)
    await session.flush()  # a concurrent scheduler's log rows fail here, before any message
    result.messages = await announce(session, result.reached)
    return result
