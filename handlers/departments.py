"""The five routing targets every commune starts with, named as taxonomy.md says.

Since Decree 370/2025 provinces may rename or add departments, so these are only the
starting names: admins edit them afterwards and sync never overwrites an edited name.
"""

from __future__ import annotations

DEPARTMENT_KEYS: tuple[str, ...] = (
    "office",
    "economic",
    "culture_social",
    "service_center",
    "police",
)
HANOI = "01"
PHU_QUOC = "31078"


def default_department_names(kind: str, province_code: str, commune_code: str) -> dict[str, str]:
    """Names for a ``phuong``, ``xa`` or ``dac_khu``."""
    if kind == "phuong" or commune_code == PHU_QUOC:
        economic = "Phòng Kinh tế, Hạ tầng và Đô thị"
    else:
        economic = "Phòng Kinh tế"
    service_center = (
        "Điểm phục vụ hành chính công"
        if province_code == HANOI
        else "Trung tâm Phục vụ hành chính công"
    )
    police = {"phuong": "Công an phường", "xa": "Công an xã", "dac_khu": "Công an đặc khu"}[kind]
    return {
        "office": "Văn phòng HĐND và UBND",
        "economic": economic,
        "culture_social": "Phòng Văn hóa - Xã hội",
        "service_center": service_center,
        "police": police,
    }
