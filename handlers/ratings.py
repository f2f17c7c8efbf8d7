"""The citizen's word on a resolved ticket: a 1–5 rating, or reopening it within 7 days.

A ticket nobody rated is closed after those 7 days (`close_unrated`, run by the scheduler).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.citizens import citizen_chat
from handlers.errors import UserError
from handlers.lifecycle import Actor, IllegalTransition, transition
from handlers.outbox import Outgoing, enqueue, say
from handlers.ticket_actions import refresh_here
from storage.clock import utcnow
from storage.models import Citizen, Department, Ticket, TicketMessage

REOPEN_WINDOW = timedelta(days=7)
MAX_COMMENT = 4000


async def own_ticket(session: AsyncSession, citizen: Citizen, ticket_id: int) -> Ticket:
    """A citizen sees and acts only on their own tickets."""
    ticket = await session.get(Ticket, ticket_id)
    if ticket is None or ticket.citizen_id != citizen.id:
        raise UserError(texts.NOT_YOUR_TICKET)
    return ticket


def _actor(citizen: Citizen) -> Actor:
    return Actor("citizen", str(citizen.id))


async def rate(session: AsyncSession, citizen: Citizen, ticket_id: int, stars: int) -> str:
    if not 1 <= stars <= 5:
        raise UserError(texts.OLD_BUTTON)
    ticket = await own_ticket(session, citizen, ticket_id)
    await transition(
        session,
        ticket,
        "rate",
        _actor(citizen),
        note=f"{stars}/5",
        changes={"rating": stars, "closed_at": utcnow()},
    )
    chat = await refresh_here(session, ticket)
    if chat is not None:
        enqueue(
            session,
            chat,
            Outgoing(
                text=texts.RATING_NOTICE.format(code=ticket.code, rating=stars),
                reply_to_link=(ticket.id or 0, "card"),
            ),
        )
    text = texts.RATED_THANKS.format(stars="⭐" * stars, code=ticket.code)
    say(session, citizen_chat(citizen), text)
    return text


def _within_window(ticket: Ticket) -> bool:
    return ticket.resolved_at is not None and utcnow() - ticket.resolved_at <= REOPEN_WINDOW


async def ask_reopen(session: AsyncSession, citizen: Citizen, ticket_id: int) -> Ticket:
    """Check the ticket may be reopened; the caller then waits for the comment."""
    ticket = await own_ticket(session, citizen, ticket_id)
    if ticket.status != "resolved" or not _within_window(ticket):
        if ticket.status == "resolved" or ticket.status == "closed":
            raise UserError(texts.REOPEN_TOO_LATE.format(code=ticket.code))
        raise UserError(
            texts.ILLEGAL_TRANSITION.format(
                code=ticket.code,
                status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
                action=texts.ACTION_LABELS["reopen"],
            )
        )
    say(session, citizen_chat(citizen), texts.ASK_REOPEN_COMMENT.format(code=ticket.code))
    return ticket


async def reopen(session: AsyncSession, citizen: Citizen, ticket_id: int, comment: str) -> None:
    """Back to the same department, marked as reopened, with the citizen's comment."""
    ticket = await ask_window(session, citizen, ticket_id)
    comment = comment.strip()[:MAX_COMMENT]
    await transition(
        session,
        ticket,
        "reopen",
        _actor(citizen),
        note=comment[:500],
        changes={"reopened_count": ticket.reopened_count + 1, "resolved_at": None},
    )
    assert ticket.id is not None
    session.add(TicketMessage(ticket_id=ticket.id, author_kind="citizen", text=comment))
    department = await session.get(Department, ticket.department_id)
    assert department is not None
    chat = await refresh_here(session, ticket)
    if chat is not None:
        enqueue(
            session,
            chat,
            Outgoing(
                text=texts.REOPENED_GROUP.format(code=ticket.code, text=comment),
                reply_to_link=(ticket.id, "card"),
            ),
            ticket_id=ticket.id,
            link_role="relay",
        )
    say(
        session,
        citizen_chat(citizen),
        texts.REOPENED_CITIZEN.format(code=ticket.code, department=department.name),
    )


async def ask_window(session: AsyncSession, citizen: Citizen, ticket_id: int) -> Ticket:
    ticket = await own_ticket(session, citizen, ticket_id)
    if ticket.status == "resolved" and not _within_window(ticket):
        raise UserError(texts.REOPEN_TOO_LATE.format(code=ticket.code))
    return ticket


async def close_unrated(session: AsyncSession, now: datetime) -> int:
    """Close tickets resolved more than 7 days before ``now`` that nobody rated."""
    due = (
        await session.exec(
            select(Ticket).where(
                Ticket.status == "resolved",
                col(Ticket.rating).is_(None),
                col(Ticket.resolved_at) < now - REOPEN_WINDOW,
            )
        )
    ).all()
    closed = 0
    for ticket in due:
        try:
            await transition(
                session,
                ticket,
                "close",
                Actor("system"),
                note=texts.CLOSED_UNRATED_NOTE,
                changes={"closed_at": now},
            )
        except IllegalTransition:
            continue  # rated or reopened a moment ago
        await refresh_here(session, ticket)
        closed += 1
    return closed
