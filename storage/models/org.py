"""Who works where: communes, their departments, the chats bound to them, officials."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.clock import utcnow
from storage.types import UTCDateTime


class Commune(SQLModel, table=True):
    """A 2025 commune-level unit, keyed by its 5-digit official code (QĐ 19/2025/QĐ-TTg)."""

    code: str = Field(primary_key=True, max_length=5)
    name: str
    kind: str = Field(max_length=10)  # phuong | xa | dac_khu
    province_code: str = Field(index=True, max_length=2)
    province_name: str


class Department(SQLModel, table=True):
    """A routing target of a commune; ``key`` is stable, ``name`` is data admins edit."""

    __table_args__ = (UniqueConstraint("commune_code", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    commune_code: str = Field(foreign_key="commune.code", index=True, max_length=5)
    key: str = Field(max_length=40)
    name: str
    is_external: bool = False


class ChatBinding(SQLModel, table=True):
    """The group (or forum topic) where a department receives its tickets."""

    id: int | None = Field(default=None, primary_key=True)
    department_id: int = Field(foreign_key="department.id", unique=True)
    channel: str = Field(default="telegram", max_length=16)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    thread_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    title: str = ""
    bound_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    bound_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BindingCode(SQLModel, table=True):
    """A one-time code an admin hands to a group so it can claim a department."""

    code: str = Field(primary_key=True, max_length=16)
    department_id: int = Field(foreign_key="department.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by_chat: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class Official(SQLModel, table=True):
    """A person allowed to act on a department's tickets (or, as leader/admin, a commune's)."""

    __table_args__ = (UniqueConstraint("telegram_id", "commune_code", "department_id"),)

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    name: str
    commune_code: str = Field(foreign_key="commune.code", index=True, max_length=5)
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    role: str = Field(default="officer", max_length=10)  # officer | head | leader | admin
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
