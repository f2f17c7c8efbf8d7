"""The skeleton's story, end to end through the Bot API emulator with the real aiogram client:
an admin binds a group, a citizen picks a commune and reports with a photo, the card reaches
the department's group, the official's reply reaches the citizen and back again."""

from __future__ import annotations

import re

from sqlmodel import select

from handlers.ticket_codes import find_code
from storage.models import Attachment, Ticket, TicketEvent, TicketMessage
from tests.support.world import World, photo

GROUP = -1001
OFFICIAL = 5001
CITIZEN = 7001
REPORT = "Đèn đường ngõ 5 phố Tây Mỗ bị hỏng cả tuần nay, tối đi lại rất nguy hiểm"


async def test_report_reaches_group_and_reply_reaches_citizen(world: World) -> None:
    emu = world.emulator
    emu.user(OFFICIAL, "Nguyễn Văn A")
    emu.user(CITIZEN, "Trần Thị B")
    emu.group(GROUP, "Phòng Kinh tế - Tây Mỗ")
    await emu.add_member(GROUP, OFFICIAL)
    await emu.bot_added_to_group(GROUP, OFFICIAL)
    await emu.wait_for(GROUP, "chưa được gắn")  # an unbound group is told how to bind
    confirmation = await world.bind(GROUP, "economic", OFFICIAL)
    assert "Phường Tây Mỗ" in confirmation["text"]
    await world.add_official(OFFICIAL, "economic")

    emu.private_chat(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, "/start")
    await emu.wait_for(CITIZEN, "xã, phường nào")
    await world.choose_commune(CITIZEN, "tay mo")

    await emu.send_photo(CITIZEN, CITIZEN, photo(), caption=REPORT)
    receipt = await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    code = find_code(receipt["text"])
    assert code is not None and code.startswith("PA-")
    assert "Hạn xử lý dự kiến" in receipt["text"]

    card = await emu.wait_for(GROUP, code)
    assert "Tây Mỗ" in card["text"] and REPORT in card["text"]
    assert "Đường, điện chiếu sáng" in card["text"]  # category label, not the internal key
    card_photo = await emu.wait_for(GROUP, lambda m: "photo" in m)
    assert card_photo["reply_to_message"]["message_id"] == card["message_id"]
    assert "+84" not in card["text"] and "Trần Thị B" not in card["text"]

    await emu.send_text(
        OFFICIAL, GROUP, "Tổ điện sẽ thay bóng trong ngày mai.", reply_to=card["message_id"]
    )
    relayed = await emu.wait_for(CITIZEN, "Tổ điện sẽ thay bóng")
    assert relayed["from"]["id"] != OFFICIAL  # comes from the bot, as the department
    assert "Phòng Kinh tế, Hạ tầng và Đô thị — Phường Tây Mỗ" in relayed["text"]
    await emu.wait_for(GROUP, "Đã gửi câu trả lời")

    await emu.send_text(
        CITIZEN,
        CITIZEN,
        "Cảm ơn, nhờ sửa giúp cả bóng đầu ngõ nữa ạ",
        reply_to=relayed["message_id"],
    )
    followup = await emu.wait_for(GROUP, "bóng đầu ngõ")
    assert followup["reply_to_message"]["message_id"] == card["message_id"]
    await emu.wait_for(CITIZEN, "Đã chuyển phần bổ sung")

    async with world.db.session() as session:
        ticket = (await session.exec(select(Ticket).where(Ticket.code == code))).one()
        messages = (
            await session.exec(select(TicketMessage).where(TicketMessage.ticket_id == ticket.id))
        ).all()
        photos = (
            await session.exec(select(Attachment).where(Attachment.ticket_id == ticket.id))
        ).all()
        events = (
            await session.exec(
                select(TicketEvent.action).where(TicketEvent.ticket_id == ticket.id)
            )
        ).all()
    assert ticket.category == "infrastructure" and ticket.commune_code == "00634"
    assert [m.author_kind for m in messages] == ["citizen", "official", "citizen"]
    assert len(photos) == 1
    assert ticket.first_response_at is not None
    assert events == ["created", "official_reply", "citizen_message"]


async def test_a_ticket_for_an_unbound_department_waits_then_arrives(world: World) -> None:
    emu = world.emulator
    emu.user(OFFICIAL, "Nguyễn Văn A")
    emu.user(CITIZEN, "Trần Thị B")
    emu.private_chat(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, "/start")
    await world.choose_commune(CITIZEN)
    await emu.send_text(
        CITIZEN,
        CITIZEN,
        "Rác thải đổ trộm thành đống ở bãi đất trống cạnh chợ, bốc mùi hôi thối cả tuần nay",
    )
    receipt = await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    assert "sẽ được chuyển ngay khi kết nối xong" in receipt["text"]
    code = find_code(receipt["text"])

    from handlers.backlog import unrouted_tickets

    async with world.db.session() as session:
        assert [t.code for t in await unrouted_tickets(session)] == [code]

    emu.group(GROUP, "Phòng Kinh tế")
    await emu.add_member(GROUP, OFFICIAL)
    await emu.bot_added_to_group(GROUP, OFFICIAL)
    confirmation = await world.bind(GROUP, "economic", OFFICIAL)
    assert "1 phản ánh đang chờ" in confirmation["text"]
    card = await emu.wait_for(GROUP, str(code))
    assert "bốc mùi" in card["text"]
    async with world.db.session() as session:
        assert await unrouted_tickets(session) == []


async def test_the_same_update_delivered_twice_makes_one_ticket(world: World) -> None:
    emu = world.emulator
    await world.citizen(CITIZEN, "Trần Thị B")
    sent = await emu.send_text(
        CITIZEN, CITIZEN, "Cống thoát nước trước nhà số 12 bị tắc, mưa xuống nước tràn vào nhà"
    )
    await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    bot = emu.bot(None)
    update_id = next(
        uid
        for uid, update in bot.delivered.items()
        if update.get("message", {}).get("message_id") == sent["message_id"]
    )
    await emu.redeliver(update_id)
    await emu.send_text(CITIZEN, CITIZEN, "/cua_toi")  # a later update: the duplicate came first
    listing = await emu.wait_for(CITIZEN, "Phản ánh của bạn")
    assert len(re.findall(r"PA-\d{4}-\d{4}", listing["text"])) == 1
    async with world.db.session() as session:
        assert len((await session.exec(select(Ticket))).all()) == 1


async def test_the_citizens_phone_number_stays_out_of_the_group(world: World) -> None:
    emu = world.emulator
    await world.department_group(GROUP, OFFICIAL, register=False)
    await world.citizen(CITIZEN, "Trần Thị B")
    await emu.send_text(
        CITIZEN,
        CITIZEN,
        "Đèn đường ngõ 5 hỏng cả tuần nay, tối rất tối, cần gì gọi tôi số 0912 345 678 nhé",
    )
    code = find_code((await emu.wait_for(CITIZEN, "Đã tiếp nhận"))["text"])
    card = await emu.wait_for(GROUP, str(code))
    assert "345" not in card["text"] and "số điện thoại đã ẩn" in card["text"]
    async with world.db.session() as session:
        ticket = (await session.exec(select(Ticket).where(Ticket.code == code))).one()
    assert "0912 345 678" in ticket.text  # kept on the ticket, for when it is needed
