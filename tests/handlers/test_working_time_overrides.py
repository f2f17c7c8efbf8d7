"""The holiday override file: the shipped one loads, broken ones are refused clearly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from handlers.working_time import WorkCalendar, load_overrides
from handlers.working_time.overrides import DEFAULT_OVERRIDES_PATH


def test_shipped_file_carries_the_2025_and_2026_swaps() -> None:
    shipped = load_overrides()
    assert date(2025, 4, 26) in shipped.working_days
    assert date(2026, 1, 10) in shipped.working_days
    assert date(2026, 1, 2) in shipped.days_off
    assert (11, 24) in shipped.removed_every_year
    assert DEFAULT_OVERRIDES_PATH.name == "vn_overrides.yaml"


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "overrides.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_an_edited_file_changes_the_calendar(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "years:\n  2027:\n    days_off: [2027-03-08]\n    working_days: ['2027-02-13']\n"
        "    removed: [2027-04-16]\n",
    )
    cal = WorkCalendar.from_overrides(load_overrides(path))
    assert not cal.is_working_day(date(2027, 3, 8))
    assert cal.is_working_day(date(2027, 2, 13))
    assert cal.is_working_day(date(2027, 4, 16))  # Giỗ Tổ removed by the admin


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("years: [1, 2]\n", "mapping"),
        ("- a\n- b\n", "mapping"),
        ("years:\n  2026:\n    days_off: [2025-01-01]\n", "listed under year 2026"),
        ("years:\n  2026:\n    days_off: [tomorrow]\n", "YYYY-MM-DD"),
        ("years:\n  2026:\n    holidays: []\n", "unknown keys"),
        ("years:\n  2026:\n    days_off: [2026-03-02]\n    working_days: [2026-03-02]\n", "both"),
        ("years:\n  abc:\n    days_off: []\n", "bad year"),
        ("removed_every_year: ['13-45']\n", "MM-DD"),
        ("years: {2026: {days_off: 2026-01-02}}\n", "must be a list"),
        ("a: [unclosed\n", "invalid"),
        (b"\xff\xfe\x00binary", "invalid"),
    ],
)
def test_broken_files_name_the_problem(tmp_path: Path, content: str | bytes, reason: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(ValueError, match=reason) as caught:
        load_overrides(path)
    assert str(path) in str(caught.value)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="invalid"):
        load_overrides(tmp_path / "nope.yaml")
    assert load_overrides(write(tmp_path, "")).days_off == frozenset()
