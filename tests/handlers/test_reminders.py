"""The reminder scan as a department group and a leader see it: levels at 50%, 80%, the
deadline and each working day after, once each, grouped one message per chat per scan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from handlers.reminders import scan
from storage.clock import FrozenClock, set_clock
from storage.db import Database
from storage.models import (
    ChatBinding,
    Citizen,
    Commune,
    Department,
    Official,
    OutboxMessage,
    ReminderLog,
    Ticket,
)

ECONOMY_CHAT, CULTURE_CHAT, LEADER_TG, OFFICER_TG = -100, -200, 9001, 501
# Hà Nội is UTC+7: Monday 2 March 2026, 09:00 local.
MONDAY_9 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
# infrastructure, normal: claim 8 working hours → Monday 17:00; resolve 5 WD → Monday 9 March 17:00
CLAIM_DUE = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
RESOLVE_DUE = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


@dataclass
class Place:
    economy: int
    culture: int
    citizen: int
    officer: int


async def setup_place(db: Database) -> Place:
    async with db.session() as session:
        for code in ("00634", "00637"):
            session.add(
                Commune(
                    code=code,
                    name=f"Phường {code}",
                    kind="phuong",
                    province_code="01",
                    province_name="Thành phố Hà Nội",
                )
            )
        economy = Department(commune_code="00634", key="economic", name="Phòng Kinh tế")
        culture = Department(commune_code="00634", key="culture", name="Phòng Văn hóa")
        citizen = Citizen(channel="telegram", external_id="7", chat_id="7")
        session.add_all([economy, culture, citizen])
        await session.flush()
        assert economy.id and culture.id and citizen.id
        for dept, chat in ((economy.id, ECONOMY_CHAT), (culture.id, CULTURE_CHAT)):
            session.add(ChatBinding(department_id=dept, chat_id=chat, bound_by=1))
        officer = Official(
            telegram_id=OFFICER_TG, name="Chị Lan", commune_code="00634", department_id=economy.id
        )
        session.add(officer)
        session.add(
            Official(telegram_id=LEADER_TG, name="Ông Hùng", commune_code="00634", role="leader")
        )
        # A leader of another commune hears nothing about this one.
        session.add(Official(telegram_id=9002, name="Bà Mai", commune_code="00637", role="leader"))
        await session.flush()
        assert officer.id
        return Place(economy.id, culture.id, citizen.id, officer.id)


async def add_ticket(
    db: Database,
    place: Place,
    n: int,
    *,
    department: int | None = None,
    created: datetime = MONDAY_9,
    claim_due: datetime | None = CLAIM_DUE,
    resolve_due: datetime | None = RESOLVE_DUE,
    status: str = "new",
    assignee: int | None = None,
) -> int:
    async with db.session() as session:
        ticket = Ticket(
            code=f"PA-2603-{n:04d}",
            citizen_id=place.citizen,
            commune_code="00634",
            department_id=department or place.economy,
            category="infrastructure",
            status=status,
            assignee_id=assignee,
            text="Đèn đường hỏng",
            created_at=created,
            claim_due_at=claim_due,
            resolve_due_at=resolve_due,
        )
        session.add(ticket)
        await session.flush()
        assert ticket.id
        return ticket.id


async def run_scan_at(db: Database, when: datetime) -> None:
    set_clock(FrozenClock(when))
    async with db.session() as session:
        await scan(session, when)


async def messages(db: Database, chat: int) -> list[str]:
    async with db.session() as session:
        rows = (
            await session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.chat_id == str(chat))
                .order_by(col(OutboxMessage.id))
            )
        ).all()
    return [str(row.payload.get("text", "")) for row in rows]


async def test_unclaimed_ticket_reminded_at_half_eighty_deadline_then_each_working_day(
    db: Database,
) -> None:
    place = await setup_place(db)
    await add_ticket(db, place, 1)
    await run_scan_at(db, local(2026, 3, 2, 12, 59))
    assert await messages(db, ECONOMY_CHAT) == []
    await run_scan_at(db, local(2026, 3, 2, 13, 0))
    [half] = await messages(db, ECONOMY_CHAT)
    assert "PA-2603-0001" in half and "50%" in half and "nhận việc" in half
    assert "chưa ai nhận" in half
    await run_scan_at(db, local(2026, 3, 2, 13, 1))
    await run_scan_at(db, local(2026, 3, 2, 15, 23))
    assert len(await messages(db, ECONOMY_CHAT)) == 1
    await run_scan_at(db, local(2026, 3, 2, 15, 24))
    assert "80%" in (await messages(db, ECONOMY_CHAT))[-1]
    assert await messages(db, LEADER_TG) == []
    await run_scan_at(db, local(2026, 3, 2, 17, 0))
    assert "ĐÃ ĐẾN HẠN nhận việc" in (await messages(db, ECONOMY_CHAT))[-1]
    [alert] = await messages(db, LEADER_TG)
    assert "PA-2603-0001" in alert and "Phòng Kinh tế" in alert
    # Evening and night scans add nothing; the next office opening is one working day late.
    for hour in (18, 22):
        await run_scan_at(db, local(2026, 3, 2, hour))
    await run_scan_at(db, local(2026, 3, 3, 7, 29))
    assert len(await messages(db, ECONOMY_CHAT)) == 3
    await run_scan_at(db, local(2026, 3, 3, 7, 30))
    assert "QUÁ HẠN nhận việc 1 ngày" in (await messages(db, ECONOMY_CHAT))[-1]
    assert len(await messages(db, LEADER_TG)) == 2
    assert await messages(db, 9002) == []


async def test_claimed_ticket_gets_no_claim_reminders_only_resolve_ones(db: Database) -> None:
    place = await setup_place(db)
    await add_ticket(db, place, 2, status="assigned", assignee=place.officer)
    await run_scan_at(db, local(2026, 3, 2, 17, 0))
    assert await messages(db, ECONOMY_CHAT) == []
    # 5 working days from Monday 09:00: half of the working time is used on Wednesday.
    await run_scan_at(db, local(2026, 3, 5, 9, 0))
    [half] = await messages(db, ECONOMY_CHAT)
    assert "50%" in half and "xử lý" in half and "cán bộ Chị Lan" in half


async def test_many_due_tickets_make_one_message_per_group_and_per_leader(db: Database) -> None:
    place = await setup_place(db)
    for n in range(1, 31):
        await add_ticket(db, place, n)
    for n in range(31, 36):
        await add_ticket(db, place, n, department=place.culture)
    await run_scan_at(db, local(2026, 3, 2, 17, 5))
    [economy] = await messages(db, ECONOMY_CHAT)
    [culture] = await messages(db, CULTURE_CHAT)
    assert economy.count("PA-2603-") == 30 and "30 phiếu" in economy
    assert culture.count("PA-2603-") == 5
    [alert] = await messages(db, LEADER_TG)
    assert alert.count("PA-2603-") == 35


async def test_a_long_list_is_cut_to_one_telegram_message(db: Database) -> None:
    place = await setup_place(db)
    for n in range(1, 201):
        await add_ticket(db, place, n)
    await run_scan_at(db, local(2026, 3, 2, 17, 5))
    [economy] = await messages(db, ECONOMY_CHAT)
    assert len(economy) <= 4096 and "phiếu khác" in economy


async def test_missed_scans_are_caught_up_once_with_the_latest_level(db: Database) -> None:
    place = await setup_place(db)
    ticket = await add_ticket(db, place, 3)
    await run_scan_at(db, local(2026, 3, 2, 9, 30))
    # The scheduler was down from 09:30 to 16:00: both the 50% and 80% marks passed.
    await run_scan_at(db, local(2026, 3, 2, 16, 0))
    [late] = await messages(db, ECONOMY_CHAT)
    assert "80%" in late and "50%" not in late
    async with db.session() as session:
        levels = (
            await session.exec(
                select(ReminderLog.level).where(
                    ReminderLog.ticket_id == ticket, ReminderLog.kind == "claim"
                )
            )
        ).all()
    assert levels == [2]  # the 50% mark counts as said: it is never sent late
    await run_scan_at(db, local(2026, 3, 2, 16, 30))
    assert len(await messages(db, ECONOMY_CHAT)) == 1


async def test_overdue_levels_skip_the_weekend(db: Database) -> None:
    place = await setup_place(db)
    friday_due = local(2026, 3, 6, 17, 0)
    await add_ticket(
        db, place, 4, status="in_progress", assignee=place.officer, resolve_due=friday_due
    )
    await run_scan_at(db, friday_due)
    assert "ĐÃ ĐẾN HẠN xử lý" in (await messages(db, ECONOMY_CHAT))[-1]
    count = len(await messages(db, ECONOMY_CHAT))
    for day in (7, 8):
        await run_scan_at(db, local(2026, 3, day, 10, 0))
    assert len(await messages(db, ECONOMY_CHAT)) == count
    await run_scan_at(db, local(2026, 3, 9, 7, 30))
    assert "QUÁ HẠN xử lý 1 ngày" in (await messages(db, ECONOMY_CHAT))[-1]
    assert len(await messages(db, LEADER_TG)) == 2


async def test_tet_holidays_add_no_overdue_days(db: Database) -> None:
    place = await setup_place(db)
    due = local(2026, 2, 13, 17, 0)  # the Friday before Tết 2026 (14–22 February off)
    await add_ticket(
        db,
        place,
        5,
        created=local(2026, 2, 6, 9, 0),
        status="assigned",
        assignee=place.officer,
        resolve_due=due,
    )
    await run_scan_at(db, due)
    count = len(await messages(db, ECONOMY_CHAT))
    for day in range(16, 21):
        await run_scan_at(db, local(2026, 2, day, 9, 0))
    assert len(await messages(db, ECONOMY_CHAT)) == count
    await run_scan_at(db, local(2026, 2, 23, 8, 0))
    assert "QUÁ HẠN xử lý 1 ngày" in (await messages(db, ECONOMY_CHAT))[-1]
