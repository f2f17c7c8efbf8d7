"""Telling people what the reminder scan found: one message per department chat, one per
leader for overdue tickets, each cut to what fits one Telegram message."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.deadlines import render_deadline
from handlers.outbox import Outgoing, Recipient
from handlers.working_time import DEADLINE_LEVEL, REMINDER_FRACTIONS
from storage.models import ChatBinding, Department, Official, OutboxMessage, Ticket

log = logging.getLogger(__name__)
MAX_MESSAGE_CHARS = 3500


@dataclass(frozen=True)
class Reached:
    """One clock of one ticket that reached a new level in this scan."""

    ticket: Ticket
    kind: str
    level: int
    due: datetime


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
    rows = [
        _row(chat, compose(texts.REMINDER_HEADER.format(count=len(lines)), lines))
        for chat, lines in by_chat.items()
    ]
    rows += await _alert_leaders(session, reached)
    if rows:  # one executemany: thousands of groups cost one round of batches, not objects
        await session.exec(insert(OutboxMessage), params=rows)
    return len(rows)


def _row(to: Recipient, text: str) -> dict[str, Any]:
    """An outbox row as `handlers.outbox.enqueue` would write it."""
    payload = Outgoing(text=text).payload()
    return {
        "channel": to.channel,
        "chat_id": to.chat_id,
        "thread_id": to.thread_id,
        "payload": payload,
    }


async def _alert_leaders(
    session: AsyncSession, reached: Sequence[Reached]
) -> list[dict[str, Any]]:
    overdue = [r for r in reached if r.level >= DEADLINE_LEVEL]
    if not overdue:
        return []
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
    lines_of: dict[str, list[str]] = defaultdict(list)
    for item in sorted(overdue, key=lambda r: (r.ticket.code, r.kind)):
        lines_of[item.ticket.commune_code].append(
            texts.LEADER_LINE.format(
                code=item.ticket.code,
                department=departments.get(item.ticket.department_id, ""),
                clock=texts.CLOCK_LABELS[item.kind],
                deadline=render_deadline(item.due),
            )
        )
    by_person: dict[int, list[str]] = defaultdict(list)
    for leader in leaders:
        by_person[leader.telegram_id].extend(lines_of[leader.commune_code])
    return [
        _row(
            Recipient("telegram", str(telegram_id)),
            compose(texts.LEADER_HEADER.format(count=len(lines)), lines),
        )
        for telegram_id, lines in by_person.items()
    ]
