"""The Rasa backend against a local server speaking Rasa's /model/parse JSON, and its
fall-back to the built-in classifier when Rasa is down, slow or talks nonsense."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nlu.pipeline import get_classifier, parse, reset_classifier
from nlu.rasa_backend import RasaSettings, RasaUnavailable, parse_with_rasa, to_prediction
from nlu.types import CATEGORIES, INTENTS
from tests.support.fake_rasa import FakeRasa, down_url, rasa_answer

SHARED_CACHE = Path(tempfile.gettempdir()) / "motcua-nlu-test-cache"


@pytest.fixture(scope="module", autouse=True)
def _trained_builtin() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setenv("MOTCUA_NLU_CACHE_DIR", str(SHARED_CACHE))
    patch.delenv("MOTCUA_NLU_DATA_DIR", raising=False)
    reset_classifier()
    get_classifier()
    yield
    patch.undo()
    reset_classifier()


@pytest.fixture()
def rasa_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("MOTCUA_NLU_BACKEND", "rasa")
    monkeypatch.setenv("MOTCUA_RASA_TIMEOUT", "0.3")
    return monkeypatch


def test_rasa_answer_is_mapped_to_our_labels(rasa_env: pytest.MonkeyPatch) -> None:
    with FakeRasa() as rasa:
        rasa_env.setenv("MOTCUA_RASA_URL", rasa.url)
        prediction = parse("Ngõ 12 ngập nửa mét, gọi 0912345678")
        assert rasa.texts == ["Ngõ 12 ngập nửa mét, gọi 0912345678"]
    assert prediction.backend == "rasa"
    assert (prediction.intent, prediction.category) == ("report", "infrastructure")
    assert prediction.confidence == pytest.approx(0.81)
    assert prediction.intent_confidence == pytest.approx(0.93)  # 0.81 + 0.12 of reports
    assert prediction.top_categories[:2] == (("infrastructure", 0.81), ("environment", 0.12))
    assert [(e.kind, e.value) for e in prediction.entities] == [("phone", "0912345678")]


def test_rasa_entities_are_kept(rasa_env: pytest.MonkeyPatch) -> None:
    with FakeRasa() as rasa:
        rasa_env.setenv("MOTCUA_RASA_URL", rasa.url + "/")
        prediction = parse("PA-0123 tới đâu rồi")
    assert (prediction.intent, prediction.category) == ("status", "none")
    assert [(e.kind, e.value, e.start, e.end) for e in prediction.entities] == [
        ("ticket_code", "PA-0123", 0, 7)
    ]


def test_down_server_falls_back_and_says_so(
    rasa_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rasa_env.setenv("MOTCUA_RASA_URL", down_url())
    with caplog.at_level(logging.WARNING, logger="nlu.pipeline"):
        prediction = parse("đường ngõ 5 bị ngập nước ba ngày chưa rút")
    assert prediction.backend == "builtin"
    assert (prediction.intent, prediction.category) == ("report", "infrastructure")
    assert "falling back to the built-in classifier" in caplog.text


def test_slow_server_times_out_and_falls_back(
    rasa_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with FakeRasa(delay=2.0) as rasa:
        rasa_env.setenv("MOTCUA_RASA_URL", rasa.url)
        started = time.perf_counter()
        with caplog.at_level(logging.WARNING, logger="nlu.pipeline"):
            prediction = parse("làm giấy khai sinh cho con cần giấy tờ gì")
        elapsed = time.perf_counter() - started
    assert prediction.backend == "builtin"
    assert (prediction.intent, prediction.category) == ("procedure", "civil_status")
    assert elapsed < 1.5
    assert "unavailable" in caplog.text and "falling back" in caplog.text


def test_answer_outside_taxonomy_falls_back(rasa_env: pytest.MonkeyPatch) -> None:
    def greet(text: str) -> dict[str, Any]:
        answer = rasa_answer(text)
        answer["intent"] = {"id": 1, "name": "greet", "confidence": 0.99}
        return answer

    with FakeRasa(answer=greet) as rasa:
        rasa_env.setenv("MOTCUA_RASA_URL", rasa.url)
        prediction = parse("xin chào")
    assert prediction.backend == "builtin"
    assert prediction.intent in INTENTS


def test_parse_with_rasa_raises_unavailable_when_down() -> None:
    with pytest.raises(RasaUnavailable):
        parse_with_rasa("xin chào", RasaSettings(url=down_url(), timeout=0.3))


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"intent": None},
        {"intent": {"name": "report__flying_saucers", "confidence": 0.9}},
        {"intent": {"name": "report", "confidence": 0.9}},
        {"intent": {"name": "status", "confidence": "lots"}},
    ],
)
def test_unusable_answers_are_rejected(payload: object) -> None:
    with pytest.raises(ValueError):
        to_prediction(payload)


def test_malformed_ranking_and_entities_are_skipped() -> None:
    prediction = to_prediction(
        {
            "intent": {"name": "procedure__land", "confidence": 1.7},
            "intent_ranking": [{"name": "procedure__land", "confidence": 0.7}, "junk", {}],
            "entities": [{"entity": "place", "start": "x"}, 5],
        }
    )
    assert (prediction.intent, prediction.category, prediction.confidence) == (
        "procedure",
        "land",
        1.0,
    )
    assert prediction.category in CATEGORIES and prediction.entities == ()
