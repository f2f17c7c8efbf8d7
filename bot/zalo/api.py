"""A thin client for the Zalo OpenAPI and OAuth hosts: every answer is HTTP 200 with an
``error`` number, which this turns into `ZaloError` so callers decide what it means."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

REAL_OPENAPI = "https://openapi.zalo.me"
REAL_OAUTH = "https://oauth.zaloapp.com"
TIMEOUT = aiohttp.ClientTimeout(total=20)


class ZaloError(Exception):
    """An answer with ``error != 0``; ``code`` 0 stands for a network or HTTP failure."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"zalo error {code}: {message}")
        self.code = code
        self.message = message


def oauth_base(api_base: str) -> str:
    """The real API has two hosts; an emulator serves both from one base URL."""
    return REAL_OAUTH if api_base.rstrip("/") == REAL_OPENAPI else api_base.rstrip("/")


class ZaloAPI:
    def __init__(self, api_base: str, session: aiohttp.ClientSession | None = None) -> None:
        self.base = api_base.rstrip("/")
        self.oauth = oauth_base(api_base)
        self._session = session

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=TIMEOUT)
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def _answer(self, response: aiohttp.ClientResponse) -> dict[str, Any]:
        if response.status >= 500 or response.status == 429:
            raise ZaloError(-32 if response.status == 429 else 0, f"HTTP {response.status}")
        try:
            data = json.loads(await response.read())
        except ValueError as exc:
            raise ZaloError(0, f"HTTP {response.status}, answer is not JSON") from exc
        if not isinstance(data, dict):
            raise ZaloError(0, "answer is not a JSON object")
        code = data.get("error", 0)
        try:
            code = int(code)
        except (TypeError, ValueError):
            code = -1
        if code != 0:
            message = data.get("message") or data.get("error_description") or ""
            raise ZaloError(code, str(message))
        return data

    async def _post(self, url: str, **request: Any) -> dict[str, Any]:
        """POST and read Zalo's envelope; a transport failure is a ZaloError like any other."""
        try:
            async with self.session.post(url, **request) as response:
                return await self._answer(response)
        except aiohttp.ClientError as exc:
            raise ZaloError(0, type(exc).__name__) from exc

    async def send_message(
        self, access_token: str, user_id: str, message: dict[str, Any]
    ) -> dict[str, Any]:
        """One consultation message; returns ``data`` (with ``message_id``)."""
        body = {"recipient": {"user_id": user_id}, "message": message}
        data = await self._post(
            f"{self.base}/v3.0/oa/message/cs",
            json=body,
            headers={"access_token": access_token},
        )
        result = data.get("data")
        return result if isinstance(result, dict) else {}

    async def upload_image(self, access_token: str, content: bytes, filename: str) -> str:
        """Upload a jpg/png (≤ 1 MB); returns the ``attachment_id`` to send."""
        form = aiohttp.FormData()
        form.add_field("file", content, filename=filename, content_type="image/png")
        data = await self._post(
            f"{self.base}/v2.0/oa/upload/image",
            data=form,
            headers={"access_token": access_token},
        )
        attachment = data.get("data")
        if not isinstance(attachment, dict) or not attachment.get("attachment_id"):
            raise ZaloError(-1, "upload answer has no attachment_id")
        return str(attachment["attachment_id"])

    async def refresh_token(
        self, app_id: str, app_secret: str, refresh_token: str
    ) -> tuple[str, str, int]:
        """Spend the refresh token: (access token, new refresh token, seconds it lives)."""
        form = {"refresh_token": refresh_token, "app_id": app_id, "grant_type": "refresh_token"}
        data = await self._post(
            f"{self.oauth}/v4/oa/access_token",
            data=form,
            headers={"secret_key": app_secret},
        )
        try:
            return (
                str(data["access_token"]),
                str(data["refresh_token"]),
                int(data.get("expires_in", 3600)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ZaloError(-1, "token answer lacks access_token/refresh_token") from exc
