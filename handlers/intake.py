"""A citizen's message arrives: decide whether it adds to a ticket, answers a question the
bot asked, or is something new to understand and act on."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.citizens import (
    ask_commune,
    citizen_chat,
    get_or_create_citizen,
    pending_draft,
    search_commune,
)
from handlers.drafts import content_of, save_draft
from handlers.followup import append_to_ticket, ask_followup
from handlers.inbound import MAX_TEXT, CitizenMessage, clean_text
from handlers.outbox import say
from handlers.ticket_links import recent_open_ticket, ticket_by_message
from handlers.ticket_open import Content
from handlers.understand import act_on
from storage.models import Attachment, Citizen, Ticket
from storage.settings import Settings

log = logging.getLogger(__name__)
COMMUNE_QUERY_MAX_WORDS = 8


def _content(msg: CitizenMessage) -> Content:
    return Content(
        text=clean_text(msg.text),
        photos=list(msg.photos),
        location=msg.location,
        media_group_id=msg.media_group_id,
    )


async def receive(session: AsyncSession, msg: CitizenMessage, settings: Settings) -> None:
    citizen = await get_or_create_citizen(session, msg)
    assert citizen.id is not None
    chat = citizen_chat(citizen)
    if not msg.has_content:
        say(session, chat, texts.EMPTY_TEXT)
        return
    if len(msg.text) > MAX_TEXT:
        say(session, chat, texts.TOO_LONG.format(limit=MAX_TEXT))
        return
    content = _content(msg)

    if msg.reply_to_message_id is not None:
        ticket = await ticket_by_message(
            session, msg.channel, msg.chat_id, msg.reply_to_message_id
        )
        if ticket is not None and ticket.citizen_id == citizen.id:
            await append_to_ticket(session, citizen, ticket, content)
            return
    if msg.media_group_id and not content.text and await _continue_album(session, citizen, msg):
        return

    waiting_commune = await pending_draft(session, citizen, "commune")
    if waiting_commune is not None or citizen.commune_code is None:
        looks_like_name = (
            content.text
            and not content.photos
            and len(content.text.split()) <= COMMUNE_QUERY_MAX_WORDS
        )
        if waiting_commune is not None and looks_like_name:
            await search_commune(session, citizen, content.text)
            return
        # Something to report before the commune is known: keep it, ask the commune first.
        await save_draft(session, citizen, "commune", content, into=waiting_commune)
        await ask_commune(session, citizen, greet=waiting_commune is None)
        return

    details = await pending_draft(session, citizen, "details")
    if details is not None:
        if not content.text:
            await save_draft(session, citizen, "details", content, into=details)
            return
        merged = content_of(details)
        merged.text = content.text
        merged.photos += content.photos
        merged.location = content.location or merged.location
        await session.delete(details)
        content = merged
    elif not content.text:
        recent = await recent_open_ticket(session, citizen.id, settings.followup_window_minutes)
        if recent is not None:
            await ask_followup(session, citizen, recent, content)
            return
        await save_draft(session, citizen, "details", content)
        say(session, chat, texts.PHOTO_NEEDS_TEXT if content.photos else texts.LOCATION_NEEDS_TEXT)
        return
    recent = await recent_open_ticket(session, citizen.id, settings.followup_window_minutes)
    await act_on(session, citizen, content, settings, recent=recent)


async def _continue_album(session: AsyncSession, citizen: Citizen, msg: CitizenMessage) -> bool:
    """The other photos of an album arrive as separate messages; keep them together."""
    from sqlmodel import select

    ticket_id = (
        await session.exec(
            select(Attachment.ticket_id).where(Attachment.media_group_id == msg.media_group_id)
        )
    ).first()
    if ticket_id is not None:
        ticket = await session.get(Ticket, ticket_id)
        if ticket is not None and ticket.citizen_id == citizen.id:
            await append_to_ticket(session, citizen, ticket, _content(msg))
            return True
    for awaiting in ("details", "commune", "category", "followup"):
        draft = await pending_draft(session, citizen, awaiting)
        if draft is not None and draft.media_group_id == msg.media_group_id:
            await save_draft(session, citizen, awaiting, _content(msg), into=draft)
            return True
    return False
