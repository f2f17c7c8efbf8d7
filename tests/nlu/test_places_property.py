"""Whatever a citizen sends, place lookups answer with real codes and never raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.places import find_units, resolve_place
from nlu.places.index import get_index

WORDS = st.sampled_from(
    [
        "phường",
        "xã",
        "P.",
        "X.",
        "ở",
        "tại",
        "cũ",
        "quận",
        "huyện",
        "tp",
        "Láng",
        "Hạ",
        "Tây",
        "Mỗ",
        "xa",
        "phuong",
        "cu",
        "25",
        "Bình",
        "Thạnh",
        "Cẩm",
        "Giang",
        "(",
        ")",
        ",",
        "Huế",
    ]
)
MESSAGES = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=25).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(MESSAGES, st.sampled_from([None, "01", "79", "zz"]))
def test_resolve_place_returns_existing_codes(text: str, province: str | None) -> None:
    units = get_index().units
    result = resolve_place(text, province_code=province)
    assert result.ward_code is None or result.ward_code in units
    assert all(code in units for code in result.candidates)
    assert not (result.ward_code and result.candidates)


@settings(max_examples=200, deadline=None)
@given(MESSAGES)
def test_find_units_returns_existing_units(query: str) -> None:
    found = find_units(query)
    assert len(found) <= 8
    assert all(m.ward_code in get_index().units for m in found)
