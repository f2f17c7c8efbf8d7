"""The shipped knowledge base and the loader that guards it: every reference
procedure is present with its reference facts, and a bad file is refused whole,
with file name and line, so an admin can fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.procedures import ProcedureLoadError, load_overrides, load_procedures
from nlu.procedures.loader import DEFAULT_DIR
from nlu.types import CATEGORIES

# id -> (category, fee_vnd, processing days, online), from procedures-reference.yaml
REFERENCE = {
    "khai_sinh": ("civil_status", 0, 0, True),
    "lien_thong_khai_sinh": ("civil_status", 0, None, True),
    "khai_tu": ("civil_status", 0, 0, True),
    "ket_hon": ("civil_status", 0, 0, True),
    "xac_nhan_tthn": ("civil_status", None, 3, True),
    "cai_chinh_ho_tich": ("civil_status", None, 3, True),
    "dang_ky_lai_khai_sinh": ("civil_status", None, 5, True),
    "trich_luc_ho_tich": ("civil_status", 8000, 0, True),
    "nhan_cha_me_con": ("civil_status", None, 3, True),
    "giam_ho": ("civil_status", 0, 3, True),
    "ket_hon_nuoc_ngoai": ("civil_status", None, 10, True),
    "chung_thuc_ban_sao": ("certification", 2000, 0, True),
    "chung_thuc_chu_ky": ("certification", 10000, 0, False),
    "chung_thuc_hop_dong": ("certification", 50000, 2, False),
    "thuong_tru": ("residence_id", 20000, 7, True),
    "tam_tru": ("residence_id", 15000, 3, True),
    "gia_han_tam_tru": ("residence_id", 15000, 3, True),
    "xoa_thuong_tru": ("residence_id", 0, 1, True),
    "xac_nhan_cu_tru": ("residence_id", 0, 1, True),
    "can_cuoc": ("residence_id", 50000, 7, True),
    "dang_ky_xe_mo_to": ("residence_id", None, 2, True),
    "ho_kinh_doanh": ("business", None, 3, True),
    "thay_doi_hkd": ("business", None, 3, True),
    "tam_ngung_cham_dut_hkd": ("business", 0, 3, True),
    "gpxd_nha_o": ("construction", None, 15, True),
    "gcn_lan_dau": ("land", None, 20, True),
    "bien_dong_dat_dai": ("land", None, 10, True),
    "hoa_giai_tranh_chap_dat": ("land", 0, 30, False),
    "tro_cap_xa_hoi": ("social_welfare", 0, 10, True),
    "ho_ngheo": ("social_welfare", 0, None, True),
    "che_do_nguoi_co_cong_tu_tran": ("social_welfare", 0, None, True),
    "dang_ky_le_hoi": ("culture", 0, None, True),
    "diem_tro_choi_dien_tu": ("culture", None, None, True),
}
# Entries the reference marks UNCERTAIN: the card must not state these as certain.
REFERENCE_UNCERTAIN = set(
    """lien_thong_khai_sinh xac_nhan_tthn dang_ky_lai_khai_sinh trich_luc_ho_tich giam_ho
    ket_hon_nuoc_ngoai xoa_thuong_tru xac_nhan_cu_tru can_cuoc dang_ky_xe_mo_to ho_kinh_doanh
    tam_ngung_cham_dut_hkd gpxd_nha_o gcn_lan_dau bien_dong_dat_dai hoa_giai_tranh_chap_dat
    tro_cap_xa_hoi ho_ngheo che_do_nguoi_co_cong_tu_tran dang_ky_le_hoi
    diem_tro_choi_dien_tu""".split()
)

GOOD_ENTRY = """\
  - id: {pid}
    name_vi: Thủ tục thử
    name_en: Test procedure
    category: civil_status
    department: office
    filed_at: service_center
    documents: [Tờ khai]
    fee_vnd: {fee}
    processing_time_days: 0
    working_days: true
    online: false
    legal_basis: Luật thử
    keywords_vi: [thử]
    questions_vi: ["Thủ tục thử là gì?", "Làm thử ở đâu?"]
    last_checked: 2026-12-01
"""


def write(tmp_path: Path, name: str, *entries: str) -> Path:
    path = tmp_path / name
    path.write_text("procedures:\n" + "".join(entries), encoding="utf-8")
    return path


def test_every_reference_procedure_keeps_its_id_and_facts() -> None:
    base = load_procedures()
    for pid, (category, fee, days, online) in REFERENCE.items():
        proc = base[pid]
        assert (proc.category, proc.fee_vnd, proc.processing_time_days, proc.online) == (
            category,
            fee,
            days,
            online,
        ), pid


def test_knowledge_base_adds_at_least_fifteen_procedures() -> None:
    base = load_procedures()
    added = [pid for pid in base.ids if pid not in REFERENCE]
    assert len(added) >= 15


def test_reference_uncertainties_are_marked() -> None:
    base = load_procedures()
    for pid in REFERENCE_UNCERTAIN:
        assert base[pid].uncertain, pid


def test_every_entry_is_browsable_and_answerable() -> None:
    base = load_procedures()
    for proc in base:
        assert proc.category in CATEGORIES
        assert len(proc.questions_vi) >= 2 and proc.documents and proc.legal_basis
        if proc.online:
            assert proc.online_url or proc.vneid


def test_files_are_one_per_field() -> None:
    for path in DEFAULT_DIR.glob("*.yaml"):
        assert path.stem in CATEGORIES
        assert {p.category for p in load_procedures(path)} == {path.stem}


def test_wrong_type_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "civil_status.yaml",
        GOOD_ENTRY.format(pid="mot", fee=0),
        GOOD_ENTRY.format(pid="hai", fee="'hai nghìn'"),
    )
    with pytest.raises(ProcedureLoadError) as info:
        load_procedures(path)
    # Line 1 is the header, the first entry takes 2-16, fee is the 8th line of the second.
    assert "civil_status.yaml:24: hai fee_vnd" in str(info.value)


def test_a_file_with_one_bad_entry_is_refused_whole(tmp_path: Path) -> None:
    write(tmp_path, "civil_status.yaml", GOOD_ENTRY.format(pid="mot", fee=0))
    write(tmp_path, "certification.yaml", GOOD_ENTRY.format(pid="hai", fee=-5))
    with pytest.raises(ProcedureLoadError) as info:
        load_procedures(tmp_path)
    message = str(info.value)
    assert "certification.yaml" in message and "fee_vnd" in message


def test_entry_in_the_wrong_field_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "land.yaml", GOOD_ENTRY.format(pid="mot", fee=0))
    with pytest.raises(ProcedureLoadError, match=r"land\.yaml:2: mot category 'civil_status'"):
        load_procedures(path)


def test_duplicate_ids_across_files_name_both_places(tmp_path: Path) -> None:
    write(tmp_path, "civil_status.yaml", GOOD_ENTRY.format(pid="trung", fee=0))
    write(tmp_path, "misc.yaml", GOOD_ENTRY.format(pid="trung", fee=0))
    with pytest.raises(ProcedureLoadError) as info:
        load_procedures(tmp_path)
    assert "misc.yaml:2: duplicate id 'trung' (first at civil_status.yaml:2)" in str(info.value)


def test_duplicate_key_is_refused_with_line(tmp_path: Path) -> None:
    entry = GOOD_ENTRY.format(pid="mot", fee=0) + "    fee_vnd: 5000\n"
    path = write(tmp_path, "civil_status.yaml", entry)
    with pytest.raises(ProcedureLoadError, match=r"civil_status\.yaml:17: key 'fee_vnd'"):
        load_procedures(path)


def test_unknown_field_and_uncertain_name_are_refused(tmp_path: Path) -> None:
    entry = GOOD_ENTRY.format(pid="mot", fee=0) + "    uncertain: [phi]\n    gia: 5\n"
    path = write(tmp_path, "civil_status.yaml", entry)
    with pytest.raises(ProcedureLoadError) as info:
        load_procedures(path)
    assert len(info.value.errors) == 2
    assert "civil_status.yaml:17: mot uncertain" in str(info.value)
    assert "civil_status.yaml:18: mot gia: Extra inputs" in str(info.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"procedures:\n  - id: [unclosed\n", "bad.yaml:3: YAML error"),
        (b"", "bad.yaml:1: expected a mapping"),
        (b"- just a list\n", "bad.yaml:1: expected a mapping"),
        (b"procedures: 5\n", "bad.yaml:1: expected a 'procedures:' list"),
        (b"procedures:\n  - 42\n", "bad.yaml:2: each entry must be a mapping"),
        (b"\xff\xfe\x00binary\x00", "bad.yaml: not UTF-8"),
    ],
)
def test_malformed_files_get_a_clear_error(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(ProcedureLoadError, match=expected):
        load_procedures(path)


def test_huge_and_missing_files_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * 5_000_001)
    with pytest.raises(ProcedureLoadError, match="larger than"):
        load_procedures(huge)
    with pytest.raises(ProcedureLoadError, match="no such file"):
        load_procedures(tmp_path / "absent.yaml")


def test_override_file_is_validated_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "xa.yaml"
    path.write_text(
        "overrides:\n"
        "  - code: '00004'\n"
        "    desk_address: 19 Lê Thánh Tông\n"
        "  - procedure_id: khai_sinh\n"
        "    phone: 'gọi tôi'\n",
        encoding="utf-8",
    )
    with pytest.raises(ProcedureLoadError, match=r"xa\.yaml:5: phone"):
        load_overrides(path)
    path.write_text(
        "overrides:\n  - code: '00004'\n    desk_address: 19 Lê Thánh Tông\n", encoding="utf-8"
    )
    assert load_overrides(path) == [{"code": "00004", "desk_address": "19 Lê Thánh Tông"}]
