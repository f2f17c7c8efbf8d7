"""A citizen adds to a ticket: the addition is stored and goes to the same group thread."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.citizens import citizen_chat
from handlers.directory import department_chat
from handlers.lifecycle import Actor, transition
from handlers.outbox import Outgoing, enqueue, say
from handlers.ticket_links import OPEN_STATUSES
from handlers.ticket_open import Content, store_citizen_words
from storage.clock import utcnow
from storage.models import Citizen, Ticket, TicketEvent


async def append_to_ticket(
    session: AsyncSession, citizen: Citizen, ticket: Ticket, content: Content
) -> None:
    assert ticket.id is not None
    if ticket.status not in OPEN_STATUSES and ticket.status != "resolved":
        say(
            session,
            citizen_chat(citizen),
            texts.TICKET_CLOSED_FOR_FOLLOWUP.format(code=ticket.code),
        )
        return
    await store_citizen_words(session, ticket, citizen, content)
    if content.location and ticket.latitude is None:
        ticket.latitude, ticket.longitude = content.location
    ticket.updated_at = utcnow()
    session.add(ticket)
    if ticket.status == "waiting_citizen":  # the answer restarts the clock
        await transition(session, ticket, "citizen_answer", Actor("citizen", str(citizen.id)))
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            actor_kind="citizen",
            actor_id=str(citizen.id),
            action="citizen_message",
            note=f"{len(content.text)} ký tự, {len(content.photos)} ảnh",
        )
    )
    chat = await department_chat(session, ticket.department_id)
    if chat is not None and ticket.card_posted:
        card = (ticket.id, "card")
        if content.text:
            enqueue(
                session,
                chat,
                Outgoing(
                    text=texts.CITIZEN_FOLLOWUP.format(code=ticket.code, text=content.text),
                    reply_to_link=card,
                ),
                ticket_id=ticket.id,
                link_role="relay",
            )
        if content.photos:
            enqueue(
                session,
                chat,
                Outgoing(
                    photos=[
                        {"channel": citizen.channel, "file_id": p.file_id} for p in content.photos
                    ],
                    reply_to_link=card,
                ),
                ticket_id=ticket.id,
                link_role="relay",
            )
        if content.location:
            enqueue(
                session,
                chat,
                Outgoing(location=content.location, reply_to_link=card),
                ticket_id=ticket.id,
                link_role="relay",
            )
    say(session, citizen_chat(citizen), texts.FOLLOWUP_ADDED.format(code=ticket.code))


async def ask_followup(
    session: AsyncSession, citizen: Citizen, ticket: Ticket, content: Content
) -> None:
    """Ask whether new content belongs to the ticket filed moments ago or is a new report."""
    from handlers.drafts import save_draft  # drafts imports ticket_open, which imports us

    draft = await save_draft(session, citizen, "followup", content, ticket_id=ticket.id)
    say(
        session,
        citizen_chat(citizen),
        texts.FOLLOWUP_ASK.format(code=ticket.code),
        buttons=[
            [
                Button(
                    texts.FOLLOWUP_APPEND.format(code=ticket.code), pack("fu", draft.id or 0, "a")
                )
            ],
            [Button(texts.FOLLOWUP_NEW, pack("fu", draft.id or 0, "n"))],
        ],
    )
