"""A citizen's own tickets in the private chat: /tra_cuu CODE, and the rating and
«Chưa được giải quyết» buttons under a result (then the comment that reopens it)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram.convert import citizen_identity, citizen_message
from handlers import texts
from handlers.actions import unpack
from handlers.citizens import citizen_chat, get_or_create_citizen
from handlers.errors import UserError
from handlers.inbound import MAX_TEXT, clean_text
from handlers.outbox import say
from handlers.ratings import ask_reopen, rate, reopen
from handlers.status import show_by_code
from handlers.ticket_actions import RATING_BUTTON, REOPEN_BUTTON
from storage.models import Citizen


class Reopening(StatesGroup):
    """The citizen pressed «Chưa được giải quyết»: their next message says what is left."""

    comment = State()


async def _citizen(query: CallbackQuery, session: AsyncSession) -> Citizen:
    chat_id = query.message.chat.id if query.message else query.from_user.id
    identity = citizen_identity(query.from_user.id, chat_id, query.from_user.full_name)
    return await get_or_create_citizen(session, identity)


async def command_lookup(message: Message, command: CommandObject, session: AsyncSession) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    await show_by_code(session, citizen, command.args or "")


async def handle_rating(query: CallbackQuery, session: AsyncSession) -> None:
    _, parts = unpack(query.data or "")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        await query.answer(texts.OLD_BUTTON, show_alert=True)
        return
    try:
        await rate(session, await _citizen(query, session), int(parts[0]), int(parts[1]))
    except UserError as exc:
        await query.answer(str(exc)[:200], show_alert=True)
        return
    await query.answer(texts.DONE_ALERT)


async def handle_reopen(query: CallbackQuery, session: AsyncSession, state: FSMContext) -> None:
    _, parts = unpack(query.data or "")
    if len(parts) != 1 or not parts[0].isdigit():
        await query.answer(texts.OLD_BUTTON, show_alert=True)
        return
    try:
        ticket = await ask_reopen(session, await _citizen(query, session), int(parts[0]))
    except UserError as exc:
        await query.answer(str(exc)[:200], show_alert=True)
        return
    await state.set_state(Reopening.comment)
    await state.set_data({"ticket_id": ticket.id})
    await query.answer()


async def handle_reopen_comment(
    message: Message, session: AsyncSession, state: FSMContext
) -> None:
    citizen = await get_or_create_citizen(session, citizen_message(message))
    text = clean_text(message.text or message.caption or "")
    if not text:
        say(session, citizen_chat(citizen), texts.EMPTY_TEXT)
        return
    if len(text) > MAX_TEXT:
        say(session, citizen_chat(citizen), texts.TOO_LONG.format(limit=MAX_TEXT))
        return
    ticket_id = (await state.get_data()).get("ticket_id")
    await state.clear()
    try:
        await reopen(session, citizen, int(ticket_id or 0), text)
    except UserError as exc:
        say(session, citizen_chat(citizen), str(exc))


def create_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="citizen_tickets")
    router.message.filter(F.chat.type == "private")
    router.callback_query.filter(F.message.chat.type == "private")
    router.message.register(command_lookup, Command("tra_cuu"))
    router.message.register(handle_reopen_comment, Reopening.comment, F.text | F.photo)
    router.callback_query.register(handle_rating, F.data.startswith(f"{RATING_BUTTON}:"))
    router.callback_query.register(handle_reopen, F.data.startswith(f"{REOPEN_BUTTON}:"))
    return router
