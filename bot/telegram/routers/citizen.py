"""Citizens in a private chat: /start, /xa, /cua_toi, reports with photos and location."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram.convert import citizen_message
from handlers import texts
from handlers.citizens import ask_commune, citizen_chat, get_or_create_citizen
from handlers.outbox import say
from handlers.status import list_tickets

log = logging.getLogger(__name__)


async def command_start_handler(message: Message, session: AsyncSession) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    await ask_commune(session, citizen, greet=True)


async def command_xa_handler(message: Message, session: AsyncSession) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    await ask_commune(session, citizen)


async def command_my_tickets_handler(message: Message, session: AsyncSession) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    await list_tickets(session, citizen)


async def command_bind_in_private_handler(message: Message, session: AsyncSession) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    say(session, citizen_chat(citizen), texts.BIND_PRIVATE)


def create_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="citizen")
    router.message.filter(F.chat.type == "private")
    router.message.register(command_start_handler, CommandStart())
    router.message.register(command_xa_handler, Command("xa"))
    router.message.register(command_my_tickets_handler, Command("cua_toi"))
    router.message.register(command_bind_in_private_handler, Command("bind"))
    return router
