"""The embedded process: Telegram long polling, the Zalo webhook (when configured), the outbox
sender and (later) the scheduler, in one asyncio loop. `motcua run` and the sandbox start it;
tests start and stop it."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram import Bot, Dispatcher

from bot.outbox.ratelimit import Limits, RateLimiter
from bot.outbox.sender import OutboxSender
from bot.outbox.transport import Transport
from bot.scheduler import SlaScheduler
from bot.telegram.app import CITIZEN_COMMANDS, create_bot, create_dispatcher
from bot.telegram.transport import TelegramTransport
from bot.zalo.service import ZaloService, zalo_configured
from storage.db import Database
from storage.settings import Settings

log = logging.getLogger(__name__)


class EmbeddedApp:
    """Everything `motcua run` needs, startable and stoppable from code."""

    def __init__(
        self,
        settings: Settings,
        *,
        limits: Limits | None = None,
        deliver: bool = True,
        retry_base: float = 2.0,
    ) -> None:
        """``deliver=False`` runs intake only (another process delivers the outbox)."""
        self.settings = settings
        self.db = Database(settings.database_url)
        self.bot: Bot = create_bot(settings)
        transports: dict[str, Transport] = {"telegram": TelegramTransport(self.bot, db=self.db)}
        self.zalo: ZaloService | None = None
        if zalo_configured(settings):
            self.zalo = ZaloService(settings, self.db, telegram_bot=self.bot)
            transports["zalo"] = self.zalo.transport
        self.sender = OutboxSender(
            self.db, transports, limiter=RateLimiter(limits), retry_base=retry_base
        )
        if self.zalo is not None:
            self.zalo.inbound.on_commit = self.sender.wake
        self.deliver = deliver
        self.dispatcher: Dispatcher = create_dispatcher(
            self.db, settings, on_commit=self.sender.wake
        )
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        # Reminders and digests; only the process holding the scheduler lock runs them.
        self.scheduler = SlaScheduler(self.db, settings, on_commit=self.sender.wake)

    async def start(self) -> None:
        me = await self.bot.get_me()
        log.info("bot @%s connected", me.username)
        with contextlib.suppress(Exception):
            await self.bot.set_my_commands(CITIZEN_COMMANDS)
        self._tasks = [asyncio.create_task(self._poll(), name="polling")]
        if self.zalo is not None:
            await self.zalo.start()
        if self.deliver:
            self._tasks.append(
                asyncio.create_task(self.sender.run_forever(self._stop), name="outbox")
            )
            await self.scheduler.start()

    async def _poll(self) -> None:
        await self.dispatcher.start_polling(
            self.bot, handle_signals=False, close_bot_session=False, polling_timeout=10
        )

    async def stop(self) -> None:
        self._stop.set()
        await self.scheduler.stop()
        with contextlib.suppress(RuntimeError):
            await self.dispatcher.stop_polling()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(task, timeout=15)
        if self.zalo is not None:
            await self.zalo.stop()
        await self.bot.session.close()
        await self.db.dispose()

    def request_stop(self) -> None:
        self._stop.set()

    async def run_until_stopped(self) -> None:
        await self.start()
        try:
            await self._stop.wait()
        finally:
            await self.stop()
