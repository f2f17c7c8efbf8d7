"""The quick "no place word here" check of resolve_place must never change an answer:
it only saves time on messages that name no place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlu.places import resolve_place
from nlu.places.models import NO_PLACE
from nlu.places.resolve import _resolve
from nlu.training_data import load_training_set

DATA = Path(__file__).resolve().parent / "data"
# Home contexts a citizen may have: none, a province (Hà Nội), a ward (Hà Nội's first).
HOMES: tuple[tuple[str | None, str | None], ...] = ((None, None), ("01", None), (None, "00004"))
# Each way a phrase can start (weak markers, "thị trấn", "thành phố" islands…),
# since the training data alone does not use all of them.
ODD_INPUTS = [
    "ngập nước ở Tây Mỗ",
    "ngap o Tay Mo",
    "rác tại Láng Hạ",
    "đất thuộc Tây Mỗ",
    "thành phố Phú Quốc",
    "thị trấn Trâu Quỳ",
    "",
    "   ",
    "P12 Q3 bị ngập",
    "X.Tân Lập",
    "ph'uong Tay Mo",
    "o'clock x_a p_huong",
    "TT. Trâu Quỳ",
    "xã hội đen",
    "Láng Hạ cũ",
    "huyện Côn Đảo",
    "tp Phú Quốc",
    "\u200b\u202exã\u202c Tây Mỗ",
    "<b>phường</b> Hoàn Kiếm; DROP TABLE",
    "😀" * 50,
    "đèn đường hỏng " * 200,
]


def _corpus() -> list[str]:
    texts = [example.text for example in load_training_set().examples]
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts + ODD_INPUTS


CORPUS = _corpus()


@pytest.mark.parametrize(("province", "ward"), HOMES)
def test_fast_path_gives_the_same_place_as_the_full_search(
    province: str | None, ward: str | None
) -> None:
    differ = [
        text
        for text in CORPUS
        if resolve_place(text, province_code=province, ward_code=ward)
        != _resolve(text, province, ward, fast=False)
    ]
    assert differ == []


def test_corpus_has_messages_with_and_without_places() -> None:
    """The comparison above means something only if both kinds are in it."""
    found = [resolve_place(text) for text in CORPUS]
    with_place = sum(result != NO_PLACE for result in found)
    assert with_place >= 100
    assert len(found) - with_place >= 500


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("cong thoat nuoc o phuong Tay Mo bi tac", "00634"),
        ("Nước ngập ở phường Láng, Hà Nội", "00199"),
    ],
)
def test_place_words_still_reach_the_full_search(text: str, code: str) -> None:
    assert resolve_place(text, province_code="01").ward_code == code
