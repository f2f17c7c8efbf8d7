"""Digit answers: "2" means the second button of the last message with buttons sent to this
citizen. The offered actions are stored when sent, then run through the same use cases a
Telegram button press runs."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import choices
from handlers.actions import unpack
from storage.clock import utcnow
from storage.db import Database
from storage.models import Citizen, ZaloChoice
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


async def _commune(
    session: AsyncSession, citizen: Citizen, parts: list[str], settings: Settings
) -> str | None:
    if len(parts) != 1:
        return None
    return await choices.pick_commune(session, citizen, parts[0], settings)


async def _category(
    session: AsyncSession, citizen: Citizen, parts: list[str], _settings: Settings
) -> str | None:
    if len(parts) != 2:
        return None
    return await choices.pick_category(session, citizen, parts[0], parts[1])


async def _followup(
    session: AsyncSession, citizen: Citizen, parts: list[str], settings: Settings
) -> str | None:
    if len(parts) != 2:
        return None
    return await choices.pick_followup(session, citizen, parts[0], parts[1], settings)


async def _place(
    session: AsyncSession, citizen: Citizen, parts: list[str], settings: Settings
) -> str | None:
    pick_place = getattr(choices, "pick_place", None)
    if pick_place is None or len(parts) != 2:
        return None
    result: str | None = await pick_place(session, citizen, parts[0], parts[1], settings)
    return result


# The Telegram citizen_buttons router's kinds; a new button kind gets one line here.
PICKS: dict[str, Pick] = {"com": _commune, "cat": _category, "fu": _followup, "plc": _place}


async def run_action(
    session: AsyncSession, citizen: Citizen, action: str, settings: Settings
) -> tuple[bool, str | None]:
    """(handled, notice): ``handled`` is False for an action kind Zalo cannot run."""
    kind, parts = unpack(action)
    pick = PICKS.get(kind)
    if pick is None:
        return False, None
    return True, await pick(session, citizen, parts, settings)
