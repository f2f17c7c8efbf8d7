"""Checks Telegram makes on what a bot sends: HTML formatting and inline keyboards.

A bot that sends a stray `<` or a 65-byte callback_data fails on the real server; the
emulator fails the same way so such bugs show up in tests, not in production.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from bot.telegram.emulator.errors import bad_request

ENTITY_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
# What may follow "<" in Telegram HTML: a tag name, or "/" and a tag name.
TAG_START = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>")
BUTTON_KINDS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "web_app",
    "login_url",
    "pay",
    "callback_game",
    "copy_text",
    "switch_inline_query_chosen_chat",
)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.entities: list[dict[str, Any]] = []
        self.stack: list[tuple[str, int, dict[str, str | None]]] = []
        self.error: str | None = None

    def _offset(self) -> int:
        return self.getpos()[1]  # approximate: the line's column, enough to find the tag

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        spoiler = tag != "span" or dict(attrs).get("class") == "tg-spoiler"
        if (tag not in ENTITY_TAGS or not spoiler) and self.error is None:
            self.error = f'Unsupported start tag "{tag}" at byte offset {self._offset()}'
        self.stack.append((tag, _utf16_len(self.text), dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self.error is not None:
            return
        if not self.stack or self.stack[-1][0] != tag:
            expected = f'"</{self.stack[-1][0]}>"' if self.stack else "nothing"
            self.error = (
                f"Unmatched end tag at byte offset {self._offset()}, expected {expected}, "
                f'found "</{tag}>"'
            )
            return
        _, start, attrs = self.stack.pop()
        length = _utf16_len(self.text) - start
        if length:
            entity: dict[str, Any] = {"type": ENTITY_TAGS[tag], "offset": start, "length": length}
            if tag == "a":
                entity["url"] = attrs.get("href") or ""
            self.entities.append(entity)

    def handle_data(self, data: str) -> None:
        self.text += data


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and entities Telegram derives from HTML, or raise its 400."""
    _check_angle_brackets(source)
    parser = _TelegramHTML()
    parser.feed(source)
    parser.close()
    if parser.error is None and parser.stack:
        parser.error = f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"'
    if parser.error is not None:
        raise bad_request(f"can't parse entities: {parser.error}")
    return parser.text, sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))


def _check_angle_brackets(source: str) -> None:
    """Telegram rejects a bare "<" (e.g. unescaped user text like "giá <5 triệu");
    Python's parser would quietly keep it as text, so look first."""
    for index, char in enumerate(source):
        if char == "<" and not TAG_START.match(source, index):
            name = re.match(r"[^\s<>]*", source[index + 1 :])
            offset = len(source[:index].encode())
            found = name.group(0) if name else ""
            raise bad_request(
                f'can\'t parse entities: Unsupported start tag "{found}" at byte offset {offset}'
            )


def check_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Validate a reply_markup; return it when it belongs on the message (inline only)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return None
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard"
                )
            if not any(kind in button for kind in BUTTON_KINDS):
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
    return {"inline_keyboard": rows} if any(rows) else None
