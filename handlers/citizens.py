"""Citizens: who they are on each channel, and which commune they live in."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.inbound import CitizenMessage
from handlers.outbox import Recipient, say
from storage.models import Citizen, Commune, Draft

MAX_QUERY = 120


async def get_or_create_citizen(session: AsyncSession, msg: CitizenMessage) -> Citizen:
    citizen = (
        await session.exec(
            select(Citizen).where(
                Citizen.channel == msg.channel, Citizen.external_id == msg.user_id
            )
        )
    ).first()
    if citizen is None:
        citizen = Citizen(
            channel=msg.channel,
            external_id=msg.user_id,
            chat_id=msg.chat_id,
            display_name=msg.display_name,
        )
        session.add(citizen)
        await session.flush()
    elif citizen.chat_id != msg.chat_id:
        citizen.chat_id = msg.chat_id
        session.add(citizen)
    return citizen


def citizen_chat(citizen: Citizen) -> Recipient:
    return Recipient(citizen.channel, citizen.chat_id)


async def pending_draft(session: AsyncSession, citizen: Citizen, awaiting: str) -> Draft | None:
    assert citizen.id is not None
    return (
        await session.exec(
            select(Draft)
            .where(Draft.citizen_id == citizen.id, Draft.awaiting == awaiting)
            .order_by(col(Draft.id).desc())
        )
    ).first()


async def ask_commune(session: AsyncSession, citizen: Citizen, *, greet: bool = False) -> None:
    """Ask for the commune; a marker draft remembers that the next text is a place name."""
    assert citizen.id is not None
    if await pending_draft(session, citizen, "commune") is None:
        session.add(Draft(citizen_id=citizen.id, awaiting="commune"))
    if greet:
        say(session, citizen_chat(citizen), texts.WELCOME)
    say(session, citizen_chat(citizen), texts.ASK_COMMUNE)


async def search_commune(session: AsyncSession, citizen: Citizen, query: str) -> None:
    """Offer the communes matching what the citizen typed, as buttons."""
    from nlu.places import find_units

    query = query.strip()[:MAX_QUERY]
    province = None
    if citizen.commune_code:
        current = await session.get(Commune, citizen.commune_code)
        province = current.province_code if current else None
    matches = find_units(query, province_code=province, limit=6) if query else []
    if not matches:
        say(session, citizen_chat(citizen), texts.COMMUNE_NOT_FOUND.format(query=query))
        return
    buttons = []
    for unit in matches:
        label = f"{unit.ward_name}, {unit.province_name}"
        if unit.via_old_name:
            label += f" (trước đây: {unit.via_old_name.split(',')[0]})"
        buttons.append([Button(label, pack("com", unit.ward_code))])
    say(session, citizen_chat(citizen), texts.COMMUNE_CHOICES, buttons=buttons)


async def set_commune(session: AsyncSession, citizen: Citizen, code: str) -> Draft | None:
    """Remember the commune; returns a draft that was waiting for it, if any."""
    commune = await session.get(Commune, code)
    if commune is None:
        say(session, citizen_chat(citizen), texts.COMMUNE_UNKNOWN_CODE)
        return None
    citizen.commune_code = code
    session.add(citizen)
    say(
        session,
        citizen_chat(citizen),
        texts.COMMUNE_SET.format(commune=commune.name, province=commune.province_name),
    )
    waiting = await pending_draft(session, citizen, "commune")
    if waiting is not None:
        await session.delete(waiting)
        if waiting.text or waiting.photos or waiting.latitude is not None:
            return waiting
    return None
