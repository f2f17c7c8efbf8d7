"""A Zalo event, handled by the same use cases as a Telegram update: commune choice,
reports with photos and location, questions, status. Only Zalo's own ways live here:
digit answers for buttons, stickers, follow, submitted contact info."""

from __future__ import annotations

import logging

from sqlalchemy import update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.zalo import choices
from bot.zalo.accounts import CHANNEL, chat_key
from bot.zalo.events import ZaloEvent
from handlers import texts
from handlers.citizens import ask_commune, citizen_chat, get_or_create_citizen
from handlers.inbound import CitizenMessage, Photo
from handlers.intake import receive
from handlers.outbox import say
from handlers.procedures import browse_fields, search_procedures
from handlers.status import list_tickets, show_by_code
from storage.clock import utcnow
from storage.models import Citizen, OutboxMessage
from storage.settings import Settings

log = logging.getLogger(__name__)
PHONE_MAX = 20
UNSUPPORTED = frozenset({"user_send_audio", "user_send_video", "user_send_link", "user_send_gif"})


def citizen_message(event: ZaloEvent) -> CitizenMessage:
    chat = chat_key(event.oa_id, event.user_id)
    return CitizenMessage(
        channel=CHANNEL,
        user_id=chat,  # a Zalo user id is per OA, so the OA is part of who they are
        chat_id=chat,
        message_id=event.msg_id,
        display_name=event.display_name,
        text=event.text,
        photos=tuple(Photo(url) for url in event.image_urls),
        location=event.location,
    )


async def release_held(session: AsyncSession, chat_id: str) -> int:
    """The citizen wrote: the reply window is open again, so held answers go out now."""
    result = await session.exec(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.channel) == CHANNEL,
            col(OutboxMessage.chat_id) == chat_id,
            col(OutboxMessage.status) == "held",
        )
        .values(status="pending", next_attempt_at=utcnow(), locked_until=None)
    )
    return int(result.rowcount or 0)


async def handle_event(session: AsyncSession, event: ZaloEvent, settings: Settings) -> None:
    if event.ignored:
        return
    msg = citizen_message(event)
    if event.name == "unfollow":
        log.info("zalo user %s unfollowed OA %s", event.user_id, event.oa_id)
        return
    released = await release_held(session, msg.chat_id)
    if released:
        log.info("zalo chat %s wrote again: %d held messages released", msg.chat_id, released)
    citizen = await get_or_create_citizen(session, msg)
    if event.name == "follow":
        await ask_commune(session, citizen, greet=True)
    elif event.name == "user_send_text":
        await _text(session, citizen, msg, settings)
    elif event.name in ("user_send_image", "user_send_location"):
        await choices.forget(session, msg.chat_id)
        await receive(session, msg, settings)
    elif event.name == "user_send_sticker":
        say(session, citizen_chat(citizen), texts.ZALO_STICKER)
    elif event.name == "user_send_file":
        say(session, citizen_chat(citizen), texts.ZALO_FILE)
    elif event.name == "user_submit_info":
        _contact_info(session, citizen, event)
    else:
        if event.name not in UNSUPPORTED:
            log.info("zalo event %s answered as unsupported", event.name)
        say(session, citizen_chat(citizen), texts.ZALO_UNSUPPORTED)


async def _text(
    session: AsyncSession, citizen: Citizen, msg: CitizenMessage, settings: Settings
) -> None:
    command = msg.text.strip().lower()
    if command in ("/start", "/batdau"):
        await choices.forget(session, msg.chat_id)
        await ask_commune(session, citizen, greet=True)
        return
    if command == "/xa":
        await choices.forget(session, msg.chat_id)
        await ask_commune(session, citizen)
        return
    if command == "/cua_toi":
        await list_tickets(session, citizen)
        return
    name, _, args = msg.text.strip().partition(" ")
    if name.lower() == "/tra_cuu":
        await show_by_code(session, citizen, args)
        return
    if name.lower() == "/thu_tuc":
        await choices.forget(session, msg.chat_id)
        if args.strip():
            await search_procedures(session, citizen, args.strip())
        else:
            await browse_fields(session, citizen)
        return
    number = choices.as_number(msg.text)
    offered = await choices.offered(session, msg.chat_id)
    if number is None and await choices.take_reopen_comment(session, citizen, msg.text):
        await choices.forget(session, msg.chat_id)
        return
    if number is not None and offered:
        if not 1 <= number <= len(offered):
            say(session, citizen_chat(citizen), texts.ZALO_NUMBER_UNKNOWN.format(number=number))
            return
        await choices.forget(session, msg.chat_id)
        handled, notice = await choices.run_action(session, citizen, offered[number - 1], settings)
        if not handled:
            say(session, citizen_chat(citizen), texts.ZALO_CHOICE_OLD)
        elif notice:
            say(session, citizen_chat(citizen), notice)
        return
    await choices.forget(session, msg.chat_id)
    await receive(session, msg, settings)


def _contact_info(session: AsyncSession, citizen: Citizen, event: ZaloEvent) -> None:
    phone = event.info.get("phone", "").strip()
    if phone and len(phone) <= PHONE_MAX:
        citizen.phone = phone
    name = event.info.get("name", "").strip()
    if name and not citizen.display_name:
        citizen.display_name = name[:100]
    session.add(citizen)
    say(session, citizen_chat(citizen), texts.ZALO_INFO_THANKS)
