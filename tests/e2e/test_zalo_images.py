"""A Zalo citizen's photo is kept by the bot: the officials' card shows it even after Zalo's
link has expired, and an image that cannot be kept never costs the citizen their report."""

from __future__ import annotations

import hashlib
from typing import Any

import aiohttp
from sqlmodel import select

from handlers.ticket_codes import find_code
from storage.models import Attachment, AttachmentBlob, Ticket
from tests.e2e.test_zalo_flow import (  # noqa: F401 - zalo_world is a fixture
    CITIZEN,
    GROUP,
    REPORT,
    ZaloWorld,
    zalo_world,
)
from tests.support.world import photo

TOO_BIG = 10 * 1024 * 1024 + 1


def _photo_bytes(zw: ZaloWorld, message: dict[str, Any]) -> bytes:
    """What the officials see: the bytes of the largest size Telegram stored."""
    file_id = message["photo"][-1]["file_id"]
    return bytes(zw.world.emulator.world.files[file_id].data)


async def _status(url: str) -> int:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status


async def _kept(zw: ZaloWorld, code: str) -> tuple[list[Attachment], list[AttachmentBlob]]:
    async with zw.world.db.session() as session:
        ticket = (await session.exec(select(Ticket).where(Ticket.code == code))).one()
        attachments = list(
            await session.exec(select(Attachment).where(Attachment.ticket_id == ticket.id))
        )
        blobs = list((await session.exec(select(AttachmentBlob))).all())
    return attachments, blobs


async def _report_with(zw: ZaloWorld, content: bytes) -> tuple[str, dict[str, Any], str]:
    """The citizen reports with this image; returns the ticket code, its card and the URL."""
    await zw.department_group(GROUP, "economic")
    await zw.citizen_with_commune(CITIZEN)
    body = await zw.zalo.driver.image(CITIZEN, content, caption=REPORT)
    receipt = await zw.zalo.wait_for(CITIZEN, "Đã tiếp nhận")
    code = find_code(receipt["text"])
    assert code is not None
    card = await zw.world.emulator.wait_for(GROUP, code)
    return code, card, body["message"]["attachments"][0]["payload"]["url"]


async def test_the_card_shows_the_photo_after_zalos_link_expired(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    zalo_world.zalo.state.media_once = True  # the bot's download is the only one that works
    original = photo(seed=5)
    code, card, url = await _report_with(zalo_world, original)
    card_photo = await zalo_world.world.emulator.wait_for(GROUP, lambda m: "photo" in m)
    assert card_photo["reply_to_message"]["message_id"] == card["message_id"]
    assert _photo_bytes(zalo_world, card_photo) == original
    assert await _status(url) == 404  # Telegram could not have fetched it from Zalo

    attachments, blobs = await _kept(zalo_world, code)
    assert [a.file_id for a in attachments] == [url]
    assert [(b.attachment_id, b.size) for b in blobs] == [(attachments[0].id, len(original))]
    assert blobs[0].sha256 == hashlib.sha256(original).hexdigest()
    assert blobs[0].content == original and blobs[0].mime_type == "image/png"


async def test_a_photo_sent_before_the_commune_is_kept_too(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    zalo, driver, tg = zalo_world.zalo, zalo_world.zalo.driver, zalo_world.world.emulator
    await zalo_world.department_group(GROUP, "economic")
    original = photo(seed=7)
    await driver.follow(CITIZEN)
    await zalo.wait_for(CITIZEN, "xã, phường nào")
    body = await driver.image(CITIZEN, original, caption=REPORT)
    assert zalo_world.world.app.zalo is not None
    await zalo_world.world.app.zalo.inbound.settle()  # downloaded; the report waits as a draft
    zalo.expire_media(body["message"]["attachments"][0]["payload"]["url"])
    await driver.text(CITIZEN, "tay mo")
    await zalo.wait_for(CITIZEN, "chọn đúng xã")
    await driver.text(CITIZEN, "1")
    receipt = await zalo.wait_for(CITIZEN, "Đã tiếp nhận")
    code = find_code(receipt["text"])
    assert code is not None
    await tg.wait_for(GROUP, code)
    card_photo = await tg.wait_for(GROUP, lambda m: "photo" in m)
    assert _photo_bytes(zalo_world, card_photo) == original


async def test_a_broken_image_still_makes_the_ticket(zalo_world: ZaloWorld) -> None:  # noqa: F811
    code, card, url = await _report_with(zalo_world, b"<html>not found</html>")
    assert REPORT in card["text"]
    attachments, blobs = await _kept(zalo_world, code)
    assert [a.file_id for a in attachments] == [url]  # the link is kept as it came
    assert blobs == []
    note = await zalo_world.world.emulator.wait_for(GROUP, "không lưu được")
    assert "1 ảnh" in note["text"]


async def test_an_oversized_image_makes_the_ticket_and_the_group_is_told(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    big = photo(seed=9)
    big += b"\0" * (TOO_BIG - len(big))
    code, card, url = await _report_with(zalo_world, big)
    assert REPORT in card["text"]
    attachments, blobs = await _kept(zalo_world, code)
    assert [a.file_id for a in attachments] == [url] and blobs == []
    note = await zalo_world.world.emulator.wait_for(GROUP, "không lưu được")
    assert note["reply_to_message"]["message_id"] == card["message_id"]


async def test_zalos_link_is_used_when_the_download_failed(
    zalo_world: ZaloWorld,  # noqa: F811
) -> None:
    zalo_world.zalo.state.media_fails = 1  # Zalo's CDN hiccups once, for the bot's download
    original = photo(seed=11)
    code, _card, _url = await _report_with(zalo_world, original)
    card_photo = await zalo_world.world.emulator.wait_for(GROUP, lambda m: "photo" in m)
    assert _photo_bytes(zalo_world, card_photo) == original  # Telegram fetched the link
    _attachments, blobs = await _kept(zalo_world, code)
    assert blobs == []
