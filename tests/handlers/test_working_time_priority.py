"""Keyword rules that make a report urgent, on folded text."""

from __future__ import annotations

import pytest

from handlers.working_time import priority_for
from handlers.working_time.priority import urgent_topic
from nlu.text import fold


@pytest.mark.parametrize(
    "text",
    [
        "Nhà số 5 ngõ 12 đang bốc cháy, khói đen nghịt",
        "Nhà tôi bị cháy",
        "Đám cháy lớn ở chợ",
        "Căn nhà cũ sắp sập, nguy hiểm lắm",
        "Bức tường trường học bị sập",
        "Đường Lê Lợi ngập sâu 60cm xe chết máy",
        "Ngập qua đầu gối ở ngõ 3",
        "Dây điện đứt rơi xuống đường, trẻ con bị điện giật",
        "Cả lớp bị ngộ độc thực phẩm sau bữa trưa",
        "Sạt lở đất sau thôn 2",
        "Hố ga mất nắp trước cổng chợ",
        "rò rỉ gas ở quán ăn",
    ],
)
def test_danger_words_make_a_report_urgent(text: str) -> None:
    assert priority_for(fold(text)) == "urgent"
    assert priority_for(text) == "urgent"  # raw text is folded too


@pytest.mark.parametrize(
    "text",
    [
        "Xe máy chạy nhanh quá trong ngõ",
        "Sắp tới có lịch tiêm phòng không ạ",
        "Đường hay bị ngập sau mưa",
        "Cán bộ đã sắp xếp lịch hẹn chưa",
        "Đèn đường ngõ 10 không sáng",
        "làm giấy khai sinh cần gì",
        "",
        "\x00\x01\x02",
    ],
)
def test_ordinary_reports_stay_normal(text: str) -> None:
    assert priority_for(fold(text)) == "normal"


def test_topic_names_the_danger() -> None:
    assert urgent_topic(fold("Nhà tôi bị cháy")) == "fire"
    assert urgent_topic(fold("Ngộ độc thực phẩm")) == "health"
    assert urgent_topic("") is None


def test_huge_input_does_not_crash() -> None:
    assert priority_for("a " * 500_000 + "chay nha") == "normal"  # beyond the cap
    assert priority_for("chay nha " + "a " * 500_000) == "urgent"
