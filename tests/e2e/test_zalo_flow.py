"""A citizen on Zalo gets the same service as on Telegram: follow, pick a commune by answering
a number, report with a photo and a location; the card reaches the department's Telegram
group and the official's reply (text and photo) reaches the citizen on Zalo."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlmodel import select

from bot.zalo.accounts import chat_key, connect_account
from bot.zalo.emulator import ZaloEmulator
from handlers.ticket_codes import find_code
from storage.models import Attachment, Citizen, Ticket
from tests.support.world import TAY_MO, World, photo, running_world

GROUP = -1001
OFFICE_GROUP = -1002
OFFICIAL = 5001
CITIZEN = "8123456789"
REPORT = "Đèn đường ngõ 5 phố Tây Mỗ bị hỏng cả tuần nay, tối đi lại rất nguy hiểm"


@dataclass
class ZaloWorld:
    world: World
    zalo: ZaloEmulator

    @property
    def oa_id(self) -> str:
        return self.zalo.state.oa_id

    def chat(self, user: str) -> str:
        return chat_key(self.oa_id, user)

    async def department_group(self, group: int, department: str) -> None:
        emu = self.world.emulator
        emu.user(OFFICIAL, "Nguyễn Văn A")
        emu.group(group, f"Nhóm {department}")
        await emu.add_member(group, OFFICIAL)
        await emu.bot_added_to_group(group, OFFICIAL)
        await emu.wait_for(group, "chưa được gắn")
        await self.world.bind(group, department, OFFICIAL)
        await self.world.add_official(OFFICIAL, department)

    async def citizen_with_commune(self, user: str) -> None:
        driver = self.zalo.driver
        await driver.follow(user)
        await self.zalo.wait_for(user, "xã, phường nào")
        await driver.text(user, "tay mo")
        await self.zalo.wait_for(user, "chọn đúng xã")
        await driver.text(user, "1")
        await self.zalo.wait_for(user, "Đã ghi nhận")


@pytest.fixture
async def zalo_world(database_url: str) -> AsyncIterator[ZaloWorld]:
    async with (
        ZaloEmulator() as zalo,
        running_world(database_url, web_host="127.0.0.1", web_port=0, **zalo.settings()) as world,
    ):
        assert world.app.zalo is not None, "Zalo settings given, so the webhook must run"
        zalo.driver.webhook_url = world.app.zalo.webhook_url
        access, refresh, expires_in = zalo.issue_tokens()
        async with world.db.session() as session:
            await connect_account(
                session,
                oa_id=zalo.state.oa_id,
                access_token=access,
                refresh_token=refresh,
                expires_in=expires_in,
                province_code="01",
            )
        yield ZaloWorld(world, zalo)


async def test_zalo_citizen_reports_and_gets_the_officials_answer(zalo_world: ZaloWorld) -> None:
    zalo, driver, tg = zalo_world.zalo, zalo_world.zalo.driver, zalo_world.world.emulator
    await zalo_world.department_group(GROUP, "economic")

    await driver.follow(CITIZEN)
    await zalo.wait_for(CITIZEN, "Xin chào")
    await zalo.wait_for(CITIZEN, "xã, phường nào")
    await driver.text(CITIZEN, "tay mo")
    choices = await zalo.wait_for(CITIZEN, "chọn đúng xã")
    assert "1. Phường Tây Mỗ" in choices["text"]  # the numbered list is always there
    assert "Trả lời 1" in choices["text"]
    assert choices["buttons"][0].startswith("Phường Tây Mỗ")  # and template buttons too
    await driver.text(CITIZEN, "1")
    await zalo.wait_for(CITIZEN, "Đã ghi nhận: Phường Tây Mỗ")

    await driver.location(CITIZEN, 21.0065, 105.7448)
    await zalo.wait_for(CITIZEN, "Đã nhận vị trí")
    await driver.image(CITIZEN, photo(), caption=REPORT)
    receipt = await zalo.wait_for(CITIZEN, "Đã tiếp nhận")
    code = find_code(receipt["text"])
    assert code is not None and code.startswith("PA-")

    card = await tg.wait_for(GROUP, code)
    assert REPORT in card["text"] and "Tây Mỗ" in card["text"]
    card_photo = await tg.wait_for(GROUP, lambda m: "photo" in m)
    assert card_photo["reply_to_message"]["message_id"] == card["message_id"]
    card_map = await tg.wait_for(GROUP, lambda m: "location" in m)
    assert abs(card_map["location"]["latitude"] - 21.0065) < 1e-3

    await tg.send_text(
        OFFICIAL, GROUP, "Tổ điện sẽ thay bóng trong ngày mai.", reply_to=card["message_id"]
    )
    relayed = await zalo.wait_for(CITIZEN, "Tổ điện sẽ thay bóng")
    assert code in relayed["text"]
    await tg.wait_for(GROUP, "Đã gửi câu trả lời")

    await tg.send_photo(OFFICIAL, GROUP, photo(seed=3), reply_to=card["message_id"])
    pictured = await zalo.wait_for(CITIZEN, lambda m: "attachment_id" in m.get("image", {}))
    assert pictured["image"]["attachment_id"] in zalo.state.uploads  # uploaded, then sent

    async with zalo_world.world.db.session() as session:
        ticket = (await session.exec(select(Ticket).where(Ticket.code == code))).one()
        citizen = await session.get(Citizen, ticket.citizen_id)
        attachments = (
            await session.exec(select(Attachment).where(Attachment.ticket_id == ticket.id))
        ).all()
    assert citizen is not None and citizen.channel == "zalo"
    assert citizen.commune_code == TAY_MO
    assert ticket.latitude is not None
    assert [a.channel for a in attachments] == ["zalo"]
    assert attachments[0].file_id.startswith(zalo.base_url)


async def test_numbers_work_when_zalo_refuses_template_buttons(zalo_world: ZaloWorld) -> None:
    zalo, driver = zalo_world.zalo, zalo_world.zalo.driver
    zalo.state.accept_buttons = False
    await driver.follow(CITIZEN)
    await driver.text(CITIZEN, "tay mo")
    choices = await zalo.wait_for(CITIZEN, "chọn đúng xã")
    assert "buttons" not in choices and "Trả lời 1" in choices["text"]
    await driver.text(CITIZEN, "9")
    await zalo.wait_for(CITIZEN, "Số 9 không có")
    await driver.text(CITIZEN, "1")
    await zalo.wait_for(CITIZEN, "Đã ghi nhận: Phường Tây Mỗ")


async def test_stickers_files_and_contact_info_get_plain_answers(zalo_world: ZaloWorld) -> None:
    zalo, driver = zalo_world.zalo, zalo_world.zalo.driver
    await zalo_world.citizen_with_commune(CITIZEN)
    await driver.sticker(CITIZEN)
    await zalo.wait_for(CITIZEN, "nhãn dán")
    document = {"type": "file", "payload": {"url": "https://f.zalo/a.pdf", "name": "don.pdf"}}
    await driver.post(driver.event("user_send_file", CITIZEN, attachments=[document]))
    await zalo.wait_for(CITIZEN, "chưa mở được tệp")
    info = driver.event("user_submit_info", CITIZEN)
    info["info"] = {"name": "Trần Thị B", "phone": "0912345678", "address": "ngõ 5"}
    await driver.post(info)
    await zalo.wait_for(CITIZEN, "thông tin liên hệ")
    await driver.post(driver.event("unfollow", CITIZEN))
    await driver.post(driver.event("user_seen_message", CITIZEN))
    assert zalo_world.world.app.zalo is not None
    await zalo_world.world.app.zalo.inbound.settle()
    async with zalo_world.world.db.session() as session:
        citizen = (await session.exec(select(Citizen))).one()
    assert citizen.phone == "0912345678"
    await zalo_world.world.settled()
    answers = [m.get("text", "") for m in zalo.sent_to(CITIZEN)]
    assert answers[-1].startswith("Cảm ơn bạn đã gửi thông tin")  # nothing after unfollow/seen
