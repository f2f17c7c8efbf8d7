"""Department groups: /bind, officials' replies to ticket messages, unbound groups."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import ChatMemberUpdated, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram.convert import official_message
from handlers import texts
from handlers.binding import bind_chat
from handlers.directory import bindings_of_chat
from handlers.outbox import Recipient, say
from handlers.relay import official_reply

log = logging.getLogger(__name__)
CHANNEL = "telegram"


def here_of(message: Message) -> Recipient:
    thread = message.message_thread_id if message.is_topic_message else None
    return Recipient(CHANNEL, str(message.chat.id), thread)


async def command_bind_handler(
    message: Message, command: CommandObject, session: AsyncSession
) -> None:
    here = here_of(message)
    if not command.args or message.from_user is None:
        say(session, here, texts.BIND_USAGE, reply_to_message_id=str(message.message_id))
        return
    result = await bind_chat(
        session,
        chat_id=message.chat.id,
        thread_id=here.thread_id,
        title=message.chat.title or "",
        user_id=message.from_user.id,
        code=command.args,
        reply_to=here,
    )
    log.info("bind attempt in chat %s: %s", message.chat.id, "ok" if result.ok else "refused")


async def handle_added_to_group(event: ChatMemberUpdated, session: AsyncSession) -> None:
    if event.new_chat_member.status not in ("member", "administrator"):
        return
    if not await bindings_of_chat(session, event.chat.id, None):
        say(session, Recipient(CHANNEL, str(event.chat.id)), texts.GROUP_NOT_BOUND)


async def handle_official_reply(message: Message, session: AsyncSession, bot: Bot) -> None:
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != bot.id:
        return  # officials talking among themselves
    here = here_of(message)
    if not await bindings_of_chat(session, message.chat.id, here.thread_id):
        say(session, here, texts.GROUP_NOT_BOUND)
        return
    await official_reply(session, official_message(message))


def create_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="department_group")
    router.message.filter(F.chat.type.in_({"group", "supergroup"}))
    router.message.register(command_bind_handler, Command("bind"))
    router.my_chat_member.register(handle_added_to_group, F.chat.type.in_({"group", "supergroup"}))
    router.message.register(handle_official_reply, F.reply_to_message)
    return router
