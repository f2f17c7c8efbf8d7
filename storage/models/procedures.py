"""Local details of procedures (a province's or commune's desk) and what citizens said
about the bot's answers, so admins see which answers to improve."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class ProcedureOverride(SQLModel, table=True):
    """One override as ``motcua procedures set/import`` stored it.

    ``data`` is the validated override dict (``nlu.procedures.ProcedureOverride`` fields),
    kept whole so that new override fields need no schema change. ``procedure_id`` None
    means the details apply to every procedure of that province or commune.
    """

    __table_args__ = (Index("ix_procedureoverride_scope_code", "scope", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(max_length=10)  # province | commune
    code: str = Field(max_length=5)
    procedure_id: str | None = Field(default=None, max_length=64)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProcedureFeedback(SQLModel, table=True):
    """A citizen's verdict on an answer: ``helpful``, ``not_helpful`` (one per citizen and
    procedure, the latest wins) or ``asked`` (the question went to a person; one per ticket).
    ``procedure_id`` None is a question the knowledge base could not match."""

    __table_args__ = (Index("ix_procedurefeedback_procedure", "procedure_id", "verdict"),)

    id: int | None = Field(default=None, primary_key=True)
    procedure_id: str | None = Field(default=None, max_length=64)
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    commune_code: str | None = Field(default=None, max_length=5)
    verdict: str = Field(max_length=16)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
