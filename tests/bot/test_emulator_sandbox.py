"""The sandbox terminal plays a short scripted session against a small real aiogram bot."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.sandbox.scene import build_scene
from bot.sandbox.terminal import run_terminal
from bot.telegram.emulator import BotAPIEmulator

TOKEN = "123456:TEST-sandbox-token"

SCRIPT = """help
c Đèn đường hỏng
wait c
press c 2 1
wait c
c! photo Ổ gà
wait c
c@ 21.0 105.8
wait c
addbot kinhte 7001
o kinhte 7001 /bind ABC123
wait kinhte
group vanhoa Phòng Văn hóa - Xã hội
addbot vanhoa 7002
o vanhoa 7002 /bind XYZ789
wait vanhoa
chats
show c
nonsense
press c abc 1
press c 2 9
quit
c never sent
"""


def build_dispatcher() -> Dispatcher:
    dp = Dispatcher()
    ok = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Xác nhận", callback_data="ok")]]
    )

    @dp.message(Command("bind"))
    async def command_bind_handler(message: Message) -> None:
        await message.answer("Đã gắn nhóm")

    @dp.message(F.text)
    async def handle_text(message: Message) -> None:
        await message.answer(f"Đã nhận: {message.text}", reply_markup=ok)

    @dp.message(F.photo)
    async def handle_photo(message: Message) -> None:
        await message.answer(f"Có ảnh: {message.caption}")

    @dp.message(F.location)
    async def handle_location(message: Message) -> None:
        assert message.location is not None
        await message.answer(f"Vị trí {message.location.latitude}")

    @dp.callback_query(F.data == "ok")
    async def handle_ok(query: CallbackQuery) -> None:
        await query.answer("Cảm ơn")
        assert isinstance(query.message, Message)
        await query.message.edit_text("Đã xác nhận")

    return dp


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emu:
        emu.add_bot(TOKEN, 900003, "motcua_sandbox_bot")
        yield emu


async def test_scripted_session_shows_both_sides(emulator: BotAPIEmulator) -> None:
    scene = await build_scene(emulator, {"kinhte": "Phòng Kinh tế"}, add_bot=False)
    citizen, group = scene.citizen, scene.groups["kinhte"]
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
    dp = build_dispatcher()
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    output = io.StringIO()
    try:
        await run_terminal(
            emulator,
            citizen=citizen,
            official_groups={"kinhte": group},
            input_stream=io.StringIO(SCRIPT),
            output=output,
        )
    finally:
        await dp.stop_polling()
        await polling
        await bot.session.close()
    shown = output.getvalue()
    assert "press <cuộc trò chuyện>" in shown  # help
    assert "[Người dân Lan] #2 bot:\n    Đã nhận: Đèn đường hỏng\n    [1] Xác nhận" in shown
    assert "[Người dân Lan] bot báo: Cảm ơn" in shown
    assert "[Người dân Lan] #2 bot (đã sửa):\n    Đã xác nhận" in shown
    assert "Có ảnh: Ổ gà" in shown
    assert "Vị trí 21.0" in shown
    assert "[Nhóm Phòng Kinh tế (kinhte)] #4 bot:\n    Đã gắn nhóm" in shown
    assert "kinhte       Nhóm Phòng Kinh tế (kinhte) (mã chat -1001000000101)" in shown
    assert "[Nhóm Phòng Văn hóa - Xã hội (vanhoa)] #3 bot:\n    Đã gắn nhóm" in shown
    assert "#3 Lan:\n    [ảnh] Ổ gà" in shown  # show c lists the citizen's own photo
    assert "Không hiểu lệnh 'nonsense'" in shown
    assert "'abc' không phải là số." in shown
    assert "Tin #2 không có nút số 9." in shown
    assert shown.rstrip().endswith("Tạm biệt!")
    texts = [m.get("text") for m in emulator.messages(citizen.id)]
    assert "never sent" not in texts
    members = emulator.find_chat(group).members
    assert members[7001] in ("creator", "member") and members[900003] == "member"
