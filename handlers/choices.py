"""Citizens' button presses: commune, category, follow-up or new report.

Each returns the short notice to show on the button (or ``None``); an old or foreign button
changes nothing.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.citizens import set_commune
from handlers.drafts import content_of
from handlers.followup import append_to_ticket
from handlers.ticket_open import open_ticket
from handlers.understand import act_on, ask_category
from nlu.types import CATEGORIES
from storage.models import Citizen, Draft, Ticket
from storage.settings import Settings


async def _own_draft(
    session: AsyncSession, citizen: Citizen, draft_id: str, awaiting: str
) -> Draft | None:
    if not draft_id.isdigit():
        return None
    draft = await session.get(Draft, int(draft_id))
    if draft is None or draft.citizen_id != citizen.id or draft.awaiting != awaiting:
        return None
    return draft


async def pick_commune(
    session: AsyncSession, citizen: Citizen, code: str, settings: Settings
) -> str | None:
    waiting = await set_commune(session, citizen, code)
    if waiting is not None:
        await act_on(session, citizen, content_of(waiting), settings)
    return None


async def pick_category(
    session: AsyncSession, citizen: Citizen, draft_id: str, category: str
) -> str | None:
    draft = await _own_draft(session, citizen, draft_id, "category")
    if draft is None:
        return texts.DRAFT_GONE
    if category == "all":
        await session.delete(draft)
        await ask_category(
            session, citizen, content_of(draft), [], commune_code=draft.commune_code
        )
        return None
    if category not in CATEGORIES:
        return texts.OLD_BUTTON
    await session.delete(draft)
    await open_ticket(
        session,
        citizen,
        content_of(draft),
        category=category,
        confidence=1.0,
        commune_code=draft.commune_code,
    )
    return None


async def pick_place(
    session: AsyncSession, citizen: Citizen, draft_id: str, choice: str, settings: Settings
) -> str | None:
    """The citizen said which commune the message is about (or their own)."""
    draft = await _own_draft(session, citizen, draft_id, "place")
    if draft is None:
        return texts.DRAFT_GONE
    if choice == "own":
        commune_code = citizen.commune_code
    elif choice in draft.suggestions:
        commune_code = choice
    else:
        return texts.OLD_BUTTON  # a code that was never offered: forged or stale
    await session.delete(draft)
    await act_on(session, citizen, content_of(draft), settings, commune_code=commune_code)
    return None


async def pick_followup(
    session: AsyncSession, citizen: Citizen, draft_id: str, choice: str, settings: Settings
) -> str | None:
    draft = await _own_draft(session, citizen, draft_id, "followup")
    if draft is None:
        return texts.DRAFT_GONE
    await session.delete(draft)
    content = content_of(draft)
    ticket = await session.get(Ticket, draft.ticket_id) if draft.ticket_id else None
    if choice == "a" and ticket is not None and ticket.citizen_id == citizen.id:
        await append_to_ticket(session, citizen, ticket, content)
        return None
    if not content.text:
        # Photos alone are not yet a report: keep them and ask what they show.
        from handlers.citizens import citizen_chat
        from handlers.drafts import save_draft
        from handlers.outbox import say

        await save_draft(session, citizen, "details", content)
        say(session, citizen_chat(citizen), texts.PHOTO_NEEDS_TEXT)
        return None
    await act_on(session, citizen, content, settings)
    return None
