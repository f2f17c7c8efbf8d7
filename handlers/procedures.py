"""Answering "what papers do I need?": one answer card, a one-tap choice between close
procedures, or the question handed to the commune's one-stop desk.

The question and the procedures shown are kept in a ``procedure`` draft so the buttons
stay short (``pf:<draft>:y``) and "Hỏi cán bộ" still has the citizen's own words.
"""

from __future__ import annotations

import html
from dataclasses import replace

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import texts
from handlers.actions import Button, pack
from handlers.citizens import ask_commune, citizen_chat
from handlers.drafts import save_draft
from handlers.inbound import clean_text
from handlers.outbox import say
from handlers.procedure_local import local_base
from handlers.ticket_open import Content, open_ticket
from nlu.procedures import (
    MatchKind,
    Procedure,
    ProcedureBase,
    ambiguous_choices,
    classify_match,
    fields,
    render_answer,
    search,
)
from nlu.types import CATEGORIES
from storage.models import Citizen, Draft, ProcedureFeedback, Ticket

AWAITING = "procedure"
SEARCH_DEPTH = 5
MAX_QUERY = 200
VOTES = {"y": "helpful", "n": "not_helpful"}


async def _draft(
    session: AsyncSession, citizen: Citizen, question: str, shown: list[str]
) -> Draft:
    return await save_draft(session, citizen, AWAITING, Content(text=question), suggestions=shown)


async def show_answer(
    session: AsyncSession, citizen: Citizen, proc: Procedure, question: str = ""
) -> None:
    """The answer card with its three buttons (feedback, or a person)."""
    draft = await _draft(session, citizen, question, [proc.id])
    assert draft.id is not None
    buttons = [
        [
            Button(texts.PROC_HELPFUL, pack("pf", draft.id, "y")),
            Button(texts.PROC_NOT_HELPFUL, pack("pf", draft.id, "n")),
        ],
        [Button(texts.PROC_ASK_OFFICIAL, pack("pf", draft.id, "ask"))],
    ]
    # The card is HTML-escaped for channels that parse HTML; ours send plain text.
    card = html.unescape(render_answer(proc))
    say(session, citizen_chat(citizen), card, buttons=buttons)


async def answer_procedure(
    session: AsyncSession,
    citizen: Citizen,
    content: Content,
    *,
    category: str | None = None,
    confidence: float | None = None,
) -> MatchKind:
    """Answer a ``procedure`` message from the citizen's commune's knowledge base."""
    content = replace(content, text=clean_text(content.text))
    base = await local_base(session, citizen.commune_code)
    field = category if category in CATEGORIES and category != "other" else None
    matches = search(content.text, category=field, limit=SEARCH_DEPTH, base=base)
    kind = classify_match(matches)
    if kind == "clear":
        await show_answer(session, citizen, matches[0].procedure, content.text)
    elif kind == "ambiguous":
        choices = [m.procedure for m in ambiguous_choices(matches)]
        await offer_choice(session, citizen, choices, content.text)
    else:
        await ask_official(
            session,
            citizen,
            content,
            procedure=None,
            category=field or "other",
            confidence=confidence,
        )
    return kind


async def offer_choice(
    session: AsyncSession, citizen: Citizen, procs: list[Procedure], question: str
) -> None:
    draft = await _draft(session, citizen, question, [p.id for p in procs])
    assert draft.id is not None
    buttons = [[Button(p.name_vi[:60], pack("pc", draft.id, n))] for n, p in enumerate(procs)]
    buttons.append([Button(texts.PROC_NONE_OF_THESE, pack("pc", draft.id, "ask"))])
    say(session, citizen_chat(citizen), texts.PROC_CHOOSE, buttons=buttons)


async def ask_official(
    session: AsyncSession,
    citizen: Citizen,
    content: Content,
    *,
    procedure: Procedure | None,
    category: str,
    confidence: float | None = None,
) -> Ticket | None:
    """A question ticket for the commune's one-stop desk, counted against the procedure."""
    if citizen.commune_code is None:  # browsing before choosing a commune
        say(session, citizen_chat(citizen), texts.PROC_NEED_COMMUNE)
        await ask_commune(session, citizen)
        return None
    text = content.text.strip()
    if procedure is not None:
        note = (texts.PROC_ASKED_AFTER if text else texts.PROC_ASK_ABOUT).format(
            name=procedure.name_vi
        )
        text = f"{text}\n\n{note}" if text else note
    ticket = await open_ticket(
        session,
        citizen,
        Content(text=text, photos=content.photos, location=content.location),
        category=procedure.category if procedure else category,
        intent="procedure",
        confidence=confidence,
        procedure_id=procedure.id if procedure else None,
    )
    assert citizen.id is not None
    session.add(
        ProcedureFeedback(
            procedure_id=procedure.id if procedure else None,
            citizen_id=citizen.id,
            commune_code=citizen.commune_code,
            verdict="asked",
            ticket_id=ticket.id,
        )
    )
    return ticket


async def _own_draft(session: AsyncSession, citizen: Citizen, draft_id: str) -> Draft | None:
    if not draft_id.isdigit():
        return None
    draft = await session.get(Draft, int(draft_id))
    if draft is None or draft.citizen_id != citizen.id or draft.awaiting != AWAITING:
        return None
    return draft


async def _procedure(session: AsyncSession, citizen: Citizen, pid: str) -> Procedure | None:
    base: ProcedureBase = await local_base(session, citizen.commune_code)
    return base.get(pid)


async def pick_choice(
    session: AsyncSession, citizen: Citizen, draft_id: str, choice: str
) -> str | None:
    """A tap on one of the close procedures (or on "none of these"); returns a notice."""
    draft = await _own_draft(session, citizen, draft_id)
    if draft is None:
        return texts.OLD_BUTTON
    if choice == "ask":
        first = (
            await _procedure(session, citizen, draft.suggestions[0]) if draft.suggestions else None
        )
        return await _escalate(session, citizen, draft, None, first.category if first else "other")
    if not choice.isdigit() or int(choice) >= len(draft.suggestions):
        return texts.OLD_BUTTON
    proc = await _procedure(session, citizen, draft.suggestions[int(choice)])
    if proc is None:
        return texts.PROC_GONE
    await show_answer(session, citizen, proc, draft.text)
    return None


async def give_feedback(
    session: AsyncSession, citizen: Citizen, draft_id: str, verdict: str
) -> str | None:
    """Hữu ích / Chưa đúng ý tôi / Hỏi cán bộ under an answer card; returns a notice."""
    draft = await _own_draft(session, citizen, draft_id)
    if draft is None or len(draft.suggestions) != 1:
        return texts.OLD_BUTTON
    proc = await _procedure(session, citizen, draft.suggestions[0])
    if verdict == "ask":
        return await _escalate(session, citizen, draft, proc, proc.category if proc else "other")
    if verdict not in VOTES:
        return texts.OLD_BUTTON
    assert citizen.id is not None
    pid = draft.suggestions[0]
    vote = (
        await session.exec(
            select(ProcedureFeedback).where(
                ProcedureFeedback.citizen_id == citizen.id,
                ProcedureFeedback.procedure_id == pid,
                col(ProcedureFeedback.verdict).in_(VOTES.values()),
            )
        )
    ).first()
    if vote is None:
        vote = ProcedureFeedback(
            procedure_id=pid,
            citizen_id=citizen.id,
            commune_code=citizen.commune_code,
            verdict=VOTES[verdict],
        )
    vote.verdict = VOTES[verdict]
    session.add(vote)
    return texts.PROC_THANKS if verdict == "y" else texts.PROC_SORRY


async def _escalate(
    session: AsyncSession, citizen: Citizen, draft: Draft, proc: Procedure | None, category: str
) -> str | None:
    if draft.ticket_id is not None:  # a second tap must not open a second ticket
        earlier = await session.get(Ticket, draft.ticket_id)
        return texts.PROC_ALREADY_ASKED.format(code=earlier.code if earlier else "")
    ticket = await ask_official(
        session, citizen, Content(text=draft.text), procedure=proc, category=category
    )
    if ticket is not None:
        draft.ticket_id = ticket.id
        session.add(draft)
    return None


def field_buttons() -> list[list[Button]]:
    return [[Button(label[:60], pack("pb", cat))] for cat, label in fields()]


async def browse_fields(session: AsyncSession, citizen: Citizen) -> None:
    say(session, citizen_chat(citizen), texts.PROC_BROWSE_FIELDS, buttons=field_buttons())


async def browse_field(session: AsyncSession, citizen: Citizen, category: str) -> str | None:
    """The procedures of one field as buttons (the citizen's commune's own ones included)."""
    base = await local_base(session, citizen.commune_code)
    procs = base.by_category(category)
    if not procs:
        return texts.OLD_BUTTON
    label = dict(fields(base)).get(category, category)
    buttons = []
    for proc in procs:
        try:
            buttons.append([Button(proc.name_vi[:60], pack("pp", proc.id))])
        except ValueError:  # a local id too long for a button: found by searching instead
            continue
    say(
        session, citizen_chat(citizen), texts.PROC_BROWSE_LIST.format(field=label), buttons=buttons
    )
    return None


async def pick_procedure(session: AsyncSession, citizen: Citizen, pid: str) -> str | None:
    proc = await _procedure(session, citizen, pid)
    if proc is None:
        return texts.PROC_GONE
    await show_answer(session, citizen, proc)
    return None


async def search_procedures(session: AsyncSession, citizen: Citizen, query: str) -> None:
    """``/thu_tuc khai sinh``: the best matches to tap, or the fields when nothing matches."""
    query = clean_text(query)[:MAX_QUERY]
    if not query:
        await browse_fields(session, citizen)
        return
    base = await local_base(session, citizen.commune_code)
    matches = search(query, limit=SEARCH_DEPTH, base=base)
    kind = classify_match(matches)
    if kind == "clear":
        await show_answer(session, citizen, matches[0].procedure, query)
    elif kind == "ambiguous":
        choices = [m.procedure for m in ambiguous_choices(matches)]
        await offer_choice(session, citizen, choices, query)
    else:
        say(
            session,
            citizen_chat(citizen),
            texts.PROC_SEARCH_EMPTY.format(query=query),
            buttons=field_buttons(),
        )
