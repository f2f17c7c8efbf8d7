"""The outbox sender: claims due messages, delivers them in order per chat, and records
what became of each. Many senders may run at once: a lease keeps them apart."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from bot.outbox.ratelimit import RateLimiter
from bot.outbox.transport import Held, RetryLater, Transport, Undeliverable
from storage.clock import utcnow
from storage.db import Database
from storage.models import MessageLink, OutboxMessage

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=30)
MAX_ATTEMPTS = 12
MAX_BACKOFF = 600.0


def backoff(attempts: int, base: float = 2.0) -> float:
    """Exponential: base, 2·base, 4·base… capped at ten minutes."""
    return float(min(MAX_BACKOFF, base * 2 ** min(attempts - 1, 12)))


class OutboxSender:
    def __init__(
        self,
        db: Database,
        transports: dict[str, Transport],
        *,
        limiter: RateLimiter | None = None,
        batch: int = 50,
        idle_interval: float = 0.5,
        retry_base: float = 2.0,
    ) -> None:
        self.db = db
        self.transports = transports
        self.limiter = limiter or RateLimiter()
        self.batch = batch
        self.idle_interval = idle_interval
        self.retry_base = retry_base
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Called after a commit that queued messages, so they go out without waiting."""
        self._wake.set()

    async def _due(self) -> list[OutboxMessage]:
        """The oldest pending message of each chat whose turn it is (order per chat holds)."""
        now = utcnow()
        earlier = aliased(OutboxMessage)
        async with self.db.session() as session:
            query = (
                select(OutboxMessage)
                .where(
                    OutboxMessage.status == "pending",
                    col(OutboxMessage.channel).in_(list(self.transports)),
                    col(OutboxMessage.next_attempt_at) <= now,
                    or_(
                        col(OutboxMessage.locked_until).is_(None),
                        col(OutboxMessage.locked_until) < now,
                    ),
                    ~exists().where(
                        and_(
                            col(earlier.chat_id) == OutboxMessage.chat_id,
                            col(earlier.channel) == OutboxMessage.channel,
                            col(earlier.status).in_(("pending", "held")),
                            col(earlier.id) < OutboxMessage.id,
                        )
                    ),
                )
                .order_by(col(OutboxMessage.id))
                .limit(self.batch)
            )
            return list((await session.exec(query)).all())

    async def _claim(self, row_id: int) -> bool:
        now = utcnow()
        async with self.db.session() as session:
            result = await session.exec(
                update(OutboxMessage)
                .where(
                    col(OutboxMessage.id) == row_id,
                    col(OutboxMessage.status) == "pending",
                    or_(
                        col(OutboxMessage.locked_until).is_(None),
                        col(OutboxMessage.locked_until) < now,
                    ),
                )
                .values(locked_until=now + LEASE)
            )
            return bool(result.rowcount == 1)

    async def _linked(self, row: OutboxMessage, link: dict[str, Any]) -> str | None:
        """The latest message of the ticket with that role in this chat (a card posted
        again after a transfer back supersedes the old one)."""
        async with self.db.session() as session:
            return (
                await session.exec(
                    select(MessageLink.message_id)
                    .where(
                        MessageLink.ticket_id == link["ticket_id"],
                        MessageLink.role == link["role"],
                        MessageLink.channel == row.channel,
                        MessageLink.chat_id == row.chat_id,
                    )
                    .order_by(col(MessageLink.id).desc())
                )
            ).first()

    async def _reply_target(self, row: OutboxMessage) -> str | None:
        target = row.payload.get("reply_to_message_id")
        link = row.payload.get("reply_to_link")
        if target is None and link:
            target = await self._linked(row, link)
        return None if target is None else str(target)

    async def _send(self, row: OutboxMessage) -> list[str]:
        """Send, or for an ``edit_link`` payload edit the linked message in place; an edit
        whose message was never delivered has nothing to change."""
        transport = self.transports[row.channel]
        link = row.payload.get("edit_link")
        if not link:
            return await transport.send(
                row.chat_id, row.thread_id, row.payload, await self._reply_target(row)
            )
        target = await self._linked(row, link)
        if target is None:
            return []
        payload = {k: v for k, v in row.payload.items() if k != "edit_link"}
        payload["edit_message_id"] = target
        await transport.send(row.chat_id, row.thread_id, payload, None)
        return []

    async def _deliver(self, row: OutboxMessage) -> None:
        assert row.id is not None
        status, error, delay, counts = "sent", None, 0.0, True
        ids: list[str] = []
        try:
            ids = await self._send(row)
        except RetryLater as exc:
            status, error, counts = "pending", str(exc), exc.counts
            delay = (
                exc.delay if exc.delay is not None else backoff(row.attempts + 1, self.retry_base)
            )
        except Held as exc:
            status, error = "held", str(exc)
        except Undeliverable as exc:
            status, error = "failed", str(exc)
        failed_try = status in ("pending", "failed") and counts
        attempts = row.attempts + (1 if failed_try else 0)
        if status == "pending" and attempts >= MAX_ATTEMPTS:
            status = "failed"
        if status != "sent":
            log.warning("outbox %s to %s: %s (%s)", row.id, row.channel, status, error)
        now = utcnow()
        async with self.db.session() as session:
            fresh = await session.get(OutboxMessage, row.id)
            assert fresh is not None
            fresh.status, fresh.attempts, fresh.last_error = status, attempts, error
            fresh.locked_until = None
            fresh.next_attempt_at = now + timedelta(seconds=delay)
            if status == "sent":
                fresh.sent_at = now
                fresh.external_message_id = ids[0] if ids else None
                if row.ticket_id is not None and row.link_role:
                    for message_id in ids:
                        session.add(
                            MessageLink(
                                channel=row.channel,
                                chat_id=row.chat_id,
                                message_id=message_id,
                                ticket_id=row.ticket_id,
                                role=row.link_role,
                            )
                        )
            session.add(fresh)

    async def run_once(self) -> int:
        """Deliver what is due now; returns how many messages were attempted."""
        done = 0
        for row in await self._due():
            assert row.id is not None
            if self.limiter.try_take(row.chat_id) > 0:
                continue  # this chat's turn comes later; the others go on
            if not await self._claim(row.id):
                continue  # another sender has it
            await self._deliver(row)
            done += 1
        return done

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                done = await self.run_once()
            except Exception:
                log.exception("outbox sender round failed; retrying")
                done = 0
            if done == 0:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=self.idle_interval)
                except TimeoutError:
                    pass

    async def drain(self, *, max_rounds: int = 100) -> None:
        """Deliver until nothing is due (tests and one-shot CLI runs)."""
        for _ in range(max_rounds):
            if await self.run_once() == 0:
                return
