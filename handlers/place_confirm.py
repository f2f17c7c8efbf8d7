"""When a message names another commune than the citizen's own, one tap decides where it goes.

Guessing would send a citizen's report to the wrong People's Committee; asking costs one tap.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.citizens import citizen_chat
from handlers.drafts import save_draft
from handlers.outbox import say
from handlers.ticket_open import Content
from nlu.types import Prediction
from storage.models import Citizen, Commune

MAX_CHOICES = 5


async def _served(session: AsyncSession, codes: list[str]) -> list[Commune]:
    """Only communes loaded with `motcua units sync` can receive tickets."""
    found = [await session.get(Commune, code) for code in codes]
    return [c for c in found if c is not None]


async def place_question_needed(
    session: AsyncSession, citizen: Citizen, prediction: Prediction
) -> list[Commune]:
    """The communes to offer, or [] when the message is about the citizen's own commune."""
    if prediction.ward_code is not None:
        if prediction.ward_code == citizen.commune_code:
            return []
        return await _served(session, [prediction.ward_code])
    candidates = [c for c in prediction.ward_candidates if c != citizen.commune_code]
    if citizen.commune_code in prediction.ward_candidates:
        return []  # the citizen's own commune is one of the places meant: no question
    return (await _served(session, candidates))[:MAX_CHOICES]


async def ask_place(
    session: AsyncSession,
    citizen: Citizen,
    content: Content,
    choices: list[Commune],
    prediction: Prediction,
) -> None:
    draft = await save_draft(
        session, citizen, "place", content, suggestions=[c.code for c in choices]
    )
    assert draft.id is not None
    own = await session.get(Commune, citizen.commune_code) if citizen.commune_code else None
    buttons = [
        [
            Button(
                texts.PLACE_NAMED.format(name=f"{c.name}, {c.province_name}")[:60],
                pack("plc", draft.id, c.code),
            )
        ]
        for c in choices
    ]
    if own is not None:
        buttons.append(
            [Button(texts.PLACE_OWN.format(name=own.name)[:60], pack("plc", draft.id, "own"))]
        )
    phrase = next((e.value for e in prediction.entities if e.kind == "place"), "")
    if len(choices) == 1 and prediction.ward_code is not None:
        question = texts.ASK_PLACE_OTHER.format(
            named=f"{choices[0].name}, {choices[0].province_name}"
        )
    else:
        question = texts.ASK_PLACE_AMBIGUOUS.format(phrase=phrase)
    say(session, citizen_chat(citizen), question, buttons=buttons)
