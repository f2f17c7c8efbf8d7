"""Understanding a new message and acting on it: a ticket, a question, an answer, or a
question back to the citizen when the NLU is not sure."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.citizens import citizen_chat
from handlers.drafts import save_draft
from handlers.followup import ask_followup
from handlers.outbox import say
from handlers.place_confirm import ask_place, place_question_needed
from handlers.procedures import answer_procedure
from handlers.routing import route
from handlers.status_lookup import check_status, code_in
from handlers.ticket_open import Content, open_ticket
from nlu.types import CATEGORIES, Prediction
from storage.models import Citizen, Ticket
from storage.settings import Settings

log = logging.getLogger(__name__)
SUGGESTIONS = 3


async def act_on(
    session: AsyncSession,
    citizen: Citizen,
    content: Content,
    settings: Settings,
    *,
    commune_code: str | None = None,
    recent: Ticket | None = None,
) -> None:
    """``commune_code`` is set once the citizen confirmed which commune the message is about;
    ``recent`` is a ticket the citizen filed moments ago: a new report may really be more
    about it, so the citizen is asked (a thank-you or a question is simply answered)."""
    from nlu.pipeline import parse_async

    prediction = await parse_async(content.text, ward_code=citizen.commune_code)
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
    if recent is not None:
        await ask_followup(session, citizen, recent, content)
        return
    if commune_code is None:
        other_places = await place_question_needed(session, citizen, prediction)
        if other_places:
            await ask_place(session, citizen, content, other_places, prediction)
            return
    category = prediction.category
    if (
        sure
        and intent == "report"
        and category in CATEGORIES
        and _clear(prediction, settings)
        and not await _rules_say_ask(session, citizen, content, prediction, commune_code)
    ):
        await open_ticket(
            session,
            citizen,
            content,
            category=category,
            confidence=prediction.confidence,
            commune_code=commune_code,
        )
        return
    # Not sure what this is: the citizen decides, nothing is guessed.
    suggestions = [c for c, _ in prediction.top_categories if c in CATEGORIES][:SUGGESTIONS]
    await ask_category(session, citizen, content, suggestions, commune_code=commune_code)


async def _rules_say_ask(
    session: AsyncSession,
    citizen: Citizen,
    content: Content,
    prediction: Prediction,
    commune_code: str | None,
) -> bool:
    """An admin's "ask the citizen" routing rule matched: the citizen picks the category."""
    where = commune_code or citizen.commune_code
    if where is None:
        return False
    decision = await route(
        session,
        intent="report",
        category=prediction.category,
        text=content.text,
        commune_code=where,
        confidence=prediction.confidence,
    )
    return decision.ask


def _clear(prediction: Prediction, settings: Settings) -> bool:
    """One category stands out: likely enough, and well ahead of the runner-up."""
    ranked = [p for _, p in prediction.top_categories]
    if not ranked:
        return prediction.confidence >= settings.nlu_confidence_threshold
    ahead = ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)
    return ranked[0] >= settings.nlu_confidence_threshold and ahead >= settings.nlu_category_margin


async def ask_category(
    session: AsyncSession,
    citizen: Citizen,
    content: Content,
    suggestions: list[str],
    *,
    commune_code: str | None = None,
) -> None:
    """The fallback that always works: the citizen picks the category from buttons."""
    draft = await save_draft(session, citizen, "category", content, suggestions=suggestions)
    draft.commune_code = commune_code
    assert draft.id is not None
    shown = suggestions or list(CATEGORIES)
    buttons = [[Button(texts.CATEGORY_LABELS[c], pack("cat", draft.id, c))] for c in shown]
    if suggestions:
        buttons.append([Button(texts.SHOW_ALL_CATEGORIES, pack("cat", draft.id, "all"))])
    say(session, citizen_chat(citizen), texts.ASK_CATEGORY, buttons=buttons)
