"""Answering "how is my report going?": one ticket by its code, or all the citizen's open ones.

A code that belongs to someone else gets word for word the answer an unknown code gets, so
nobody can learn that another person's ticket exists by guessing codes.
"""

from __future__ import annotations

import re

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.citizens import citizen_chat
from handlers.deadlines import render_deadline
from handlers.outbox import say
from handlers.ticket_codes import find_code
from storage.models import Citizen, Department, Ticket, TicketEvent

CLOSED_STATUSES = ("resolved", "closed", "rejected")
OPEN_LIMIT = 10
CODE_DIGITS = 8
# Something that looks like a code (prefix then digits), even with a wrong check digit.
_CODE_LIKE = re.compile(r"\b(PA|HD)[\s\-.]*(\d[\d\s\-.]{2,14}\d)", re.IGNORECASE)
_DIGIT_GAPS = re.compile(r"(?<=\d)[\s\-.]+(?=\d)")


def code_in(text: str) -> tuple[str | None, str | None]:
    """(valid code, what was typed) — the typed form is shown back when the code is invalid.

    Citizens read codes off paper or say them on the phone: ``PA 4829 1375``,
    ``pa48291375`` and ``PA-48-29-13-75`` all mean ``PA-4829-1375``.
    """
    code = find_code(text)
    if code is not None:
        return code, code
    code = find_code(_DIGIT_GAPS.sub("", text))
    if code is not None:
        return code, code
    typed = _CODE_LIKE.search(text)
    if typed is None:
        return None, None
    digits = re.sub(r"\D", "", typed.group(2))
    if len(digits) == CODE_DIGITS:
        digits = f"{digits[:4]}-{digits[4:]}"
    return None, f"{typed.group(1).upper()}-{digits}"


async def check_status(session: AsyncSession, citizen: Citizen, text: str) -> None:
    """A ``status`` message: with a code, that ticket; without, the open ones."""
    code, typed = code_in(text)
    if typed is None:
        await list_open_tickets(session, citizen)
        return
    ticket = None
    if code is not None:
        ticket = (await session.exec(select(Ticket).where(Ticket.code == code))).first()
    if ticket is None or ticket.citizen_id != citizen.id:
        say(session, citizen_chat(citizen), texts.STATUS_CODE_NOT_FOUND.format(code=typed))
        return
    say(session, citizen_chat(citizen), await ticket_status_text(session, ticket))


async def ticket_status_text(session: AsyncSession, ticket: Ticket) -> str:
    department = await session.get(Department, ticket.department_id)
    last = (
        await session.exec(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket.id, TicketEvent.action != "note")
            .order_by(col(TicketEvent.created_at).desc(), col(TicketEvent.id).desc())
        )
    ).first()
    action = texts.STATUS_ACTION_OTHER
    when = render_deadline(ticket.created_at)
    if last is not None:
        action = texts.STATUS_ACTIONS.get(last.action, texts.STATUS_ACTION_OTHER)
        when = render_deadline(last.created_at)
    return texts.STATUS_DETAIL.format(
        code=ticket.code,
        kind=texts.STATUS_KIND.get(ticket.kind, ticket.kind),
        status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
        department=department.name if department else "—",
        deadline=render_deadline(ticket.resolve_due_at),
        last_action=action,
        when=when,
    )


async def list_open_tickets(session: AsyncSession, citizen: Citizen) -> None:
    """The citizen's tickets still being worked on, newest first."""
    rows = (
        await session.exec(
            select(Ticket, Department)
            .join(Department, col(Department.id) == Ticket.department_id)
            .where(Ticket.citizen_id == citizen.id, col(Ticket.status).not_in(CLOSED_STATUSES))
            .order_by(col(Ticket.created_at).desc(), col(Ticket.id).desc())
            .limit(OPEN_LIMIT + 1)
        )
    ).all()
    if not rows:
        say(session, citizen_chat(citizen), texts.STATUS_NONE_OPEN)
        return
    lines = [texts.STATUS_OPEN_HEADER]
    for ticket, department in rows[:OPEN_LIMIT]:
        lines.append(
            texts.MY_TICKET_LINE.format(
                code=ticket.code,
                status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
                department=department.name,
                deadline=render_deadline(ticket.resolve_due_at),
            )
        )
    if len(rows) > OPEN_LIMIT:
        lines.append(texts.STATUS_OPEN_MORE)
    say(session, citizen_chat(citizen), "\n".join(lines))
