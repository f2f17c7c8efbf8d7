"""The end of a Zalo citizen's ticket: the official resolves it in the Telegram group with a
photo of the work, the result reaches Zalo with the rating question as a numbered list, and
the citizen answers by digit — rating it, or reopening it with a comment."""

from __future__ import annotations

from sqlmodel import select

from handlers.ticket_codes import find_code
from storage.models import Ticket
from tests.e2e.test_officials_scene import answer, press
from tests.e2e.test_zalo_flow import (  # noqa: F401 - zalo_world is a fixture
    CITIZEN,
    GROUP,
    OFFICIAL,
    REPORT,
    ZaloWorld,
    zalo_world,
)
from tests.support.world import photo


async def _resolved(zw: ZaloWorld) -> str:
    """A Zalo citizen's report, claimed and resolved with a photo; returns its code."""
    zalo, driver, tg, world = zw.zalo, zw.zalo.driver, zw.world.emulator, zw.world
    await zw.department_group(GROUP, "economic")
    await zw.citizen_with_commune(CITIZEN)
    await driver.text(CITIZEN, REPORT)
    code = find_code((await zalo.wait_for(CITIZEN, "Đã tiếp nhận"))["text"])
    assert code is not None
    card_id = (await tg.wait_for(GROUP, code))["message_id"]
    await answer(world, await press(world, OFFICIAL, GROUP, card_id, "Nhận xử lý"))
    await zalo.wait_for(CITIZEN, "đã có cán bộ")
    await answer(world, await press(world, OFFICIAL, GROUP, card_id, "Đã xử lý"))
    await tg.wait_for(GROUP, "kết quả xử lý phản ánh")
    await tg.send_text(OFFICIAL, GROUP, "Đã thay bóng đèn mới cho cột số 12.", reply_to=card_id)
    asked = await tg.wait_for(GROUP, "Chưa có ảnh hiện trường")
    await tg.send_photo(OFFICIAL, GROUP, photo(3), reply_to=asked["message_id"])
    return code


async def _ticket(zw: ZaloWorld, code: str) -> Ticket:
    async with zw.world.db.session() as session:
        return (await session.exec(select(Ticket).where(Ticket.code == code))).one()


async def test_zalo_citizen_rates_the_result_by_digit(zalo_world: ZaloWorld) -> None:  # noqa: F811
    zalo = zalo_world.zalo
    code = await _resolved(zalo_world)
    result = await zalo.wait_for(CITIZEN, "đã xử lý xong")
    assert "Đã thay bóng đèn mới cho cột số 12." in result["text"]
    assert "6. Chưa được giải quyết" in result["text"]
    assert "Trả lời 1, 2, 3, 4, 5 hoặc 6" in result["text"]
    proof = await zalo.wait_for(CITIZEN, lambda m: "attachment_id" in m.get("image", {}))
    assert proof["image"]["attachment_id"] in zalo.state.uploads  # the work's photo, uploaded

    await zalo.driver.text(CITIZEN, "4")
    await zalo.wait_for(CITIZEN, "Cảm ơn bạn đã đánh giá ⭐⭐⭐⭐")
    await zalo_world.world.emulator.wait_for(GROUP, "đánh giá")
    ticket = await _ticket(zalo_world, code)
    assert (ticket.status, ticket.rating) == ("closed", 4)


async def test_zalo_citizen_reopens_by_digit_with_a_comment(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    zalo = zalo_world.zalo
    code = await _resolved(zalo_world)
    await zalo.wait_for(CITIZEN, "đã xử lý xong")
    await zalo.driver.text(CITIZEN, "6")
    await zalo.wait_for(CITIZEN, "vấn đề còn lại là gì")
    await zalo.driver.text(CITIZEN, "Tối qua đèn lại tắt, vẫn chưa sáng")
    await zalo_world.world.emulator.wait_for(GROUP, "Tối qua đèn lại tắt")
    assert (await _ticket(zalo_world, code)).status == "reopened"
