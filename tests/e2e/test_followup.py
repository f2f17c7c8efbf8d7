"""Right after filing, the citizen's next report may be more of the same ticket: the bot asks.
A thank-you or a question is simply answered, never mistaken for an addition."""

from __future__ import annotations

from sqlmodel import col, select

from handlers.ticket_codes import find_code
from storage.models import Ticket, TicketMessage
from tests.support.world import World

CITIZEN = 7001
FIRST = "Cống thoát nước trước nhà số 12 ngõ 5 bị tắc, nước bẩn tràn ra đường"
SECOND = "Đèn chiếu sáng ở đầu ngõ 9 cũng bị hỏng cả tuần nay, tối đi lại rất nguy hiểm"


async def _filed(world: World) -> str:
    emu = world.emulator
    await world.citizen(CITIZEN)
    await emu.send_text(CITIZEN, CITIZEN, FIRST)
    receipt = await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    code = find_code(receipt["text"])
    assert code is not None
    return code


async def _tickets(world: World) -> list[Ticket]:
    async with world.db.session() as session:
        return list((await session.exec(select(Ticket).order_by(col(Ticket.id)))).all())


async def test_thanks_after_filing_is_answered_not_asked(world: World) -> None:
    emu = world.emulator
    await _filed(world)
    await emu.send_text(CITIZEN, CITIZEN, "Xin chào, cảm ơn cán bộ nhiều ạ")
    reply = await emu.wait_for(CITIZEN)
    assert "bổ sung cho phản ánh" not in reply["text"]
    assert len(await _tickets(world)) == 1


async def test_a_second_report_can_become_a_new_ticket(world: World) -> None:
    emu = world.emulator
    code = await _filed(world)
    await emu.send_text(CITIZEN, CITIZEN, SECOND)
    question = await emu.wait_for(CITIZEN, f"bổ sung cho phản ánh {code}")
    rows = question["reply_markup"]["inline_keyboard"]
    await emu.press_button(CITIZEN, CITIZEN, question["message_id"], rows[1][0]["callback_data"])
    receipt = await emu.wait_for(CITIZEN, "Đã tiếp nhận")
    assert find_code(receipt["text"]) != code
    assert [t.text for t in await _tickets(world)] == [FIRST, SECOND]


async def test_or_an_addition_to_the_first(world: World) -> None:
    emu = world.emulator
    code = await _filed(world)
    await emu.send_text(CITIZEN, CITIZEN, SECOND)
    question = await emu.wait_for(CITIZEN, f"bổ sung cho phản ánh {code}")
    rows = question["reply_markup"]["inline_keyboard"]
    await emu.press_button(CITIZEN, CITIZEN, question["message_id"], rows[0][0]["callback_data"])
    await emu.wait_for(CITIZEN, "Đã chuyển phần bổ sung")
    [ticket] = await _tickets(world)
    async with world.db.session() as session:
        said = (
            await session.exec(
                select(TicketMessage.text).where(TicketMessage.ticket_id == ticket.id)
            )
        ).all()
    assert list(said) == [FIRST, SECOND]
