"""The pilot's measures: counted per cohort of received tickets, times in working hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.reports import ReportFilter, percentile, report
from handlers.working_time.texts import VN_TZ
from storage.clock import FrozenClock, set_clock
from storage.db import Database
from storage.models import Citizen, Commune, Department, Ticket


def vn(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in March 2026, Vietnam time (2 March is a Monday)."""
    return datetime(2026, 3, day, hour, minute, tzinfo=VN_TZ)


async def seed(session: AsyncSession) -> dict[str, int]:
    for code, name in (("00634", "Phường Ba Đình"), ("00637", "Phường Ngọc Hà")):
        session.add(
            Commune(
                code=code, name=name, kind="phuong", province_code="01", province_name="Hà Nội"
            )
        )
    await session.flush()
    ids: dict[str, int] = {}
    for code in ("00634", "00637"):
        for key in ("economic", "police"):
            department = Department(commune_code=code, key=key, name=key)
            session.add(department)
            await session.flush()
            assert department.id is not None
            ids[f"{code}/{key}"] = department.id
    citizen = Citizen(channel="telegram", external_id="1", chat_id="1")
    session.add(citizen)
    await session.flush()
    assert citizen.id is not None
    ids["citizen"] = citizen.id
    return ids


def ticket(ids: dict[str, int], n: int, where: str, created: datetime, **fields: Any) -> Ticket:
    return Ticket(
        code=f"PA-{n:04d}",
        citizen_id=ids["citizen"],
        commune_code=where.split("/")[0],
        department_id=ids[where],
        category=str(fields.pop("category", "land")),
        text="x",
        created_at=created,
        updated_at=created,
        **fields,
    )


def test_percentile_interpolates() -> None:
    assert percentile([], 0.5) is None
    assert percentile([4.0], 0.9) == 4.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([float(v) for v in range(1, 11)], 0.9) == 9.1


async def test_measures_count_working_hours_and_cohorts(db: Database) -> None:
    set_clock(FrozenClock(vn(20, 9)))
    async with db.session() as session:
        ids = await seed(session)
        session.add_all(
            [
                # Monday 08:00, answered 10:00, resolved Tuesday 08:00, on time, 5 stars
                ticket(
                    ids,
                    1,
                    "00634/economic",
                    vn(2, 8),
                    status="closed",
                    first_response_at=vn(2, 10),
                    resolved_at=vn(3, 8),
                    resolve_due_at=vn(6, 17),
                    rating=5,
                ),
                # Friday 16:00, answered Monday 08:30: the weekend does not count (2 h)
                ticket(
                    ids,
                    2,
                    "00634/economic",
                    vn(6, 16),
                    status="resolved",
                    first_response_at=vn(9, 8, 30),
                    resolved_at=vn(13, 16),
                    resolve_due_at=vn(12, 17),
                    rating=2,
                    reopened_count=1,
                ),
                # still open, past its deadline
                ticket(
                    ids,
                    3,
                    "00634/police",
                    vn(9, 9),
                    status="in_progress",
                    category="security_order",
                    resolve_due_at=vn(10, 9),
                ),
                # open, not yet due
                ticket(
                    ids,
                    4,
                    "00637/police",
                    vn(16, 9),
                    status="new",
                    category="security_order",
                    resolve_due_at=vn(30, 9),
                ),
            ]
        )
    async with db.session() as session:
        total, *groups = await report(session, ReportFilter(by="department"))
        assert (total.received, total.resolved, total.resolved_on_time) == (4, 2, 1)
        assert total.resolved_on_time_pct == 50.0
        assert total.first_response_median_h == 2.0  # 2 h and 2 h
        assert total.resolution_median_h is not None and total.resolution_median_h > 9.5
        assert total.satisfaction_mean == 3.5
        assert total.satisfaction == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1}
        assert total.reopened_pct == 25.0
        assert (total.open_now, total.overdue_now) == (2, 1)
        assert [g.group for g in groups] == ["economic", "police"]
        assert [g.received for g in groups] == [2, 2]

        first_ticket = await report(session, ReportFilter(start=vn(2, 0), end=vn(3, 0)))
        assert first_ticket[0].resolution_median_h == 9.5  # 08:00 Mon → 08:00 Tue, 7:30–17:00

        commune = await report(session, ReportFilter(commune="00637", by="commune"))
        assert commune[0].received == 1 and commune[1].group == "00637 Phường Ngọc Hà"

        weeks = await report(session, ReportFilter(by="week"))
        assert [w.group for w in weeks[1:]] == ["2026-W10", "2026-W11", "2026-W12"]
        assert [w.received for w in weeks[1:]] == [2, 1, 1]


async def test_an_empty_period_has_zeros_and_no_averages(db: Database) -> None:
    async with db.session() as session:
        await seed(session)
    async with db.session() as session:
        start = vn(1, 0)
        rows = await report(session, ReportFilter(start=start, end=start + timedelta(days=7)))
    assert len(rows) == 1 and rows[0].received == 0
    assert rows[0].resolved_on_time_pct is None and rows[0].satisfaction_mean is None
