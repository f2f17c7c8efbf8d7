"""Reading a Bot API request's parameters the way Telegram does.

aiogram sends multipart/urlencoded forms where strings are raw, numbers and booleans are
JSON text and nested objects (reply_markup, media, ...) are JSON; other clients send a JSON
body. Both end up here, so every method reads typed values the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from bot.telegram.emulator.errors import bad_request

MAX_BODY_BYTES = 60 * 1024 * 1024


@dataclass
class Upload:
    data: bytes
    filename: str


class Params:
    """Typed access to one request's fields and attached files."""

    def __init__(self, fields: dict[str, Any], files: dict[str, Upload]) -> None:
        self.fields = fields
        self.files = files

    @classmethod
    async def read(cls, request: web.Request) -> Params:
        fields: dict[str, Any] = dict(request.query)
        files: dict[str, Upload] = {}
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except (ValueError, UnicodeDecodeError) as error:
                raise bad_request("can't parse JSON object") from error
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON object")
            fields.update(body)
        elif request.can_read_body:
            form: MultiDictProxy[Any] = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = Upload(value.file.read(), value.filename or key)
                else:
                    fields[key] = value
        return cls(fields, files)

    def has(self, name: str) -> bool:
        return self.fields.get(name) not in (None, "")

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.fields.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def required_text(self, name: str, empty_reason: str | None = None) -> str:
        value = self.text(name)
        if value is None or not value.strip():
            raise bad_request(empty_reason or f"{name} is empty")
        return value

    def integer(self, name: str) -> int | None:
        value = self.fields.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError) as error:
            raise bad_request(f"invalid {name} specified") from error

    def required_integer(self, name: str) -> int:
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def number(self, name: str) -> float:
        value = self.fields.get(name)
        try:
            return float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError) as error:
            raise bad_request(f"invalid {name} specified") from error

    def flag(self, name: str) -> bool:
        value = self.fields.get(name)
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1")

    def json(self, name: str) -> Any:
        value = self.fields.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError as error:
            raise bad_request(f"can't parse {name} JSON object") from error

    def attachment(self, reference: str, name: str) -> Upload | None:
        """An uploaded file named by `attach://key`, or sent directly under the field name."""
        if reference.startswith("attach://"):
            key = reference.removeprefix("attach://")
            if key not in self.files:
                raise bad_request(f"file {name} must be uploaded")
            return self.files[key]
        return self.files.get(name)
