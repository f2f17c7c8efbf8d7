"""The transition table, move by move, on SQLite and PostgreSQL: every allowed move lands
where an official expects and leaves an audit event; every other move is refused whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from handlers.lifecycle import Actor, IllegalTransition, transition
from storage.clock import FrozenClock, set_clock
from storage.db import Database
from storage.models import Citizen, Commune, Department, Ticket, TicketEvent

ALL = (
    "new",
    "assigned",
    "in_progress",
    "waiting_citizen",
    "transferred",
    "resolved",
    "closed",
    "rejected",
    "reopened",
)
# Written out by hand from the issue, independently of handlers.lifecycle.TRANSITIONS.
UNFINISHED = ("new", "transferred", "assigned", "in_progress", "waiting_citizen", "reopened")
WORKING = ("assigned", "in_progress", "waiting_citizen", "reopened")
EXPECTED: dict[str, dict[str, str]] = {
    "claim": {"new": "assigned", "transferred": "assigned", "reopened": "assigned"},
    "reply": dict.fromkeys(UNFINISHED, "in_progress"),
    "ask": dict.fromkeys(UNFINISHED, "waiting_citizen"),
    "citizen_answer": {"waiting_citizen": "in_progress"},
    "extend": {s: s for s in WORKING},
    "transfer": dict.fromkeys(UNFINISHED, "transferred"),
    "resolve": dict.fromkeys(WORKING, "resolved"),
    "reject": dict.fromkeys(UNFINISHED, "rejected"),
    "rate": {"resolved": "closed"},
    "reopen": {"resolved": "reopened"},
    "close": {"resolved": "closed"},
}
OFFICIAL = Actor("official", "1")
MONDAY_9 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội, a working Monday


async def _setup(db: Database) -> int:
    async with db.session() as session:
        session.add(
            Commune(
                code="00634",
                name="Phường Tây Mỗ",
                kind="phuong",
                province_code="01",
                province_name="Thành phố Hà Nội",
            )
        )
        department = Department(commune_code="00634", key="economic", name="Phòng Kinh tế")
        citizen = Citizen(channel="telegram", external_id="7", chat_id="7")
        session.add(department)
        session.add(citizen)
        await session.flush()
        assert citizen.id is not None and department.id is not None
        return department.id * 1000 + citizen.id


async def _ticket(db: Database, ids: int, status: str, n: int) -> int:
    async with db.session() as session:
        ticket = Ticket(
            code=f"PA-0000-{n:04d}",
            citizen_id=ids % 1000,
            commune_code="00634",
            department_id=ids // 1000,
            category="infrastructure",
            status=status,
            text="Đèn đường hỏng",
            resolve_due_at=MONDAY_9 + timedelta(days=3),
        )
        session.add(ticket)
        await session.flush()
        assert ticket.id is not None
        return ticket.id


@pytest.mark.parametrize("action", sorted(EXPECTED))
async def test_each_action_from_every_status(db: Database, action: str) -> None:
    set_clock(FrozenClock(MONDAY_9))
    ids = await _setup(db)
    for n, status in enumerate(ALL):
        ticket_id = await _ticket(db, ids, status, n)
        expected = EXPECTED[action].get(status)
        async with db.session() as session:
            ticket = await session.get(Ticket, ticket_id)
            assert ticket is not None
            if expected is None:
                with pytest.raises(IllegalTransition) as refused:
                    await transition(session, ticket, action, OFFICIAL, note="x")
                assert ticket.code in str(refused.value)
            else:
                await transition(
                    session, ticket, action, OFFICIAL, note="lý do", changes={"rating": 4}
                )
        async with db.session() as session:
            stored = await session.get(Ticket, ticket_id)
            events = (
                await session.exec(select(TicketEvent).where(TicketEvent.ticket_id == ticket_id))
            ).all()
        assert stored is not None
        if expected is None:
            assert (stored.status, stored.rating, events) == (status, None, [])
        else:
            assert (stored.status, stored.rating) == (expected, 4)
            [event] = events
            assert (event.action, event.from_value, event.to_value) == (action, status, expected)
            assert (event.actor_kind, event.actor_id, event.note) == ("official", "1", "lý do")
            assert event.created_at == MONDAY_9


async def test_a_stale_claim_loses_and_sees_who_won(db: Database) -> None:
    ids = await _setup(db)
    ticket_id = await _ticket(db, ids, "new", 1)
    async with db.session() as session:
        stale = await session.get(Ticket, ticket_id)
    assert stale is not None
    async with db.session() as session:
        fresh = await session.get(Ticket, ticket_id)
        assert fresh is not None
        await transition(session, fresh, "claim", Actor("official", "1"))
    async with db.session() as session:
        session.add(stale)
        with pytest.raises(IllegalTransition):
            await transition(session, stale, "claim", Actor("official", "2"))
        assert stale.status == "assigned"
    async with db.session() as session:
        events = (await session.exec(select(TicketEvent.actor_id))).all()
    assert events == ["1"]


async def test_waiting_for_the_citizen_does_not_count(db: Database) -> None:
    clock = FrozenClock(MONDAY_9)
    set_clock(clock)
    ids = await _setup(db)
    ticket_id = await _ticket(db, ids, "in_progress", 1)
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        before = ticket.resolve_due_at
        await transition(session, ticket, "ask", OFFICIAL)
        assert ticket.paused_at == MONDAY_9
    clock.advance(timedelta(hours=2))  # two working hours pass while the citizen thinks
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        await transition(session, ticket, "citizen_answer", Actor("citizen", "7"))
    assert before is not None
    assert ticket.paused_at is None
    assert ticket.resolve_due_at is not None
    assert ticket.resolve_due_at - before == timedelta(hours=2)


async def test_an_unknown_action_is_refused(db: Database) -> None:
    ids = await _setup(db)
    ticket_id = await _ticket(db, ids, "new", 1)
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        with pytest.raises(IllegalTransition):
            await transition(session, ticket, "teleport", OFFICIAL)
        assert ticket.status == "new"
