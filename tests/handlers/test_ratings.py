"""The citizen's side of a resolved ticket: reopening only within 7 days and only their own,
and the closing of tickets nobody rated (what the [sla] scheduler runs)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from handlers.errors import UserError
from handlers.ratings import close_unrated, rate, reopen
from storage.clock import FrozenClock, set_clock
from storage.db import Database
from storage.models import Citizen, OutboxMessage, Ticket, TicketEvent
from tests.handlers.test_lifecycle import MONDAY_9, _setup, _ticket


async def _resolved(db: Database, resolved_days_ago: float) -> tuple[int, int]:
    """A commune, a citizen and their ticket resolved that many days before MONDAY_9."""
    ids = await _setup(db)
    ticket_id = await _ticket(db, ids, "resolved", 1)
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.resolved_at = MONDAY_9 - timedelta(days=resolved_days_ago)
        session.add(ticket)
    return ticket_id, ids % 1000


async def test_unrated_tickets_close_after_seven_days(db: Database) -> None:
    set_clock(FrozenClock(MONDAY_9))
    old, _ = await _resolved(db, 7.5)
    ids = await _ids(db)
    fresh = await _ticket(db, ids, "resolved", 2)
    async with db.session() as session:
        ticket = await session.get(Ticket, fresh)
        assert ticket is not None
        ticket.resolved_at = MONDAY_9 - timedelta(days=6)
        session.add(ticket)
    async with db.session() as session:
        assert await close_unrated(session, MONDAY_9) == 1
    async with db.session() as session:
        statuses = dict((await session.exec(select(Ticket.id, Ticket.status))).all())
        closing = (await session.exec(select(TicketEvent))).one()
    assert statuses == {old: "closed", fresh: "resolved"}
    assert (closing.actor_kind, closing.action, closing.ticket_id) == ("system", "close", old)
    async with db.session() as session:
        assert await close_unrated(session, MONDAY_9) == 0  # idempotent


async def _ids(db: Database) -> int:
    async with db.session() as session:
        ticket = (await session.exec(select(Ticket))).first()
        assert ticket is not None
        return ticket.department_id * 1000 + ticket.citizen_id


async def test_reopen_within_seven_days_but_not_after(db: Database) -> None:
    set_clock(FrozenClock(MONDAY_9))
    ticket_id, citizen_id = await _resolved(db, 8)
    async with db.session() as session:
        citizen = await session.get(Citizen, citizen_id)
        assert citizen is not None
        with pytest.raises(UserError, match="quá 7 ngày"):
            await reopen(session, citizen, ticket_id, "Vẫn hỏng")
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.resolved_at = MONDAY_9 - timedelta(days=2)
        session.add(ticket)
    async with db.session() as session:
        citizen = await session.get(Citizen, citizen_id)
        assert citizen is not None
        await reopen(session, citizen, ticket_id, "Vẫn hỏng")
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
        told = (await session.exec(select(OutboxMessage.payload))).all()
    assert ticket is not None
    assert (ticket.status, ticket.reopened_count, ticket.resolved_at) == ("reopened", 1, None)
    assert any("Đã mở lại phản ánh" in p.get("text", "") for p in told)


async def test_a_citizen_cannot_rate_someone_elses_ticket(db: Database) -> None:
    ticket_id, _ = await _resolved(db, 1)
    async with db.session() as session:
        other = Citizen(channel="telegram", external_id="8", chat_id="8")
        session.add(other)
        await session.flush()
        with pytest.raises(UserError, match="Không tìm thấy"):
            await rate(session, other, ticket_id, 5)
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
    assert ticket is not None and (ticket.status, ticket.rating) == ("resolved", None)
