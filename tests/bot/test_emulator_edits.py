"""Edits of captions and keyboards, and the legacy reply_to_message_id, as Telegram does them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.sandbox.render import sample_png
from bot.telegram.emulator import BotAPIEmulator

TOKEN = "123456:TEST-edits-token"


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emu:
        emu.add_bot(TOKEN, 900004, "motcua_edit_bot")
        yield emu


@pytest.fixture
async def bot(emulator: BotAPIEmulator) -> AsyncIterator[Bot]:
    client = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
    yield client
    await client.session.close()


def one_button(text: str, data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data)]]
    )


async def test_caption_and_keyboard_edits(emulator: BotAPIEmulator, bot: Bot) -> None:
    chat = emulator.private_chat(emulator.user(5001, "Lan"))
    card = await bot.send_photo(
        chat.id,
        BufferedInputFile(sample_png(), filename="the.png"),
        caption="Phiếu PA-1: mới",
        reply_markup=one_button("Nhận xử lý", "take:1"),
    )
    await bot.edit_message_caption(
        chat_id=chat.id,
        message_id=card.message_id,
        caption="Phiếu PA-1: đang xử lý",
        reply_markup=one_button("Xong", "done:1"),
    )
    [now] = emulator.sent_to(chat)
    assert now["caption"] == "Phiếu PA-1: đang xử lý" and "photo" in now
    assert now["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "done:1"
    await bot.edit_message_reply_markup(chat_id=chat.id, message_id=card.message_id)
    assert "reply_markup" not in emulator.sent_to(chat)[0]
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=chat.id, message_id=card.message_id)
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text("x", chat_id=chat.id, message_id=card.message_id)
    text = await bot.send_message(chat.id, "chữ")
    with pytest.raises(TelegramBadRequest, match="there is no caption in the message to edit"):
        await bot.edit_message_caption(chat_id=chat.id, message_id=text.message_id, caption="x")


async def test_legacy_reply_to_message_id_and_allow_without_reply(
    emulator: BotAPIEmulator,
) -> None:
    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    question = await emulator.send_text(citizen, chat, "Khi nào sửa?")
    url = f"{emulator.base_url}/bot{TOKEN}/sendMessage"
    async with aiohttp.ClientSession() as session:
        legacy = await session.post(
            url,
            data={
                "chat_id": str(chat.id),
                "text": "Ngày mai",
                "reply_to_message_id": str(question["message_id"]),
            },
        )
        lenient = await session.post(
            url,
            json={
                "chat_id": chat.id,
                "text": "Không có tin gốc",
                "reply_parameters": {"message_id": 999, "allow_sending_without_reply": True},
            },
        )
        answered, sent_anyway = await legacy.json(), await lenient.json()
    assert answered["result"]["reply_to_message"]["text"] == "Khi nào sửa?"
    assert sent_anyway["ok"] and "reply_to_message" not in sent_anyway["result"]
