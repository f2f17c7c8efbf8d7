"""The one entry point the bot calls: what a message means, where, and who handles it.

``parse`` never raises: a citizen's message, however strange, gets a prediction (at worst
``out_of_scope`` with zero confidence and a logged error), so intake never stops on input.
The backend is chosen by ``MOTCUA_NLU_BACKEND`` (``builtin``, the default, or ``rasa``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from nlu.classifier.cache import load_or_train
from nlu.classifier.model import BuiltinClassifier, no_content_prediction
from nlu.entities import find_entities
from nlu.normalize import MAX_CLASSIFY_CHARS, clean, has_letters
from nlu.rasa_backend import RasaSettings, RasaUnavailable, parse_with_rasa
from nlu.types import NO_CATEGORY, Entity, Prediction

log = logging.getLogger(__name__)

_lock = threading.Lock()
_classifier: BuiltinClassifier | None = None


def department_for(category: str, text: str) -> str:
    """taxonomy.md's default department for a category, after its keyword rules.

    The rules live with routing (``handlers.routing.defaults``) so that `motcua nlu predict`
    and the bot can never disagree about the default.
    """
    from handlers.routing.defaults import department_for as default_department

    return default_department(category, clean(text))


def get_classifier() -> BuiltinClassifier:
    """The built-in model, trained or loaded from cache once per process."""
    global _classifier
    if _classifier is None:
        with _lock:
            if _classifier is None:
                _classifier = load_or_train()
    return _classifier


def reset_classifier() -> None:
    """Forget the loaded model (after ``motcua nlu train`` or in tests)."""
    global _classifier
    with _lock:
        _classifier = None


def backend_name() -> str:
    name = os.environ.get("MOTCUA_NLU_BACKEND", "builtin").strip().lower() or "builtin"
    if name not in ("builtin", "rasa"):
        log.warning("MOTCUA_NLU_BACKEND=%r is unknown; using the built-in classifier", name)
        return "builtin"
    return name


def _classify(cleaned: str) -> Prediction:
    text = cleaned[:MAX_CLASSIFY_CHARS]
    if backend_name() == "rasa":
        settings = RasaSettings.from_env()
        if settings is None:
            log.warning("MOTCUA_NLU_BACKEND=rasa without MOTCUA_RASA_URL; using built-in model")
        else:
            try:
                return parse_with_rasa(text, settings)
            except RasaUnavailable as error:
                log.warning(
                    "Rasa at %s unavailable (%s); falling back to the built-in classifier",
                    settings.url,
                    error,
                )
    return get_classifier().predict_many([text], cleaned=True)[0]


def _place(cleaned: str, province_code: str | None, ward_code: str | None) -> Any:
    try:
        from nlu.places import resolve_place
    except ImportError:
        return None
    try:
        return resolve_place(cleaned, province_code=province_code, ward_code=ward_code)
    except Exception:
        log.exception("place resolution failed; continuing without a ward")
        return None


def _merge(first: tuple[Entity, ...], second: Iterable[Entity]) -> tuple[Entity, ...]:
    merged = list(first)
    for entity in second:
        if not any(e.kind == entity.kind and e.start == entity.start for e in merged):
            merged.append(entity)
    return tuple(sorted(merged, key=lambda e: (e.start, e.kind)))


def _complete(
    base: Prediction, cleaned: str, province_code: str | None, ward_code: str | None
) -> Prediction:
    """Add pattern entities and the place the message names to a classifier result."""
    entities = _merge(base.entities, find_entities(cleaned))
    place = _place(cleaned, province_code, ward_code)
    if place is None:
        return replace(base, entities=entities)
    phrase = getattr(place, "phrase", None)
    if isinstance(phrase, str) and phrase:
        start = cleaned.find(phrase)
        if start >= 0:
            entities = _merge(entities, [Entity("place", phrase, start, start + len(phrase))])
    return replace(
        base,
        entities=entities,
        ward_code=getattr(place, "ward_code", None),
        ward_candidates=tuple(getattr(place, "candidates", ()) or ()),
    )


def _failed(error: BaseException) -> Prediction:
    log.error("NLU failed on a message (%s); answering out_of_scope", error, exc_info=error)
    return Prediction("out_of_scope", NO_CATEGORY, 0.0, 0.0, backend="error")


def parse(
    text: str, *, province_code: str | None = None, ward_code: str | None = None
) -> Prediction:
    """What one message means. ``province_code``/``ward_code`` are the citizen's remembered
    commune, used only as context to pick between places of the same name."""
    try:
        cleaned = clean(text)
        if has_letters(cleaned[:MAX_CLASSIFY_CHARS]):
            base = _classify(cleaned)
        else:
            base = no_content_prediction(backend_name())
        return _complete(base, cleaned, province_code, ward_code)
    except Exception as error:
        return _failed(error)


async def parse_async(
    text: str, *, province_code: str | None = None, ward_code: str | None = None
) -> Prediction:
    """``parse`` off the event loop (the Rasa backend does blocking HTTP)."""
    return await asyncio.to_thread(parse, text, province_code=province_code, ward_code=ward_code)


def parse_many(texts: Iterable[str], *, province_code: str | None = None) -> list[Prediction]:
    """Many messages at once; the built-in model classifies them in one batch."""
    items = list(texts)
    if backend_name() == "rasa":
        return [parse(text, province_code=province_code) for text in items]
    try:
        cleaned = [clean(text) for text in items]
        bases = get_classifier().predict_many(cleaned, cleaned=True)
    except Exception as error:
        return [_failed(error) for _ in items]
    results = []
    for base, text in zip(bases, cleaned, strict=True):
        try:
            results.append(_complete(base, text, province_code, None))
        except Exception as error:
            results.append(_failed(error))
    return results
