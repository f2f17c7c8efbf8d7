"""`motcua worker`: handles queued Telegram updates and delivers the outbox. Run several."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram.types import Update
from redis.asyncio import Redis

from bot.inbound_queue import InboundQueue
from bot.outbox.ratelimit import Limits, RateLimiter
from bot.outbox.sender import OutboxSender
from bot.outbox.transport import Transport
from bot.telegram.app import create_bot, create_dispatcher
from bot.telegram.transport import TelegramTransport
from bot.zalo.service import ZaloService, zalo_configured
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)


class Worker:
    def __init__(
        self,
        settings: Settings,
        queue: InboundQueue,
        *,
        consumer: str,
        limits: Limits | None = None,
        retry_base: float = 2.0,
    ) -> None:
        self.settings = settings
        self.queue = queue
        self.consumer = consumer
        self.db = Database(settings.database_url)
        self.bot = create_bot(settings)
        transports: dict[str, Transport] = {"telegram": TelegramTransport(self.bot, db=self.db)}
        if zalo_configured(settings):
            # Zalo events arrive at `motcua serve`; their answers are delivered from here.
            transports["zalo"] = ZaloService(settings, self.db, telegram_bot=self.bot).transport
        self.sender = OutboxSender(
            self.db, transports, limiter=RateLimiter(limits), retry_base=retry_base
        )
        self.dispatcher = create_dispatcher(self.db, settings, on_commit=self.sender.wake)
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def handle_available(self, *, block_ms: int = 1000) -> int:
        """Handle what the queue holds now; an entry is acked after its update was handled."""
        await self.queue.ensure_group("telegram")
        entries = await self.queue.read("telegram", self.consumer, block_ms=block_ms)
        for entry in entries:
            try:
                update = Update.model_validate(entry.update, context={"bot": self.bot})
            except ValueError:
                log.error("entry %s is not a valid Telegram update; dropped", entry.entry_id)
                await self.queue.ack(entry)
                continue
            await self.dispatcher.feed_update(self.bot, update)
            await self.queue.ack(entry)
        return len(entries)

    async def _consume(self) -> None:
        while not self._stop.is_set():
            try:
                await self.handle_available()
            except Exception:
                log.exception("worker round failed; retrying in a second")
                await asyncio.sleep(1)

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._consume(), name="inbound"),
            asyncio.create_task(self.sender.run_forever(self._stop), name="outbox"),
        ]

    def request_stop(self) -> None:
        self._stop.set()

    async def wait_stopped(self) -> None:
        await self._stop.wait()

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(task, timeout=5)
        await self.bot.session.close()
        await self.db.dispose()


def create_queue(settings: Settings) -> InboundQueue:
    if not settings.redis_url:
        raise RuntimeError(
            "motcua serve/worker need Redis: set MOTCUA_REDIS_URL=redis://127.0.0.1:6379/0 "
            "(or use `motcua run`, the single-process mode that needs no Redis)"
        )
    return InboundQueue(Redis.from_url(settings.redis_url), prefix=settings.redis_prefix)
