"""The SLA scheduler: the reminder scan every minute, the morning digest and Monday summary.

Exactly one scheduler is active at a time: it holds a PostgreSQL advisory lock on a connection
of its own (released by the server when the process dies), or a Redis key with an expiry that
it keeps renewing. Another scheduler polls for the lock and takes over when the first dies.
With SQLite everything runs in one process anyway. Even two active schedulers could not send a
reminder twice: the `ReminderLog` unique key makes the loser's transaction fail whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

import psycopg
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from redis.asyncio import Redis
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from handlers.digests import daily_digests, weekly_summaries
from handlers.reminders import ScanResult, scan
from storage.clock import utcnow
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)

TIMEZONE = "Asia/Ho_Chi_Minh"
# Any fixed 64-bit number; it only has to differ from other advisory locks on the database.
ADVISORY_KEY = 0x6D6F74637561
# A scheduler that becomes active before noon still sends the morning's digests.
CATCH_UP_BEFORE_HOUR = 12
_RENEW = """if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"""
_RELEASE = """if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1]) else return 0 end"""


class LeaderLock(Protocol):
    async def acquire(self) -> bool: ...
    async def still_held(self) -> bool: ...
    async def release(self) -> None: ...


class LocalLock:
    """SQLite: one process runs everything, so the lock is always free."""

    async def acquire(self) -> bool:
        return True

    async def still_held(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class PostgresLock:
    """pg_try_advisory_lock on a dedicated connection: it dies with the connection."""

    def __init__(self, database_url: str, key: int = ADVISORY_KEY) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self.conninfo = url.render_as_string(hide_password=False)
        self.key = key
        self._conn: psycopg.AsyncConnection[tuple[object, ...]] | None = None

    async def acquire(self) -> bool:
        if self._conn is None or self._conn.closed:
            self._conn = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True)
        row = await (
            await self._conn.execute("SELECT pg_try_advisory_lock(%s)", [self.key])
        ).fetchone()
        return bool(row and row[0])

    async def still_held(self) -> bool:
        if self._conn is None or self._conn.closed:
            return False
        try:
            await self._conn.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    async def release(self) -> None:
        if self._conn is not None and not self._conn.closed:
            with contextlib.suppress(psycopg.Error):
                await self._conn.execute("SELECT pg_advisory_unlock(%s)", [self.key])
            await self._conn.close()
        self._conn = None


class RedisLock:
    """SET NX with an expiry, renewed while held; a dead holder's key simply expires."""

    def __init__(self, redis_url: str, key: str, ttl_seconds: float = 30.0) -> None:
        self.client: Redis = Redis.from_url(redis_url)
        self.key = key
        self.ttl_ms = int(ttl_seconds * 1000)
        self.token = uuid.uuid4().hex

    async def acquire(self) -> bool:
        return bool(await self.client.set(self.key, self.token, nx=True, px=self.ttl_ms))

    async def still_held(self) -> bool:
        renewed = await self.client.eval(_RENEW, 1, self.key, self.token, str(self.ttl_ms))  # type: ignore[misc]
        return bool(renewed)

    async def release(self) -> None:
        with contextlib.suppress(Exception):
            await self.client.eval(_RELEASE, 1, self.key, self.token)  # type: ignore[misc]
        await self.client.aclose()


def lock_for(settings: Settings) -> LeaderLock:
    if settings.redis_url:
        return RedisLock(settings.redis_url, f"{settings.redis_prefix}:scheduler:leader")
    if make_url(settings.database_url).get_backend_name() == "postgresql":
        return PostgresLock(settings.database_url)
    return LocalLock()


class SlaScheduler:
    """Start, stop, and ask whether this process is the active scheduler."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        lock: LeaderLock | None = None,
        poll_seconds: float = 5.0,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.lock = lock or lock_for(settings)
        self.poll_seconds = poll_seconds
        self.on_commit = on_commit
        self.tz = ZoneInfo(TIMEZONE)
        self._apscheduler: AsyncIOScheduler | None = None
        self._task: asyncio.Task[None] | None = None
        self.active = asyncio.Event()

    # --- jobs (also called directly by tests and drills) ---------------------------

    async def run_scan(self) -> ScanResult | None:
        try:
            async with self.db.session() as session:
                result = await scan(session, utcnow())
        except (IntegrityError, OperationalError):
            # Another scheduler logged the same levels first (or held SQLite's write lock): its
            # messages stand, ours never existed. The next scan sees its rows and carries on.
            log.warning("reminder scan lost a race; retrying next minute")
            return None
        if result.messages:
            log.info("reminders: %d tickets, %d messages", len(result.reached), result.messages)
            self._wake()
        return result

    async def run_daily(self) -> int:
        async with self.db.session() as session:
            sent = await daily_digests(session, utcnow())
        if sent:
            self._wake()
        return sent

    async def run_weekly(self) -> int:
        async with self.db.session() as session:
            sent = await weekly_summaries(session, utcnow())
        if sent:
            self._wake()
        return sent

    async def run_close_unrated(self) -> None:
        """[officials] closes resolved tickets nobody rated; only once that module exists."""
        if importlib.util.find_spec("handlers.ratings") is None:
            return
        ratings = importlib.import_module("handlers.ratings")
        async with self.db.session() as session:
            closed = await ratings.close_unrated(session, utcnow())
        if closed:
            self._wake()

    def _wake(self) -> None:
        if self.on_commit is not None:
            self.on_commit()

    # --- leadership -----------------------------------------------------------------

    async def start(self) -> None:
        self._task = asyncio.create_task(self._lead(), name="sla-scheduler")

    async def _lead(self) -> None:
        while True:
            try:
                if await self.lock.acquire():
                    self._start_jobs()
                    while await self.lock.still_held():
                        await asyncio.sleep(self.poll_seconds)
                    log.warning("scheduler lock lost; pausing jobs")
                    self._stop_jobs()
            except (OSError, psycopg.Error, ConnectionError) as exc:
                log.warning("scheduler lock unavailable: %s", exc)
                self._stop_jobs()
            await asyncio.sleep(self.poll_seconds)

    def _start_jobs(self) -> None:
        log.info("this process is now the active scheduler")
        jobs = AsyncIOScheduler(timezone=self.tz)
        common = {"coalesce": True, "max_instances": 1}
        jobs.add_job(
            self.run_scan, "interval", minutes=1, next_run_time=datetime.now(self.tz), **common
        )
        jobs.add_job(self.run_daily, "cron", hour=7, minute=30, misfire_grace_time=7200, **common)
        jobs.add_job(
            self.run_weekly, "cron", day_of_week="mon", hour=8, misfire_grace_time=7200, **common
        )
        jobs.add_job(self.run_close_unrated, "cron", hour=6, misfire_grace_time=7200, **common)
        now = utcnow().astimezone(self.tz)  # the storage clock, which drills and tests move
        if now.hour < CATCH_UP_BEFORE_HOUR:
            # Taking over in the morning: send today's digests if nobody did (they are logged).
            jobs.add_job(self.run_daily, "date", **common)
            if now.weekday() == 0:
                jobs.add_job(self.run_weekly, "date", **common)
        jobs.start()
        self._apscheduler = jobs
        self.active.set()

    def _stop_jobs(self) -> None:
        self.active.clear()
        if self._apscheduler is not None:
            self._apscheduler.shutdown(wait=False)
            self._apscheduler = None

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._stop_jobs()
        await self.lock.release()
