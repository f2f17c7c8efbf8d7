"""Button actions as short strings (``cat:12:land``), the same on every channel.

Telegram carries them as callback data (64 bytes at most); Zalo numbers them in a list.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_LENGTH = 64


@dataclass(frozen=True)
class Button:
    label: str
    action: str


def pack(kind: str, *parts: str | int) -> str:
    text = ":".join([kind, *(str(p) for p in parts)])
    if len(text.encode()) > MAX_LENGTH or any(":" in str(p) for p in parts):
        raise ValueError(f"action too long or malformed: {text!r}")
    return text


def unpack(action: str) -> tuple[str, list[str]]:
    kind, *parts = action.split(":")
    return kind, parts
