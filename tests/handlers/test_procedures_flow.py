"""Procedure answers and status checks at the use-case level, on SQLite and PostgreSQL:
local desk details, feedback that counts once per citizen, stale buttons, codes typed any
way, and input the citizen did not mean to send."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from handlers import texts
from handlers.errors import UserError
from handlers.procedure_local import local_base, save_override
from handlers.procedures import (
    answer_procedure,
    give_feedback,
    pick_choice,
    pick_procedure,
    search_procedures,
)
from handlers.status_lookup import check_status, code_in
from handlers.ticket_codes import new_code
from handlers.ticket_open import Content, open_ticket
from handlers.units import official_units, sync_units
from storage.db import Database
from storage.models import (
    Citizen,
    Draft,
    OutboxMessage,
    ProcedureFeedback,
    ProcedureOverride,
    Ticket,
)

TAY_MO = "00634"
OTHER_HANOI = "00004"


async def setup(db: Database) -> tuple[int, int]:
    async with db.session() as session:
        await sync_units(session, official_units("01"))
        one = Citizen(channel="telegram", external_id="1", chat_id="1", commune_code=TAY_MO)
        two = Citizen(channel="telegram", external_id="2", chat_id="2", commune_code=TAY_MO)
        session.add(one)
        session.add(two)
        await session.flush()
        assert one.id is not None and two.id is not None
        return one.id, two.id


async def said(db: Database, chat_id: str = "1") -> list[dict[str, Any]]:
    async with db.session() as session:
        rows = await session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.chat_id == chat_id)
            .order_by(OutboxMessage.id)  # type: ignore[arg-type]
        )
        return [row.payload for row in rows.all()]


async def ask(db: Database, citizen_id: int, text: str) -> str:
    async with db.session() as session:
        citizen = await session.get(Citizen, citizen_id)
        assert citizen is not None
        return await answer_procedure(session, citizen, Content(text=text))


async def last_draft_id(db: Database) -> str:
    async with db.session() as session:
        drafts = (await session.exec(select(Draft).where(Draft.awaiting == "procedure"))).all()
        return str(drafts[-1].id)


async def test_province_details_apply_and_the_commune_has_the_last_word(db: Database) -> None:
    await setup(db)
    async with db.session() as session:
        await save_override(
            session, {"scope": "province", "code": "01", "opening_hours": "8:00 - 17:00"}
        )
        await save_override(session, {"scope": "province", "code": "01", "phone": "024 1111 111"})
        await save_override(
            session,
            {"scope": "commune", "code": TAY_MO, "procedure_id": "khai_sinh", "phone": "024 222"},
        )
        rows = (await session.exec(select(ProcedureOverride))).all()
        tay_mo = (await local_base(session, TAY_MO))["khai_sinh"]
        elsewhere = (await local_base(session, OTHER_HANOI))["khai_sinh"]
        marriage = (await local_base(session, TAY_MO))["ket_hon"]
    assert len(rows) == 2  # the province's two details were merged into one override
    assert (tay_mo.opening_hours, tay_mo.phone) == ("8:00 - 17:00", "024 222")
    assert (elsewhere.opening_hours, elsewhere.phone) == ("8:00 - 17:00", "024 1111 111")
    assert marriage.phone == "024 1111 111"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"scope": "commune", "code": TAY_MO, "procedure_id": "no_such_thing"}, "no_such_thing"),
        ({"scope": "commune", "code": "99999", "phone": "024 1"}, "99999"),
        ({"scope": "commune", "code": TAY_MO, "phone": "call me"}, "phone"),
        ({"scope": "commune", "phone": "024 1"}, "--commune"),
    ],
)
async def test_a_wrong_override_is_refused_and_names_the_problem(
    db: Database, override: dict[str, Any], message: str
) -> None:
    await setup(db)
    with pytest.raises(UserError, match=message):
        async with db.session() as session:
            await save_override(session, override)
    async with db.session() as session:
        assert (await session.exec(select(ProcedureOverride))).all() == []


async def test_a_stored_override_that_no_longer_fits_does_not_silence_the_bot(
    db: Database,
) -> None:
    one, _ = await setup(db)
    async with db.session() as session:
        session.add(
            ProcedureOverride(
                scope="commune", code=TAY_MO, procedure_id="gone", data={"procedure_id": "gone"}
            )
        )
    assert await ask(db, one, "Làm giấy khai sinh cho con cần những gì?") == "clear"
    assert "Giấy tờ cần mang" in (await said(db))[-1]["text"]


async def test_feedback_counts_once_per_citizen_and_the_latest_verdict_wins(
    db: Database,
) -> None:
    one, two = await setup(db)
    await ask(db, one, "Làm giấy khai sinh cho con cần những gì?")
    draft = await last_draft_id(db)
    async with db.session() as session:
        citizen = await session.get(Citizen, one)
        stranger = await session.get(Citizen, two)
        assert citizen is not None and stranger is not None
        assert await give_feedback(session, citizen, draft, "y") == texts.PROC_THANKS
        assert await give_feedback(session, citizen, draft, "y") == texts.PROC_THANKS
        assert await give_feedback(session, citizen, draft, "n") == texts.PROC_SORRY
        # Someone else's button, a made-up verdict, a made-up draft: nothing is counted.
        assert await give_feedback(session, stranger, draft, "y") == texts.OLD_BUTTON
        assert await give_feedback(session, citizen, draft, "maybe") == texts.OLD_BUTTON
        assert await give_feedback(session, citizen, "99999", "y") == texts.OLD_BUTTON
        assert await give_feedback(session, citizen, "x'; drop", "y") == texts.OLD_BUTTON
    async with db.session() as session:
        votes = (await session.exec(select(ProcedureFeedback))).all()
    assert [(v.procedure_id, v.verdict, v.citizen_id) for v in votes] == [
        ("khai_sinh", "not_helpful", one)
    ]


async def test_a_choice_button_out_of_range_changes_nothing(db: Database) -> None:
    one, _ = await setup(db)
    assert await ask(db, one, "cho hỏi thủ tục khai sinh") == "ambiguous"
    draft = await last_draft_id(db)
    before = len(await said(db))
    async with db.session() as session:
        citizen = await session.get(Citizen, one)
        assert citizen is not None
        assert await pick_choice(session, citizen, draft, "7") == texts.OLD_BUTTON
        assert await pick_choice(session, citizen, draft, "-1") == texts.OLD_BUTTON
        assert await pick_choice(session, citizen, draft, "0") is None
    after = await said(db)
    assert len(after) == before + 1 and after[-1]["text"].startswith("Đăng ký khai sinh")


@pytest.mark.parametrize(
    "text",
    ["", " \n\t ", "?" * 5000, "\x00\x01\x02 binary", "🙂🙂🙂", "a" * 4000],
)
async def test_odd_questions_get_an_answer_and_never_crash(db: Database, text: str) -> None:
    one, _ = await setup(db)
    kind = await ask(db, one, text)
    assert kind == "none"  # nothing to match: a person answers
    assert any("Đã chuyển câu hỏi" in m.get("text", "") for m in await said(db))


@pytest.mark.parametrize(
    "typed",
    [
        "{code}",
        "{lower}",
        "{prefix} {a} {b}",
        "{prefix}{a}{b}",
        "{prefix}.{a}.{b}",
        "{prefix} {a1} {a2} {b1} {b2}",
    ],
)
def test_codes_typed_any_way_are_understood(typed: str) -> None:
    code = new_code("report")
    prefix, a, b = code.split("-")
    text = (
        "mã "
        + typed.format(
            code=code,
            lower=code.lower(),
            prefix=prefix,
            a=a,
            b=b,
            a1=a[:2],
            a2=a[2:],
            b1=b[:2],
            b2=b[2:],
        )
        + " đến đâu rồi"
    )
    assert code_in(text)[0] == code


async def test_a_mistyped_code_gets_the_unknown_code_answer_not_a_list(db: Database) -> None:
    one, _ = await setup(db)
    async with db.session() as session:
        citizen = await session.get(Citizen, one)
        assert citizen is not None
        ticket = await open_ticket(
            session, citizen, Content(text="Đèn đường hỏng"), category="infrastructure"
        )
        wrong = ticket.code[:-1] + str((int(ticket.code[-1]) + 1) % 10)
        await check_status(session, citizen, f"mã {wrong} sao rồi")
    reply = (await said(db))[-1]["text"]
    assert reply == texts.STATUS_CODE_NOT_FOUND.format(code=wrong)
    assert ticket.code not in reply


async def test_asking_an_official_before_choosing_a_commune_asks_the_commune_first(
    db: Database,
) -> None:
    await setup(db)
    async with db.session() as session:
        newcomer = Citizen(channel="telegram", external_id="3", chat_id="3")
        session.add(newcomer)
        await session.flush()
        await pick_procedure(session, newcomer, "ket_hon")
        newcomer_id = newcomer.id
    draft = await last_draft_id(db)
    async with db.session() as session:
        back = await session.get(Citizen, newcomer_id)
        assert back is not None
        assert await give_feedback(session, back, draft, "ask") is None
    told = [m["text"] for m in await said(db, "3")]
    assert told[0].startswith("Đăng ký kết hôn")
    assert told[1:] == [texts.PROC_NEED_COMMUNE, texts.ASK_COMMUNE]
    async with db.session() as session:
        settled = await session.get(Citizen, newcomer_id)
        assert settled is not None
        settled.commune_code = TAY_MO
        assert await give_feedback(session, settled, draft, "ask") is None
        tickets = (await session.exec(select(Ticket))).all()
    assert [(t.procedure_id, t.kind, t.text) for t in tickets] == [
        ("ket_hon", "question", texts.PROC_ASK_ABOUT.format(name="Đăng ký kết hôn"))
    ]


async def test_an_empty_search_shows_the_fields(db: Database) -> None:
    one, _ = await setup(db)
    async with db.session() as session:
        citizen = await session.get(Citizen, one)
        assert citizen is not None
        await search_procedures(session, citizen, " \u200b ")
    (shown,) = await said(db)
    assert shown["text"] == texts.PROC_BROWSE_FIELDS
    assert any(b["label"].startswith("Hộ tịch") for row in shown["buttons"] for b in row)


LOCAL_PROCEDURE = {
    "id": "nuoi_chim_yen",
    "name_vi": "Đăng ký cơ sở nuôi chim yến",
    "name_en": "Registering a swiftlet house",
    "category": "business",
    "department": "economic",
    "filed_at": "service_center",
    "documents": ["Tờ khai đăng ký nuôi chim yến", "Sơ đồ vị trí nhà yến"],
    "fee_vnd": 0,
    "processing_time_days": 5,
    "working_days": True,
    "online": False,
    "legal_basis": "Quyết định của UBND tỉnh (ví dụ)",
    "keywords_vi": ["nuôi chim yến", "nhà yến", "chim yến"],
    "questions_vi": ["Nuôi chim yến có phải đăng ký không?", "Làm nhà yến cần giấy tờ gì?"],
    "last_checked": "2026-12-01",
}


async def test_a_communes_own_procedure_is_answered_there_only(db: Database) -> None:
    one, _ = await setup(db)
    async with db.session() as session:
        await save_override(
            session, {"scope": "commune", "code": TAY_MO, "procedure": LOCAL_PROCEDURE}
        )
        elsewhere = Citizen(
            channel="telegram", external_id="9", chat_id="9", commune_code=OTHER_HANOI
        )
        session.add(elsewhere)
        await session.flush()
        assert elsewhere.id is not None
        other = elsewhere.id
    question = "Nhà tôi muốn làm nhà nuôi chim yến thì cần giấy tờ gì?"
    assert await ask(db, one, question) == "clear"
    assert (await said(db))[-1]["text"].startswith("Đăng ký cơ sở nuôi chim yến")
    await ask(db, other, question)
    assert not any(m["text"].startswith("Đăng ký cơ sở") for m in await said(db, "9"))
