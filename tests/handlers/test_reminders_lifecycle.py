"""Reminders follow the ticket's life: a pause for the citizen stops them, an extension moves
the deadline without repeating earlier marks, a transfer starts afresh for the new group."""

from __future__ import annotations

from sqlmodel import select

from handlers.deadlines import calendar_for
from handlers.lifecycle import Actor, transition
from storage.clock import FrozenClock, set_clock
from storage.db import Database
from storage.models import Ticket
from tests.handlers.test_reminders import (
    CULTURE_CHAT,
    ECONOMY_CHAT,
    LEADER_TG,
    RESOLVE_DUE,
    add_ticket,
    local,
    messages,
    run_scan_at,
    setup_place,
)

OFFICIAL = Actor("official", "1")


async def move(db: Database, ticket_id: int, action: str, **changes: object) -> Ticket:
    async with db.session() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        await transition(session, ticket, action, OFFICIAL, changes=dict(changes) or None)
        return ticket


async def test_waiting_for_the_citizen_pauses_reminders_and_moves_the_deadline(
    db: Database,
) -> None:
    place = await setup_place(db)
    ticket = await add_ticket(db, place, 1, status="in_progress", assignee=place.officer)
    # Half the 5 working days are used on Thursday 5 March at 09:00; the ticket waits from
    # Tuesday 09:00 to Friday 09:00 (three working days), so the mark moves to the next week.
    set_clock(FrozenClock(local(2026, 3, 3, 9, 0)))
    await move(db, ticket, "ask")
    await run_scan_at(db, local(2026, 3, 5, 9, 30))
    await run_scan_at(db, local(2026, 3, 6, 8, 0))
    assert await messages(db, ECONOMY_CHAT) == []
    set_clock(FrozenClock(local(2026, 3, 6, 9, 0)))
    resumed = await move(db, ticket, "citizen_answer")
    assert resumed.resolve_due_at == local(2026, 3, 12, 17, 0)
    await run_scan_at(db, local(2026, 3, 6, 9, 1))
    assert await messages(db, ECONOMY_CHAT) == []
    await run_scan_at(db, local(2026, 3, 12, 17, 0))
    [caught_up] = await messages(db, ECONOMY_CHAT)
    assert "ĐÃ ĐẾN HẠN xử lý" in caught_up and "12/03" in caught_up
    # On the old deadline nothing was said about being late.
    assert len(await messages(db, LEADER_TG)) == 1


async def test_extension_moves_the_deadline_without_repeating_earlier_marks(db: Database) -> None:
    place = await setup_place(db)
    ticket = await add_ticket(db, place, 2, status="in_progress", assignee=place.officer)
    await run_scan_at(db, local(2026, 3, 6, 16, 0))  # past 80% of the 5 working days
    assert "80%" in (await messages(db, ECONOMY_CHAT))[-1]
    async with db.session() as session:
        calendar = await calendar_for(session)
    new_due = calendar.add_working_days(RESOLVE_DUE, 3)  # extended by 3 working days
    await move(db, ticket, "extend", resolve_due_at=new_due)
    await run_scan_at(db, RESOLVE_DUE)  # the old deadline passes quietly
    await run_scan_at(db, local(2026, 3, 10, 9, 0))
    assert len(await messages(db, ECONOMY_CHAT)) == 1
    assert await messages(db, LEADER_TG) == []
    await run_scan_at(db, new_due)
    assert "ĐÃ ĐẾN HẠN xử lý" in (await messages(db, ECONOMY_CHAT))[-1]
    assert len(await messages(db, ECONOMY_CHAT)) == 2
    assert len(await messages(db, LEADER_TG)) == 1


async def test_transfer_starts_the_reminders_again_for_the_new_department(db: Database) -> None:
    place = await setup_place(db)
    ticket = await add_ticket(db, place, 3)
    await run_scan_at(db, local(2026, 3, 2, 15, 30))  # past 80% of the 8-hour claim clock
    assert "80%" in (await messages(db, ECONOMY_CHAT))[-1]
    set_clock(FrozenClock(local(2026, 3, 3, 9, 0)))
    claim_due, resolve_due = local(2026, 3, 3, 17, 0), local(2026, 3, 10, 17, 0)
    await move(
        db,
        ticket,
        "transfer",
        department_id=place.culture,
        claim_due_at=claim_due,
        resolve_due_at=resolve_due,
    )
    await run_scan_at(db, local(2026, 3, 3, 9, 1))
    await run_scan_at(db, local(2026, 3, 3, 12, 59))
    assert await messages(db, CULTURE_CHAT) == []
    await run_scan_at(db, local(2026, 3, 3, 13, 1))  # half of the new 8 working hours
    [half] = await messages(db, CULTURE_CHAT)
    assert "50%" in half and "nhận việc" in half
    assert len(await messages(db, ECONOMY_CHAT)) == 1


async def test_resolved_ticket_is_not_reminded(db: Database) -> None:
    place = await setup_place(db)
    ticket = await add_ticket(db, place, 4, status="in_progress", assignee=place.officer)
    await run_scan_at(db, local(2026, 3, 2, 9, 5))
    set_clock(FrozenClock(local(2026, 3, 3, 9, 0)))
    await move(db, ticket, "resolve")
    await run_scan_at(db, local(2026, 3, 10, 9, 0))
    assert await messages(db, ECONOMY_CHAT) == []
    async with db.session() as session:
        status = (await session.exec(select(Ticket.status).where(Ticket.id == ticket))).one()
    assert status == "resolved"
