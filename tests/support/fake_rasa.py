"""A stand-in for a Rasa 3.x server's ``POST /model/parse`` on 127.0.0.1.

It answers with the JSON shape of Rasa's documented HTTP API (``intent`` with id, name and
confidence; ``entities`` with DIET's fields; ``intent_ranking``; ``text_tokens``;
``response_selector``), chosen by a few keywords so tests can tell its answers from the
built-in model's. ``delay`` makes it slow; ``down_url()`` is an address nobody listens on.
It runs its own event loop in a thread, so blocking clients can call it from any test.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
from collections.abc import Callable
from typing import Any

from aiohttp import web

Answer = Callable[[str], dict[str, Any]]
_TICKET = re.compile(r"[A-Z]{2}-\d{3,}(?:-\d+)*")


def rasa_answer(text: str) -> dict[str, Any]:
    """Keyword rules dressed as a DIET classifier's output."""
    lowered = text.lower()
    if "ngập" in lowered or "ngap" in lowered:
        ranking = [("report__infrastructure", 0.81), ("report__environment", 0.12)]
    elif _TICKET.search(text):
        ranking = [("status", 0.93), ("report__other", 0.04)]
    elif "khai sinh" in lowered:
        ranking = [("procedure__civil_status", 0.88), ("report__civil_status", 0.07)]
    else:
        ranking = [("out_of_scope", 0.66), ("smalltalk", 0.2)]
    ranking.append(("procedure__land", 0.01))
    entities = [
        {
            "entity": "ticket_code",
            "start": match.start(),
            "end": match.end(),
            "confidence_entity": 0.99,
            "value": match.group(0),
            "extractor": "DIETClassifier",
        }
        for match in _TICKET.finditer(text)
    ]
    intents = [
        {"id": 1000 + index, "name": name, "confidence": confidence}
        for index, (name, confidence) in enumerate(ranking)
    ]
    return {
        "text": text,
        "intent": intents[0],
        "entities": entities,
        "text_tokens": [[m.start(), m.end()] for m in re.finditer(r"\S+", text)],
        "intent_ranking": intents,
        "response_selector": {"all_retrieval_intents": [], "default": {"response": {}}},
    }


def down_url() -> str:
    """A local URL that refuses connections (a port just freed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class FakeRasa:
    """``with FakeRasa(delay=…) as rasa: … rasa.url …``; ``rasa.texts`` records requests."""

    def __init__(self, *, delay: float = 0.0, answer: Answer = rasa_answer) -> None:
        self.delay = delay
        self.answer = answer
        self.texts: list[str] = []
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None

    async def _parse(self, request: web.Request) -> web.Response:
        body = await request.json()
        text = str(body.get("text", ""))
        self.texts.append(text)
        if self.delay:
            await asyncio.sleep(self.delay)
        return web.json_response(self.answer(text))

    async def _start(self) -> str:
        app = web.Application()
        app.router.add_post("/model/parse", self._parse)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self._runner.setup()
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        await web.SockSite(self._runner, listener).start()
        return f"http://127.0.0.1:{port}"

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def __enter__(self) -> FakeRasa:
        self._thread.start()
        self.url = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()
