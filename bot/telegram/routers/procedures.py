"""Citizens asking about procedures: /thu_tuc to browse or search, and the buttons under
answer cards (choice, feedback, ask an official)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram.convert import citizen_identity, citizen_message
from handlers import texts
from handlers.actions import unpack
from handlers.citizens import get_or_create_citizen
from handlers.procedures import (
    browse_field,
    browse_fields,
    give_feedback,
    pick_choice,
    pick_procedure,
    search_procedures,
)
from storage.models import Citizen


async def _citizen(query: CallbackQuery, session: AsyncSession) -> Citizen:
    chat_id = query.message.chat.id if query.message else query.from_user.id
    identity = citizen_identity(query.from_user.id, chat_id, query.from_user.full_name)
    return await get_or_create_citizen(session, identity)


async def command_procedures_handler(
    message: Message, command: CommandObject, session: AsyncSession
) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    query = (command.args or "").strip()
    if query:
        await search_procedures(session, citizen, query)
    else:
        await browse_fields(session, citizen)


async def handle_field_pick(query: CallbackQuery, session: AsyncSession) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 1:
        notice = await browse_field(session, await _citizen(query, session), parts[0])
    await query.answer(notice)


async def handle_procedure_pick(query: CallbackQuery, session: AsyncSession) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 1:
        notice = await pick_procedure(session, await _citizen(query, session), parts[0])
    await query.answer(notice)


async def handle_choice_pick(query: CallbackQuery, session: AsyncSession) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 2:
        notice = await pick_choice(session, await _citizen(query, session), parts[0], parts[1])
    await query.answer(notice)


async def handle_feedback(query: CallbackQuery, session: AsyncSession) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 2:
        citizen = await _citizen(query, session)
        notice = await give_feedback(session, citizen, parts[0], parts[1])
    await query.answer(notice)


def create_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="procedures")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(command_procedures_handler, Command("thu_tuc"))
    router.callback_query.register(handle_field_pick, F.data.startswith("pb:"))
    router.callback_query.register(handle_procedure_pick, F.data.startswith("pp:"))
    router.callback_query.register(handle_choice_pick, F.data.startswith("pc:"))
    router.callback_query.register(handle_feedback, F.data.startswith("pf:"))
    return router
