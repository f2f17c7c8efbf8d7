"""Shared scene for the officials' end-to-end tests (no tests here): a department group with two
officials and a citizen's report on its card; helpers to find buttons by label and read answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from handlers.ticket_codes import find_code
from storage.models import Ticket, TicketEvent
from tests.support.world import World, eventually

GROUP = -1001
OTHER_GROUP = -1002
ALICE = 5001  # officer of the economic department
BOB = 5002  # another officer of the same department
CAROL = 5003  # officer of the culture & social department
STRANGER = 6001  # a group member who is not a registered official
CITIZEN = 7001
REPORT = "Đèn đường ngõ 5 phố Tây Mỗ bị hỏng cả tuần nay, tối đi lại rất nguy hiểm"


@dataclass
class Scene:
    world: World
    code: str
    card: dict[str, Any]

    async def ticket(self) -> Ticket:
        async with self.world.db.session() as session:
            return (await session.exec(select(Ticket).where(Ticket.code == self.code))).one()

    async def actions(self) -> list[str]:
        ticket = await self.ticket()
        async with self.world.db.session() as session:
            rows = await session.exec(
                select(TicketEvent.action)
                .where(TicketEvent.ticket_id == ticket.id)
                .order_by(col(TicketEvent.id))
            )
            return list(rows.all())


def button(world: World, chat: int, message_id: int, label: str) -> str:
    """callback_data of the button whose label contains ``label`` (as a person reads it)."""
    message = next(m for m in world.emulator.messages(chat) if m["message_id"] == message_id)
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    for row in rows:
        for item in row:
            if label in item["text"]:
                return str(item["callback_data"])
    raise AssertionError(f"no button {label!r} on message {message_id}: {rows}")


def labels(world: World, chat: int, message_id: int) -> list[str]:
    message = next(m for m in world.emulator.messages(chat) if m["message_id"] == message_id)
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [item["text"] for row in rows for item in row]


async def press(world: World, user: int, chat: int, message_id: int, label: str) -> str:
    data = button(world, chat, message_id, label)
    return await world.emulator.press_button(user, chat, message_id, data)


async def answer(world: World, query_id: str) -> dict[str, Any]:
    """The bot's answer to a button press (the alert or toast the person sees)."""

    async def answered() -> bool:
        return bool(world.emulator.callback_answers(query_id))

    await eventually(answered)
    return world.emulator.callback_answers(query_id)[0]


async def scene(world: World, text: str = REPORT) -> Scene:
    emu = world.emulator
    for user, name in (
        (ALICE, "Nguyễn Văn An"),
        (BOB, "Lê Thị Bình"),
        (CAROL, "Phạm Văn Cường"),
        (STRANGER, "Người Lạ"),
        (CITIZEN, "Trần Thị Dân"),
    ):
        emu.user(user, name)
    emu.group(GROUP, "Phòng Kinh tế - Tây Mỗ")
    for member in (ALICE, BOB, STRANGER):
        await emu.add_member(GROUP, member)
    await emu.bot_added_to_group(GROUP, ALICE)
    await world.bind(GROUP, "economic", ALICE)
    await world.add_official(ALICE, "economic")
    await world.add_official(BOB, "economic")
    emu.private_chat(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, "/start")
    await world.choose_commune(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, text)
    receipt = await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    code = find_code(receipt["text"])
    assert code is not None
    card = await emu.wait_for(GROUP, code)
    return Scene(world, code, card)


async def card_edit(world: World, chat: int, message_id: int, needle: str) -> dict[str, Any]:
    """The card as edited in place, once it shows ``needle``."""
    return await world.emulator.wait_for(
        chat, lambda m: m["message_id"] == message_id and needle in m.get("text", "")
    )
