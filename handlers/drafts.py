"""Drafts keep what a citizen wrote while the bot asks something about it."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.inbound import Photo
from handlers.ticket_open import Content
from storage.models import Citizen, Draft


async def save_draft(
    session: AsyncSession,
    citizen: Citizen,
    awaiting: str,
    content: Content,
    *,
    into: Draft | None = None,
    ticket_id: int | None = None,
    suggestions: list[str] | None = None,
) -> Draft:
    """Create a draft, or add the new content to an existing one (nothing is dropped)."""
    assert citizen.id is not None
    draft = into or Draft(citizen_id=citizen.id, awaiting=awaiting, ticket_id=ticket_id)
    if content.text:
        draft.text = f"{draft.text}\n{content.text}".strip() if draft.text else content.text
    if content.photos:
        draft.photos = [
            *draft.photos,
            *({"file_id": p.file_id, "file_unique_id": p.file_unique_id} for p in content.photos),
        ]
    if content.location:
        draft.latitude, draft.longitude = content.location
    if content.media_group_id:
        draft.media_group_id = content.media_group_id
    if suggestions is not None:
        draft.suggestions = suggestions
    session.add(draft)
    await session.flush()
    return draft


def content_of(draft: Draft) -> Content:
    location = None
    if draft.latitude is not None and draft.longitude is not None:
        location = (draft.latitude, draft.longitude)
    return Content(
        text=draft.text,
        photos=[Photo(p["file_id"], p.get("file_unique_id")) for p in draft.photos],
        location=location,
        media_group_id=draft.media_group_id,
    )
