"""Settings of officials' work that admins change: which categories need a photo of the
finished work before a ticket can be resolved."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class ProofCategory(SQLModel, table=True):
    """An admin's mark on a category; a category with no row follows the shipped default."""

    category: str = Field(primary_key=True, max_length=32)
    photo_required: bool = True
