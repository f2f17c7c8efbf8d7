"""Playing a citizen on Zalo in the sandbox: the commands that post signed events to the bot's
webhook, and the lines printed for what the bot sends back on Zalo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.sandbox import texts
from bot.sandbox.render import sample_png
from bot.zalo.emulator import ZaloEmulator

COMMANDS = ("z", "z!", "z@", "zfollow")


class ZaloCitizen:
    def __init__(self, emulator: ZaloEmulator, user_id: str, write: Callable[..., None]) -> None:
        self.emulator = emulator
        self.user_id = user_id
        self.write = write

    async def handle(self, command: str, rest: str) -> str | None:
        """Run one command; returns a usage line when it was typed wrongly."""
        driver = self.emulator.driver
        if command == "zfollow":
            await driver.follow(self.user_id)
        elif command == "z":
            if not rest.strip():
                return texts.USAGE.format(usage="z <nội dung>")
            await driver.text(self.user_id, rest)
        elif command == "z!":
            kind, _, caption = rest.partition(" ")
            if kind == "photo":
                await driver.image(self.user_id, sample_png(), caption)
            elif kind == "sticker":
                await driver.sticker(self.user_id)
            else:
                return texts.USAGE.format(usage="z! photo|sticker [chú thích]")
        elif command == "z@":
            try:
                lat, lon = (float(part) for part in rest.split())
            except ValueError:
                return texts.USAGE.format(usage="z@ <vĩ độ> <kinh độ>")
            await driver.location(self.user_id, lat, lon)
        return None

    def on_sent(self, user_id: str, message: dict[str, Any]) -> None:
        if user_id != self.user_id:
            return
        label = texts.ZALO_LABEL
        if "image" in message:
            self.write(f"[{label}] {texts.FROM_BOT}: {texts.PHOTO}")
        if message.get("text"):
            lines = str(message["text"]).splitlines() or [""]
            self.write(f"[{label}] {texts.FROM_BOT}: {lines[0]}", *lines[1:])
        for number, title in enumerate(message.get("buttons") or [], start=1):
            self.write(texts.BUTTON.format(number=number, text=title))
