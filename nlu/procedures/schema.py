"""What a procedure entry and a local override may contain.

The schema is strict (unknown keys are errors) because a typo in a field name
would otherwise silently drop a fact a citizen relies on.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nlu.types import CATEGORIES

FiledAt = Literal["service_center", "police", "online_only"]
Scope = Literal["province", "commune"]

_ID = r"^[a-z][a-z0-9_]{1,63}$"
_URL = re.compile(r"^https://[^\s<>\"']+$")
# Fields whose values the reference may mark UNCERTAIN; the card flags each one.
UNCERTAIN_FIELDS: frozenset[str] = frozenset(
    {
        "department",
        "filed_at",
        "documents",
        "fee_vnd",
        "fee_note",
        "processing_time_days",
        "working_days",
        "online",
        "online_url",
        "legal_basis",
    }
)
Text = Field(min_length=1, max_length=2000)


class Procedure(BaseModel):
    """One administrative procedure as the desk would explain it; the last four
    fields stay empty in the shipped data and are filled by local overrides."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=_ID)
    name_vi: str = Text
    name_en: str = Text
    category: str
    department: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    filed_at: FiledAt
    summary_vi: str | None = None
    documents: tuple[str, ...] = Field(min_length=1)
    fee_vnd: int | None = Field(ge=0)
    fee_note: str | None = None
    processing_time_days: int | None = Field(ge=0, le=365)
    working_days: bool
    online: bool
    online_url: str | None = None
    vneid: bool = False
    legal_basis: str = Text
    keywords_vi: tuple[str, ...] = Field(min_length=1)
    questions_vi: tuple[str, ...] = Field(min_length=2)
    uncertain: tuple[str, ...] = ()
    last_checked: date
    desk_address: str | None = None
    opening_hours: str | None = None
    phone: str | None = None
    local_notes: tuple[str, ...] = ()

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown category {value!r}; see taxonomy.md")
        return value

    @field_validator("uncertain")
    @classmethod
    def _known_fields(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - UNCERTAIN_FIELDS)
        if unknown:
            allowed = sorted(UNCERTAIN_FIELDS)
            raise ValueError(f"cannot mark {unknown} uncertain; allowed: {allowed}")
        return value

    @field_validator("online_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError("online_url must be an https:// address without spaces")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Procedure:
        if self.online and self.online_url is None and not self.vneid:
            raise ValueError("online procedures need online_url or vneid: true")
        if self.filed_at == "online_only" and not self.online:
            raise ValueError("filed_at online_only contradicts online: false")
        return self


class ProcedureOverride(BaseModel):
    """A province's or commune's local details. ``procedure_id`` None means the
    details (desk address, hours, phone) apply to every procedure; ``procedure``
    adds a whole local procedure instead."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    scope: Scope = "commune"
    code: str | None = Field(default=None, pattern=r"^\d{2,5}$")
    procedure_id: str | None = Field(default=None, pattern=_ID)
    desk_address: str | None = Field(default=None, max_length=500)
    opening_hours: str | None = Field(default=None, max_length=500)
    phone: str | None = Field(default=None, pattern=r"^[0-9 +().-]{3,30}$")
    fee_vnd: int | None = Field(default=None, ge=0)
    fee_note: str | None = Field(default=None, max_length=500)
    processing_time_days: int | None = Field(default=None, ge=0, le=365)
    working_days: bool | None = None
    documents: tuple[str, ...] | None = None
    online_url: str | None = None
    notes: tuple[str, ...] = ()
    procedure: dict[str, Any] | None = None

    @field_validator("online_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not _URL.match(value):
            raise ValueError("online_url must be an https:// address without spaces")
        return value

    @model_validator(mode="after")
    def _procedure_alone(self) -> ProcedureOverride:
        if self.procedure is not None and self.model_fields_set - {"procedure", "scope", "code"}:
            raise ValueError("an override that adds a procedure carries nothing else")
        return self
