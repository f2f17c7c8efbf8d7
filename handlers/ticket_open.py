"""Opening a ticket: code, routing, deadlines, audit, the citizen's receipt and the card."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.cards import post_card
from handlers.citizens import citizen_chat
from handlers.deadlines import QUESTION, render_deadline, ticket_deadlines
from handlers.directory import department_chat, get_department
from handlers.inbound import Photo
from handlers.outbox import Outgoing, enqueue
from handlers.routing import route
from handlers.ticket_codes import new_code
from handlers.working_time import priority_for
from storage.clock import utcnow
from storage.models import Attachment, Citizen, Commune, Ticket, TicketEvent, TicketMessage


@dataclass
class Content:
    """What the citizen said, possibly gathered over several messages."""

    text: str
    photos: list[Photo] = field(default_factory=list)
    location: tuple[float, float] | None = None
    media_group_id: str | None = None


async def store_citizen_words(
    session: AsyncSession, ticket: Ticket, citizen: Citizen, content: Content
) -> TicketMessage:
    """What the citizen said, and the photos with it, on the ticket's record."""
    assert ticket.id is not None
    message = TicketMessage(ticket_id=ticket.id, author_kind="citizen", text=content.text)
    session.add(message)
    await session.flush()
    for photo in content.photos:
        session.add(
            Attachment(
                ticket_id=ticket.id,
                message_id=message.id,
                channel=citizen.channel,
                file_id=photo.file_id,
                file_unique_id=photo.file_unique_id,
                media_group_id=content.media_group_id,
            )
        )
    return message


async def unique_code(session: AsyncSession, kind: str) -> str:
    while True:
        code = new_code(kind)
        taken = (await session.exec(select(Ticket.id).where(Ticket.code == code))).first()
        if taken is None:
            return code


async def open_ticket(
    session: AsyncSession,
    citizen: Citizen,
    content: Content,
    *,
    category: str,
    intent: str = "report",
    confidence: float | None = None,
    commune_code: str | None = None,
    procedure_id: str | None = None,
) -> Ticket:
    assert citizen.id is not None
    commune_code = commune_code or citizen.commune_code
    assert commune_code is not None, "a ticket needs a commune"
    kind = "question" if intent == "procedure" else "report"
    decision = await route(
        session,
        intent=intent,
        category=category,
        text=content.text,
        commune_code=commune_code,
        confidence=confidence,
        allow_ask=False,
    )
    department = await get_department(session, decision.commune, decision.department)
    assert department.id is not None
    commune = await session.get(Commune, commune_code)
    assert commune is not None
    now = utcnow()
    # Hazards (fire, collapse, deep flooding…) get the urgent clocks.
    priority = priority_for(content.text) if kind == "report" else "normal"
    claim_due, resolve_due = await ticket_deadlines(
        session,
        start=now,
        category=QUESTION if kind == "question" else category,
        priority=priority,
        province_code=commune.province_code,
        commune_code=commune_code,
        department_key=department.key,
    )
    ticket = Ticket(
        code=await unique_code(session, kind),
        kind=kind,
        citizen_id=citizen.id,
        commune_code=commune_code,
        department_id=department.id,
        intent=intent,
        category=category,
        priority=priority,
        text=content.text,
        latitude=content.location[0] if content.location else None,
        longitude=content.location[1] if content.location else None,
        nlu_confidence=confidence,
        procedure_id=procedure_id,
        created_at=now,
        updated_at=now,
        claim_due_at=claim_due,
        resolve_due_at=resolve_due,
    )
    session.add(ticket)
    await session.flush()
    assert ticket.id is not None
    await store_citizen_words(session, ticket, citizen, content)
    session.add(
        TicketEvent(
            ticket_id=ticket.id,
            actor_kind="citizen",
            actor_id=str(citizen.id),
            action="created",
            to_value="new",
            note=f"{intent}/{category} → {department.key}@{decision.commune}: "
            f"{decision.explanation}",
        )
    )
    await session.flush()

    chat = await department_chat(session, department.id)
    template = texts.QUESTION_RECEIVED if kind == "question" else texts.TICKET_RECEIVED
    receipt = template.format(
        code=ticket.code,
        department=department.name,
        commune=commune.name,
        deadline=render_deadline(resolve_due),
    )
    if chat is None:
        receipt += texts.TICKET_RECEIVED_QUEUED
    enqueue(
        session,
        citizen_chat(citizen),
        Outgoing(text=receipt),
        ticket_id=ticket.id,
        link_role="confirm",
    )
    if chat is not None:
        await post_card(session, ticket, chat)
    return ticket
