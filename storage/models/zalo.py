"""Zalo Official Accounts: their tokens, and the choices last offered to each Zalo citizen."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Text
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class ZaloAccount(SQLModel, table=True):
    """One OA serving a province or one commune.

    The refresh token is single use: it is replaced in the same transaction that stores the
    new access token, or the OA is lost until an admin reconnects it.
    """

    id: int | None = Field(default=None, primary_key=True)
    oa_id: str = Field(unique=True, max_length=64)
    province_code: str | None = Field(default=None, max_length=2)
    commune_code: str | None = Field(default=None, foreign_key="commune.code", max_length=5)
    access_token: str = Field(sa_type=Text)
    refresh_token: str = Field(sa_type=Text)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    refreshed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_type=Text)
    last_error_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ZaloChoice(SQLModel, table=True):
    """The button actions of the last message with buttons sent to a Zalo chat.

    Zalo may not show buttons, so the citizen answers "2": this row says what "2" meant.
    """

    chat_id: str = Field(primary_key=True, max_length=64)
    actions: list[Any] = Field(default_factory=list, sa_type=JSON)
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
