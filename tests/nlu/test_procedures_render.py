"""The answer card a citizen reads: papers as a list, fee, time, where to go,
the online link, and a "confirm at the desk" note on every uncertain value."""

from __future__ import annotations

from nlu.procedures import default_procedures, render_answer
from nlu.procedures.texts import CHECK, OFFLINE, TIME_SAME_DAY, UNCERTAIN_FOOTER


def line_starting(card: str, prefix: str) -> str:
    return next(line for line in card.splitlines() if line.startswith(prefix))


def test_card_lists_papers_fee_time_place_and_link() -> None:
    proc = default_procedures()["thuong_tru"]
    card = render_answer(proc)
    assert card.splitlines()[0] == "Đăng ký thường trú"
    for doc in proc.documents:
        assert f"- {doc}" in card
    assert line_starting(card, "Lệ phí:").startswith("Lệ phí: 20.000 đồng (10.000 đồng nếu")
    assert "7 ngày làm việc" in line_starting(card, "Thời gian giải quyết:")
    assert "Công an" in line_starting(card, "Nơi nộp:")
    assert "https://dichvucong.gov.vn" in card and "VNeID" in card
    assert "Cập nhật: 06/12/2026" in card and "Căn cứ: Luật Cư trú 2020" in card
    assert CHECK not in card and UNCERTAIN_FOOTER not in card


def test_same_day_procedure_states_the_three_pm_cut_off() -> None:
    card = render_answer(default_procedures()["khai_sinh"])
    assert TIME_SAME_DAY in card and "15 giờ" in card
    assert "Lệ phí: Miễn phí" in card


def test_uncertain_values_carry_the_confirm_note() -> None:
    card = render_answer(default_procedures()["xac_nhan_tthn"])
    assert line_starting(card, "Lệ phí:").endswith(CHECK)
    assert line_starting(card, "Thời gian giải quyết:").endswith(CHECK)
    assert not line_starting(card, "Nơi nộp:").endswith(CHECK)
    assert UNCERTAIN_FOOTER in card


def test_unknown_fee_and_time_are_not_invented() -> None:
    card = render_answer(default_procedures()["ho_ngheo"])
    assert "Tùy từng hồ sơ" in card
    card = render_answer(default_procedures()["cai_chinh_ho_tich"])
    assert "Theo mức thu của tỉnh" in card


def test_in_person_only_procedure_says_so() -> None:
    card = render_answer(default_procedures()["chung_thuc_chu_ky"])
    assert OFFLINE in card and "https://" not in card


def test_card_is_plain_html_safe_text_for_every_procedure() -> None:
    for proc in default_procedures():
        card = render_answer(proc)
        assert "**" not in card and "<" not in card and "#" not in card
        assert len(card) < 4096  # one Telegram message


def test_local_details_are_escaped() -> None:
    proc = default_procedures()["khai_sinh"]
    card = render_answer(proc, [{"desk_address": "Số 5 <b>Lê Lợi</b> & ngõ 2"}])
    assert "Địa chỉ: Số 5 &lt;b&gt;Lê Lợi&lt;/b&gt; &amp; ngõ 2" in card
