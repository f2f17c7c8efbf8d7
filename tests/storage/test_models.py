"""The tables round-trip on SQLite and PostgreSQL alike: aware datetimes, unique keys, JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from storage.db import Database
from storage.models import Commune, InboundEvent, OutboxMessage


async def test_datetimes_come_back_aware_utc(db: Database) -> None:
    hanoi = timezone(timedelta(hours=7))
    async with db.session() as session:
        session.add(
            OutboxMessage(
                channel="telegram",
                chat_id="1",
                payload={"text": "Xin chào"},
                next_attempt_at=datetime(2026, 1, 2, 8, 0, tzinfo=hanoi),
            )
        )
    async with db.session() as session:
        row = (await session.exec(select(OutboxMessage))).one()
    assert row.next_attempt_at == datetime(2026, 1, 2, 1, 0, tzinfo=UTC)
    assert row.next_attempt_at.tzinfo is not None
    assert row.payload == {"text": "Xin chào"}


async def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        async with db.session() as session:
            session.add(
                OutboxMessage(
                    channel="telegram", chat_id="1", next_attempt_at=datetime(2026, 1, 2)
                )
            )


async def test_the_same_inbound_event_is_stored_once(db: Database) -> None:
    async with db.session() as session:
        session.add(InboundEvent(channel="telegram", external_id="42"))
    with pytest.raises(IntegrityError):
        async with db.session() as session:
            session.add(InboundEvent(channel="telegram", external_id="42"))
    async with db.session() as session:
        session.add(InboundEvent(channel="zalo", external_id="42"))  # another channel is fine
        rows = (await session.exec(select(InboundEvent))).all()
    assert len(rows) == 2


async def test_vietnamese_names_round_trip(db: Database) -> None:
    async with db.session() as session:
        session.add(
            Commune(
                code="00634",
                name="Phường Tây Mỗ",
                kind="phuong",
                province_code="01",
                province_name="Thành phố Hà Nội",
            )
        )
    async with db.session() as session:
        commune = await session.get(Commune, "00634")
    assert commune is not None and commune.name == "Phường Tây Mỗ"
