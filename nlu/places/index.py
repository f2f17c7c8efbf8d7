"""The in-memory gazetteer, read once from the data shipped in `vietnamadminunits`.

We read its SQLite file and old→new JSON map directly instead of calling its
converter: the converter geocodes split wards online, and addresses must stay here.
"""

from __future__ import annotations

import bisect
import importlib.util
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from nlu.places.models import Kind, UnitMatch
from nlu.places.tokens import spelling, text_key, text_sigs
from nlu.text import nfc

_KINDS: dict[str, Kind] = {"Phường": "phuong", "Xã": "xa", "Đặc khu": "dac_khu"}
_OLD_KINDS = {"Phường": "phuong", "Xã": "xa", "Thị trấn": "thi_tran"}
# Everyday names for provinces that the data set does not list as aliases.
_PROVINCE_EXTRAS = {
    "hn": "01",
    "hcm": "79",
    "tphcm": "79",
    "tp hcm": "79",
    "sai gon": "79",
    "sg": "79",
    "vung tau": "79",
    "ba ria": "79",
    "brvt": "79",
}


@dataclass(frozen=True, slots=True)
class NewUnit:
    """A 2025 unit with its name keys precomputed for matching."""

    code: str
    name: str
    short: str
    kind: Kind
    province_code: str
    province_name: str
    key: str
    sigs: tuple[str, ...]
    short_words: tuple[str, ...]

    def as_match(self, via_old_name: str | None = None) -> UnitMatch:
        return UnitMatch(
            self.code, self.name, self.province_code, self.province_name, self.kind, via_old_name
        )


@dataclass(frozen=True, slots=True)
class OldUnit:
    """A pre-2025 ward/commune and the 2025 unit(s) its territory went to."""

    full: str
    kind: str
    district_key: str
    key: str
    sigs: tuple[str, ...]
    codes: tuple[str, ...]
    provinces: frozenset[str]


@dataclass(slots=True)
class PlaceIndex:
    units: dict[str, NewUnit]
    new_by_key: dict[str, list[NewUnit]]
    old_by_key: dict[str, list[OldUnit]]
    provinces: dict[str, frozenset[str]]
    districts: dict[str, frozenset[str]]
    province_names: dict[str, str]
    sorted_keys: list[tuple[str, str]]
    sorted_old_keys: list[str]
    max_words: int
    province_spellings: dict[str, frozenset[tuple[str, ...]]]
    district_spellings: dict[str, frozenset[tuple[str, ...]]]

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.sorted_keys, (prefix, ""))
        return i < len(self.sorted_keys) and self.sorted_keys[i][0].startswith(prefix)

    def old_prefixed(self, prefix: str, limit: int) -> list[OldUnit]:
        """Pre-2025 units whose folded short name starts with `prefix`, at most `limit`."""
        lo = bisect.bisect_left(self.sorted_old_keys, prefix)
        out: list[OldUnit] = []
        for key in self.sorted_old_keys[lo:]:
            if not key.startswith(prefix) or len(out) >= limit:
                break
            out.extend(self.old_by_key[key])
        return out

    def prefixed(self, prefix: str) -> list[NewUnit]:
        """New units whose folded short name starts with `prefix` (binary search)."""
        lo = bisect.bisect_left(self.sorted_keys, (prefix, ""))
        hi = bisect.bisect_left(self.sorted_keys, (prefix + "\uffff", ""), lo)
        return [self.units[code] for _, code in self.sorted_keys[lo:hi]]


def data_dir() -> Path:
    """Locate the package data without importing the package (its import pulls the geocoder)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _old_to_new(
    converter: dict[str, dict[str, object]], new_codes: dict[tuple[str, str], str]
) -> dict[str, tuple[str, ...]]:
    mapping: dict[str, tuple[str, ...]] = {}
    whole = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]
    for pkey, wards in whole.items():
        assert isinstance(wards, dict)
        for wkey, olds in wards.items():
            for old in olds:
                mapping[old] = (new_codes[(pkey, wkey)],)
    for pkey, olds_split in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        assert isinstance(olds_split, dict)
        for old, parts in olds_split.items():
            mapping[old] = tuple(sorted(new_codes[(pkey, p["newWardKey"])] for p in parts))
    return mapping


def _add_name(
    table: dict[str, set[str]],
    spellings: dict[str, set[tuple[str, ...]]],
    name: str,
    codes: Iterable[str],
) -> None:
    key, sigs = spelling(name)
    if key:
        table[key].update(codes)
        spellings[key].add(sigs)


def build_index(directory: Path | None = None) -> PlaceIndex:
    directory = directory or data_dir()
    uri = f"file:{directory / 'dataset.db'}?mode=ro"
    with sqlite3.connect(uri, uri=True) as db:
        new_rows = db.execute(
            "SELECT wardCode, ward, wardShort, wardType, provinceCode, province, "
            "provinceShort, provinceKey, wardKey FROM admin_units"
        ).fetchall()
        old_rows = db.execute(
            "SELECT ward, wardShort, wardType, district, districtShort, provinceShort, "
            "province, provinceKey, districtKey, wardKey FROM admin_units_legacy "
            "WHERE ward IS NOT NULL"
        ).fetchall()
    converter = json.loads((directory / "converter_2025.json").read_text(encoding="utf-8"))

    units: dict[str, NewUnit] = {}
    new_by_key: dict[str, list[NewUnit]] = defaultdict(list)
    provinces: dict[str, set[str]] = defaultdict(set)
    province_names: dict[str, str] = {}
    new_codes: dict[tuple[str, str], str] = {}
    spellings: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    district_spellings: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for code, ward, short, wtype, pcode, pname, pshort, pkey, wkey in new_rows:
        unit = NewUnit(
            code,
            ward,
            short,
            _KINDS[wtype],
            pcode,
            pname,
            text_key(short),
            text_sigs(short),
            tuple(nfc(short).lower().split()),
        )
        units[code] = unit
        new_by_key[unit.key].append(unit)
        new_codes[(pkey, wkey)] = code
        province_names[pcode] = pname
        _add_name(provinces, spellings, pshort, (pcode,))
        _add_name(provinces, spellings, pname, (pcode,))

    old_to_new = _old_to_new(converter, new_codes)
    old_by_key: dict[str, list[OldUnit]] = defaultdict(list)
    districts: dict[str, set[str]] = defaultdict(set)
    for ward, short, wtype, dist, dshort, pshort, pname, pkey, dkey, wkey in old_rows:
        codes = old_to_new[f"{pkey}_{dkey}_{wkey}"]
        new_provinces = frozenset(units[c].province_code for c in codes)
        old = OldUnit(
            f"{ward}, {dist}, {pshort}",
            _OLD_KINDS.get(wtype, "xa"),
            text_key(dshort),
            text_key(short),
            text_sigs(short),
            codes,
            new_provinces,
        )
        old_by_key[old.key].append(old)
        words = old.key.split()
        if len(words) == 2 and words[1].isdigit():
            # "Phường 25" is stored with its type; citizens write "phường 25" or "P.25".
            old_by_key[words[1]].append(replace(old, key=words[1], sigs=old.sigs[1:]))
        for name in (dshort, dist):
            _add_name(districts, district_spellings, name, new_provinces)
        for name in (pshort, pname):
            _add_name(provinces, spellings, name, new_provinces)
    for alias, pcode in _PROVINCE_EXTRAS.items():
        _add_name(provinces, spellings, alias, (pcode,))

    keys = [*new_by_key, *old_by_key]
    return PlaceIndex(
        units=units,
        new_by_key=dict(new_by_key),
        old_by_key=dict(old_by_key),
        provinces={k: frozenset(v) for k, v in provinces.items()},
        districts={k: frozenset(v) for k, v in districts.items()},
        province_names=province_names,
        sorted_keys=sorted((u.key, u.code) for u in units.values()),
        sorted_old_keys=sorted(old_by_key),
        max_words=max(len(k.split()) for k in keys),
        province_spellings={k: frozenset(v) for k, v in spellings.items()},
        district_spellings={k: frozenset(v) for k, v in district_spellings.items()},
    )


@lru_cache(maxsize=1)
def get_index() -> PlaceIndex:
    """Built on first use and kept: every later lookup is a dictionary access."""
    return build_index()
