"""Officials typing in their group: /open, /mine, /ticket, /help, and the answers to the
questions a card button asked (a commune's name, a reason, the result of the work).

Included before the department group router, so that an official's next message after
pressing «Đã xử lý» is taken as the result even when it is a reply to the card.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram import keyboards
from bot.telegram.convert import official_message
from bot.telegram.routers.department_group import here_of
from handlers import texts
from handlers.actions import unpack
from handlers.errors import UserError
from handlers.inbound import MAX_TEXT, Photo, clean_text
from handlers.official_views import group_help, my_tickets, open_tickets, show_ticket
from handlers.outbox import Recipient, say
from handlers.relay import official_reply
from handlers.ticket_actions import (
    authorize,
    extend,
    proof_required,
    reject,
    resolve,
)
from handlers.ticket_links import ticket_by_message
from handlers.transfers import department_in_commune, transfer
from storage.models import Ticket

log = logging.getLogger(__name__)
MIN_REASON = 3
CHANNEL = "telegram"
CANCEL_WORDS = ("hủy", "huy", "/huy", "/cancel")


class OfficialInput(StatesGroup):
    """What the bot asked this official in this group (or topic), waiting for the answer."""

    commune_query = State()
    extend_reason = State()
    reject_detail = State()
    resolve_result = State()


def _photos(message: Message) -> list[Photo]:
    if not message.photo:
        return []
    largest = message.photo[-1]
    return [Photo(largest.file_id, largest.file_unique_id)]


async def command_open(message: Message, session: AsyncSession) -> None:
    if message.from_user is not None:
        await open_tickets(session, here_of(message), message.from_user.id)


async def command_mine(message: Message, session: AsyncSession) -> None:
    if message.from_user is not None:
        await my_tickets(session, here_of(message), message.from_user.id)


async def command_ticket(message: Message, command: CommandObject, session: AsyncSession) -> None:
    if message.from_user is not None:
        await show_ticket(session, here_of(message), message.from_user.id, command.args or "")


async def command_help(message: Message, session: AsyncSession) -> None:
    group_help(session, here_of(message))


async def _commune_query(
    session: AsyncSession, here: Recipient, ticket_id: int, code: str, text: str
) -> bool:
    """Offer the communes matching the name; True when there was something to offer."""
    from nlu.places import find_units

    matches = find_units(text[:120], limit=6) if text else []
    if not matches:
        say(session, here, texts.TRANSFER_COMMUNE_NOT_FOUND.format(query=text[:120]))
        return False
    choices = [(u.ward_code, f"{u.ward_name}, {u.province_name}") for u in matches]
    say(
        session,
        here,
        texts.PICK_COMMUNE.format(code=code),
        buttons=keyboards.communes(ticket_id, choices),
    )
    return True


async def handle_answer(message: Message, session: AsyncSession, state: FSMContext) -> None:
    """The next message of an official the bot asked something; it is not relayed."""
    here = here_of(message)
    step = await state.get_state()
    data = await state.get_data()
    text = clean_text(message.text or message.caption or "")
    if message.from_user is None or "ticket_id" not in data:
        await state.clear()
        return
    replied = message.reply_to_message
    if replied is not None:
        other = await ticket_by_message(
            session, CHANNEL, str(message.chat.id), str(replied.message_id)
        )
        if other is not None and other.id != data["ticket_id"]:
            # A reply on another ticket's message is an ordinary reply, not this answer.
            await state.clear()
            await official_reply(session, official_message(message))
            return
    if text.lower() in CANCEL_WORDS:
        await state.clear()
        say(session, here, texts.STEP_CANCELLED.format(code=data.get("code", "")))
        return
    if len(text) > MAX_TEXT:
        say(session, here, texts.TEXT_TOO_LONG.format(limit=MAX_TEXT))
        return
    try:
        ticket, official = await authorize(session, data["ticket_id"], message.from_user.id, here)
        if step == OfficialInput.commune_query.state:
            if await _commune_query(session, here, data["ticket_id"], ticket.code, text):
                await state.clear()
            return
        if step == OfficialInput.resolve_result.state:
            text = text or data.get("text", "")
            photos = _photos(message) or [Photo(**p) for p in data.get("photos", [])]
            if not text:
                await state.update_data(photos=[p.__dict__ for p in photos])
                say(session, here, texts.ASK_RESULT_TEXT.format(name=official.name))
                return
            if not photos and await proof_required(session, ticket.category):
                await state.update_data(text=text)
                say(session, here, texts.ASK_RESULT_PHOTO.format(name=official.name))
                return
            notice = await resolve(session, ticket, official, text, photos)
        elif len(text) < MIN_REASON:
            say(session, here, texts.REASON_TOO_SHORT.format(name=official.name))
            return
        elif step == OfficialInput.extend_reason.state:
            notice = await extend(session, ticket, official, data["duration"], text)
        elif step == OfficialInput.reject_detail.state:
            notice = await reject(session, ticket, official, data["reason"], text)
        else:
            await state.clear()
            return
    except UserError as exc:
        await state.clear()
        say(session, here, str(exc), reply_to_message_id=str(message.message_id))
        return
    await state.clear()
    say(session, here, notice)


async def transfer_to_commune(
    session: AsyncSession, here: Recipient, user_id: int, ticket_id: int, commune_code: str
) -> str:
    ticket, official = await authorize(session, ticket_id, user_id, here)
    target = await department_in_commune(session, ticket, commune_code)
    return await transfer(session, ticket, official, target)


async def handle_digest_code(query: CallbackQuery, session: AsyncSession) -> None:
    """A ticket code button in the morning digest: show that ticket's card here."""
    _, parts = unpack(query.data or "")
    ticket = await session.get(Ticket, int(parts[0])) if parts and parts[0].isdigit() else None
    if ticket is None or not isinstance(query.message, Message):
        await query.answer(texts.OLD_BUTTON, show_alert=True)
        return
    message = query.message
    thread = message.message_thread_id if message.is_topic_message else None
    here = Recipient(CHANNEL, str(message.chat.id), thread)
    await show_ticket(session, here, query.from_user.id, ticket.code)
    await query.answer()


def create_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="official_commands")
    router.message.filter(F.chat.type.in_({"group", "supergroup"}))
    router.message.register(command_open, Command("open"))
    router.message.register(command_mine, Command("mine"))
    router.message.register(command_ticket, Command("ticket"))
    router.message.register(command_help, Command("help"))
    router.message.register(handle_answer, OfficialInput.commune_query, F.text)
    router.message.register(handle_answer, OfficialInput.extend_reason, F.text)
    router.message.register(handle_answer, OfficialInput.reject_detail, F.text)
    router.message.register(handle_answer, OfficialInput.resolve_result, F.text | F.photo)
    router.callback_query.register(handle_digest_code, F.data.startswith("tk:"))
    return router
