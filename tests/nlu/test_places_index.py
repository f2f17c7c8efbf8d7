"""The gazetteer itself: complete, official codes, old names mapped."""

from __future__ import annotations

from nlu.places import all_units, province_name, unit_by_code
from nlu.places.index import get_index


def test_all_3321_units_with_unique_five_digit_codes() -> None:
    units = all_units()
    assert len(units) == 3321
    codes = {u.ward_code for u in units}
    assert len(codes) == 3321
    assert all(len(c) == 5 and c.isdigit() for c in codes)
    assert {u.kind for u in units} == {"phuong", "xa", "dac_khu"}
    assert len({u.province_code for u in units}) == 34


def test_unit_by_code_and_province_name() -> None:
    unit = unit_by_code("27664")
    assert unit is not None
    assert (unit.ward_name, unit.province_name, unit.kind) == (
        "Xã Cần Giờ",
        "Thành phố Hồ Chí Minh",
        "xa",
    )
    assert unit_by_code("99999") is None
    assert unit_by_code("") is None
    assert province_name("01") == "Thành phố Hà Nội"
    assert province_name("00") is None


def test_every_old_unit_leads_to_existing_new_units_and_471_were_split() -> None:
    index = get_index()
    olds = {o.full: o for group in index.old_by_key.values() for o in group}
    assert len(olds) == 10_035  # 10,040 minus 5 island districts that had no wards
    assert all(set(o.codes) <= index.units.keys() for o in olds.values())
    assert sum(len(o.codes) > 1 for o in olds.values()) == 471
