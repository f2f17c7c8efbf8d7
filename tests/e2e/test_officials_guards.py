"""Who may act, end to end: a stranger pressing every button, two officials claiming at the
same moment, a menu used after the ticket moved away; the group commands; forum topics."""

from __future__ import annotations

import asyncio

from sqlmodel import col, select

from storage.models import OutboxMessage
from tests.e2e.test_officials_scene import (
    ALICE,
    BOB,
    CAROL,
    GROUP,
    OTHER_GROUP,
    STRANGER,
    answer,
    card_edit,
    labels,
    press,
    scene,
)
from tests.support.world import World

CARD_BUTTONS = ["Nhận xử lý", "Chuyển phòng", "Chuyển xã", "Từ chối"]


async def _citizen_messages(world: World) -> int:
    async with world.db.session() as session:
        rows = await session.exec(select(OutboxMessage.id).where(OutboxMessage.chat_id == "7001"))
        return len(rows.all())


async def test_a_stranger_pressing_every_button_changes_nothing(world: World) -> None:
    emu = world.emulator
    s = await scene(world)
    card_id = s.card["message_id"]
    await world.settled()
    told_before = await _citizen_messages(world)
    for label in CARD_BUTTONS:
        alert = await answer(world, await press(world, STRANGER, GROUP, card_id, label))
        assert alert["show_alert"] and "không phải cán bộ" in alert["text"]
    # The menus an official opened are refused to the stranger too.
    await answer(world, await press(world, ALICE, GROUP, card_id, "Nhận xử lý"))
    await card_edit(world, GROUP, card_id, "Cán bộ xử lý")
    await answer(world, await press(world, ALICE, GROUP, card_id, "Gia hạn"))
    extend_menu = await emu.wait_for(GROUP, "thêm bao lâu")
    await answer(world, await press(world, ALICE, GROUP, card_id, "Từ chối"))
    reject_menu = await emu.wait_for(GROUP, "Lý do từ chối")
    await answer(world, await press(world, ALICE, GROUP, card_id, "Chuyển phòng"))
    move_menu = await emu.wait_for(GROUP, "sang phòng nào")
    for menu in (extend_menu, reject_menu, move_menu):
        for label in labels(world, GROUP, menu["message_id"]):
            alert = await answer(
                world, await press(world, STRANGER, GROUP, menu["message_id"], label)
            )
            assert alert["show_alert"] and "không phải cán bộ" in alert["text"]
    for label in ["Đã xử lý", "Gia hạn"]:
        alert = await answer(world, await press(world, STRANGER, GROUP, card_id, label))
        assert "không phải cán bộ" in alert["text"]
    await world.settled()
    ticket = await s.ticket()
    assert (ticket.status, ticket.commune_code) == ("assigned", "00634")
    assert await s.actions() == ["created", "claim"]
    assert await _citizen_messages(world) == told_before + 1  # only Alice's claim was told


async def test_two_officials_claim_at_the_same_moment(world: World) -> None:
    s = await scene(world)
    card_id = s.card["message_id"]
    data = next(
        b["callback_data"]
        for row in s.card["reply_markup"]["inline_keyboard"]
        for b in row
        if "Nhận xử lý" in b["text"]
    )
    queries = await asyncio.gather(
        world.emulator.press_button(ALICE, GROUP, card_id, data),
        world.emulator.press_button(BOB, GROUP, card_id, data),
    )
    answers = [(await answer(world, q))["text"] for q in queries]
    winners = [a for a in answers if "đã nhận xử lý" in a and "đã do" not in a]
    losers = [a for a in answers if "đã do" in a]
    assert len(winners) == 1 and len(losers) == 1
    ticket = await s.ticket()
    assert await s.actions() == ["created", "claim"]
    async with world.db.session() as session:
        from storage.models import Official

        holder = await session.get(Official, ticket.assignee_id)
    assert holder is not None and holder.name in losers[0] and holder.name in winners[0]


async def test_a_menu_used_after_the_ticket_moved_is_refused_with_its_state(
    world: World,
) -> None:
    emu = world.emulator
    s = await scene(world)
    emu.group(OTHER_GROUP, "Phòng Văn hóa - Xã hội - Tây Mỗ")
    await emu.add_member(OTHER_GROUP, CAROL)
    await emu.bot_added_to_group(OTHER_GROUP, CAROL)
    await world.bind(OTHER_GROUP, "culture_social", CAROL)
    card_id = s.card["message_id"]
    await answer(world, await press(world, BOB, GROUP, card_id, "Từ chối"))
    bobs_menu = await emu.wait_for(GROUP, "Lý do từ chối")
    await answer(world, await press(world, ALICE, GROUP, card_id, "Chuyển phòng"))
    menu = await emu.wait_for(GROUP, "sang phòng nào")
    await answer(world, await press(world, ALICE, GROUP, menu["message_id"], "Văn hóa"))
    await card_edit(world, GROUP, card_id, "Đã chuyển đơn vị khác")

    alert = await answer(
        world, await press(world, BOB, GROUP, bobs_menu["message_id"], "Không thuộc việc")
    )
    assert alert["show_alert"]
    assert "đã chuyển sang Phòng Văn hóa" in alert["text"] and "Thẻ này đã cũ" in alert["text"]
    assert (await s.ticket()).status == "transferred"
    assert await s.actions() == ["created", "transfer"]


async def test_group_commands(world: World) -> None:
    emu = world.emulator
    s = await scene(world)
    await emu.send_text(ALICE, GROUP, "/open")
    listing = await emu.wait_for(GROUP, "đang mở của phòng")
    assert s.code in listing["text"] and "Mới tiếp nhận" in listing["text"]
    await emu.send_text(ALICE, GROUP, "/mine")
    await emu.wait_for(GROUP, "không có phản ánh nào đang xử lý")
    await answer(world, await press(world, ALICE, GROUP, s.card["message_id"], "Nhận xử lý"))
    await emu.send_text(ALICE, GROUP, "/mine")
    mine = await emu.wait_for(GROUP, "Phản ánh bạn đang xử lý")
    assert s.code in mine["text"]
    await emu.send_text(ALICE, GROUP, f"/ticket {s.code}")
    again = await emu.wait_for(
        GROUP, lambda m: s.code in m.get("text", "") and "PHẢN ÁNH" in m["text"]
    )
    assert "Đã xử lý" in str(again["reply_markup"])
    timeline = await emu.wait_for(GROUP, "Diễn biến phản ánh")
    assert "nhận xử lý (Cán bộ 5001)" in timeline["text"]
    await emu.send_text(ALICE, GROUP, "/ticket")
    await emu.wait_for(GROUP, "Cách dùng: /ticket")
    await emu.send_text(ALICE, GROUP, "/help")
    await emu.wait_for(GROUP, "#note")
    await emu.send_text(STRANGER, GROUP, "/open")
    await emu.wait_for(GROUP, "không phải cán bộ")


async def test_a_forum_topic_works_like_a_group(world: World) -> None:
    emu = world.emulator
    forum = -1009
    for user, name in ((ALICE, "Nguyễn Văn An"), (7001, "Trần Thị Dân")):
        emu.user(user, name)
    emu.group(forum, "UBND phường Tây Mỗ", forum=True)
    await emu.add_member(forum, ALICE)
    await emu.bot_added_to_group(forum, ALICE)
    topic = await emu.create_topic(forum, "Kinh tế", by_user=ALICE)
    await world.bind(forum, "economic", ALICE, thread_id=topic)
    await world.add_official(ALICE, "economic")
    emu.private_chat(7001)
    await emu.send_text(7001, 7001, "/start")
    await world.choose_commune(7001)
    await emu.send_text(7001, 7001, "Đèn đường ngõ 5 phố Tây Mỗ bị hỏng cả tuần nay")
    card = await emu.wait_for(forum, "PHẢN ÁNH")
    assert card["message_thread_id"] == topic
    await answer(world, await press(world, ALICE, forum, card["message_id"], "Nhận xử lý"))
    await card_edit(world, forum, card["message_id"], "Cán bộ xử lý")
    await emu.send_text(ALICE, forum, "/open", thread_id=topic)
    listing = await emu.wait_for(forum, "đang mở của phòng")
    assert listing["message_thread_id"] == topic
    async with world.db.session() as session:
        rows = await session.exec(
            select(OutboxMessage.thread_id).where(
                col(OutboxMessage.chat_id) == str(forum), col(OutboxMessage.ticket_id).is_not(None)
            )
        )
        assert set(rows.all()) == {topic}  # card, its edits: all in the department's topic
