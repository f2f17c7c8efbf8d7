"""When Zalo's reply window has closed, the officials working the citizen's tickets are told
that answers wait until the citizen writes again, so nobody thinks the citizen was answered."""

from __future__ import annotations

from sqlmodel import col, select

from bot.zalo.accounts import CHANNEL
from handlers import texts
from handlers.directory import department_chat
from handlers.outbox import Outgoing, enqueue
from handlers.ticket_links import OPEN_STATUSES
from storage.db import Database
from storage.models import Citizen, Ticket


async def tell_officials(db: Database, chat_id: str) -> int:
    """A note under the card of each open ticket of this citizen; returns how many."""
    told = 0
    async with db.session() as session:
        citizen = (
            await session.exec(
                select(Citizen).where(Citizen.channel == CHANNEL, Citizen.chat_id == chat_id)
            )
        ).first()
        if citizen is None:
            return 0
        tickets = (
            await session.exec(
                select(Ticket).where(
                    Ticket.citizen_id == citizen.id,
                    col(Ticket.status).in_([*OPEN_STATUSES, "resolved"]),
                )
            )
        ).all()
        for ticket in tickets:
            assert ticket.id is not None
            chat = await department_chat(session, ticket.department_id)
            if chat is None:
                continue
            enqueue(
                session,
                chat,
                Outgoing(
                    text=texts.ZALO_UNREACHABLE.format(code=ticket.code),
                    reply_to_link=(ticket.id, "card"),
                ),
            )
            told += 1
    return told
