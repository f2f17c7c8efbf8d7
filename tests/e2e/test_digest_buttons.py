"""The morning digest lists ticket codes as buttons; pressing one brings that card back."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.digests import daily_digests
from handlers.ticket_codes import find_code
from tests.support.world import World

GROUP = -1001
OFFICIAL = 5001
CITIZEN = 7001
MONDAY_MORNING = datetime(2026, 12, 7, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


async def test_a_code_in_the_digest_shows_its_card(world: World) -> None:
    emu = world.emulator
    await world.department_group(GROUP, OFFICIAL)
    await world.citizen(CITIZEN)
    await emu.send_text(
        CITIZEN,
        CITIZEN,
        "Rác thải đổ trộm thành đống ở bãi đất trống cạnh chợ, bốc mùi hôi thối cả tuần nay",
    )
    code = find_code((await emu.wait_for(CITIZEN, "Đã tiếp nhận"))["text"])
    assert code is not None
    await emu.wait_for(GROUP, code)

    async with world.db.session() as session:
        assert await daily_digests(session, MONDAY_MORNING) >= 1
    world.app.sender.wake()
    digest = await emu.wait_for(
        GROUP, lambda m: bool(m.get("reply_markup")) and code in str(m["reply_markup"])
    )
    button = next(
        b for row in digest["reply_markup"]["inline_keyboard"] for b in row if code in b["text"]
    )
    await emu.press_button(OFFICIAL, GROUP, digest["message_id"], button["callback_data"])
    card = await emu.wait_for(
        GROUP, lambda m: code in m.get("text", "") and "PHẢN ÁNH" in m["text"]
    )
    assert card["message_id"] > digest["message_id"]
