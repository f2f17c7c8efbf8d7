"""SLA durations as admins type them, good and bad."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.working_time import Duration, DurationKind, WorkCalendar, parse_duration
from handlers.working_time.duration import MAX_AMOUNT
from handlers.working_time.texts import VN_TZ


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [
        ("10wd", DurationKind.WORKING_DAYS, 10),
        ("3d", DurationKind.DAYS, 3),
        ("4h", DurationKind.HOURS, 4),
        ("30m", DurationKind.MINUTES, 30),
        ("2wh", DurationKind.WORKING_HOURS, 2),
        (" 10 WD ", DurationKind.WORKING_DAYS, 10),
    ],
)
def test_durations_parse(text: str, kind: DurationKind, amount: int) -> None:
    assert parse_duration(text) == Duration(kind, amount)


@given(
    kind=st.sampled_from(list(DurationKind)),
    amount=st.integers(min_value=1, max_value=750),
)
def test_str_round_trips(kind: DurationKind, amount: int) -> None:
    duration = Duration(kind, amount)
    assert parse_duration(str(duration)) == duration


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("", "Chưa ghi thời hạn", "empty"),
        ("   ", "Chưa ghi thời hạn", "empty"),
        ("10x", "Không hiểu thời hạn", "Cannot read"),
        ("wd", "Không hiểu thời hạn", "Cannot read"),
        ("1.5h", "Không hiểu thời hạn", "Cannot read"),
        ("10 ngày", "Không hiểu thời hạn", "Cannot read"),
        ("\x00\xff3d", "Không hiểu thời hạn", "Cannot read"),
        ("-3d", "phải lớn hơn 0", "greater than zero"),
        ("0wd", "phải lớn hơn 0", "greater than zero"),
        ("999999wd", "quá lớn", "too large"),
        ("9" * 100 + "d", "quá dài", "too long"),
    ],
)
def test_bad_durations_say_why_in_vietnamese_and_english(text: str, vi: str, en: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_duration(text)
    assert vi in str(caught.value)
    assert en in str(caught.value)


def test_duration_rejects_non_text() -> None:
    with pytest.raises(ValueError, match="empty"):
        parse_duration(None)  # type: ignore[arg-type]


def test_limits_are_enforced_on_direct_construction() -> None:
    with pytest.raises(ValueError, match="too large"):
        Duration(DurationKind.DAYS, MAX_AMOUNT[DurationKind.DAYS] + 1)
    with pytest.raises(ValueError):
        Duration(DurationKind.DAYS, 0)


def test_each_kind_adds_the_way_its_unit_promises() -> None:
    cal = WorkCalendar.default()
    friday_4pm = datetime(2025, 12, 12, 16, tzinfo=VN_TZ)
    assert parse_duration("1wd").add_to(friday_4pm, cal) == datetime(
        2025, 12, 15, 17, tzinfo=VN_TZ
    )
    assert parse_duration("2wh").add_to(friday_4pm, cal) == datetime(
        2025, 12, 15, 8, 30, tzinfo=VN_TZ
    )
    assert parse_duration("1d").add_to(friday_4pm, cal) == datetime(2025, 12, 15, 17, tzinfo=VN_TZ)
    assert parse_duration("2h").add_to(friday_4pm, cal) == datetime(2025, 12, 12, 18, tzinfo=VN_TZ)
    assert parse_duration("30m").add_to(friday_4pm, cal) == datetime(
        2025, 12, 12, 16, 30, tzinfo=VN_TZ
    )


def test_longest_allowed_durations_still_compute() -> None:
    cal = WorkCalendar.default()
    start = datetime(2025, 12, 12, 9, tzinfo=VN_TZ)
    for kind, limit in MAX_AMOUNT.items():
        due = Duration(kind, limit).add_to(start, cal)
        assert due > start
        assert due.year <= 2029
