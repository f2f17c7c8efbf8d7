"""Citizens ask about procedures through the real bot and the Bot API emulator: a clear
answer card, a close call settled by a tap, a question no answer covers going to the
commune's one-stop desk, and browsing with /thu_tuc."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from handlers.procedure_local import save_override
from handlers.ticket_codes import find_code
from storage.models import ProcedureFeedback, Ticket
from tests.support.world import TAY_MO, World, eventually

CITIZEN = 7101
OFFICIAL = 5101
DESK_GROUP = -1101
CLEAR = "Làm giấy khai sinh cho con cần những gì?"
AMBIGUOUS = "cho hỏi thủ tục khai sinh"
UNKNOWN = "thủ tục xin cấp phép bắn pháo hoa đám cưới cần gì ạ"


def labels(message: dict[str, Any]) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [str(button["text"]) for row in rows for button in row]


def data_of(message: dict[str, Any], label_part: str) -> str:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    buttons = [b for row in rows for b in row]
    found = [b["callback_data"] for b in buttons if b["text"] == label_part] or [
        b["callback_data"] for b in buttons if label_part in b["text"]
    ]
    assert len(found) == 1, (label_part, labels(message))
    return str(found[0])


async def citizen_ready(world: World) -> None:
    emu = world.emulator
    emu.user(CITIZEN, "Lê Văn C")
    emu.private_chat(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, "/start")
    await world.choose_commune(CITIZEN)


async def desk_ready(world: World) -> None:
    emu = world.emulator
    emu.user(OFFICIAL, "Cán bộ một cửa")
    emu.group(DESK_GROUP, "Một cửa Tây Mỗ")
    await emu.add_member(DESK_GROUP, OFFICIAL)
    await emu.bot_added_to_group(DESK_GROUP, OFFICIAL)
    await world.bind(DESK_GROUP, "service_center", OFFICIAL)
    await world.add_official(OFFICIAL, "service_center")


async def test_a_clear_question_gets_the_card_with_the_communes_own_desk(world: World) -> None:
    async with world.db.session() as session:
        await save_override(
            session,
            {
                "scope": "commune",
                "code": TAY_MO,
                "desk_address": "Số 1 Tây Mỗ, Nam Từ Liêm",
                "opening_hours": "Thứ Hai - Thứ Sáu, 8:00 - 17:00",
            },
        )
    await citizen_ready(world)
    emu = world.emulator
    await emu.send_text(CITIZEN, CITIZEN, CLEAR)
    card = await emu.wait_for(CITIZEN, "Giấy tờ cần mang")
    text = card["text"]
    assert text.startswith("Đăng ký khai sinh")
    assert "- Giấy chứng sinh" in text  # the papers, as a list
    assert "Lệ phí: Miễn phí" in text
    assert "Thời gian giải quyết: Trong ngày" in text
    assert "Nơi nộp: Trung tâm Phục vụ hành chính công" in text
    assert "Địa chỉ: Số 1 Tây Mỗ, Nam Từ Liêm" in text
    assert "Giờ làm việc: Thứ Hai - Thứ Sáu, 8:00 - 17:00" in text
    assert "https://dichvucong.gov.vn" in text
    assert labels(card) == ["👍 Hữu ích", "👎 Chưa đúng ý tôi", "🙋 Hỏi cán bộ"]

    query_id = await emu.press_button(
        CITIZEN, CITIZEN, card["message_id"], data_of(card, "Hữu ích")
    )

    async def thanked_and_counted() -> bool:
        answers = emu.callback_answers(query_id)
        async with world.db.session() as session:
            votes = (await session.exec(select(ProcedureFeedback))).all()
        return bool(answers) and len(votes) == 1

    await eventually(thanked_and_counted)
    assert emu.callback_answers(query_id)[-1].get("text") == "Cảm ơn bạn đã góp ý!"
    async with world.db.session() as session:
        votes = (await session.exec(select(ProcedureFeedback))).all()
        tickets = (await session.exec(select(Ticket))).all()
    assert [(v.procedure_id, v.verdict) for v in votes] == [("khai_sinh", "helpful")]
    assert tickets == []  # a question the card answered bothers no official


async def test_a_close_call_is_settled_by_one_tap(world: World) -> None:
    await citizen_ready(world)
    emu = world.emulator
    await emu.send_text(CITIZEN, CITIZEN, AMBIGUOUS)
    choice = await emu.wait_for(CITIZEN, "thủ tục nào")
    offered = labels(choice)
    assert "Đăng ký khai sinh" in offered and "Đăng ký lại khai sinh" in offered
    assert 3 <= len(offered) <= 4  # two or three procedures, then "ask an official"
    assert "hỏi cán bộ" in offered[-1]
    await emu.press_button(
        CITIZEN, CITIZEN, choice["message_id"], data_of(choice, "Đăng ký lại khai sinh")
    )
    card = await emu.wait_for(CITIZEN, "Giấy tờ cần mang")
    assert card["text"].startswith("Đăng ký lại khai sinh")
    assert "Hỏi cán bộ" in labels(card)[-1]


async def test_an_unknown_procedure_goes_to_the_desk_and_the_answer_comes_back(
    world: World,
) -> None:
    await desk_ready(world)
    await citizen_ready(world)
    emu = world.emulator
    await emu.send_text(CITIZEN, CITIZEN, UNKNOWN)
    receipt = await emu.wait_for(CITIZEN, "Đã chuyển câu hỏi")
    code = find_code(receipt["text"])
    assert code is not None and code.startswith("HD-")
    assert "phục vụ hành chính công — Phường Tây Mỗ" in receipt["text"]

    card = await emu.wait_for(DESK_GROUP, code)
    assert "CÂU HỎI THỦ TỤC" in card["text"] and "pháo hoa" in card["text"]
    await emu.send_text(
        OFFICIAL,
        DESK_GROUP,
        "Bắn pháo hoa cần xin phép Công an tỉnh, anh liên hệ số 069.123.456 nhé.",
        reply_to=card["message_id"],
    )
    answer = await emu.wait_for(CITIZEN, "Công an tỉnh")
    assert code in answer["text"]
    async with world.db.session() as session:
        ticket = (await session.exec(select(Ticket).where(Ticket.code == code))).one()
        asked = (await session.exec(select(ProcedureFeedback))).all()
    assert ticket.kind == "question" and ticket.procedure_id is None
    assert [(a.procedure_id, a.verdict, a.ticket_id) for a in asked] == [
        (None, "asked", ticket.id)
    ]


async def test_ask_an_official_from_the_card_opens_one_question(world: World) -> None:
    await desk_ready(world)
    await citizen_ready(world)
    emu = world.emulator
    await emu.send_text(CITIZEN, CITIZEN, CLEAR)
    card = await emu.wait_for(CITIZEN, "Giấy tờ cần mang")
    ask = data_of(card, "Hỏi cán bộ")
    await emu.press_button(CITIZEN, CITIZEN, card["message_id"], ask)
    receipt = await emu.wait_for(CITIZEN, "Đã chuyển câu hỏi")
    code = find_code(receipt["text"])
    group_card = await emu.wait_for(DESK_GROUP, str(code))
    assert CLEAR in group_card["text"] and "Đăng ký khai sinh" in group_card["text"]

    again = await emu.press_button(CITIZEN, CITIZEN, card["message_id"], ask)

    async def answered() -> bool:
        return bool(emu.callback_answers(again))

    await eventually(answered)
    await world.settled()
    assert str(code) in str(emu.callback_answers(again)[-1].get("text"))
    async with world.db.session() as session:
        tickets = (await session.exec(select(Ticket))).all()
    assert [(t.code, t.procedure_id) for t in tickets] == [(code, "khai_sinh")]


async def test_browsing_with_thu_tuc_and_searching(world: World) -> None:
    await citizen_ready(world)
    emu = world.emulator
    await emu.send_text(CITIZEN, CITIZEN, "/thu_tuc")
    fields = await emu.wait_for(CITIZEN, "lĩnh vực nào")
    assert any(label.startswith("Hộ tịch") for label in labels(fields))
    await emu.press_button(CITIZEN, CITIZEN, fields["message_id"], data_of(fields, "Hộ tịch"))
    listing = await emu.wait_for(CITIZEN, "Các thủ tục về Hộ tịch")
    assert "Đăng ký kết hôn" in labels(listing)
    await emu.press_button(
        CITIZEN, CITIZEN, listing["message_id"], data_of(listing, "Đăng ký kết hôn")
    )
    card = await emu.wait_for(CITIZEN, "Giấy tờ cần mang")
    assert card["text"].startswith("Đăng ký kết hôn")

    await emu.send_text(CITIZEN, CITIZEN, "/thu_tuc karaoke")
    found = await emu.wait_for(CITIZEN, "Giấy tờ cần mang")
    assert "karaoke" in found["text"].lower()
    await emu.send_text(CITIZEN, CITIZEN, "/thu_tuc xyzxyz")
    empty = await emu.wait_for(CITIZEN, "Chưa tìm thấy thủ tục")
    assert "xyzxyz" in empty["text"] and len(labels(empty)) > 3
