"""Digit answers: "2" means the second button of the last message with buttons sent to this
citizen. The offered actions are stored when sent, then run through the same use cases a
Telegram button press runs."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import choices, procedures, ratings
from handlers.actions import unpack
from handlers.citizens import citizen_chat, pending_draft
from handlers.errors import UserError
from handlers.outbox import say
from storage.clock import utcnow
from storage.db import Database
from storage.models import Citizen, Draft, ZaloChoice
from storage.settings import Settings

_DIGITS = re.compile(r"^\s*(?:số\s*)?(\d{1,2})\s*[.)]?\s*$", re.IGNORECASE)
Pick = Callable[[AsyncSession, Citizen, list[str], Settings], Awaitable[str | None]]


async def remember_choices(db: Database, chat_id: str, actions: list[str]) -> None:
    async with db.session() as session:
        row = await session.get(ZaloChoice, chat_id)
        if row is None:
            row = ZaloChoice(chat_id=chat_id)
        row.actions = list(actions)
        row.sent_at = utcnow()
        session.add(row)


def as_number(text: str) -> int | None:
    """ "2", " 2 ", "2." or "số 2" → 2; anything else is not a digit answer."""
    match = _DIGITS.match(text)
    return int(match.group(1)) if match else None


async def offered(session: AsyncSession, chat_id: str) -> list[str]:
    row = await session.get(ZaloChoice, chat_id)
    return list(row.actions) if row is not None else []


async def forget(session: AsyncSession, chat_id: str) -> None:
    row = await session.get(ZaloChoice, chat_id)
    if row is not None:
        await session.delete(row)


def _plain(use_case: Callable[..., Awaitable[str | None]], size: int) -> Pick:
    """A use case taken as (session, citizen, *parts), like the Telegram button handlers."""

    async def pick(
        session: AsyncSession, citizen: Citizen, parts: list[str], _settings: Settings
    ) -> str | None:
        if len(parts) != size:
            return None
        return await use_case(session, citizen, *parts)

    return pick


def _with_settings(use_case: Callable[..., Awaitable[str | None]], size: int) -> Pick:
    async def pick(
        session: AsyncSession, citizen: Citizen, parts: list[str], settings: Settings
    ) -> str | None:
        if len(parts) != size:
            return None
        return await use_case(session, citizen, *parts, settings)

    return pick


REOPEN_AWAITING = "zalo_reopen"


async def _rate(
    session: AsyncSession, citizen: Citizen, parts: list[str], _settings: Settings
) -> str | None:
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    try:
        await ratings.rate(session, citizen, int(parts[0]), int(parts[1]))
    except UserError as exc:
        return str(exc)
    return None  # rate() thanks the citizen itself


async def _reopen(
    session: AsyncSession, citizen: Citizen, parts: list[str], _settings: Settings
) -> str | None:
    """Like Telegram's «Chưa được giải quyết»: the next message says what is left to do."""
    if len(parts) != 1 or not parts[0].isdigit():
        return None
    try:
        ticket = await ratings.ask_reopen(session, citizen, int(parts[0]))
    except UserError as exc:
        return str(exc)
    assert citizen.id is not None
    session.add(Draft(citizen_id=citizen.id, awaiting=REOPEN_AWAITING, ticket_id=ticket.id))
    return None


async def take_reopen_comment(session: AsyncSession, citizen: Citizen, text: str) -> bool:
    """True when this text was the comment a reopen was waiting for (and it was used)."""
    draft = await pending_draft(session, citizen, REOPEN_AWAITING)
    if draft is None:
        return False
    await session.delete(draft)
    if not text.strip():
        return False
    try:
        await ratings.reopen(session, citizen, draft.ticket_id or 0, text)
    except UserError as exc:
        say(session, citizen_chat(citizen), str(exc))
    return True


# The Telegram citizen button routers' kinds; a new button kind gets one line here.
PICKS: dict[str, Pick] = {
    "com": _with_settings(choices.pick_commune, 1),
    "cat": _plain(choices.pick_category, 2),
    "fu": _with_settings(choices.pick_followup, 2),
    "plc": _with_settings(choices.pick_place, 2),
    "pb": _plain(procedures.browse_field, 1),
    "pp": _plain(procedures.pick_procedure, 1),
    "pc": _plain(procedures.pick_choice, 2),
    "pf": _plain(procedures.give_feedback, 2),
    "rt": _rate,
    "ro": _reopen,
}


async def run_action(
    session: AsyncSession, citizen: Citizen, action: str, settings: Settings
) -> tuple[bool, str | None]:
    """(handled, notice): ``handled`` is False for an action kind Zalo cannot run."""
    kind, parts = unpack(action)
    pick = PICKS.get(kind)
    if pick is None:
        return False, None
    return True, await pick(session, citizen, parts, settings)
