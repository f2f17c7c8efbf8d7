"""Building the aiogram Bot and Dispatcher for any process (polling, webhook, worker, tests)."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.types import BotCommand

from bot.telegram.middlewares import UnitOfWorkMiddleware
from bot.telegram.routers import (
    citizen,
    citizen_buttons,
    citizen_tickets,
    department_group,
    fallback,
    official_buttons,
    official_commands,
    procedures,
)
from storage.db import Database
from storage.settings import Settings

CITIZEN_COMMANDS = [
    BotCommand(command="start", description="Bắt đầu, giới thiệu"),
    BotCommand(command="xa", description="Chọn hoặc đổi xã, phường"),
    BotCommand(command="cua_toi", description="Phản ánh của tôi"),
    BotCommand(command="thu_tuc", description="Hỏi thủ tục hành chính"),
]


def create_bot(settings: Settings) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    return Bot(token=settings.telegram_token.get_secret_value(), session=session)


def create_storage(settings: Settings) -> BaseStorage:
    if settings.redis_url:
        from aiogram.fsm.storage.base import DefaultKeyBuilder
        from aiogram.fsm.storage.redis import RedisStorage

        keys = DefaultKeyBuilder(prefix=f"{settings.redis_prefix}:fsm", with_bot_id=True)
        return RedisStorage.from_url(settings.redis_url, key_builder=keys)
    return MemoryStorage()


def create_dispatcher(
    db: Database,
    settings: Settings,
    *,
    storage: BaseStorage | None = None,
    on_commit: Callable[[], None] | None = None,
) -> Dispatcher:
    """One user's updates are handled in order (events isolation); all users in parallel."""
    storage = storage or create_storage(settings)
    isolation = (
        storage.create_isolation()
        if hasattr(storage, "create_isolation")
        else SimpleEventIsolation()
    )
    dispatcher = Dispatcher(storage=storage, events_isolation=isolation)
    dispatcher["settings"] = settings
    dispatcher["db"] = db
    dispatcher.update.outer_middleware(UnitOfWorkMiddleware(db, on_commit))
    dispatcher.include_routers(
        official_commands.create_router(),  # before department_group: answers to its questions
        official_buttons.create_router(),
        citizen_tickets.create_router(),
        citizen.create_router(),
        citizen_buttons.create_router(),
        department_group.create_router(),
        procedures.create_router(),
        # Feature routers go above this line; the fallback must stay the last one.
        fallback.create_router(),
    )
    return dispatcher
