"""Catch-alls, included last: what no feature router took. A citizen's ordinary message is
a report or a question (intake); an unknown command, an old button or an unsupported message
gets a polite answer; an unbound group is told how to bind."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram.convert import citizen_message
from bot.telegram.routers.department_group import here_of
from handlers import texts
from handlers.citizens import citizen_chat, get_or_create_citizen
from handlers.directory import bindings_of_chat
from handlers.intake import receive
from handlers.outbox import say
from storage.settings import Settings

log = logging.getLogger(__name__)


async def handle_unknown_command(message: Message, session: AsyncSession) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    say(session, citizen_chat(citizen), texts.UNKNOWN_COMMAND)


async def handle_citizen_message(
    message: Message, session: AsyncSession, settings: Settings
) -> None:
    await receive(session, citizen_message(message), settings)


async def handle_unsupported(message: Message, session: AsyncSession) -> None:
    log.info("unsupported message type %s from a citizen", message.content_type)
    citizen = await get_or_create_citizen(session, citizen_message(message))
    say(session, citizen_chat(citizen), texts.UNSUPPORTED_MEDIA)


async def handle_unknown_button(query: CallbackQuery) -> None:
    await query.answer(texts.OLD_BUTTON, show_alert=True)


async def handle_group_command(message: Message, session: AsyncSession) -> None:
    here = here_of(message)
    if not await bindings_of_chat(session, message.chat.id, here.thread_id):
        say(session, here, texts.GROUP_NOT_BOUND)


def create_router() -> Router:
    """Must be included after every feature router."""
    router = Router(name="fallback")
    private = Router(name="fallback_private")
    private.message.filter(F.chat.type == "private")
    private.message.register(handle_unknown_command, F.text.startswith("/"))
    private.message.register(handle_citizen_message, F.text | F.photo | F.location)
    private.message.register(handle_unsupported)
    group = Router(name="fallback_group")
    group.message.filter(F.chat.type.in_({"group", "supergroup"}))
    group.message.register(handle_group_command, F.text.startswith("/"))
    router.include_routers(private, group)
    router.callback_query.register(handle_unknown_button)
    return router
