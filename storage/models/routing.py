"""Routing rules as data, so admins can change where tickets go without a release."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class RoutingRule(SQLModel, table=True):
    """One ordered rule; empty conditions match anything. An empty table means the defaults."""

    id: int | None = Field(default=None, primary_key=True)
    position: int = Field(index=True)
    intent: str | None = Field(default=None, max_length=16)
    category: str | None = Field(default=None, max_length=32)
    province_code: str | None = Field(default=None, max_length=2)
    commune_code: str | None = Field(default=None, max_length=5)
    keywords: list[str] = Field(default_factory=list, sa_type=JSON)
    min_confidence: float | None = None
    department_key: str = Field(max_length=40)  # or "ask_citizen"
    target_commune_code: str | None = Field(default=None, max_length=5)
    note: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
