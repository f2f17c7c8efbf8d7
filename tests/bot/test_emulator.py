"""The Bot API emulator answers the real aiogram client as Telegram would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from io import BytesIO

import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
)

from bot.sandbox.render import sample_png
from bot.telegram.emulator import BotAPIEmulator

TOKEN = "123456:TEST-emulator-token"
BOT_ID = 900001


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emu:
        emu.add_bot(TOKEN, BOT_ID, "motcua_test_bot")
        yield emu


@pytest.fixture
async def bot(emulator: BotAPIEmulator) -> AsyncIterator[Bot]:
    client = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
    yield client
    await client.session.close()


@asynccontextmanager
async def polling(emulator: BotAPIEmulator, dp: Dispatcher, bot: Bot) -> AsyncIterator[None]:
    task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    while not emulator.requests("getUpdates"):
        await asyncio.sleep(0.01)
    try:
        yield
    finally:
        await dp.stop_polling()
        await task


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    buttons = [[InlineKeyboardButton(text=text, callback_data=data)] for text, data in pairs]
    return InlineKeyboardMarkup(inline_keyboard=buttons)


async def test_polling_delivers_text_and_reply_lands_in_the_chat(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    dp = Dispatcher()

    @dp.message(F.text)
    async def handle_text(message: Message) -> None:
        await message.answer(f"Đã nhận: <b>{message.text}</b>", parse_mode="HTML")

    citizen = emulator.user(5001, "Lan", "lan_hn")
    chat = emulator.private_chat(citizen)
    async with polling(emulator, dp, bot):
        sent = await emulator.send_text(citizen, chat, "Đèn đường hỏng")
        reply = await emulator.wait_for(chat)
    assert sent["message_id"] == 1
    assert reply["message_id"] == 2
    assert reply["text"] == "Đã nhận: Đèn đường hỏng"
    assert reply["entities"] == [{"type": "bold", "offset": 9, "length": 14}]
    assert [m["text"] for m in emulator.sent_to(chat)] == ["Đã nhận: Đèn đường hỏng"]


async def test_long_poll_wakes_as_soon_as_an_update_arrives(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)
    assert not poll.done()
    await emulator.send_text(citizen, chat, "xin chào")
    updates = await asyncio.wait_for(poll, timeout=5)
    assert [u.message.text for u in updates if u.message] == ["xin chào"]
    # Confirming with offset drops it; nothing is left to deliver.
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == []


async def test_photo_upload_and_download_round_trip(emulator: BotAPIEmulator, bot: Bot) -> None:
    dp = Dispatcher()
    received: list[bytes] = []

    @dp.message(F.photo)
    async def handle_photo(message: Message, bot: Bot) -> None:
        assert message.photo is not None
        buffer = BytesIO()
        await bot.download(message.photo[-1], destination=buffer)
        received.append(buffer.getvalue())
        upload = BufferedInputFile(buffer.getvalue(), filename="lai.png")
        width = message.photo[-1].width
        await message.answer_photo(upload, caption=f"{message.caption} ({width}px)")

    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    picture = sample_png(64, 48)
    async with polling(emulator, dp, bot):
        await emulator.send_photo(citizen, chat, picture, caption="Ổ gà")
        echoed = await emulator.wait_for(chat, "Ổ gà")
    assert received == [picture]
    assert echoed["caption"] == "Ổ gà (64px)"
    assert echoed["photo"][-1]["width"] == 64 and echoed["photo"][-1]["height"] == 48
    file = await bot.get_file(echoed["photo"][-1]["file_id"])
    assert file.file_path is not None
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == picture


async def test_button_press_is_answered_and_card_edited(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    dp = Dispatcher()

    @dp.message(F.text)
    async def handle_text(message: Message) -> None:
        await message.answer("Chọn lĩnh vực", reply_markup=keyboard(("Đường sá", "cat:road")))

    @dp.callback_query(F.data == "cat:road")
    async def handle_pick(query: CallbackQuery) -> None:
        await query.answer("Đã chọn", show_alert=True)
        assert isinstance(query.message, Message)
        await query.message.edit_text("Lĩnh vực: Đường sá")

    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    async with polling(emulator, dp, bot):
        await emulator.send_text(citizen, chat, "báo cáo")
        card = await emulator.wait_for(chat, "Chọn")
        assert card["reply_markup"]["inline_keyboard"][0][0]["text"] == "Đường sá"
        query_id = await emulator.press_button(citizen, chat, card["message_id"], "cat:road")
        edited = await emulator.wait_for(chat, "Lĩnh vực")
    assert edited["message_id"] == card["message_id"]
    assert "reply_markup" not in edited and "edit_date" in edited
    assert [a["text"] for a in emulator.callback_answers(query_id)] == ["Đã chọn"]
    assert emulator.callback_answers(query_id)[0]["show_alert"] is True
    assert [m["text"] for m in emulator.sent_to(chat)] == ["Lĩnh vực: Đường sá"]
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id, text="again")


async def test_reply_to_in_a_forum_topic_keeps_thread(emulator: BotAPIEmulator, bot: Bot) -> None:
    official = emulator.user(7001, "Hùng")
    group = emulator.group(-1001000000001, "Phòng Kinh tế", forum=True)
    await emulator.add_member(group, official)
    await emulator.bot_added_to_group(group, official)
    thread = await emulator.create_topic(group, "Phiếu KT-001")
    question = await emulator.send_text(official, group, "/hoi", thread_id=thread)
    answer = await bot.send_message(
        group.id, "Trả lời", reply_parameters=ReplyParameters(message_id=question["message_id"])
    )
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.message_id == question["message_id"]
    assert answer.message_thread_id == thread
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(group.id, "x", reply_parameters=ReplyParameters(message_id=999))
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(group.id, "x", message_thread_id=424242)


async def test_errors_are_worded_like_telegram(emulator: BotAPIEmulator, bot: Bot) -> None:
    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=chat.id, message_id=77)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(424242, "xin chào")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(chat.id, "a" * 4097)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(chat.id, "   ")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_message(chat.id, "<b>đậm", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match='Unsupported start tag "5"'):
        await bot.send_message(chat.id, "<b>Giá</b> <5 triệu", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(chat.id, "x", reply_markup=keyboard(("A", "x" * 65)))
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(chat.id, BufferedInputFile(b"not an image", filename="a.png"))
    trimmed = await bot.send_message(chat.id, "\n  <b>Mã phiếu</b> PA-1 \n", parse_mode="HTML")
    assert trimmed.text == "Mã phiếu PA-1"
    assert trimmed.entities is not None and trimmed.entities[0].offset == 0
    sent = await bot.send_message(chat.id, "a" * 4096)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("a" * 4096, chat_id=chat.id, message_id=sent.message_id)
    user_message = await emulator.send_text(citizen, chat, "của tôi")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=chat.id, message_id=user_message["message_id"])


async def test_forbidden_when_blocked_or_not_in_group(emulator: BotAPIEmulator, bot: Bot) -> None:
    citizen = emulator.user(5001, "Lan")
    emulator.block_bot(citizen)
    with pytest.raises(TelegramForbiddenError, match="blocked by the user"):
        await bot.send_message(citizen.id, "xin chào")
    emulator.group(-1001000000002, "Nhóm lạ")
    with pytest.raises(TelegramForbiddenError, match="not a member"):
        await bot.send_message(-1001000000002, "xin chào")


async def test_flood_control_switches_429_on_and_off(emulator: BotAPIEmulator, bot: Bot) -> None:
    chat = emulator.private_chat(emulator.user(5001, "Lan"))
    emulator.flood_control(True, retry_after=3)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(chat.id, "một")
    assert caught.value.retry_after == 3
    emulator.flood_control(2)
    await bot.send_message(chat.id, "một")
    await bot.send_message(chat.id, "hai")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(chat.id, "ba")
    emulator.flood_control(False)
    await bot.send_message(chat.id, "bốn")
    assert [m["text"] for m in emulator.sent_to(chat)] == ["một", "hai", "bốn"]


async def test_fail_next_gives_server_errors_then_recovers(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    chat = emulator.private_chat(emulator.user(5001, "Lan"))
    emulator.fail_next("sendMessage", status=502, count=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Bad Gateway"):
            await bot.send_message(chat.id, "thử")
    await bot.send_message(chat.id, "thử")
    assert [m["text"] for m in emulator.sent_to(chat)] == ["thử"]


async def test_unknown_token_is_unauthorized(emulator: BotAPIEmulator) -> None:
    api = TelegramAPIServer.from_base(emulator.base_url)
    stranger = Bot("999:unknown", session=AiohttpSession(api=api))
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await stranger.get_me()
    finally:
        await stranger.session.close()
