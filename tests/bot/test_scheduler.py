"""The scheduler process as operators run it: one active at a time, another taking over when
it dies, and reminders that survive a kill between two levels without repeats or gaps."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from sqlmodel import select

from bot.scheduler import LocalLock, PostgresLock, RedisLock, SlaScheduler
from storage.clock import FrozenClock, set_clock
from storage.db import Database
from storage.models import Ticket
from storage.settings import Settings
from tests.handlers.test_reminders import ECONOMY_CHAT, add_ticket, local, messages, setup_place
from tests.support.databases import truncate_all
from tests.support.redis_server import REDIS_URL

HALF = local(2026, 3, 2, 13, 5)  # past 50% of the claim clock of a Monday 09:00 ticket
EIGHTY = local(2026, 3, 2, 15, 30)


async def until(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    async def loop() -> None:
        while not await check():
            await asyncio.sleep(0.05)

    await asyncio.wait_for(loop(), timeout)


def scheduler(db: Database, url: str, lock: object | None = None) -> SlaScheduler:
    return SlaScheduler(
        db,
        Settings(database_url=url, redis_url=""),
        lock=lock,  # type: ignore[arg-type]
        poll_seconds=0.1,
    )


async def test_killed_between_two_levels_the_next_scheduler_sends_only_the_next(
    db: Database, database_url: str
) -> None:
    place = await setup_place(db)
    await add_ticket(db, place, 1)
    set_clock(FrozenClock(HALF))
    first = scheduler(db, database_url)
    await first.start()  # its first scan runs at once
    await until(lambda: has_messages(db, 1))
    await first.stop()
    set_clock(FrozenClock(EIGHTY))
    second = scheduler(db, database_url)
    await second.start()
    await until(lambda: has_messages(db, 2))
    await second.run_scan()
    await second.stop()
    half, eighty = await messages(db, ECONOMY_CHAT)
    assert "50%" in half and "80%" in eighty


async def has_messages(db: Database, n: int) -> bool:
    return len(await messages(db, ECONOMY_CHAT)) >= n


async def test_two_scans_at_the_same_moment_send_once(db: Database, database_url: str) -> None:
    place = await setup_place(db)
    for n in range(1, 6):
        await add_ticket(db, place, n)
    set_clock(FrozenClock(HALF))
    other_db = Database(database_url)
    try:
        a = scheduler(db, database_url, LocalLock())
        b = scheduler(other_db, database_url, LocalLock())
        await asyncio.gather(a.run_scan(), b.run_scan())
        await asyncio.gather(a.run_scan(), b.run_scan())
    finally:
        await other_db.dispose()
    [only] = await messages(db, ECONOMY_CHAT)
    assert only.count("PA-2603-") == 5


async def _one_active_then_takeover(
    db: Database, first: SlaScheduler, second: SlaScheduler
) -> None:
    place = await setup_place(db)
    await add_ticket(db, place, 1)
    set_clock(FrozenClock(HALF))
    await asyncio.gather(first.start(), second.start())
    try:
        await until(lambda: has_messages(db, 1))
        await asyncio.sleep(0.5)  # both have polled the lock several times by now
        assert [first.active.is_set(), second.active.is_set()].count(True) == 1
        leader, standby = (first, second) if first.active.is_set() else (second, first)
        set_clock(FrozenClock(EIGHTY))  # the leader's next scan is a minute away
        await leader.stop()
        await asyncio.wait_for(standby.active.wait(), 10)
        await until(lambda: has_messages(db, 2))
    finally:
        await first.stop()
        await second.stop()
    assert len(await messages(db, ECONOMY_CHAT)) == 2


async def test_two_postgres_schedulers_one_active_other_takes_over(postgres_url: str) -> None:
    truncate_all(postgres_url)
    db = Database(postgres_url)
    try:
        first = scheduler(db, postgres_url, PostgresLock(postgres_url))
        second = scheduler(db, postgres_url, PostgresLock(postgres_url))
        await _one_active_then_takeover(db, first, second)
    finally:
        await db.dispose()


async def test_two_redis_locked_schedulers_one_active_other_takes_over(
    db: Database, database_url: str, redis_prefix: str
) -> None:
    key = f"{redis_prefix}:scheduler:leader"
    first = scheduler(db, database_url, RedisLock(REDIS_URL, key, ttl_seconds=2))
    second = scheduler(db, database_url, RedisLock(REDIS_URL, key, ttl_seconds=2))
    await _one_active_then_takeover(db, first, second)


async def test_a_dead_redis_holder_is_replaced_when_its_key_expires(
    db: Database, database_url: str, redis_prefix: str
) -> None:
    key = f"{redis_prefix}:scheduler:leader"
    dead = RedisLock(REDIS_URL, key, ttl_seconds=0.5)
    assert await dead.acquire()  # then the process dies: nobody renews the key
    standby = scheduler(db, database_url, RedisLock(REDIS_URL, key, ttl_seconds=2))
    await standby.start()
    try:
        await asyncio.wait_for(standby.active.wait(), 10)
    finally:
        await standby.stop()
        await dead.client.aclose()


async def test_a_scheduler_starting_in_the_morning_sends_the_digest_once(
    db: Database, database_url: str
) -> None:
    await setup_place(db)
    set_clock(FrozenClock(local(2026, 3, 3, 8, 15)))  # Tuesday, after the 07:30 cron time

    async def digests() -> int:
        return sum("Việc trong ngày" in text for text in await messages(db, ECONOMY_CHAT))

    async def one_digest() -> bool:
        return await digests() == 1

    for _ in range(2):  # a restart later that morning does not repeat it
        jobs = scheduler(db, database_url, LocalLock())
        await jobs.start()
        try:
            await until(one_digest)
            await jobs.run_daily()
        finally:
            await jobs.stop()
    assert await digests() == 1


async def test_the_daily_job_closes_tickets_resolved_long_ago_and_never_rated(
    db: Database, database_url: str
) -> None:
    place = await setup_place(db)
    old = await add_ticket(db, place, 1, status="resolved", assignee=place.officer)
    recent = await add_ticket(db, place, 2, status="resolved", assignee=place.officer)
    async with db.session() as session:
        for ticket_id, resolved in ((old, local(2026, 3, 2, 10)), (recent, local(2026, 3, 9, 10))):
            ticket = await session.get(Ticket, ticket_id)
            assert ticket is not None
            ticket.resolved_at = resolved
            session.add(ticket)
    set_clock(FrozenClock(local(2026, 3, 10, 6, 0)))
    await scheduler(db, database_url, LocalLock()).run_close_unrated()
    async with db.session() as session:
        statuses = {t.id: t.status for t in (await session.exec(select(Ticket))).all()}
    assert statuses == {old: "closed", recent: "resolved"}
