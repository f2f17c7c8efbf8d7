"""The reminder scan at national scale on PostgreSQL: 1,000,000 open tickets over 3,321
communes, 10,000 of them due. Creates and drops its own database; prints figures and plans.

Run: .venv/bin/python benchmarks/sla_scan_bench.py [open tickets] [due tickets]
Targets (issue [sla]): finding what is due ≤ 2 s; producing the grouped reminders for 10,000
due tickets ≤ 5 s. Needs a PostgreSQL server (MOTCUA_BENCH_POSTGRES_ADMIN, default below).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import create_engine
from sqlalchemy.sql import Select
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from handlers.reminders import due_plans, scan, stale_plans
from storage.db import Database, sync_url

ADMIN_URL = os.environ.get(
    "MOTCUA_BENCH_POSTGRES_ADMIN", "postgresql://postgres@127.0.0.1:5432/test"
)
COMMUNES = 3321
NEW_SINCE_LAST_SCAN = 100
NOW = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)  # Tuesday 10:00 in Hà Nội


def fill(url: str, total: int, due: int) -> None:
    """Communes, one bound department and one leader each, tickets and their plans, in SQL."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """INSERT INTO commune (code, name, kind, province_code, province_name)
               SELECT lpad(g::text, 5, '0'), 'Xã ' || g, 'xa', lpad((g %% 34 + 1)::text, 2, '0'),
                      'Tỉnh ' || (g %% 34 + 1)
               FROM generate_series(1, %(n)s) g""",
            {"n": COMMUNES},
        )
        conn.execute(
            """INSERT INTO department (commune_code, key, name, is_external)
               SELECT lpad(g::text, 5, '0'), 'economic', 'Phòng Kinh tế', false
               FROM generate_series(1, %(n)s) g""",
            {"n": COMMUNES},
        )
        conn.execute(
            """INSERT INTO chatbinding
                 (department_id, channel, chat_id, title, bound_by, bound_at)
               SELECT g, 'telegram', -1000000 - g, '', 1, now()
               FROM generate_series(1, %(n)s) g""",
            {"n": COMMUNES},
        )
        conn.execute(
            """INSERT INTO official (telegram_id, name, commune_code, role, active, created_at)
               SELECT 5000000 + g, 'Lãnh đạo ' || g, lpad(g::text, 5, '0'), 'leader', true, now()
               FROM generate_series(1, %(n)s) g""",
            {"n": COMMUNES},
        )
        conn.execute(
            """INSERT INTO citizen (channel, external_id, chat_id, created_at)
               VALUES ('telegram', '1', '1', now())"""
        )
        # Due tickets were opened ten days ago and are a day late; the others are recent,
        # a third of them still unclaimed.
        conn.execute(
            """INSERT INTO ticket (code, kind, citizen_id, commune_code, department_id, intent,
                 category, status, priority, text, card_posted, created_at, updated_at,
                 reopened_count, claim_due_at, resolve_due_at)
               SELECT 'PA-' || g, 'report', 1, lpad((1 + g %% %(c)s)::text, 5, '0'),
                 1 + g %% %(c)s, 'report', 'infrastructure',
                 CASE WHEN g > %(due)s AND g %% 3 = 0 THEN 'new' ELSE 'in_progress' END,
                 'normal', 'Đèn đường hỏng', true, t.created, t.created, 0,
                 t.created + interval '8 hours', t.resolve
               FROM generate_series(1, %(n)s) g,
               LATERAL (SELECT
                 CASE WHEN g <= %(due)s THEN %(now)s - interval '10 days'
                      ELSE %(now)s - (g %% 60) * interval '1 minute' END AS created,
                 CASE WHEN g <= %(due)s THEN %(now)s - interval '1 day'
                      ELSE %(now)s + interval '5 days' END AS resolve) t""",
            {"n": total, "due": due, "c": COMMUNES, "now": NOW},
        )
        # The previous scans planned every ticket except the last minute's new ones.
        conn.execute(
            """INSERT INTO reminderplan (ticket_id, status, department_id, assignee_id,
                 claim_due_at, resolve_due_at, started_at, next_at)
               SELECT id, status, department_id, assignee_id, claim_due_at, resolve_due_at,
                 created_at,
                 CASE WHEN id <= %(due)s THEN %(now)s - interval '1 minute'
                      ELSE %(now)s + interval '1 hour' END
               FROM ticket WHERE id <= %(planned)s""",
            {"due": due, "now": NOW, "planned": total - NEW_SINCE_LAST_SCAN},
        )
        conn.execute("ANALYZE")


def explain(url: str, label: str, statement: Select) -> None:  # type: ignore[type-arg]
    engine = create_engine(sync_url(url))
    compiled = statement.compile(engine, compile_kwargs={"render_postcompile": True})
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + str(compiled), compiled.params
        ).all()
    engine.dispose()
    print(f"\n--- plan: {label}")
    for (line,) in rows:
        print("   ", line)


async def measure(url: str, due: int) -> None:
    db = Database(url)
    try:
        async with db.session() as session:
            started = time.perf_counter()
            stale = (await session.exec(stale_plans(20_000))).all()
            mid = time.perf_counter()
            found = (await session.exec(due_plans(NOW, 20_000))).all()
            done = time.perf_counter()
        print(f"find: {len(stale)} tickets to (re)plan in {mid - started:.3f} s")
        print(f"find: {len(found)} due plans in {done - mid:.3f} s")
        print(f"find total: {done - started:.3f} s (target ≤ 2 s)")
        started = time.perf_counter()
        async with db.session() as session:
            result = await scan(session, NOW)
        elapsed = time.perf_counter() - started
        print(
            f"scan with {due} due: planned {result.planned}, reached {len(result.reached)}, "
            f"{result.messages} grouped messages, committed in {elapsed:.3f} s (target ≤ 5 s)"
        )
        started = time.perf_counter()
        async with db.session() as session:
            again = await scan(session, NOW + timedelta(minutes=1))
        print(
            f"next minute's scan: reached {len(again.reached)} in "
            f"{time.perf_counter() - started:.3f} s"
        )
    finally:
        await db.dispose()


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    due = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    name = f"motcua_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    try:
        engine = create_engine(sync_url(url))
        SQLModel.metadata.create_all(engine)
        engine.dispose()
        started = time.perf_counter()
        fill(url, total, due)
        print(
            f"{total:,} open tickets, {due:,} due, {COMMUNES:,} communes: built in "
            f"{time.perf_counter() - started:.1f} s"
        )
        explain(url, "tickets to (re)plan", stale_plans(20_000))
        explain(url, "due plans", due_plans(NOW, 20_000))
        asyncio.run(measure(url, due))
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped {name}")


if __name__ == "__main__":
    main()
