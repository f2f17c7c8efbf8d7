"""The daily work on one ticket, end to end through the emulator: claim, ask the citizen,
their answer, resolve with a photo of the finished work, rating; and reopening."""

from __future__ import annotations

from sqlmodel import select

from storage.models import Attachment, TicketMessage
from tests.e2e.test_officials_scene import (
    ALICE,
    CITIZEN,
    GROUP,
    Scene,
    answer,
    card_edit,
    labels,
    press,
    scene,
)
from tests.support.world import World, photo


async def _claim_ask_answer_resolve(world: World) -> tuple[Scene, int]:
    """The scene up to the result in the citizen's chat; returns it and the result's id."""
    emu = world.emulator
    s = await scene(world)
    card_id = s.card["message_id"]
    assert labels(world, GROUP, card_id) == [
        "✋ Nhận xử lý",
        "🔀 Chuyển phòng",
        "🏘 Chuyển xã",
        "⛔ Từ chối",
    ]

    query = await press(world, ALICE, GROUP, card_id, "Nhận xử lý")
    assert "Cán bộ 5001 đã nhận" in (await answer(world, query))["text"]
    edited = await card_edit(world, GROUP, card_id, "Cán bộ xử lý: Cán bộ 5001")
    assert "Trạng thái: Đã có cán bộ nhận" in edited["text"]
    assert "Nhận xử lý" not in str(edited["reply_markup"])  # claimed: no claim button
    await emu.wait_for(CITIZEN, "đã có cán bộ")

    await emu.send_text(ALICE, GROUP, "Anh chị cho biết cột đèn số mấy?", reply_to=card_id)
    question = await emu.wait_for(CITIZEN, "cột đèn số mấy")
    assert (await s.ticket()).status == "waiting_citizen"
    await emu.send_text(CITIZEN, CITIZEN, "Cột số 12 đầu ngõ", reply_to=question["message_id"])
    await emu.wait_for(GROUP, "Cột số 12")
    assert (await s.ticket()).status == "in_progress"

    query = await press(world, ALICE, GROUP, card_id, "Đã xử lý")
    await answer(world, query)
    prompt = await emu.wait_for(GROUP, "kết quả xử lý phản ánh")
    assert "ảnh chụp hiện trường" in prompt["text"]
    # Infrastructure needs a photo of the finished work: text alone is not enough.
    await emu.send_text(ALICE, GROUP, "Đã thay bóng đèn mới cho cột số 12.", reply_to=card_id)
    asked = await emu.wait_for(GROUP, "Chưa có ảnh hiện trường")
    assert (await s.ticket()).status == "in_progress"
    await emu.send_photo(ALICE, GROUP, photo(3), reply_to=asked["message_id"])
    result = await emu.wait_for(CITIZEN, "đã xử lý xong")
    assert "Đã thay bóng đèn mới cho cột số 12." in result["text"]
    assert "5001" not in result["text"]  # the department answers, not the person
    assert labels(world, CITIZEN, result["message_id"]) == [
        "1", "2", "3", "4", "5", "Chưa được giải quyết",
    ]  # fmt: skip
    await emu.wait_for(CITIZEN, lambda m: "photo" in m)
    await card_edit(world, GROUP, card_id, "Trạng thái: Đã xử lý xong")
    return s, result["message_id"]


async def test_claim_ask_answer_resolve_and_rate(world: World) -> None:
    s, result_id = await _claim_ask_answer_resolve(world)
    query = await press(world, CITIZEN, CITIZEN, result_id, "4")
    await answer(world, query)
    await world.emulator.wait_for(CITIZEN, "Cảm ơn bạn đã đánh giá ⭐⭐⭐⭐")
    await world.emulator.wait_for(GROUP, "đánh giá")
    ticket = await s.ticket()
    assert (ticket.status, ticket.rating) == ("closed", 4)
    assert ticket.closed_at is not None
    assert await s.actions() == [
        "created", "claim", "ask", "official_reply", "citizen_answer", "citizen_message",
        "resolve", "rate",
    ]  # fmt: skip
    async with world.db.session() as session:
        proof = (await session.exec(select(Attachment).where(Attachment.kind == "proof"))).all()
        said = (await session.exec(select(TicketMessage.author_kind))).all()
    assert len(proof) == 1
    assert said == ["citizen", "official", "citizen", "official"]

    # A second press on an old rating button changes nothing.
    again = await press(world, CITIZEN, CITIZEN, result_id, "1")
    assert "Đã đóng" in (await answer(world, again))["text"]
    assert (await s.ticket()).rating == 4


async def test_citizen_reopens_with_a_comment(world: World) -> None:
    emu = world.emulator
    s, result_id = await _claim_ask_answer_resolve(world)
    query = await press(world, CITIZEN, CITIZEN, result_id, "Chưa được giải quyết")
    await answer(world, query)
    await emu.wait_for(CITIZEN, "vấn đề còn lại là gì")
    await emu.send_text(CITIZEN, CITIZEN, "Tối qua đèn lại tắt, vẫn chưa sáng")
    await emu.wait_for(CITIZEN, "Đã mở lại phản ánh")
    card = await card_edit(world, GROUP, s.card["message_id"], "mở lại lần 1")
    reopened = await emu.wait_for(GROUP, "Người dân mở lại phản ánh")
    assert "vẫn chưa sáng" in reopened["text"]
    assert "Đã xử lý" in str(card["reply_markup"])  # back to work, same department
    ticket = await s.ticket()
    assert (ticket.status, ticket.reopened_count, ticket.rating) == ("reopened", 1, None)
    assert (await s.actions())[-1] == "reopen"
