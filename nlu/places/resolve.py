"""Turns a citizen's free-text message into the 2025 ward it is about, or into a
short list of candidates the bot should ask about, or into nothing."""

from __future__ import annotations

from nlu.places.extract import TRIGGER_KEYS, Phrase, find_phrases
from nlu.places.index import NewUnit, OldUnit, PlaceIndex, get_index
from nlu.places.models import NO_PLACE, PlaceResult
from nlu.places.tokens import prepare, tokenize, word_keys

MAX_CHARS = 20_000
# More candidates than this is not a question a citizen can answer with one tap.
MAX_CANDIDATES = 8


def _narrow(phrase: Phrase) -> tuple[list[NewUnit], list[OldUnit]]:
    """New and old units the phrase can mean, after its own context (district, province, cũ)."""
    ctx = phrase.context
    new = list(phrase.new)
    old = list(phrase.old)
    if ctx.provinces is not None:
        new = [u for u in new if u.province_code in ctx.provinces]
        old = [o for o in old if o.provinces & ctx.provinces]
    if ctx.district is not None:
        in_district = [o for o in old if o.district_key == ctx.district]
        if in_district:
            new, old = [], in_district
    if (ctx.old or not phrase.strong) and old:
        new = []
    if phrase.key.replace(" ", "").isdigit() and ctx.district is None:
        # "phường 5" alone names a dozen old wards; only a district makes it a place.
        return [], []
    return new, old


def _pick(
    new: list[NewUnit], old: list[OldUnit], kind: str | None, home_province: str | None
) -> tuple[list[str], list[OldUnit]]:
    """The citizen's own province first, then the unit type they wrote (phường/xã),
    then a current name over an old one."""
    if home_province is not None:
        new_home = [u for u in new if u.province_code == home_province]
        old_home = [o for o in old if home_province in o.provinces]
        if new_home or old_home:
            new, old = new_home, old_home
    if kind is not None:
        new_kind = [u for u in new if u.kind == kind]
        old_kind = [o for o in old if o.kind == kind]
        if new_kind or old_kind:
            new, old = new_kind, old_kind
    if new:
        return sorted({u.code for u in new}), []
    return sorted({c for o in old for c in o.codes}), old


def _decide(
    phrase: Phrase, index: PlaceIndex, home_province: str | None, home_ward: str | None
) -> PlaceResult | None:
    new, old = _narrow(phrase)
    codes, via_units = _pick(new, old, phrase.kind, home_province)
    if len(codes) > 1 and home_ward in codes:
        codes = [home_ward]
    if len(codes) > 1 and home_province is not None:
        local = [c for c in codes if index.units[c].province_code == home_province]
        codes = local or codes
    if not codes or len(codes) > MAX_CANDIDATES:
        return None
    names = {o.full for o in via_units if set(o.codes) & set(codes)}
    via = next(iter(names)) if len(names) == 1 else None
    if len(codes) == 1:
        return PlaceResult(codes[0], (), phrase.text, via)
    return PlaceResult(None, tuple(codes), phrase.text, via)


def resolve_place(
    text: str, *, province_code: str | None = None, ward_code: str | None = None
) -> PlaceResult:
    """The place named in `text`, using the citizen's own province/ward as context."""
    return _resolve(text, province_code, ward_code, fast=True)


def _resolve(
    text: str, province_code: str | None, ward_code: str | None, *, fast: bool
) -> PlaceResult:
    """`fast` rules out, before any token is built, the many messages with no word a
    place phrase could start from; without it the full search runs (tests compare)."""
    if not isinstance(text, str) or not text.strip():
        return NO_PLACE
    text = prepare(text[:MAX_CHARS])
    if fast and TRIGGER_KEYS.isdisjoint(word_keys(text)):
        return NO_PLACE
    index = get_index()
    home = index.units.get(ward_code) if ward_code else None
    home_province = province_code or (home.province_code if home else None)
    toks = tokenize(text)
    for phrase in find_phrases(text, toks, index):
        result = _decide(phrase, index, home_province, home.code if home else None)
        if result is not None:
            return result
    return NO_PLACE
