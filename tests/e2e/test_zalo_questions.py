"""Zalo citizens ask about procedures and their tickets with the same commands as on
Telegram, picking from numbered lists by typing the number."""

from __future__ import annotations

import re
from typing import Any

from handlers.ticket_codes import find_code
from tests.e2e.test_zalo_flow import (  # noqa: F401 - zalo_world is a fixture
    CITIZEN,
    REPORT,
    ZaloWorld,
    zalo_world,
)


def number_of(message: dict[str, Any], label: str) -> str:
    """The number a person would type for the list line starting with ``label``."""
    for line in message["text"].splitlines():
        found = re.match(r"(\d+)\. (.*)", line)
        if found and found.group(2).startswith(label):
            return found.group(1)
    raise AssertionError(f"no line {label!r} in {message['text']!r}")


async def test_browsing_procedures_by_number(zalo_world: ZaloWorld) -> None:  # noqa: F811
    zalo, driver = zalo_world.zalo, zalo_world.zalo.driver
    await zalo_world.citizen_with_commune(CITIZEN)
    await driver.text(CITIZEN, "/thu_tuc")
    fields = await zalo.wait_for(CITIZEN, "lĩnh vực nào")
    await driver.text(CITIZEN, number_of(fields, "Hộ tịch"))
    listing = await zalo.wait_for(CITIZEN, "Các thủ tục về Hộ tịch")
    await driver.text(CITIZEN, number_of(listing, "Đăng ký kết hôn"))
    card = await zalo.wait_for(CITIZEN, "Giấy tờ cần mang")
    assert card["text"].startswith("Đăng ký kết hôn")


async def test_my_tickets_and_lookup_by_code(zalo_world: ZaloWorld) -> None:  # noqa: F811
    zalo, driver = zalo_world.zalo, zalo_world.zalo.driver
    await zalo_world.citizen_with_commune(CITIZEN)
    await driver.text(CITIZEN, REPORT)
    code = find_code((await zalo.wait_for(CITIZEN, "Đã tiếp nhận"))["text"])
    assert code is not None
    await driver.text(CITIZEN, "/cua_toi")
    await zalo.wait_for(CITIZEN, lambda m: "Phản ánh của bạn" in m.get("text", ""))
    earlier = {m["message_id"] for m in zalo.sent_to(CITIZEN)}
    await driver.text(CITIZEN, f"/tra_cuu {code}")
    status = await zalo.wait_for(
        CITIZEN, lambda m: m["message_id"] not in earlier and code in m.get("text", "")
    )
    assert "Mới tiếp nhận" in status["text"] or "Đang" in status["text"]
