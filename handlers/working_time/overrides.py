"""Reading the per-year holiday override file.

The `holidays` package computes Vietnam's statutory holidays but not the
government's yearly swaps (make-up Saturdays, extra weekdays off), so those
ship as data that admins can correct without touching code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from handlers.working_time.texts import ERR_OVERRIDE_FILE

DEFAULT_OVERRIDES_PATH = Path(__file__).parent / "data" / "vn_overrides.yaml"
_MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class CalendarOverrides:
    """Days the package gets wrong, already validated."""

    days_off: frozenset[date] = frozenset()
    working_days: frozenset[date] = frozenset()
    removed: frozenset[date] = frozenset()
    removed_every_year: frozenset[tuple[int, int]] = frozenset()


def load_overrides(path: Path | None = None) -> CalendarOverrides:
    """Load and validate an override file; any defect names the file and the entry."""
    source = path or DEFAULT_OVERRIDES_PATH
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise ValueError(ERR_OVERRIDE_FILE.format(path=source, detail=exc)) from exc
    if len(raw) > _MAX_FILE_BYTES:
        raise ValueError(ERR_OVERRIDE_FILE.format(path=source, detail="file too large"))
    try:
        document = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(ERR_OVERRIDE_FILE.format(path=source, detail=exc)) from exc
    try:
        return parse_overrides(document)
    except ValueError as exc:
        raise ValueError(ERR_OVERRIDE_FILE.format(path=source, detail=exc)) from exc


def parse_overrides(document: Any) -> CalendarOverrides:
    """Turn the YAML document into sets of dates, refusing anything ambiguous."""
    if document is None:
        return CalendarOverrides()
    if not isinstance(document, Mapping):
        raise ValueError("top level must be a mapping")
    every_year = frozenset(_month_day(item) for item in _as_list(document, "removed_every_year"))
    years = document.get("years") or {}
    if not isinstance(years, Mapping):
        raise ValueError("'years' must be a mapping of year to lists")
    days_off: set[date] = set()
    working: set[date] = set()
    removed: set[date] = set()
    for year_key, entry in years.items():
        year = _year(year_key)
        if entry is None:
            continue
        if not isinstance(entry, Mapping):
            raise ValueError(f"year {year} must be a mapping")
        unknown = set(entry) - {"days_off", "working_days", "removed"}
        if unknown:
            raise ValueError(f"year {year}: unknown keys {sorted(map(str, unknown))}")
        off = {_day(item, year) for item in _as_list(entry, "days_off")}
        work = {_day(item, year) for item in _as_list(entry, "working_days")}
        gone = {_day(item, year) for item in _as_list(entry, "removed")}
        both = off & work
        if both:
            raise ValueError(f"year {year}: {sorted(map(str, both))} both off and working")
        days_off |= off
        working |= work
        removed |= gone
    return CalendarOverrides(
        days_off=frozenset(days_off),
        working_days=frozenset(working),
        removed=frozenset(removed),
        removed_every_year=every_year,
    )


def _as_list(mapping: Mapping[Any, Any], key: str) -> list[Any]:
    value = mapping.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"'{key}' must be a list")
    return value


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"bad year {value!r}")
    try:
        year = int(value)
    except ValueError as exc:
        raise ValueError(f"bad year {value!r}") from exc
    if not 1900 <= year <= 2200:
        raise ValueError(f"year {year} out of range")
    return year


def _day(value: Any, year: int) -> date:
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"bad date {value!r} (use YYYY-MM-DD)") from exc
    else:
        raise ValueError(f"bad date {value!r} (use YYYY-MM-DD)")
    if day.year != year:
        raise ValueError(f"{day} is listed under year {year}")
    return day


def _month_day(value: Any) -> tuple[int, int]:
    text = str(value).strip()
    parts = text.split("-")
    try:
        month, day = (int(part) for part in parts)
        date(2000, month, day)  # leap year, so 02-29 is accepted
    except ValueError as exc:
        raise ValueError(f"bad month-day {value!r} (use MM-DD)") from exc
    return month, day
