"""Moving a ticket on, end to end: to another department (card and history posted there,
old card updated), to another commune, a longer deadline with a reason, a duplicate."""

from __future__ import annotations

from sqlmodel import select

from handlers.ticket_codes import find_code
from storage.models import Commune, Department, Ticket
from tests.e2e.test_officials_scene import (
    ALICE,
    BOB,
    CAROL,
    CITIZEN,
    GROUP,
    OTHER_GROUP,
    answer,
    card_edit,
    labels,
    press,
    scene,
)
from tests.support.world import World

CULTURE = "Phòng Văn hóa - Xã hội"


async def test_transfer_to_another_department(world: World) -> None:
    emu = world.emulator
    s = await scene(world)
    emu.group(OTHER_GROUP, "Phòng Văn hóa - Xã hội - Tây Mỗ")
    await emu.add_member(OTHER_GROUP, CAROL)
    await emu.bot_added_to_group(OTHER_GROUP, CAROL)
    await world.bind(OTHER_GROUP, "culture_social", CAROL)
    await world.add_official(CAROL, "culture_social")
    card_id = s.card["message_id"]

    query = await press(world, ALICE, GROUP, card_id, "Chuyển phòng")
    await answer(world, query)
    menu = await emu.wait_for(GROUP, "sang phòng nào")
    query = await press(world, ALICE, GROUP, menu["message_id"], CULTURE)
    await answer(world, query)

    moved = await emu.wait_for(OTHER_GROUP, s.code)
    assert "Trạng thái: Đã chuyển đơn vị khác" in moved["text"]
    assert "Nhận xử lý" in labels(world, OTHER_GROUP, moved["message_id"])[0]
    history = await emu.wait_for(OTHER_GROUP, "Diễn biến phản ánh")
    assert history["reply_to_message"]["message_id"] == moved["message_id"]
    assert "chuyển (Cán bộ 5001)" in history["text"]
    old = await card_edit(world, GROUP, card_id, "Đã chuyển đơn vị khác")
    assert "reply_markup" not in old  # the old group can no longer act on it
    told = await emu.wait_for(CITIZEN, "đã được chuyển tới")
    assert CULTURE in told["text"] and "Hạn xử lý mới" in told["text"]

    query = await press(world, CAROL, OTHER_GROUP, moved["message_id"], "Nhận xử lý")
    assert "Cán bộ 5003 đã nhận" in (await answer(world, query))["text"]
    ticket = await s.ticket()
    async with world.db.session() as session:
        department = await session.get(Department, ticket.department_id)
    assert department is not None and department.key == "culture_social"
    assert ticket.status == "assigned"
    assert await s.actions() == ["created", "transfer", "claim"]

    # Alice's reply on the old card no longer reaches the citizen.
    await emu.send_text(ALICE, GROUP, "Bên tôi xử lý luôn nhé", reply_to=card_id)
    await emu.wait_for(GROUP, "chưa được đăng ký")


async def test_transfer_to_another_commune(world: World) -> None:
    emu = world.emulator
    s = await scene(world)
    query = await press(world, ALICE, GROUP, s.card["message_id"], "Chuyển xã")
    await answer(world, query)
    asked = await emu.wait_for(GROUP, "tên xã, phường cần chuyển")
    await emu.send_text(ALICE, GROUP, "Đại Mỗ", reply_to=asked["message_id"])
    choices = await emu.wait_for(GROUP, "Chọn xã, phường nhận phản ánh")
    query = await press(world, ALICE, GROUP, choices["message_id"], "Đại Mỗ")
    await answer(world, query)
    await emu.wait_for(GROUP, "Đã chuyển phản ánh")
    told = await emu.wait_for(CITIZEN, "đã được chuyển tới")
    assert "Phường Đại Mỗ" in told["text"]
    ticket = await s.ticket()
    async with world.db.session() as session:
        commune = await session.get(Commune, ticket.commune_code)
    assert commune is not None and commune.name == "Phường Đại Mỗ"
    assert (ticket.status, ticket.card_posted) == ("transferred", False)  # waits for its group


async def test_extend_with_a_reason(world: World) -> None:
    emu = world.emulator
    s = await scene(world)
    card_id = s.card["message_id"]
    await answer(world, await press(world, BOB, GROUP, card_id, "Nhận xử lý"))
    await card_edit(world, GROUP, card_id, "Cán bộ 5002")
    before = (await s.ticket()).resolve_due_at
    await answer(world, await press(world, BOB, GROUP, card_id, "Gia hạn"))
    menu = await emu.wait_for(GROUP, "thêm bao lâu")
    await answer(world, await press(world, BOB, GROUP, menu["message_id"], "3 ngày làm việc"))
    asked = await emu.wait_for(GROUP, "lý do gia hạn")
    await emu.send_text(BOB, GROUP, "ok", reply_to=asked["message_id"])
    await emu.wait_for(GROUP, "Lý do quá ngắn")
    await emu.send_text(
        BOB, GROUP, "Chờ công ty điện lực cấp bóng đèn thay thế", reply_to=asked["message_id"]
    )
    told = await emu.wait_for(CITIZEN, "được gia hạn")
    assert "Chờ công ty điện lực cấp bóng đèn thay thế" in told["text"]
    ticket = await s.ticket()
    assert before is not None and ticket.resolve_due_at is not None
    assert ticket.resolve_due_at > before
    await card_edit(world, GROUP, card_id, "Gần nhất: gia hạn")
    assert await s.actions() == ["created", "claim", "extend"]


async def test_reject_as_duplicate(world: World) -> None:
    emu = world.emulator
    first = await scene(world)
    await emu.send_text(
        CITIZEN, CITIZEN, "Cống thoát nước trước nhà số 12 bị tắc, mưa xuống nước tràn vào nhà"
    )
    new = await emu.wait_for(CITIZEN, lambda m: "Phản ánh mới" in str(m.get("reply_markup")))
    await emu.press_button(
        CITIZEN, CITIZEN, new["message_id"], emu.button_data(CITIZEN, new["message_id"], 2)
    )
    receipt = await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    second_code = find_code(receipt["text"])
    card = await emu.wait_for(GROUP, str(second_code))

    await answer(world, await press(world, ALICE, GROUP, card["message_id"], "Từ chối"))
    menu = await emu.wait_for(GROUP, "Lý do từ chối")
    await answer(world, await press(world, ALICE, GROUP, menu["message_id"], "Trùng"))
    asked = await emu.wait_for(GROUP, "mã phản ánh trùng")
    await emu.send_text(ALICE, GROUP, f"trùng {first.code}", reply_to=asked["message_id"])
    told = await emu.wait_for(CITIZEN, "không được tiếp nhận xử lý")
    assert f"trùng với phản ánh {first.code}" in told["text"]
    await card_edit(world, GROUP, card["message_id"], "Trạng thái: Không tiếp nhận")
    async with world.db.session() as session:
        statuses = dict((await session.exec(select(Ticket.code, Ticket.status))).all())
    assert statuses == {first.code: "new", second_code: "rejected"}
