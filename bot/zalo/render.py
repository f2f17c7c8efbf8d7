"""Outbox payloads as Zalo messages: text cut at 2,000 characters between sentences, and
buttons both as template buttons and as a numbered list a citizen can answer with a digit."""

from __future__ import annotations

import re
from typing import Any

from handlers import texts

MAX_TEXT = 2000
_SENTENCE_END = re.compile(r"(?<=[.!?…:])\s+|\n+")


def _hard_cut(piece: str, limit: int) -> list[str]:
    """A 'sentence' longer than the limit: cut at the last space, else anywhere."""
    parts = []
    while len(piece) > limit:
        cut = piece.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        parts.append(piece[:cut].rstrip())
        piece = piece[cut:].lstrip()
    if piece:
        parts.append(piece)
    return parts


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most ``limit`` characters, broken after sentences or lines when possible."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    chunks: list[str] = []
    current = ""
    position = 0
    pieces = []
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[position : match.end()])
        position = match.end()
    pieces.append(text[position:])
    for piece in pieces:
        if len(current) + len(piece) <= limit:
            current += piece
            continue
        if current.strip():
            chunks.append(current.strip())
        current = ""
        if len(piece) > limit:
            *whole, rest = _hard_cut(piece.strip(), limit)
            chunks.extend(whole)
            current = rest + " "
        else:
            current = piece
    if current.strip():
        chunks.append(current.strip())
    return chunks


def flat_buttons(rows: list[list[dict[str, str]]] | None) -> list[dict[str, str]]:
    return [button for row in rows or [] for button in row]


def numbered_list(buttons: list[dict[str, str]]) -> str:
    """``1. label`` lines and "Trả lời 1, 2 hoặc 3 để chọn."."""
    lines = [f"{n}. {b['label']}" for n, b in enumerate(buttons, start=1)]
    numbers = [str(n) for n in range(1, len(buttons) + 1)]
    spoken = (
        numbers[0]
        if len(numbers) == 1
        else f"{', '.join(numbers[:-1])} {texts.ZALO_OR} {numbers[-1]}"
    )
    return "\n".join([*lines, texts.ZALO_ANSWER_WITH_NUMBER.format(numbers=spoken)])


def button_template(text: str, buttons: list[dict[str, str]]) -> dict[str, Any]:
    """Text with ``oa.query.show`` buttons: pressing one sends its number as the user's text,
    so a pressed button and a typed digit arrive the same way."""
    return {
        "text": text,
        "attachment": {
            "type": "template",
            "payload": {
                "buttons": [
                    {"title": b["label"][:100], "type": "oa.query.show", "payload": str(n)}
                    for n, b in enumerate(buttons, start=1)
                ]
            },
        },
    }


def image_by_url(url: str) -> dict[str, Any]:
    return {
        "attachment": {
            "type": "template",
            "payload": {
                "template_type": "media",
                "elements": [{"media_type": "image", "url": url}],
            },
        }
    }


def image_by_attachment(attachment_id: str) -> dict[str, Any]:
    return {
        "attachment": {
            "type": "template",
            "payload": {
                "template_type": "media",
                "elements": [{"media_type": "image", "attachment_id": attachment_id}],
            },
        }
    }


def location_text(location: list[float]) -> str:
    lat, lon = location
    return texts.ZALO_LOCATION.format(lat=f"{lat:.6f}", lon=f"{lon:.6f}")
