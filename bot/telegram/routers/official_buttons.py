"""Officials pressing buttons on a ticket card, and on the small menus those open.

Every press is checked (`ticket_actions.authorize`): a stranger, or a card of a ticket that
moved meanwhile, gets an alert and nothing changes.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram import keyboards
from bot.telegram.routers.official_commands import OfficialInput, transfer_to_commune
from handlers import cards, texts
from handlers.actions import unpack
from handlers.errors import UserError
from handlers.lifecycle import IllegalTransition, target_status
from handlers.official_views import PAGE_BUTTON, open_tickets
from handlers.outbox import Recipient, say
from handlers.ticket_actions import (
    authorize,
    claim,
    proof_required,
    reject,
)
from handlers.transfers import other_departments, transfer
from storage.models import Department, Ticket

log = logging.getLogger(__name__)
CHANNEL = "telegram"


def _here(query: CallbackQuery) -> Recipient:
    message = query.message
    assert message is not None
    thread = getattr(message, "message_thread_id", None)
    topic = getattr(message, "is_topic_message", None)
    return Recipient(CHANNEL, str(message.chat.id), thread if topic else None)


def _check(ticket: Ticket, action: str) -> None:
    if target_status(action, ticket.status) is None:
        raise IllegalTransition(ticket, action)


async def _card_button(
    query: CallbackQuery, session: AsyncSession, state: FSMContext, verb: str, ticket_id: int
) -> str | None:
    here = _here(query)
    ticket, official = await authorize(session, ticket_id, query.from_user.id, here)
    name, code = official.name, ticket.code
    if verb == cards.CLAIM:
        return await claim(session, ticket, official)
    if verb == cards.TRANSFER_DEPT:
        _check(ticket, "transfer")
        choices = await other_departments(session, ticket)
        if not choices:
            return texts.NO_OTHER_DEPARTMENT
        say(
            session,
            here,
            texts.PICK_DEPARTMENT.format(code=code),
            buttons=keyboards.departments(ticket_id, choices),
        )
    elif verb == cards.TRANSFER_COMMUNE:
        _check(ticket, "transfer")
        await state.set_state(OfficialInput.commune_query)
        await state.set_data({"ticket_id": ticket_id, "code": code})
        say(session, here, texts.ASK_COMMUNE_NAME.format(name=name, code=code))
    elif verb == cards.EXTEND:
        _check(ticket, "extend")
        say(
            session,
            here,
            texts.PICK_EXTENSION.format(code=code),
            buttons=keyboards.extensions(ticket_id),
        )
    elif verb == cards.RESOLVE:
        _check(ticket, "resolve")
        await state.set_state(OfficialInput.resolve_result)
        await state.set_data({"ticket_id": ticket_id, "code": code})
        prompt = texts.ASK_RESULT.format(name=name, code=code)
        if await proof_required(session, ticket.category):
            prompt += "\n" + texts.PROOF_HINT
        say(session, here, prompt)
    elif verb == cards.REJECT:
        _check(ticket, "reject")
        say(
            session,
            here,
            texts.PICK_REJECT_REASON.format(code=code),
            buttons=keyboards.reject_reasons(ticket_id),
        )
    else:
        return texts.OLD_BUTTON
    return None


async def _menu_button(
    query: CallbackQuery,
    session: AsyncSession,
    state: FSMContext,
    kind: str,
    ticket_id: int,
    choice: str,
) -> str | None:
    here = _here(query)
    user = query.from_user.id
    if kind == keyboards.TO_COMMUNE:
        notice = await transfer_to_commune(session, here, user, ticket_id, choice)
        say(session, here, notice)
        return None
    ticket, official = await authorize(session, ticket_id, user, here)
    if kind == keyboards.TO_DEPARTMENT:
        target = await session.get(Department, int(choice)) if choice.isdigit() else None
        if target is None or target.commune_code != ticket.commune_code:
            return texts.OLD_BUTTON
        say(session, here, await transfer(session, ticket, official, target))
    elif kind == keyboards.EXTEND_BY:
        _check(ticket, "extend")
        await state.set_state(OfficialInput.extend_reason)
        await state.set_data({"ticket_id": ticket_id, "code": ticket.code, "duration": choice})
        say(session, here, texts.ASK_EXTEND_REASON.format(name=official.name, code=ticket.code))
    elif kind == keyboards.REJECT_FOR:
        _check(ticket, "reject")
        if choice not in texts.REJECT_REASONS:
            return texts.OLD_BUTTON
        if choice == "dup":
            await state.set_state(OfficialInput.reject_detail)
            await state.set_data({"ticket_id": ticket_id, "code": ticket.code, "reason": choice})
            say(
                session,
                here,
                texts.ASK_DUPLICATE_CODE.format(name=official.name, code=ticket.code),
            )
        else:
            say(session, here, await reject(session, ticket, official, choice))
    else:
        return texts.OLD_BUTTON
    return None


async def handle_official_button(
    query: CallbackQuery, session: AsyncSession, state: FSMContext
) -> None:
    kind, parts = unpack(query.data or "")
    try:
        if kind == cards.OFFICIAL_BUTTON and len(parts) == 2 and parts[1].isdigit():
            notice = await _card_button(query, session, state, parts[0], int(parts[1]))
        elif len(parts) == 2 and parts[0].isdigit():
            notice = await _menu_button(query, session, state, kind, int(parts[0]), parts[1])
        else:
            notice = texts.OLD_BUTTON
    except UserError as exc:
        log.info("official button %s refused for user %s", kind, query.from_user.id)
        await query.answer(str(exc)[:200], show_alert=True)
        return
    await query.answer(notice)


async def handle_page_button(query: CallbackQuery, session: AsyncSession) -> None:
    _, parts = unpack(query.data or "")
    if len(parts) == 1 and parts[0].isdigit():
        await open_tickets(session, _here(query), query.from_user.id, int(parts[0]))
    await query.answer()


def create_router() -> Router:
    """A fresh router per dispatcher (a router can belong to one dispatcher only)."""
    router = Router(name="official_buttons")
    router.callback_query.filter(F.message.chat.type.in_({"group", "supergroup"}))
    prefixes = (cards.OFFICIAL_BUTTON, *keyboards.MENU_KINDS)
    router.callback_query.register(
        handle_official_button, F.data.func(lambda d: d.split(":", 1)[0] in prefixes)
    )
    router.callback_query.register(handle_page_button, F.data.startswith(f"{PAGE_BUTTON}:"))
    return router
