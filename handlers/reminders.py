"""The reminder scan: which clocks reached a new level, and one message per chat about them.

Each level reached is a `ReminderLog` row (unique per ticket, clock and level) written in the
same transaction as the outbox rows that announce it: a crash, a restart or a second scheduler
can neither repeat a reminder nor lose one, and a missed minute is caught up by the next scan.
`ReminderPlan` keeps, per ticket, when it next needs a look, so the scan reads only due rows.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.deadlines import calendar_for, render_deadline
from handlers.outbox import Outgoing, Recipient, enqueue
from handlers.working_time import (
    DEADLINE_LEVEL,
    REMINDER_FRACTIONS,
    WorkCalendar,
    level_at,
    level_time,
)
from storage.models import (
    ChatBinding,
    Department,
    Official,
    ReminderLog,
    ReminderPlan,
    Ticket,
)

log = logging.getLogger(__name__)

# Statuses whose clocks run; waiting_citizen is paused, the rest are finished.
RUNNING = ("new", "assigned", "in_progress", "transferred", "reopened")
CLAIMABLE = ("new", "transferred", "reopened")
CLAIM, RESOLVE = "claim", "resolve"
MAX_MESSAGE_CHARS = 3500
_CHUNK = 500


@dataclass(frozen=True)
class Reached:
    """One clock of one ticket that reached a new level in this scan."""

    ticket: Ticket
    kind: str
    level: int
    due: datetime


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


async def plan_changed(
    session: AsyncSession, now: datetime, calendar: WorkCalendar, limit: int
) -> int:
    """(Re)plan running tickets that are new or whose deadlines, status or assignee changed."""
    plan = ReminderPlan
    stale = (
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
    rows = (await session.exec(stale)).all()
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
    plans = (
        await session.exec(
            select(ReminderPlan)
            .where(col(ReminderPlan.next_at) <= now)
            .order_by(col(ReminderPlan.next_at))
            .limit(limit)
        )
    ).all()
    ids = [p.ticket_id for p in plans]
    tickets: dict[int, Ticket] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found = await session.exec(select(Ticket).where(col(Ticket.id).in_(chunk)))
        tickets.update((t.id, t) for t in found.all() if t.id is not None)
    sent = await _sent_levels(session, ids)
    reached: list[Reached] = []
    for plan in plans:
        ticket = tickets.get(plan.ticket_id)
        levels = sent.get(plan.ticket_id, {})
        for kind, due in clocks(ticket) if ticket else []:
            assert ticket is not None
            now_level = level_at(plan.started_at, due, now, calendar)
            done = levels.get(kind, 0)
            if now_level <= done:
                continue
            for level in range(done + 1, now_level + 1):
                session.add(ReminderLog(ticket_id=plan.ticket_id, kind=kind, level=level))
            levels[kind] = now_level
            reached.append(Reached(ticket, kind, now_level, due))
        plan.next_at = _next_look(ticket, plan.started_at, levels, calendar) if ticket else None
        if ticket is not None and not clocks(ticket):
            # Remember the pause or the end, so that a return to work is seen as a change.
            plan.status = ticket.status
        session.add(plan)
    return reached


def describe(item: Reached, assignee: str | None) -> str:
    clock = texts.CLOCK_LABELS[item.kind]
    who = (
        texts.REMINDER_WHO_ASSIGNEE.format(name=assignee)
        if assignee
        else texts.REMINDER_WHO_NOBODY
    )
    deadline = render_deadline(item.due)
    if item.level < DEADLINE_LEVEL:
        percent = round(REMINDER_FRACTIONS[item.level - 1] * 100)
        return texts.REMINDER_LINE_FRACTION.format(
            code=item.ticket.code, percent=percent, clock=clock, deadline=deadline, who=who
        )
    if item.level == DEADLINE_LEVEL:
        return texts.REMINDER_LINE_DUE.format(
            code=item.ticket.code, clock=clock, deadline=deadline, who=who
        )
    return texts.REMINDER_LINE_OVERDUE.format(
        code=item.ticket.code,
        clock=clock,
        days=item.level - DEADLINE_LEVEL,
        deadline=deadline,
        who=who,
    )


def compose(header: str, lines: Iterable[str]) -> str:
    """Header plus as many lines as fit one Telegram message, then a count of the rest."""
    lines = list(lines)
    text = header
    for shown, line in enumerate(lines):
        if len(text) + len(line) + 60 > MAX_MESSAGE_CHARS:
            return text + "\n" + texts.REMINDER_MORE.format(count=len(lines) - shown)
        text += "\n" + line
    return text


async def _chats(session: AsyncSession, department_ids: set[int]) -> dict[int, Recipient]:
    rows = (
        await session.exec(
            select(ChatBinding).where(col(ChatBinding.department_id).in_(department_ids))
        )
    ).all()
    return {b.department_id: Recipient(b.channel, str(b.chat_id), b.thread_id) for b in rows}


async def _officials(session: AsyncSession, ids: set[int]) -> dict[int, Official]:
    if not ids:
        return {}
    rows = (await session.exec(select(Official).where(col(Official.id).in_(ids)))).all()
    return {o.id: o for o in rows if o.id is not None}


async def announce(session: AsyncSession, reached: Sequence[Reached]) -> int:
    """One message per department chat, and one per leader for overdue tickets."""
    if not reached:
        return 0
    dept_ids = {r.ticket.department_id for r in reached}
    chats = await _chats(session, dept_ids)
    assignees = await _officials(
        session, {r.ticket.assignee_id for r in reached if r.ticket.assignee_id is not None}
    )
    by_chat: dict[Recipient, list[str]] = defaultdict(list)
    for item in sorted(reached, key=lambda r: (r.ticket.code, r.kind)):
        chat = chats.get(item.ticket.department_id)
        if chat is None:
            log.warning("ticket %s: department has no bound chat", item.ticket.code)
            continue
        person = assignees.get(item.ticket.assignee_id or -1)
        by_chat[chat].append(describe(item, person.name if person else None))
    for chat, lines in by_chat.items():
        header = texts.REMINDER_HEADER.format(count=len(lines))
        enqueue(session, chat, Outgoing(text=compose(header, lines)))
    return len(by_chat) + await _alert_leaders(session, reached)


async def _alert_leaders(session: AsyncSession, reached: Sequence[Reached]) -> int:
    overdue = [r for r in reached if r.level >= DEADLINE_LEVEL]
    if not overdue:
        return 0
    communes = {r.ticket.commune_code for r in overdue}
    leaders = (
        await session.exec(
            select(Official).where(
                col(Official.commune_code).in_(communes),
                Official.role == "leader",
                col(Official.active).is_(True),
            )
        )
    ).all()
    departments = {
        d.id: d.name
        for d in (
            await session.exec(
                select(Department).where(
                    col(Department.id).in_({r.ticket.department_id for r in overdue})
                )
            )
        ).all()
    }
    by_person: dict[int, list[str]] = defaultdict(list)
    for leader in leaders:
        for item in overdue:
            if item.ticket.commune_code == leader.commune_code:
                by_person[leader.telegram_id].append(
                    texts.LEADER_LINE.format(
                        code=item.ticket.code,
                        department=departments.get(item.ticket.department_id, ""),
                        clock=texts.CLOCK_LABELS[item.kind],
                        deadline=render_deadline(item.due),
                    )
                )
    for telegram_id, lines in by_person.items():
        header = texts.LEADER_HEADER.format(count=len(lines))
        enqueue(session, Recipient("telegram", str(telegram_id)), Outgoing(compose(header, lines)))
    return len(by_person)


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
