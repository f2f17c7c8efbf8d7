"""find_units: the bot's "which commune do you live in?" answer list."""

from __future__ import annotations

import pytest

from nlu.places import find_units


def _codes(query: str, province_code: str | None = None) -> list[str]:
    return [m.ward_code for m in find_units(query, province_code=province_code)]


@pytest.mark.parametrize("query", ["Tây Mỗ", "tay mo", "phường Tây Mỗ", "P. Tây Mỗ", "TAY MO"])
def test_new_name_in_any_spelling_comes_first(query: str) -> None:
    first = find_units(query)[0]
    assert (first.ward_code, first.ward_name, first.kind) == ("00634", "Phường Tây Mỗ", "phuong")
    assert first.province_code == "01" and first.via_old_name is None


def test_province_after_the_name_is_understood() -> None:
    first = find_units("Tây Mỗ Hà Nội")[0]
    assert first.ward_code == "00634"
    assert first.province_name == "Thành phố Hà Nội"


def test_old_split_ward_lists_every_new_ward_with_the_old_name() -> None:
    found = find_units("P. Láng Hạ cũ")
    assert {m.ward_code for m in found[:3]} == {"00025", "00199", "00235"}
    assert all(m.via_old_name == "Phường Láng Hạ, Quận Đống Đa, Hà Nội" for m in found[:3])


def test_old_town_typed_as_commune_without_accents() -> None:
    found = find_units("xa can thanh")
    assert found[0].ward_code == "27664"
    assert found[0].ward_name == "Xã Cần Giờ"
    assert found[0].via_old_name == "Thị trấn Cần Thạnh, Huyện Cần Giờ, Hồ Chí Minh"


def test_exact_accents_rank_first_when_typed() -> None:
    assert _codes("Cẩm Giang")[0] == "10888"
    assert _codes("Cẩm Giàng")[:2] == ["02008", "10903"]


def test_without_accents_both_spellings_are_offered() -> None:
    assert {"10888", "10903", "02008"} <= set(_codes("cam giang")[:3])


def test_citizen_province_goes_first() -> None:
    assert _codes("cam giang", province_code="31")[:2] == ["10888", "10903"]
    assert _codes("Diên Hồng", province_code="79")[0] == "27169"
    assert _codes("Diên Hồng", province_code="52")[0] == "23563"


def test_exact_name_before_prefix_before_old_name() -> None:
    found = find_units("phường Láng")
    assert found[0].ward_code == "00199"
    assert found[0].via_old_name is None
    prefixes = find_units("nha tr")
    assert prefixes[0].ward_name == "Phường Nha Trang"


def test_limit_is_respected() -> None:
    assert len(find_units("tan", limit=3)) == 3
    assert find_units("tan", limit=0) == []


@pytest.mark.parametrize(
    "query", ["", "   ", "🙂🙂", "x" * 50_000, "\x00\x01", "'; DROP TABLE x;--", "phường", "cũ"]
)
def test_bad_input_gives_an_empty_or_short_list(query: str) -> None:
    assert len(find_units(query)) <= 8


def test_old_names_are_offered_while_typing() -> None:
    found = find_units("Láng H")
    assert {m.ward_code for m in found[:3]} == {"00025", "00199", "00235"}
    assert found[0].via_old_name == "Phường Láng Hạ, Quận Đống Đa, Hà Nội"
