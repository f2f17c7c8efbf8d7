"""How long `motcua report` takes on a province's year of tickets (SQLite file).

Run: ``.venv/bin/python benchmarks/report_bench.py [--tickets 20000]``. Prints seconds for
the total, grouped by department and by week, and the rate in tickets per second.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import SQLModel, select

from handlers.reports import ReportFilter, report
from handlers.units import official_units, sync_units
from storage.db import Database, sync_url
from storage.models import Citizen, Department, Ticket


async def seed(db: Database, count: int) -> None:
    async with db.session() as session:
        await sync_units(session, official_units("01"))
    async with db.session() as session:
        departments = list((await session.exec(select(Department))).all())
        citizen = Citizen(channel="telegram", external_id="1", chat_id="1")
        session.add(citizen)
        await session.flush()
        assert citizen.id is not None
        rng = random.Random(7)
        start = datetime(2026, 1, 1, 1, tzinfo=UTC)
        for n in range(count):
            dept = rng.choice(departments)
            created = start + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
            resolved = created + timedelta(hours=rng.randrange(1, 400))
            done = rng.random() < 0.8
            session.add(
                Ticket(
                    code=f"PA-{n:08d}",
                    citizen_id=citizen.id,
                    commune_code=dept.commune_code,
                    department_id=dept.id or 0,
                    category="land",
                    text="x",
                    status="closed" if done else "in_progress",
                    created_at=created,
                    updated_at=created,
                    first_response_at=created + timedelta(hours=rng.randrange(0, 30)),
                    resolved_at=resolved if done else None,
                    resolve_due_at=created + timedelta(days=10),
                    rating=rng.randint(1, 5) if done else None,
                )
            )


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        from sqlalchemy import create_engine

        SQLModel.metadata.create_all(create_engine(sync_url(url)))
        db = Database(url)
        await seed(db, count)
        for by in (None, "department", "week"):
            began = time.perf_counter()
            async with db.session() as session:
                rows = await report(session, ReportFilter(province="01", by=by))
            took = time.perf_counter() - began
            print(  # noqa: T201
                f"by={by or 'total':<10} rows={len(rows):>3} tickets={rows[0].received} "
                f"{took:.2f} s ({rows[0].received / took:,.0f} tickets/s)"
            )
        await db.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=20000)
    asyncio.run(main(parser.parse_args().tickets))
