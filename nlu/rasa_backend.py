"""Asking a separately running Rasa server (``POST /model/parse``) instead of the built-in model.

Rasa 3.x does not install on Python 3.11, so it runs as its own process, trained on the
same ``nlu/data`` files (see ``nlu/rasa/README.md``). Its intents carry our combined labels
(``report__land``); this module maps its answer onto our ``Prediction``. Any failure —
down, slow, an answer we cannot read — raises ``RasaUnavailable`` so the pipeline can fall
back to the built-in classifier instead of leaving a citizen without an answer.
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from nlu.training_data import split_label
from nlu.types import NO_CATEGORY, Entity, Prediction

DEFAULT_TIMEOUT = 2.0
MAX_RESPONSE_BYTES = 2_000_000
TOP_K = 3
# Never route a citizen's words through an HTTP proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class RasaUnavailable(Exception):
    """The Rasa server could not give a usable answer in time."""


@dataclass(frozen=True)
class RasaSettings:
    url: str
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls) -> RasaSettings | None:
        """``MOTCUA_RASA_URL`` (required) and ``MOTCUA_RASA_TIMEOUT`` in seconds."""
        url = os.environ.get("MOTCUA_RASA_URL", "").strip()
        if not url:
            return None
        try:
            timeout = float(os.environ.get("MOTCUA_RASA_TIMEOUT", "") or DEFAULT_TIMEOUT)
        except ValueError:
            timeout = DEFAULT_TIMEOUT
        return cls(url=url.rstrip("/"), timeout=timeout if timeout > 0 else DEFAULT_TIMEOUT)


def _confidence(value: Any) -> float:
    number = float(value)
    if number != number:  # NaN
        raise ValueError("confidence is NaN")
    return min(max(number, 0.0), 1.0)


def _entities(items: Any) -> tuple[Entity, ...]:
    found: list[Entity] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("entity"), str):
            continue
        try:
            start, end = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            continue
        found.append(Entity(item["entity"], str(item.get("value", "")), start, end))
    return tuple(found)


def to_prediction(payload: Any) -> Prediction:
    """Map Rasa's parse result to ours; ``ValueError`` when it is not one we can use."""
    if not isinstance(payload, dict) or not isinstance(payload.get("intent"), dict):
        raise ValueError("no intent in Rasa's answer")
    name = payload["intent"].get("name")
    label = split_label(name) if isinstance(name, str) else None
    if label is None:
        raise ValueError(f"Rasa answered an intent outside the taxonomy: {name!r}")
    intent, category = label
    confidence = _confidence(payload["intent"].get("confidence", 0.0))
    by_intent: dict[str, float] = defaultdict(float)
    by_category: dict[str, float] = defaultdict(float)
    ranking = payload.get("intent_ranking")
    for entry in ranking if isinstance(ranking, list) else []:
        entry_label = split_label(entry.get("name", "")) if isinstance(entry, dict) else None
        if entry_label is None:
            continue
        score = _confidence(entry.get("confidence", 0.0))
        by_intent[entry_label[0]] += score
        if entry_label[1] != NO_CATEGORY:
            by_category[entry_label[1]] += score
    ranked = sorted(by_category.items(), key=lambda item: item[1], reverse=True)[:TOP_K]
    return Prediction(
        intent=intent,
        category=category,
        confidence=round(confidence, 4),
        intent_confidence=round(min(max(by_intent.get(intent, 0.0), confidence), 1.0), 4),
        top_categories=tuple((name, round(min(score, 1.0), 4)) for name, score in ranked),
        entities=_entities(payload.get("entities")),
        backend="rasa",
    )


def parse_with_rasa(text: str, settings: RasaSettings) -> Prediction:
    """One ``POST {url}/model/parse``; raises ``RasaUnavailable`` on any failure."""
    request = urllib.request.Request(
        f"{settings.url}/model/parse",
        data=json.dumps({"text": text}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with _OPENER.open(request, timeout=settings.timeout) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
        if len(body) > MAX_RESPONSE_BYTES:
            raise ValueError("answer too large")
        return to_prediction(json.loads(body.decode("utf-8")))
    except (OSError, http.client.HTTPException, ValueError) as error:
        # URLError, timeouts and refused connections are all OSError subclasses.
        raise RasaUnavailable(f"{error.__class__.__name__}: {error}") from error
