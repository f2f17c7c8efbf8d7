"""Finding the ticket a platform message belongs to, and a citizen's recent open ticket."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.clock import utcnow
from storage.models import MessageLink, Ticket

OPEN_STATUSES = ("new", "assigned", "in_progress", "waiting_citizen", "reopened")


async def ticket_by_message(
    session: AsyncSession, channel: str, chat_id: str, message_id: str
) -> Ticket | None:
    link = (
        await session.exec(
            select(MessageLink).where(
                MessageLink.channel == channel,
                MessageLink.chat_id == chat_id,
                MessageLink.message_id == message_id,
            )
        )
    ).first()
    return None if link is None else await session.get(Ticket, link.ticket_id)


def link_message(
    session: AsyncSession, channel: str, chat_id: str, message_id: str, ticket_id: int, role: str
) -> None:
    session.add(
        MessageLink(
            channel=channel, chat_id=chat_id, message_id=message_id, ticket_id=ticket_id, role=role
        )
    )


async def recent_open_ticket(
    session: AsyncSession, citizen_id: int, window_minutes: int
) -> Ticket | None:
    """The ticket the citizen is still talking about, if it was touched in the window."""
    since = utcnow() - timedelta(minutes=window_minutes)
    return (
        await session.exec(
            select(Ticket)
            .where(
                Ticket.citizen_id == citizen_id,
                col(Ticket.status).in_(OPEN_STATUSES),
                col(Ticket.updated_at) >= since,
            )
            .order_by(col(Ticket.updated_at).desc())
        )
    ).first()
