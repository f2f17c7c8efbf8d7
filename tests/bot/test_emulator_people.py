"""The emulator's people side and bookkeeping: groups, privacy mode, redelivery, waiting,
and the rarer Bot API methods, driven through the real aiogram client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError, TelegramForbiddenError
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Update,
)
from aiogram.types.media_union import MediaUnion

from bot.sandbox.render import sample_png
from bot.telegram.emulator import BotAPIEmulator

TOKEN = "123456:TEST-people-token"
BOT_ID = 900002


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


async def drain(bot: Bot) -> list[Update]:
    updates = await bot.get_updates(timeout=0)
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    return updates


async def test_adding_bot_to_group_sends_my_chat_member_then_service_message(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    official = emulator.user(7001, "Hùng")
    group = emulator.group(-1001000000010, "Phòng Văn hóa - Xã hội")
    await emulator.add_member(group, official)
    await emulator.bot_added_to_group(group, official)
    updates = await drain(bot)
    assert [u.event_type for u in updates] == ["my_chat_member", "message"]
    assert updates[0].my_chat_member is not None
    assert updates[0].my_chat_member.new_chat_member.status == "member"
    assert updates[0].my_chat_member.from_user.id == official.id
    joined = updates[1].message
    assert joined is not None and joined.new_chat_members is not None
    assert [u.id for u in joined.new_chat_members] == [BOT_ID]
    ids = [u.update_id for u in updates]
    assert ids == sorted(ids) and len(set(ids)) == 2


async def test_privacy_mode_hides_group_chatter_until_bot_is_admin(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    official = emulator.user(7001, "Hùng")
    group = emulator.group(-1001000000011, "Phòng Kinh tế")
    await emulator.add_member(group, official)
    await emulator.bot_added_to_group(group, official)
    await drain(bot)
    card = await bot.send_message(group.id, "Phiếu KT-001")
    await emulator.send_text(official, group, "chuyện phiếm")
    await emulator.send_text(official, group, "/bind ABC123")
    await emulator.send_text(official, group, "Đã xử lý", reply_to=card.message_id)
    seen = [u.message.text for u in await drain(bot) if u.message]
    assert seen == ["/bind ABC123", "Đã xử lý"]
    emulator.promote_bot(group)
    await emulator.send_text(official, group, "chuyện phiếm 2")
    assert [u.message.text for u in await drain(bot) if u.message] == ["chuyện phiếm 2"]


async def test_redeliver_hands_the_same_update_again(emulator: BotAPIEmulator, bot: Bot) -> None:
    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    sent = await emulator.send_text(citizen, chat, "Rác chưa thu")
    first = await drain(bot)
    assert emulator.update_for(chat, sent["message_id"]) == first[0].update_id
    await emulator.redeliver(first[0].update_id)
    again = await bot.get_updates(offset=first[0].update_id + 1, timeout=1)
    assert [u.update_id for u in again] == [first[0].update_id]
    assert again[0].message is not None and again[0].message.text == "Rác chưa thu"
    with pytest.raises(ValueError, match="no update 1 was ever queued"):
        await emulator.redeliver(1)


async def test_allowed_updates_filters_what_polling_gets(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]]
    )
    card = await bot.send_message(chat.id, "Chọn", reply_markup=markup)
    await emulator.send_text(citizen, chat, "văn bản")
    await emulator.press_button(citizen, chat, card.message_id, "a")
    updates = await bot.get_updates(allowed_updates=["callback_query"], timeout=0)
    assert [u.event_type for u in updates] == ["callback_query"]
    with pytest.raises(ValueError, match="has no button 'zzz'"):
        await emulator.press_button(citizen, chat, card.message_id, "zzz")


async def test_wait_for_reports_what_the_chat_got_on_timeout(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    chat = emulator.private_chat(emulator.user(5001, "Lan"))
    await bot.send_message(chat.id, "Chào bạn")
    assert (await emulator.wait_for(chat, "Chào"))["text"] == "Chào bạn"
    with pytest.raises(AssertionError) as caught:
        await emulator.wait_for(chat, "mã phiếu", timeout=0.2)
    assert "#1: 'Chào bạn'" in str(caught.value)
    waiter = asyncio.create_task(emulator.wait_for(chat.id, "mã phiếu", timeout=5))
    await asyncio.sleep(0.05)
    await bot.send_message(chat.id, "Mã phiếu của bạn: mã phiếu KT-7")
    assert (await waiter)["message_id"] == 2


async def test_media_group_location_document_copy_and_delete(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    official = emulator.user(7001, "Hùng")
    group = emulator.group(-1001000000012, "Phòng Kinh tế")
    await emulator.add_member(group, official)
    await emulator.bot_added_to_group(group, official)
    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    album = await emulator.send_media_group(
        citizen, chat, [sample_png(), sample_png(seed=3)], caption="Hai ảnh"
    )
    photos: list[MediaUnion] = [
        InputMediaPhoto(media=m["photo"][-1]["file_id"], caption="Ảnh người dân" if i else None)
        for i, m in enumerate(album)
    ]
    posted = await bot.send_media_group(group.id, photos)
    assert len({m.media_group_id for m in posted}) == 1 and len(posted) == 2
    place = await bot.send_location(group.id, 21.0285, 105.8542)
    assert place.location is not None and place.location.latitude == 21.0285
    doc = await bot.send_document(group.id, BufferedInputFile(b"%PDF-1.4", filename="bb.pdf"))
    assert doc.document is not None and doc.document.file_name == "bb.pdf"
    copied = await bot.copy_message(group.id, chat.id, album[0]["message_id"])
    assert emulator.messages(group)[-1]["caption"] == "Hai ảnh"
    assert await bot.delete_message(group.id, copied.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(group.id, copied.message_id)
    assert copied.message_id not in [m["message_id"] for m in emulator.sent_to(group)]
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_photo(group.id, "no-such-file-id")
    with pytest.raises(TelegramBadRequest, match="failed to get HTTP URL content"):
        await bot.send_photo(group.id, "https://example.org/o-ga.jpg")
    # A local URL (another emulator in the same test) is fetched like Telegram fetches URLs.
    path = (await bot.get_file(album[1]["photo"][-1]["file_id"])).file_path
    by_url = await bot.send_photo(group.id, f"{emulator.base_url}/file/bot{TOKEN}/{path}")
    assert by_url.photo is not None
    fetched = await bot.download(by_url.photo[-1].file_id)
    assert fetched is not None and fetched.read() == sample_png(seed=3)


async def test_chat_info_members_commands_and_webhook(emulator: BotAPIEmulator, bot: Bot) -> None:
    official = emulator.user(7001, "Hùng")
    group = emulator.group(-1001000000013, "Công an xã", forum=True)
    await emulator.add_member(group, official)
    await emulator.bot_added_to_group(group, official)
    me = await bot.get_me()
    assert me.id == BOT_ID and me.username == "motcua_test_bot"
    info = await bot.get_chat(group.id)
    assert info.title == "Công an xã" and info.is_forum
    assert (await bot.get_chat_member(group.id, official.id)).status == "creator"
    assert (await bot.get_chat_member(group.id, BOT_ID)).status == "member"
    emulator.promote_bot(group)
    assert (await bot.get_chat_member(group.id, BOT_ID)).status == "administrator"
    await bot.set_my_commands([BotCommand(command="start", description="Bắt đầu")])
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad Command", description="x")])
    topic = await bot.create_forum_topic(group.id, "Phiếu CA-001")
    sent = await bot.send_message(group.id, "Thẻ phiếu", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id
    await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()
    assert isinstance(await bot.get_updates(timeout=0), list)


async def test_people_cannot_do_what_telegram_would_not_let_them(
    emulator: BotAPIEmulator,
) -> None:
    citizen = emulator.user(5001, "Lan")
    other = emulator.user(5002, "Minh")
    group = emulator.group(-1001000000014, "Nhóm")
    with pytest.raises(ValueError, match="not a member"):
        await emulator.send_text(citizen, group, "xin chào")
    with pytest.raises(ValueError, match="private chat"):
        await emulator.send_text(other, emulator.private_chat(citizen), "xin chào")
    with pytest.raises(ValueError, match="no message 99"):
        await emulator.send_text(citizen, emulator.private_chat(citizen), "x", reply_to=99)
    with pytest.raises(ValueError, match="not a forum"):
        await emulator.create_topic(group, "Chủ đề")


async def test_topic_messages_reply_to_the_topic_and_reach_its_creator_bot(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    official = emulator.user(7001, "Hùng")
    group = emulator.group(-1001000000015, "Phòng Kinh tế", forum=True)
    await emulator.add_member(group, official)
    await emulator.bot_added_to_group(group, official)
    await drain(bot)
    bot_topic = await bot.create_forum_topic(group.id, "Phiếu KT-002")
    people_topic = await emulator.create_topic(group, "Chuyện riêng", by_user=official)
    await emulator.send_text(
        official, group, "trong chủ đề của bot", thread_id=bot_topic.message_thread_id
    )
    await emulator.send_text(official, group, "trong chủ đề riêng", thread_id=people_topic)
    seen = [u.message for u in await drain(bot) if u.message and u.message.text]
    assert [m.text for m in seen] == ["trong chủ đề của bot"]
    assert seen[0].reply_to_message is not None
    assert seen[0].reply_to_message.message_id == bot_topic.message_thread_id
    assert seen[0].reply_to_message.forum_topic_created is not None


async def test_bot_cannot_start_a_conversation(emulator: BotAPIEmulator, bot: Bot) -> None:
    citizen = emulator.user(5001, "Lan")
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(citizen.id, "xin chào")
    await emulator.send_text(citizen.id, citizen.id, "/start")
    assert (await bot.send_message(citizen.id, "Chào Lan")).chat.id == citizen.id


async def test_every_kind_of_person_message_parses_as_aiogram_types(
    emulator: BotAPIEmulator, bot: Bot
) -> None:
    citizen = emulator.user(5001, "Lan")
    chat = emulator.private_chat(citizen)
    first = await emulator.send_text(citizen, chat, "ban đầu")
    await emulator.send_sticker(citizen, chat)
    await emulator.send_voice(citizen, chat)
    await emulator.send_video(citizen, chat)
    await emulator.send_document(citizen, chat, b"%PDF-1.4", caption="đơn")
    await emulator.send_location(citizen, chat, 21.0, 105.8)
    await emulator.edit_text(citizen, chat, first["message_id"], "đã sửa")
    updates = await drain(bot)
    kinds = [u.message.content_type for u in updates if u.message]
    assert kinds == ["text", "sticker", "voice", "video", "document", "location"]
    edited = [u.edited_message for u in updates if u.edited_message]
    assert [m.text for m in edited] == ["đã sửa"] and edited[0].edit_date is not None
    voice = updates[2].message.voice if updates[2].message else None
    assert voice is not None
    downloaded = await bot.download(voice.file_id)
    assert downloaded is not None and downloaded.read() == b"OggS\x00voice"
