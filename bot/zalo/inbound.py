"""Handling verified Zalo events after the webhook has answered: once each (Zalo retries),
in one transaction each, and in order for each citizen."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.zalo.accounts import CHANNEL, chat_key
from bot.zalo.adapter import handle_event
from bot.zalo.events import ZaloEvent
from bot.zalo.images import Image, ImageFetcher, keep_images
from handlers import texts
from handlers.outbox import Recipient, say
from storage.db import Database
from storage.models import InboundEvent
from storage.settings import Settings

log = logging.getLogger(__name__)
# Images downloaded for a report still held as a draft (the commune is not known yet), kept
# until the ticket exists; bounded, since a citizen may never finish.
WAITING_PER_CHAT = 10
WAITING_CHATS = 50


class ZaloInbound:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        on_commit: Callable[[], None] | None = None,
        *,
        images: ImageFetcher | None = None,
    ) -> None:
        self.db = db
        self.images = images or ImageFetcher()
        self._waiting: dict[str, list[Image]] = {}
        self.settings = settings
        self.on_commit = on_commit
        self._locks: dict[str, asyncio.Lock] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, event: ZaloEvent) -> None:
        """Queue the work and return at once: the webhook must answer within 2 seconds."""
        task = asyncio.create_task(self.handle(event), name=f"zalo:{event.dedup_key}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(self, event: ZaloEvent) -> None:
        chat = chat_key(event.oa_id, event.user_id)
        async with self._locks.setdefault(chat, asyncio.Lock()):
            # Downloaded here, after the webhook answered and outside any transaction.
            fetched = await self.images.fetch_all(event.image_urls) if event.image_urls else []
            waiting = self._waiting.pop(chat, []) + fetched
            waiting = await self._handle(event, waiting)
            if waiting:
                self._waiting[chat] = waiting[-WAITING_PER_CHAT:]
                while len(self._waiting) > WAITING_CHATS:
                    del self._waiting[next(iter(self._waiting))]

    async def _handle(self, event: ZaloEvent, waiting: list[Image]) -> list[Image]:
        """Handle the event; returns the images whose attachment does not exist yet."""
        key = event.dedup_key
        still = waiting
        try:
            async with self.db.session() as session:
                seen = await session.exec(
                    select(InboundEvent.id).where(
                        InboundEvent.channel == CHANNEL, InboundEvent.external_id == key
                    )
                )
                if seen.first() is not None:
                    log.info("duplicate zalo event %s skipped", key)
                    return waiting
                session.add(InboundEvent(channel=CHANNEL, external_id=key))
                await session.flush()
                await handle_event(session, event, self.settings)
                if waiting:
                    await session.flush()
                    still = await keep_images(session, waiting)
        except IntegrityError:
            log.info("duplicate zalo event %s skipped (concurrent)", key)
            return waiting
        except Exception:
            log.exception("handling zalo event %s failed; kept for replay", key)
            await self._keep_failed(event)
            return waiting
        if self.on_commit is not None:
            self.on_commit()
        return still

    async def _keep_failed(self, event: ZaloEvent) -> None:
        try:
            async with self.db.session() as session:
                session.add(
                    InboundEvent(
                        channel=CHANNEL,
                        external_id=event.dedup_key,
                        status="failed",
                        payload=dataclasses.asdict(event),
                    )
                )
                chat = chat_key(event.oa_id, event.user_id)
                say(session, Recipient(CHANNEL, chat), texts.GENERIC_ERROR)
        except Exception:
            log.exception("could not keep failed zalo event %s", event.dedup_key)

    async def settle(self) -> None:
        """Wait for the events accepted so far (shutdown, tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self) -> None:
        await self.settle()
        await self.images.close()
