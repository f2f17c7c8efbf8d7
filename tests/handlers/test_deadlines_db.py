"""Deadlines as a citizen is told them: the admins' calendar exceptions and SLA overrides in
the database change the date, for the right province, commune, department and priority only."""

from __future__ import annotations

from datetime import date

from handlers.deadlines import ticket_deadlines
from storage.db import Database
from storage.models import CalendarException, SlaPolicyOverride
from tests.handlers.test_reminders import local

THURSDAY_9 = local(2026, 3, 5, 9, 0)


async def deadlines(db: Database, **where: str) -> tuple[object, object]:
    async with db.session() as session:
        return await ticket_deadlines(
            session, start=THURSDAY_9, category="infrastructure", **where
        )


async def test_a_declared_day_off_and_a_make_up_saturday_change_the_date(db: Database) -> None:
    # 5 working days from Thursday 5 March: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12.
    assert (await deadlines(db))[1] == local(2026, 3, 12, 17, 0)
    async with db.session() as session:
        session.add(CalendarException(day=date(2026, 3, 9), working=False, note="bão"))
        session.add(CalendarException(day=date(2026, 3, 7), working=True, note="làm bù"))
    # Fri 6, Sat 7 (make-up), Tue 10, Wed 11, Thu 12: Monday's day off cancels the Saturday.
    assert (await deadlines(db))[1] == local(2026, 3, 12, 17, 0)
    async with db.session() as session:
        session.add(CalendarException(day=date(2026, 3, 10), working=False, note="bão"))
    assert (await deadlines(db))[1] == local(2026, 3, 13, 17, 0)


async def test_tet_holidays_push_a_deadline_past_tet(db: Database) -> None:
    async with db.session() as session:
        _, due = await ticket_deadlines(
            session, start=local(2026, 2, 12, 9, 0), category="infrastructure"
        )
    # Fri 13 February, then Tết (14–22) is off: Mon 23, Tue 24, Wed 25, Thu 26.
    assert due == local(2026, 2, 26, 17, 0)


async def test_the_most_specific_override_wins_and_others_are_untouched(db: Database) -> None:
    async with db.session() as session:
        session.add(SlaPolicyOverride(category="infrastructure", resolve="10wd"))
        session.add(
            SlaPolicyOverride(province_code="01", category="infrastructure", resolve="3wd")
        )
        session.add(
            SlaPolicyOverride(commune_code="00634", category="infrastructure", resolve="2wd")
        )
        session.add(SlaPolicyOverride(department_key="economic", claim="2wh", resolve="1wd"))
    nationwide = await deadlines(db, province_code="79", commune_code="26734")
    assert nationwide[1] == local(2026, 3, 19, 17, 0)  # 10 working days
    province = await deadlines(db, province_code="01", commune_code="00637")
    assert province[1] == local(2026, 3, 10, 17, 0)  # 3 working days
    commune = await deadlines(db, province_code="01", commune_code="00634")
    assert commune[1] == local(2026, 3, 9, 17, 0)  # 2 working days
    department = await deadlines(
        db, province_code="01", commune_code="00634", department_key="economic"
    )
    assert department == (local(2026, 3, 5, 11, 0), local(2026, 3, 6, 17, 0))


async def test_an_urgent_override_leaves_normal_tickets_alone(db: Database) -> None:
    async with db.session() as session:
        session.add(SlaPolicyOverride(category="infrastructure", priority="urgent", claim="1wh"))
        urgent = await ticket_deadlines(
            session, start=THURSDAY_9, category="infrastructure", priority="urgent"
        )
        normal = await ticket_deadlines(session, start=THURSDAY_9, category="infrastructure")
    assert urgent[0] == local(2026, 3, 5, 10, 0)
    assert normal[0] == local(2026, 3, 5, 17, 0)  # the default 8 working hours
