"""Delivering outbox payloads to Zalo citizens, and mapping Zalo's errors to what the outbox
sender does next: retry, hold until the citizen writes again, or give up."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot

from bot.outbox.transport import Held, RetryLater, Undeliverable
from bot.zalo import render
from bot.zalo.accounts import chat_key, split_chat
from bot.zalo.api import ZaloAPI, ZaloError
from bot.zalo.choices import remember_choices
from bot.zalo.tokens import TokenStore, TokenUnavailable
from bot.zalo.unreachable import tell_officials
from handlers import texts
from storage.db import Database

log = logging.getLogger(__name__)
TOKEN_ERRORS = (-216, -220)
WINDOW_CLOSED = (-230, -232)
TRY_LATER = (0,)  # network or HTTP failure
PACING = {-32: 60.0, -211: 900.0}
INVALID_PARAM = -201
NO_TOKEN_DELAY = 60.0
MAX_IMAGE = 1024 * 1024

Step = Callable[[str], Awaitable[dict[str, Any]]]


def _fixed(message: dict[str, Any]) -> Step:
    async def step(_token: str) -> dict[str, Any]:
        return message

    return step


class ZaloTransport:
    """``telegram_bot`` downloads photos officials sent, to upload them to Zalo."""

    def __init__(
        self,
        db: Database,
        api: ZaloAPI,
        tokens: TokenStore,
        *,
        telegram_bot: Bot | None = None,
        buttons: bool = True,
    ) -> None:
        self.db = db
        self.api = api
        self.tokens = tokens
        self.telegram_bot = telegram_bot
        # Template buttons are unverified on /v3.0 message/cs: once refused, send text only.
        self.buttons_accepted = buttons

    async def send(
        self,
        chat_id: str,
        thread_id: int | None,  # noqa: ARG002 - Zalo chats have no topics
        payload: dict[str, Any],
        reply_to: str | None,
    ) -> list[str]:
        try:
            oa_id, user_id = split_chat(chat_id)
        except ValueError as exc:
            raise Undeliverable(str(exc)) from exc
        ids: list[str] = []
        quote = reply_to
        buttons = render.flat_buttons(payload.get("buttons"))
        text = payload.get("text") or ""
        if buttons:
            text = f"{text}\n\n{render.numbered_list(buttons)}".strip()
        chunks = render.split_text(text)
        if buttons:
            # Before sending: a quick citizen may answer "1" the moment the list arrives.
            await remember_choices(self.db, chat_id, [b["action"] for b in buttons])
        for n, chunk in enumerate(chunks):
            last = n == len(chunks) - 1
            if last and buttons and self.buttons_accepted:
                try:
                    ids.append(
                        await self._send(
                            oa_id, user_id, _fixed(render.button_template(chunk, buttons)), quote
                        )
                    )
                except Undeliverable as exc:
                    if INVALID_PARAM not in getattr(exc, "codes", ()):
                        raise
                    log.warning("zalo refused template buttons; numbered lists only from now")
                    self.buttons_accepted = False
                else:
                    quote = None
                    continue
            ids.append(await self._send(oa_id, user_id, _fixed({"text": chunk}), quote))
            quote = None
        for photo in payload.get("photos") or []:
            ids.append(await self._send(oa_id, user_id, self._photo_step(photo), quote))
            quote = None
        if payload.get("location"):
            text = render.location_text(payload["location"])
            ids.append(await self._send(oa_id, user_id, _fixed({"text": text}), quote))
        return ids

    def _photo_step(self, photo: dict[str, str]) -> Step:
        url = photo.get("url") or (photo.get("file_id") if photo.get("channel") == "zalo" else "")
        if url:
            return _fixed(render.image_by_url(url))
        file_id = photo.get("file_id", "")

        async def upload(token: str) -> dict[str, Any]:
            if self.telegram_bot is None or not file_id:
                return {"text": texts.ZALO_PHOTO_MISSING}
            try:
                data = await self.telegram_bot.download(file_id)
            except Exception as exc:  # noqa: BLE001 - any Bot API failure: try later
                raise RetryLater(f"telegram download failed: {type(exc).__name__}") from exc
            if data is None:
                return {"text": texts.ZALO_PHOTO_MISSING}
            content = data.read()
            if len(content) > MAX_IMAGE:
                return {"text": texts.ZALO_PHOTO_MISSING}
            attachment_id = await self.api.upload_image(token, content, "photo.png")
            return render.image_by_attachment(attachment_id)

        return upload

    async def _send(self, oa_id: str, user_id: str, step: Step, quote: str | None) -> str:
        try:
            token = await self.tokens.access_token(oa_id)
            try:
                return await self._once(token, user_id, step, quote)
            except ZaloError as exc:
                if exc.code not in TOKEN_ERRORS:
                    raise
                log.info("zalo OA %s refused the token (%s); refreshing", oa_id, exc.code)
                token = await self.tokens.refresh(oa_id, spent=token)
                return await self._once(token, user_id, step, quote)
        except TokenUnavailable as exc:
            raise RetryLater(str(exc), NO_TOKEN_DELAY) from exc
        except ZaloError as exc:
            mapped = _mapped(exc)
            if isinstance(mapped, Held):
                await tell_officials(self.db, chat_key(oa_id, user_id))
            raise mapped from exc

    async def _once(self, token: str, user_id: str, step: Step, quote: str | None) -> str:
        message = await step(token)
        if quote:
            message = {**message, "quote_message_id": quote}
        data = await self.api.send_message(token, user_id, message)
        return str(data.get("message_id", ""))


class _Refused(Undeliverable):
    def __init__(self, reason: str, codes: tuple[int, ...]) -> None:
        super().__init__(reason)
        self.codes = codes


def _mapped(exc: ZaloError) -> Exception:
    if exc.code in WINDOW_CLOSED:
        return Held(f"outside Zalo's reply window ({exc.code}): kept until the citizen writes")
    if exc.code in PACING:
        # Zalo pacing us (rate limit, daily quota) is not a failure: never give up on it.
        return RetryLater(str(exc), PACING[exc.code], counts=False)
    if exc.code in TRY_LATER or exc.code in TOKEN_ERRORS:
        return RetryLater(str(exc))
    return _Refused(str(exc), (exc.code,))
