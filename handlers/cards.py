"""The ticket card officials see in their group, and posting it with its photos and map."""

from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.deadlines import render_deadline
from handlers.outbox import Outgoing, Recipient, enqueue
from storage.models import Attachment, Commune, Ticket

CARD_TEXT_LIMIT = 3000  # the card stays under Telegram's 4,096 with its header


async def card_text(session: AsyncSession, ticket: Ticket) -> str:
    commune = await session.get(Commune, ticket.commune_code)
    body = ticket.text
    if len(body) > CARD_TEXT_LIMIT:
        body = body[:CARD_TEXT_LIMIT] + "…"
    text = texts.CARD.format(
        code=ticket.code,
        category=texts.CATEGORY_LABELS.get(ticket.category, ticket.category),
        commune=f"{commune.name}, {commune.province_name}" if commune else ticket.commune_code,
        deadline=render_deadline(ticket.resolve_due_at),
        status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
        location=texts.CARD_LOCATION if ticket.latitude is not None else "",
        text=body,
    )
    if ticket.kind == "question":
        text = text.replace(
            texts.CARD.split("\n", 1)[0].format(code=ticket.code),
            texts.CARD_QUESTION_TITLE.format(code=ticket.code),
        )
    return text


async def post_card(session: AsyncSession, ticket: Ticket, chat: Recipient) -> None:
    """Queue the card, then its photos and location as replies to it (same chat, in order)."""
    assert ticket.id is not None
    enqueue(
        session,
        chat,
        Outgoing(text=await card_text(session, ticket)),
        ticket_id=ticket.id,
        link_role="card",
    )
    photos = (
        await session.exec(
            select(Attachment)
            .where(Attachment.ticket_id == ticket.id, Attachment.kind == "photo")
            .order_by(Attachment.id)  # type: ignore[arg-type]
        )
    ).all()
    if photos:
        enqueue(
            session,
            chat,
            Outgoing(
                photos=[{"channel": p.channel, "file_id": p.file_id} for p in photos],
                reply_to_link=(ticket.id, "card"),
            ),
            ticket_id=ticket.id,
            link_role="card",
        )
    if ticket.latitude is not None and ticket.longitude is not None:
        enqueue(
            session,
            chat,
            Outgoing(
                location=(ticket.latitude, ticket.longitude), reply_to_link=(ticket.id, "card")
            ),
            ticket_id=ticket.id,
            link_role="card",
        )
    ticket.card_posted = True
    session.add(ticket)
