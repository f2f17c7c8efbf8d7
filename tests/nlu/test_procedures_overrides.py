"""Local details from a province and a commune: merged without touching the
shipped base, commune over province, and refused when they do not fit."""

from __future__ import annotations

import pytest

from nlu.procedures import (
    OverrideError,
    apply_overrides,
    best_procedure_id,
    default_procedures,
    render_answer,
    search,
)
from nlu.procedures.texts import CHECK

DESK = {"scope": "commune", "code": "00004", "desk_address": "19 Lê Thánh Tông"}


def test_commune_desk_details_reach_every_card() -> None:
    local = apply_overrides(
        default_procedures(),
        [DESK | {"opening_hours": "Thứ Hai - Thứ Sáu, 7:30 - 17:00", "phone": "024 3825 1234"}],
    )
    card = render_answer(local["ket_hon"])
    assert "Địa chỉ: 19 Lê Thánh Tông" in card
    assert "Giờ làm việc: Thứ Hai - Thứ Sáu, 7:30 - 17:00" in card
    assert "Điện thoại: 024 3825 1234" in card
    assert local["can_cuoc"].desk_address == "19 Lê Thánh Tông"


def test_shipped_base_is_not_changed() -> None:
    base = default_procedures()
    apply_overrides(base, [DESK])
    assert base["ket_hon"].desk_address is None
    assert "Địa chỉ:" not in render_answer(base["ket_hon"])


def test_commune_wins_over_province_whatever_the_order() -> None:
    overrides = [
        {"scope": "commune", "code": "00004", "phone": "0243 111 111"},
        {"scope": "province", "code": "01", "procedure_id": "khai_sinh", "phone": "0243 999 999"},
    ]
    local = apply_overrides(default_procedures(), overrides)
    assert local["khai_sinh"].phone == "0243 111 111"


def test_local_fee_settles_the_uncertainty_and_adds_a_note() -> None:
    base = default_procedures()
    assert f"Lệ phí: Theo mức thu của tỉnh, xin hỏi tại bộ phận một cửa{CHECK}" in render_answer(
        base["xac_nhan_tthn"]
    )
    card = render_answer(
        base["xac_nhan_tthn"],
        [{"procedure_id": "xac_nhan_tthn", "fee_vnd": 15000, "notes": ["Mang theo ảnh 3x4"]}],
    )
    assert "Lệ phí: 15.000 đồng\n" in card
    assert "Lưu ý: Mang theo ảnh 3x4" in card
    assert f"ngày làm việc{CHECK}" in card  # the time is still unconfirmed


def test_local_procedure_can_be_added_and_found() -> None:
    extra = dict(default_procedures()["khai_tu"].model_dump())
    extra.update(
        id="cap_phep_dao_duong",
        name_vi="Cấp phép đào hè, đường để đấu nối điện nước",
        category="infrastructure",
        keywords_vi=["đào đường", "đào hè lát lại"],
        questions_vi=["Đào hè để lắp ống nước có phải xin phép không?", "Xin phép đào đường"],
    )
    local = apply_overrides(default_procedures(), [{"procedure": extra}])
    assert best_procedure_id("xin phep dao duong lap ong nuoc", base=local) == "cap_phep_dao_duong"
    assert best_procedure_id("xin phep dao duong lap ong nuoc") != "cap_phep_dao_duong"
    assert search("dao duong", base=local)[0].procedure.category == "infrastructure"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"procedure_id": "khong_co", "phone": "0243 111 111"}, "unknown procedure id"),
        ({"fee_vnd": -1}, "override 1"),
        ({"phone": "<script>"}, "override 1"),
        ({"desk_addres": "typo"}, "override 1"),
        ({"online_url": "javascript:alert(1)"}, "override 1"),
        ({"procedure": {"id": "khai_sinh"}}, "local procedure is invalid"),
        ({"procedure": {}, "phone": "0243 111 111"}, "carries nothing else"),
    ],
)
def test_bad_overrides_are_refused(override: dict[str, object], message: str) -> None:
    with pytest.raises(OverrideError, match=message):
        apply_overrides(default_procedures(), [override])


def test_adding_an_existing_id_is_refused() -> None:
    existing = default_procedures()["khai_tu"].model_dump()
    with pytest.raises(OverrideError, match="already exists"):
        apply_overrides(default_procedures(), [{"procedure": existing}])


def test_local_base_answers_like_the_shipped_one() -> None:
    base = default_procedures()
    local = apply_overrides(base, [DESK])
    question = "làm giấy khai sinh cho con cần những gì"
    assert [m.procedure.id for m in search(question, base=local)] == [
        m.procedure.id for m in search(question, base=base)
    ]
    assert search(question, base=local)[0].procedure.desk_address == "19 Lê Thánh Tông"
