"""One unit of work per update: dedup, a DB session, commit, then wake the sender."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from handlers import texts
from handlers.outbox import Recipient, say
from storage.db import Database
from storage.models import InboundEvent

log = logging.getLogger(__name__)
CHANNEL = "telegram"


def _private_chat_id(update: Update) -> int | None:
    message = update.message
    if message is not None and message.chat.type == "private":
        return message.chat.id
    return None


class UnitOfWorkMiddleware(BaseMiddleware):
    """Handles each Telegram update once, in one transaction.

    The inbound-event row and the handler's effects commit together: a redelivered update
    finds the row and is skipped; a crash rolls both back so the update can be handled again.
    A handler that fails keeps the update (for replay) instead of losing the citizen's words.
    """

    def __init__(self, db: Database, on_commit: Callable[[], None] | None = None) -> None:
        self.db = db
        self.on_commit = on_commit

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        key = str(event.update_id)
        try:
            async with self.db.session() as session:
                seen = await session.exec(
                    select(InboundEvent.id).where(
                        InboundEvent.channel == CHANNEL, InboundEvent.external_id == key
                    )
                )
                if seen.first() is not None:
                    log.info("duplicate telegram update %s skipped", key)
                    return None
                session.add(InboundEvent(channel=CHANNEL, external_id=key))
                await session.flush()
                data["session"] = session
                result = await handler(event, data)
        except IntegrityError:
            log.info("duplicate telegram update %s skipped (concurrent)", key)
            return None
        except Exception:
            log.exception("handling telegram update %s failed; kept for replay", key)
            await self._keep_failed(event, key)
            return None
        if self.on_commit is not None:
            self.on_commit()
        return result

    async def _keep_failed(self, event: Update, key: str) -> None:
        try:
            async with self.db.session() as session:
                session.add(
                    InboundEvent(
                        channel=CHANNEL,
                        external_id=key,
                        status="failed",
                        payload=event.model_dump(mode="json", exclude_none=True),
                    )
                )
                chat_id = _private_chat_id(event)
                if chat_id is not None:
                    say(session, Recipient(CHANNEL, str(chat_id)), texts.GENERIC_ERROR)
        except Exception:
            log.exception("could not keep failed update %s", key)
        if self.on_commit is not None:
            self.on_commit()
