"""Citizens' button presses: commune, category, follow-up or new report."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram.convert import citizen_identity
from handlers import texts
from handlers.actions import unpack
from handlers.choices import pick_category, pick_commune, pick_followup, pick_place
from handlers.citizens import get_or_create_citizen
from storage.models import Citizen
from storage.settings import Settings


async def _citizen(query: CallbackQuery, session: AsyncSession) -> Citizen:
    chat_id = query.message.chat.id if query.message else query.from_user.id
    identity = citizen_identity(query.from_user.id, chat_id, query.from_user.full_name)
    return await get_or_create_citizen(session, identity)


async def handle_commune_pick(
    query: CallbackQuery, session: AsyncSession, settings: Settings
) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 1:
        notice = await pick_commune(session, await _citizen(query, session), parts[0], settings)
    await query.answer(notice)


async def handle_category_pick(query: CallbackQuery, session: AsyncSession) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 2:
        notice = await pick_category(session, await _citizen(query, session), parts[0], parts[1])
    await query.answer(notice)


async def handle_followup_pick(
    query: CallbackQuery, session: AsyncSession, settings: Settings
) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 2:
        citizen = await _citizen(query, session)
        notice = await pick_followup(session, citizen, parts[0], parts[1], settings)
    await query.answer(notice)


async def handle_place_pick(
    query: CallbackQuery, session: AsyncSession, settings: Settings
) -> None:
    _, parts = unpack(query.data or "")
    notice: str | None = texts.OLD_BUTTON
    if len(parts) == 2:
        citizen = await _citizen(query, session)
        notice = await pick_place(session, citizen, parts[0], parts[1], settings)
    await query.answer(notice)


def create_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="citizen_buttons")
    router.callback_query.filter(F.message.chat.type == "private")
    router.callback_query.register(handle_commune_pick, F.data.startswith("com:"))
    router.callback_query.register(handle_category_pick, F.data.startswith("cat:"))
    router.callback_query.register(handle_followup_pick, F.data.startswith("fu:"))
    router.callback_query.register(handle_place_pick, F.data.startswith("plc:"))
    return router
