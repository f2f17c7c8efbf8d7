"""A report that names another ward than the citizen's own is routed there — after one tap.
Old pre-2025 names that were split between new wards are asked, never guessed."""

from __future__ import annotations

from sqlmodel import select

from storage.models import Ticket
from tests.support.world import World

CITIZEN = 7001


async def _ready(world: World) -> None:
    await world.citizen(CITIZEN)


async def _press(world: World, message: dict[str, object], label_part: str) -> None:
    rows = message["reply_markup"]["inline_keyboard"]  # type: ignore[index]
    data = next(b["callback_data"] for row in rows for b in row if label_part in b["text"])
    await world.emulator.press_button(CITIZEN, CITIZEN, message["message_id"], data)  # type: ignore[arg-type]


async def _tickets(world: World) -> list[Ticket]:
    async with world.db.session() as session:
        return list((await session.exec(select(Ticket))).all())


async def test_a_named_ward_is_confirmed_then_gets_the_ticket(world: World) -> None:
    emu = world.emulator
    await _ready(world)
    await emu.send_text(
        CITIZEN,
        CITIZEN,
        "Đường Hoàng Hoa Thám ở phường Ngọc Hà có cây xanh đổ chắn ngang đường từ sáng",
    )
    question = await emu.wait_for(CITIZEN, "gửi về đâu")
    assert "Phường Ngọc Hà" in question["text"]
    assert await _tickets(world) == []  # nothing routed before the citizen says where
    await _press(world, question, "Gửi Phường Ngọc Hà")
    receipt = await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    assert "Phường Ngọc Hà" in receipt["text"]
    [ticket] = await _tickets(world)
    assert ticket.commune_code == "00008" and ticket.category == "infrastructure"


async def test_the_citizen_can_keep_their_own_ward(world: World) -> None:
    emu = world.emulator
    await _ready(world)
    await emu.send_text(
        CITIZEN,
        CITIZEN,
        "Đường Hoàng Hoa Thám ở phường Ngọc Hà có cây xanh đổ chắn ngang đường từ sáng",
    )
    question = await emu.wait_for(CITIZEN, "gửi về đâu")
    await _press(world, question, "Xã, phường của tôi")
    await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    [ticket] = await _tickets(world)
    assert ticket.commune_code == "00634"


async def test_a_split_old_ward_is_asked_not_guessed(world: World) -> None:
    emu = world.emulator
    await _ready(world)
    await emu.send_text(
        CITIZEN, CITIZEN, "Ống nước ở phường Láng Hạ cũ bị vỡ, nước chảy lênh láng ra đường"
    )
    question = await emu.wait_for(CITIZEN, "nhiều xã, phường trùng tên")
    labels = [b["text"] for row in question["reply_markup"]["inline_keyboard"] for b in row]
    assert len(labels) == 4  # three new wards took parts of Láng Hạ, plus "my own"
    assert any("Phường Láng" in label for label in labels)
    await _press(world, question, "Phường Giảng Võ")
    await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    [ticket] = await _tickets(world)
    assert ticket.commune_code != "00634"
    # the same button again: the draft is gone, nothing is created twice
    query = await emu.press_button(
        CITIZEN,
        CITIZEN,
        question["message_id"],
        question["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
    )
    await world.settled()
    assert len(await _tickets(world)) == 1
    assert query


async def test_an_ask_the_citizen_rule_makes_the_bot_ask(world: World) -> None:
    from handlers.routing import ASK_CITIZEN, DEFAULT_RULES, Rule, save_rules

    async with world.db.session() as session:
        await save_rules(
            session,
            [
                *DEFAULT_RULES,
                Rule(ASK_CITIZEN, intent="report", category="environment", commune="00634"),
            ],
        )
    emu = world.emulator
    await _ready(world)
    await emu.send_text(
        CITIZEN,
        CITIZEN,
        "Rác thải đổ trộm thành đống ở bãi đất trống cạnh chợ, bốc mùi hôi thối cả tuần nay",
    )
    question = await emu.wait_for(CITIZEN, "thuộc lĩnh vực nào")
    assert await _tickets(world) == []
    await _press(world, question, "Rác thải, ô nhiễm")
    await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    [ticket] = await _tickets(world)
    assert ticket.category == "environment"
