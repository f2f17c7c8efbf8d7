"""Results handed to the bot; frozen so cached answers cannot be altered by a caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["phuong", "xa", "dac_khu"]


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """One 2025 commune-level unit, possibly reached through a pre-2025 name."""

    ward_code: str
    ward_name: str
    province_code: str
    province_name: str
    kind: Kind
    via_old_name: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceResult:
    """The place a message is about: one code, or candidates for the bot to ask about."""

    ward_code: str | None
    candidates: tuple[str, ...] = ()
    phrase: str | None = None
    via_old_name: str | None = None


NO_PLACE = PlaceResult(ward_code=None)
