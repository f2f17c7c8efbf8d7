"""What Zalo sends is checked and read defensively: signatures over the raw bytes, events of
every shape (and malformed ones), and long answers cut where a reader expects."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.zalo.events import parse_event
from bot.zalo.render import MAX_TEXT, numbered_list, split_text
from bot.zalo.signature import sign, verify

APP, KEY = "1234", "oa-key"


def _body(**fields: object) -> bytes:
    return json.dumps({"app_id": APP, "timestamp": "1700000000000", **fields}).encode()


def test_signature_matches_only_the_same_bytes_and_key() -> None:
    raw = _body(event_name="user_send_text")
    header = sign(APP, raw, "1700000000000", KEY)
    assert header.startswith("mac=") and len(header) == 4 + 64
    assert verify(APP, KEY, raw, header)
    assert not verify(APP, KEY, raw + b" ", header)
    assert not verify(APP, "other-key", raw, header)
    assert not verify(APP, KEY, raw, None)
    assert not verify(APP, KEY, raw, "")
    assert not verify(APP, "", raw, sign(APP, raw, "1700000000000", ""))  # no key: refuse all
    assert not verify(APP, KEY, b"\xff\x00binary", header)


def test_text_image_location_and_follow_events_are_read() -> None:
    sender = {"sender": {"id": "u1"}, "recipient": {"id": "oa1"}}
    text = parse_event(
        {"event_name": "user_send_text", **sender, "message": {"text": "chào", "msg_id": "m1"}}
    )
    assert text is not None and (text.oa_id, text.user_id, text.text) == ("oa1", "u1", "chào")
    image = parse_event(
        {
            "event_name": "user_send_image",
            **sender,
            "message": {
                "msg_id": "m2",
                "attachments": [{"payload": {"url": "https://img.zalo/a.jpg"}}],
            },
        }
    )
    assert image is not None and image.image_urls == ("https://img.zalo/a.jpg",)
    place = parse_event(
        {
            "event_name": "user_send_location",
            **sender,
            "message": {
                "msg_id": "m3",
                "attachments": [
                    {"payload": {"coordinates": {"latitude": "21.01", "longitude": "105.8"}}}
                ],
            },
        }
    )
    assert place is not None and place.location == (21.01, 105.8)
    follow = parse_event(
        {"event_name": "follow", "oa_id": "oa1", "follower": {"id": "u1"}, "timestamp": "5"}
    )
    assert follow is not None and follow.user_id == "u1" and follow.dedup_key == "follow:u1:5"


def test_echoes_and_receipts_are_ignored() -> None:
    for name in ("oa_send_text", "oa_send_image", "user_received_message", "user_seen_message"):
        event = parse_event(
            {"event_name": name, "sender": {"id": "oa1"}, "recipient": {"id": "u1"}}
        )
        assert event is not None and event.ignored, name


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "text",
        {},
        {"event_name": "user_send_text"},
        {"event_name": "user_send_text", "sender": "u1", "message": []},
        {
            "event_name": "user_send_location",
            "sender": {"id": "u"},
            "message": {"attachments": [{"payload": {"coordinates": {"latitude": "x"}}}]},
        },
        {
            "event_name": "user_send_location",
            "sender": {"id": "u"},
            "message": {"attachments": [{"payload": {"coordinates": {"latitude": "999"}}}]},
        },
        {
            "event_name": "user_send_image",
            "sender": {"id": "u"},
            "message": {"attachments": [{"payload": {"url": "javascript:alert(1)"}}]},
        },
    ],
)
def test_malformed_events_never_crash(data: object) -> None:
    event = parse_event(data)
    assert event is None or (event.location is None and event.image_urls == ())


def test_long_answer_is_cut_between_sentences() -> None:
    sentence = "Tổ điện sẽ thay bóng đèn ở ngõ 5 trong tuần này. "
    text = sentence * 100  # about 5,000 characters
    parts = split_text(text)
    assert len(parts) == 3
    assert all(len(p) <= MAX_TEXT for p in parts)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == text.strip()


@given(st.text(min_size=0, max_size=7000))
def test_splitting_never_exceeds_the_limit_or_loses_words(text: str) -> None:
    parts = split_text(text)
    assert all(0 < len(p) <= MAX_TEXT for p in parts)
    assert "".join(text.split()) == "".join("".join(parts).split())


def test_numbered_list_says_which_numbers_to_answer() -> None:
    buttons = [{"label": name, "action": f"com:{n}"} for n, name in enumerate("ABC")]
    assert numbered_list(buttons) == "1. A\n2. B\n3. C\nTrả lời 1, 2 hoặc 3 để chọn."
    assert numbered_list(buttons[:1]).endswith("Trả lời 1 để chọn.")
