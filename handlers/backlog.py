"""Delivering tickets that were kept while their department had no group."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.cards import post_card
from handlers.directory import department_chat
from storage.models import Department, Ticket


async def deliver_backlog(session: AsyncSession, department: Department) -> int:
    assert department.id is not None
    chat = await department_chat(session, department.id)
    if chat is None:
        return 0
    waiting = (
        await session.exec(
            select(Ticket)
            .where(Ticket.department_id == department.id, col(Ticket.card_posted).is_(False))
            .order_by(col(Ticket.created_at))
        )
    ).all()
    for ticket in waiting:
        await post_card(session, ticket, chat)
    return len(waiting)


async def count_backlog(session: AsyncSession, department: Department) -> int:
    rows = await session.exec(
        select(Ticket.id).where(
            Ticket.department_id == department.id, col(Ticket.card_posted).is_(False)
        )
    )
    return len(rows.all())


async def unrouted_tickets(session: AsyncSession) -> list[Ticket]:
    rows = await session.exec(
        select(Ticket).where(col(Ticket.card_posted).is_(False)).order_by(col(Ticket.created_at))
    )
    return list(rows.all())
