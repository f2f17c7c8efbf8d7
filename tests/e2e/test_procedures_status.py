"""Citizens ask how their reports are going, through the real bot and the emulator: by code
(typed any way), without a code, and with somebody else's code, which must get the very
answer an unknown code gets."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from handlers.ticket_codes import find_code, new_code
from storage.models import Ticket
from tests.support.world import World

GROUP = -1201
OFFICIAL = 5201
ASKER = 7201
NEIGHBOUR = 7202
DRAIN = "Cống thoát nước trước nhà số 12 bị tắc, mưa xuống nước tràn vào nhà"
TRASH = "Rác thải đổ trộm thành đống ở bãi đất trống cạnh chợ, bốc mùi hôi thối cả tuần nay"


async def report(world: World, user: int, text: str) -> str:
    emu = world.emulator
    emu.user(user, f"Người dân {user}")
    emu.private_chat(user)
    await emu.send_text(user, user, "/start")
    await world.choose_commune(user)
    await emu.send_text(user, user, text)
    receipt = await emu.wait_for(user, "Đã tiếp nhận")
    code = find_code(receipt["text"])
    assert code is not None
    return code


async def a_day_passes(world: World) -> None:
    """Yesterday's reports: the next message is a new matter, not an addition to them."""
    async with world.db.session() as session:
        for ticket in (await session.exec(select(Ticket))).all():
            ticket.updated_at -= timedelta(days=1)
            session.add(ticket)


def spaced(code: str) -> str:
    """How people type a code read off paper: ``pa 4829 1375``."""
    prefix, first, second = code.split("-")
    return f"{prefix.lower()} {first} {second}"


async def test_status_by_code_without_a_code_and_of_someone_elses_code(world: World) -> None:
    emu = world.emulator
    emu.user(OFFICIAL, "Cán bộ kinh tế")
    emu.group(GROUP, "Phòng Kinh tế")
    await emu.add_member(GROUP, OFFICIAL)
    await emu.bot_added_to_group(GROUP, OFFICIAL)
    await world.bind(GROUP, "economic", OFFICIAL)
    await world.add_official(OFFICIAL, "economic")

    mine = await report(world, ASKER, DRAIN)
    theirs = await report(world, NEIGHBOUR, TRASH)
    card = await emu.wait_for(GROUP, mine)
    await emu.send_text(
        OFFICIAL, GROUP, "Đội thoát nước sẽ đến nạo vét cống.", reply_to=card["message_id"]
    )
    await emu.wait_for(ASKER, "nạo vét")
    await a_day_passes(world)

    await emu.send_text(ASKER, ASKER, f"Phản ánh {spaced(mine)} của tôi đến đâu rồi ạ?")
    detail = await emu.wait_for(ASKER, f"Mã {mine}")
    text = detail["text"]
    assert "Đơn vị xử lý: Phòng Kinh tế, Hạ tầng và Đô thị" in text
    assert "Hạn xử lý: " in text and "Hạn xử lý: —" not in text
    assert "Việc gần nhất: Cán bộ đã trả lời" in text
    assert theirs not in text

    await emu.send_text(ASKER, ASKER, "Cho hỏi phản ánh của tôi xử lý đến đâu rồi")
    listing = await emu.wait_for(ASKER, "đang xử lý của bạn")
    assert mine in listing["text"] and theirs not in listing["text"]

    unknown = next(c for c in iter(lambda: new_code("report"), None) if c not in (mine, theirs))
    await emu.send_text(ASKER, ASKER, f"Hồ sơ {theirs} đến đâu rồi?")
    probe = await emu.wait_for(ASKER, "Không tìm thấy")
    await emu.send_text(ASKER, ASKER, f"Hồ sơ {unknown} đến đâu rồi?")
    miss = await emu.wait_for(ASKER, "Không tìm thấy")
    assert theirs in probe["text"] and unknown in miss["text"]
    assert probe["text"].replace(theirs, "X") == miss["text"].replace(unknown, "X")
    assert "Trạng thái" not in probe["text"] and "bốc mùi" not in probe["text"]
