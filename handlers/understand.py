"""Understanding a new message and acting on it: a ticket, a question, an answer, or a
question back to the citizen when the NLU is not sure."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.citizens import citizen_chat
from handlers.drafts import save_draft
from handlers.outbox import say
from handlers.procedures import answer_procedure
from handlers.status_lookup import check_status, code_in
from handlers.ticket_open import Content, open_ticket
from nlu.types import CATEGORIES
from storage.models import Citizen
from storage.settings import Settings

log = logging.getLogger(__name__)
SUGGESTIONS = 3


async def act_on(
    session: AsyncSession, citizen: Citizen, content: Content, settings: Settings
) -> None:
    from nlu.pipeline import parse

    prediction = parse(content.text, ward_code=citizen.commune_code)
    log.info(
        "nlu intent=%s category=%s confidence=%.2f",
        prediction.intent,
        prediction.category,
        prediction.confidence,
    )
    intent = prediction.intent
    if content.photos or content.location:
        intent = "report"  # a photo of a problem is a report, whatever the words say
    sure = prediction.intent_confidence >= settings.nlu_confidence_threshold
    chat = citizen_chat(citizen)
    if sure and intent == "smalltalk":
        say(session, chat, texts.SMALLTALK_REPLY)
        return
    if sure and intent == "out_of_scope":
        say(session, chat, texts.OUT_OF_SCOPE_REPLY)
        return
    if intent == "status" and (sure or code_in(content.text)[1] is not None):
        await check_status(session, citizen, content.text)
        return
    if sure and intent == "procedure":
        category = prediction.category if prediction.category in CATEGORIES else "other"
        await answer_procedure(
            session, citizen, content, category=category, confidence=prediction.confidence
        )
        return
    category = prediction.category
    if (
        sure
        and intent == "report"
        and category in CATEGORIES
        and prediction.confidence >= settings.nlu_confidence_threshold
    ):
        await open_ticket(
            session, citizen, content, category=category, confidence=prediction.confidence
        )
        return
    # Not sure what this is: the citizen decides, nothing is guessed.
    suggestions = [c for c, _ in prediction.top_categories if c in CATEGORIES][:SUGGESTIONS]
    await ask_category(session, citizen, content, suggestions)


async def ask_category(
    session: AsyncSession, citizen: Citizen, content: Content, suggestions: list[str]
) -> None:
    """The fallback that always works: the citizen picks the category from buttons."""
    draft = await save_draft(session, citizen, "category", content, suggestions=suggestions)
    assert draft.id is not None
    shown = suggestions or list(CATEGORIES)
    buttons = [[Button(texts.CATEGORY_LABELS[c], pack("cat", draft.id, c))] for c in shown]
    if suggestions:
        buttons.append([Button(texts.SHOW_ALL_CATEGORIES, pack("cat", draft.id, "all"))])
    say(session, citizen_chat(citizen), texts.ASK_CATEGORY, buttons=buttons)
