"""Normalisation and pattern entities: what citizens type must reach the model intact."""

from __future__ import annotations

import unicodedata

import pytest

from nlu.entities import MAX_ENTITIES, find_entities
from nlu.normalize import MAX_CLASSIFY_CHARS, clean, features, has_letters, normalize


def test_combining_accents_equal_precomposed() -> None:
    decomposed = unicodedata.normalize("NFD", "Đường ngõ bị ngập")
    assert decomposed != "Đường ngõ bị ngập"
    assert clean(decomposed) == "Đường ngõ bị ngập"


def test_invisible_and_direction_characters_are_removed() -> None:
    text = "\ufeffĐèn\u200b đường\u200d hỏng\u202e\u2066 rồi\x00\x07"
    assert clean(text) == "Đèn đường hỏng rồi"


def test_html_is_stripped_and_entities_decoded() -> None:
    text = "<p>Rác <b>ùn</b> ứ&nbsp;ở chợ &amp; bến xe</p><script>alert(1)</script>"
    assert clean(text) == "Rác ùn ứ ở chợ & bến xe"


def test_spaces_and_repeated_punctuation_are_tidied() -> None:
    assert clean("  Cống   tắc  !!!!!   hôi quáaaa ,  ai xử lý??? ") == (
        "Cống tắc! hôi quáa, ai xử lý?"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ko dc j ntn", "không được gì như thế nào"),
        ("k bik hỏi ai", "không biết hỏi ai"),
        ("UBND P. Tây Mỗ", "ủy ban nhân dân phường tây mỗ"),
        ("TDP 5 Q.3", "tổ dân phố 5 quận 3"),
        ("làm CCCD mất bnhiu tiền", "làm căn cước công dân mất bao nhiêu tiền"),
    ],
)
def test_teen_code_and_abbreviations_are_expanded(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


@pytest.mark.parametrize("typed", ["den hong ca thang", "mua 5k rau", "bn oi", "dt 100m2"])
def test_ambiguous_short_forms_are_left_alone(typed: str) -> None:
    assert normalize(typed) == typed


def test_folded_features_meet_unaccented_typing() -> None:
    assert features(normalize("Đường ngõ bị NGẬP")) == features(normalize("duong ngo bi ngap"))


@pytest.mark.parametrize("junk", [b"\xff\xfe\x00\x81abc", None, 12345, "", "\x00" * 50])
def test_bad_input_is_cleaned_without_error(junk: object) -> None:
    assert isinstance(clean(junk), str)
    assert isinstance(normalize(junk), str)


def test_huge_text_is_capped_for_the_classifier() -> None:
    assert len(normalize("ngập " * 10_000)) <= MAX_CLASSIFY_CHARS


def test_text_without_latin_letters_is_recognised() -> None:
    assert not has_letters("👍🙏 123 !!!")
    assert not has_letters("مرحبا 你好")
    assert has_letters("ờ")


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("gọi em 0912345678 nhé", "0912345678"),
        ("sdt 0912 345 678", "0912345678"),
        ("số +84 912.345.678 ạ", "0912345678"),
        ("liên hệ 84987654321", "0987654321"),
        ("máy bàn (024) 3825 1234", "02438251234"),
        ("0236-3821-123 là số phường", "02363821123"),
    ],
)
def test_phone_numbers_are_found_in_common_formats(text: str, phone: str) -> None:
    cleaned = clean(text)
    phones = [e for e in find_entities(cleaned) if e.kind == "phone"]
    assert [e.value for e in phones] == [phone]
    digits = "".join(ch for ch in cleaned[phones[0].start : phones[0].end] if ch.isdigit())
    assert digits.endswith(phone[1:])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("phản ánh PA-0123 đến đâu rồi", "PA-0123"),
        ("mã pa-4829-1375", "PA-4829-1375"),
        ("hồ sơ HD-2025-00012 nộp hôm qua", "HD-2025-00012"),
        ("ket qua ma 250901-0007 co chua", "250901-0007"),
        ("xem giúp PA-2025-00777.", "PA-2025-00777"),
    ],
)
def test_ticket_codes_are_found_and_not_read_as_phones(text: str, code: str) -> None:
    entities = find_entities(clean(text))
    assert [(e.kind, e.value) for e in entities] == [("ticket_code", code)]


@pytest.mark.parametrize(
    "text",
    ["nhà trọ gần 100 phòng", "từ năm 2025", "số nhà 0912", "COVID-19 năm 2021", "091234567890"],
)
def test_ordinary_numbers_are_not_entities(text: str) -> None:
    assert find_entities(clean(text)) == ()


def test_a_pasted_phone_book_is_capped() -> None:
    text = clean("0912345678 " * 4000 + "PA-0123 " * 4000)
    entities = find_entities(text)
    assert len(entities) == MAX_ENTITIES
    assert entities[0].kind == "ticket_code"
