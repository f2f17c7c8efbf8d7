"""Bytes of an attachment kept in the database, for channels whose own links expire
(Zalo's image URLs): the officials' card can show the photo long after the link is gone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, LargeBinary
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class AttachmentBlob(SQLModel, table=True):
    """One per attachment at most; ``sha256`` lets a sender or an audit check the bytes."""

    id: int | None = Field(default=None, primary_key=True)
    attachment_id: int = Field(foreign_key="attachment.id", unique=True)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    mime_type: str = Field(max_length=64)
    size: int
    sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
