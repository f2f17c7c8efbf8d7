"""The morning digest a department group reads and the Monday summary a leader reads: the
right counts, codes as buttons, working days only, and never twice for the same period."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import col, select

from handlers.digests import daily_digests, weekly_summaries
from storage.db import Database
from storage.models import CalendarException, OutboxMessage, Ticket
from tests.handlers.test_reminders import (
    CULTURE_CHAT,
    ECONOMY_CHAT,
    LEADER_TG,
    add_ticket,
    local,
    setup_place,
)

TUESDAY_730 = local(2026, 3, 3, 7, 30)


async def sent(db: Database, chat: int) -> list[OutboxMessage]:
    async with db.session() as session:
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == str(chat))
            .order_by(col(OutboxMessage.id))
        )
        return list((await session.exec(query)).all())


async def daily(db: Database, when: object) -> int:
    async with db.session() as session:
        return await daily_digests(session, when)  # type: ignore[arg-type]


async def test_morning_digest_counts_and_lists_codes_as_buttons(db: Database) -> None:
    place = await setup_place(db)
    # Unclaimed and overdue since Monday; due today (Tuesday 17:00); due later, claimed.
    await add_ticket(db, place, 1, resolve_due=local(2026, 3, 2, 17, 0))
    await add_ticket(
        db, place, 2, status="assigned", assignee=place.officer, resolve_due=local(2026, 3, 3, 17)
    )
    await add_ticket(db, place, 3, status="in_progress", assignee=place.officer)
    await add_ticket(db, place, 4, status="resolved", assignee=place.officer)
    assert await daily(db, TUESDAY_730 - timedelta(minutes=1)) == 0
    assert await daily(db, TUESDAY_730) == 2  # both bound groups
    [digest] = await sent(db, ECONOMY_CHAT)
    text = str(digest.payload["text"])
    assert "03/03/2026" in text and "Phòng Kinh tế" in text
    for line in ("Đang mở: 3", "Đến hạn hôm nay: 1", "Quá hạn: 1", "Chưa ai nhận: 1"):
        assert line in text
    labels = [b["label"] for row in digest.payload["buttons"] for b in row]
    assert sorted(labels) == ["PA-2603-0001", "PA-2603-0002", "PA-2603-0003"]
    [quiet] = await sent(db, CULTURE_CHAT)
    assert "Không có phiếu nào" in str(quiet.payload["text"])
    # A restart at 08:00 does not send the day's digest again.
    assert await daily(db, TUESDAY_730 + timedelta(minutes=30)) == 0
    assert len(await sent(db, ECONOMY_CHAT)) == 1


async def test_no_digest_on_weekends_and_holidays_but_on_make_up_days(db: Database) -> None:
    await setup_place(db)
    assert await daily(db, local(2026, 3, 7, 7, 30)) == 0  # Saturday
    assert await daily(db, local(2026, 2, 17, 8, 0)) == 0  # Tết
    async with db.session() as session:
        session.add(CalendarException(day=date(2026, 3, 14), working=True, note="làm bù"))
    assert await daily(db, local(2026, 3, 14, 7, 45)) == 2


async def test_monday_summary_per_department_for_leaders_once(db: Database) -> None:
    place = await setup_place(db)
    last_week = local(2026, 3, 3, 9, 0)
    on_time = await add_ticket(db, place, 1, created=last_week, status="closed")
    late = await add_ticket(db, place, 2, created=last_week, status="closed")
    await add_ticket(db, place, 3, created=last_week, department=place.culture)
    async with db.session() as session:
        # Both were due Monday 9 March; one resolved Thursday, one after a shortened deadline.
        for ticket_id, resolved, due, rating in (
            (on_time, local(2026, 3, 5, 10), local(2026, 3, 9, 17), 5),
            (late, local(2026, 3, 6, 10), local(2026, 3, 5, 17), 3),
        ):
            ticket = await session.get(Ticket, ticket_id)
            assert ticket is not None
            ticket.resolved_at, ticket.resolve_due_at, ticket.rating = resolved, due, rating
            session.add(ticket)
    monday = local(2026, 3, 9, 8, 0)
    async with db.session() as session:
        assert await weekly_summaries(session, monday) == 2  # one leader in each commune
    [summary] = await sent(db, LEADER_TG)
    text = str(summary.payload["text"])
    assert "Phòng Kinh tế: nhận 2, xong 2, đúng hạn 50%, hài lòng 4.0/5" in text
    assert "Phòng Văn hóa: nhận 1, xong 0, đúng hạn —, hài lòng —" in text
    async with db.session() as session:
        assert await weekly_summaries(session, monday + timedelta(hours=1)) == 0
    [other] = await sent(db, 9002)  # the other commune's leader hears only about theirs
    assert "không có phiếu nào" in str(other.payload["text"])
