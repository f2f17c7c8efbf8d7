"""What an official does to a ticket from the group: claim, transfer, extend, resolve, reject.

Each use case checks who may act, moves the ticket through `lifecycle.transition`, edits the
card in place and tells the citizen — all in the caller's transaction, so all or nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.cards import refresh_card
from handlers.citizens import citizen_chat
from handlers.deadlines import calendar_for, render_deadline
from handlers.directory import department_chat, official_for_department
from handlers.errors import UserError
from handlers.inbound import Photo
from handlers.lifecycle import Actor, IllegalTransition, transition
from handlers.outbox import Outgoing, Recipient, enqueue, say
from handlers.ticket_codes import find_code
from handlers.working_time import parse_duration
from storage.clock import utcnow
from storage.models import (
    Attachment,
    Citizen,
    Commune,
    Department,
    Official,
    ProofCategory,
    Ticket,
    TicketMessage,
)

log = logging.getLogger(__name__)
DEFAULT_PROOF_CATEGORIES = frozenset(
    {"infrastructure", "environment", "urban_order", "construction"}
)
RATING_BUTTON, REOPEN_BUTTON = "rt", "ro"


class Refused(UserError):
    """The person may not act on this ticket here; nothing was changed."""


def actor(official: Official) -> Actor:
    return Actor("official", str(official.id))


async def authorize(
    session: AsyncSession, ticket_id: int, user_id: int, here: Recipient
) -> tuple[Ticket, Official]:
    """The ticket and the official acting on it, or Refused with the reason to show."""
    ticket = await session.get(Ticket, ticket_id)
    if ticket is None:
        raise Refused(texts.UNKNOWN_TICKET)
    department = await session.get(Department, ticket.department_id)
    assert department is not None
    bound = await department_chat(session, ticket.department_id)
    if bound is None or (bound.chat_id, bound.thread_id) != (here.chat_id, here.thread_id):
        commune = await session.get(Commune, ticket.commune_code)
        log.info("button on a moved card of %s in chat %s", ticket.code, here.chat_id)
        raise Refused(
            texts.MOVED_ELSEWHERE.format(
                code=ticket.code,
                department=department.name,
                commune=commune.name if commune else ticket.commune_code,
                status=texts.STATUS_LABELS.get(ticket.status, ticket.status),
            )
        )
    official = await official_for_department(session, user_id, department)
    if official is None:
        log.warning("refused action on %s by user %s in chat %s", ticket.code, user_id, here)
        raise Refused(texts.NOT_ALLOWED)
    return ticket, official


async def where(session: AsyncSession, ticket: Ticket) -> tuple[Department, Commune]:
    department = await session.get(Department, ticket.department_id)
    commune = await session.get(Commune, ticket.commune_code)
    assert department is not None and commune is not None
    return department, commune


async def tell_citizen(
    session: AsyncSession, ticket: Ticket, text: str, buttons: list[list[Button]] | None = None
) -> Recipient:
    citizen = await session.get(Citizen, ticket.citizen_id)
    assert citizen is not None and ticket.id is not None
    to = citizen_chat(citizen)
    enqueue(
        session,
        to,
        Outgoing(text=text, buttons=buttons or []),
        ticket_id=ticket.id,
        link_role="relay",
    )
    return to


async def refresh_here(session: AsyncSession, ticket: Ticket) -> Recipient | None:
    chat = await department_chat(session, ticket.department_id)
    if chat is not None and ticket.card_posted:
        await refresh_card(session, ticket, chat)
    return chat


async def claim(session: AsyncSession, ticket: Ticket, official: Official) -> str:
    try:
        await transition(
            session, ticket, "claim", actor(official), changes={"assignee_id": official.id}
        )
    except IllegalTransition:
        holder = await session.get(Official, ticket.assignee_id) if ticket.assignee_id else None
        if holder is not None and holder.id != official.id:
            raise Refused(
                texts.ALREADY_CLAIMED.format(code=ticket.code, name=holder.name)
            ) from None
        raise
    department, commune = await where(session, ticket)
    await refresh_here(session, ticket)
    await tell_citizen(
        session,
        ticket,
        texts.CITIZEN_CLAIMED.format(
            code=ticket.code, department=department.name, commune=commune.name
        ),
    )
    return texts.CLAIMED_NOTICE.format(name=official.name, code=ticket.code)


async def extend(
    session: AsyncSession, ticket: Ticket, official: Official, duration: str, reason: str
) -> str:
    try:
        length = parse_duration(duration)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    start = ticket.resolve_due_at or utcnow()
    new_due = length.add_to(start, await calendar_for(session))
    await transition(
        session,
        ticket,
        "extend",
        actor(official),
        note=f"{length.describe_vi()}: {reason}",
        changes={"resolve_due_at": new_due},
    )
    await refresh_here(session, ticket)
    deadline = render_deadline(new_due)
    await tell_citizen(
        session,
        ticket,
        texts.CITIZEN_EXTENDED.format(code=ticket.code, deadline=deadline, reason=reason),
    )
    return texts.EXTENDED_NOTICE.format(code=ticket.code, deadline=deadline, reason=reason)


async def proof_required(session: AsyncSession, category: str) -> bool:
    """Whether «Đã xử lý» needs a photo of the finished work (vague answers are the
    citizens' main complaint); an admin's mark overrides the shipped default."""
    mark = await session.get(ProofCategory, category)
    return mark.photo_required if mark is not None else category in DEFAULT_PROOF_CATEGORIES


async def set_proof_required(session: AsyncSession, category: str, required: bool) -> None:
    """For the admin CLI: mark or unmark a category."""
    if category not in texts.CATEGORY_LABELS:
        raise UserError(texts.UNKNOWN_CATEGORY.format(category=category))
    mark = await session.get(ProofCategory, category) or ProofCategory(category=category)
    mark.photo_required = required
    session.add(mark)


async def resolve(
    session: AsyncSession,
    ticket: Ticket,
    official: Official,
    text: str,
    photos: Sequence[Photo] = (),
    channel: str = "telegram",
) -> str:
    """The result goes to the citizen with rating buttons and the reopen button."""
    assert ticket.id is not None
    if not photos and await proof_required(session, ticket.category):
        raise UserError(texts.ASK_RESULT_PHOTO.format(name=official.name))
    now = utcnow()
    await transition(
        session,
        ticket,
        "resolve",
        actor(official),
        note=text[:500],
        changes={"resolved_at": now, "first_response_at": ticket.first_response_at or now},
    )
    message = TicketMessage(
        ticket_id=ticket.id, author_kind="official", official_id=official.id, text=text
    )
    session.add(message)
    await session.flush()
    for photo in photos:
        session.add(
            Attachment(
                ticket_id=ticket.id,
                message_id=message.id,
                channel=channel,
                kind="proof",
                file_id=photo.file_id,
                file_unique_id=photo.file_unique_id,
            )
        )
    await refresh_here(session, ticket)
    department, commune = await where(session, ticket)
    stars = [Button(str(n), pack(RATING_BUTTON, ticket.id, n)) for n in range(1, 6)]
    again = [Button(texts.BTN_NOT_SOLVED, pack(REOPEN_BUTTON, ticket.id))]
    to = await tell_citizen(
        session,
        ticket,
        texts.CITIZEN_RESOLVED.format(
            department=department.name, commune=commune.name, code=ticket.code, text=text
        ),
        [stars, again],
    )
    if photos:
        enqueue(
            session,
            to,
            Outgoing(photos=[{"channel": channel, "file_id": p.file_id} for p in photos]),
            ticket_id=ticket.id,
            link_role="relay",
        )
    return texts.RESOLVED_NOTICE.format(code=ticket.code)


async def reject(
    session: AsyncSession, ticket: Ticket, official: Official, reason_key: str, detail: str = ""
) -> str:
    reason = texts.REJECT_REASONS.get(reason_key)
    if reason is None:
        raise UserError(texts.OLD_BUTTON)
    other = find_code(detail) if detail else None
    if other is not None:
        reason += texts.CITIZEN_DUPLICATE_OF.format(other=other)
    await transition(session, ticket, "reject", actor(official), note=reason)
    await refresh_here(session, ticket)
    await tell_citizen(
        session, ticket, texts.CITIZEN_REJECTED.format(code=ticket.code, reason=reason)
    )
    return texts.REJECTED_NOTICE.format(code=ticket.code, reason=reason)


def notice(session: AsyncSession, chat: Recipient, text: str) -> None:
    say(session, chat, text)
