"""Place resolution: which of the 3,321 communes/wards of 2025 a citizen means,
from new names, pre-2025 names, with or without diacritics, offline."""

from __future__ import annotations

from nlu.places.models import PlaceResult, UnitMatch
from nlu.places.resolve import resolve_place
from nlu.places.search import all_units, find_units, province_name, unit_by_code

__all__ = [
    "PlaceResult",
    "UnitMatch",
    "all_units",
    "find_units",
    "province_name",
    "resolve_place",
    "unit_by_code",
]
