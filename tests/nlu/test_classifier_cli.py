"""``motcua nlu`` as an admin uses it: parse, predict (incl. bad files), train, eval."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from admin_cli.nlu_cmd import nlu_app
from nlu.pipeline import get_classifier, reset_classifier
from tests.nlu.test_classifier import SMALL

SHARED_CACHE = Path(tempfile.gettempdir()) / "motcua-nlu-test-cache"
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _trained_builtin() -> Iterator[None]:
    patch = pytest.MonkeyPatch()
    patch.setenv("MOTCUA_NLU_CACHE_DIR", str(SHARED_CACHE))
    patch.setenv("COLUMNS", "200")
    patch.delenv("MOTCUA_NLU_DATA_DIR", raising=False)
    patch.delenv("MOTCUA_NLU_BACKEND", raising=False)
    reset_classifier()
    get_classifier()
    yield
    patch.undo()
    reset_classifier()


def test_parse_shows_labels_department_and_entities() -> None:
    text = "ô tô đỗ xe chắn hết lối đi trước nhà, sđt 0912345678"
    result = runner.invoke(nlu_app, ["parse", text])
    assert result.exit_code == 0, result.output
    assert "urban_order" in result.output
    assert "police" in result.output  # taxonomy rule: parking goes to the police
    assert "phone=0912345678" in result.output


def test_predict_writes_one_line_per_input(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "duong ngo 5 bi ngap 3 ngay chua rut", "extra": 1},
        {"id": "b", "text": "làm giấy khai sinh cho con cần những gì"},
        {"id": "c", "text": ""},
    ]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n")
    target = tmp_path / "out.jsonl"
    result = runner.invoke(nlu_app, ["predict", "--input", str(source), "--output", str(target)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert out[0]["extra"] == 1
    assert (out[0]["intent"], out[0]["category"], out[0]["department"]) == (
        "report",
        "infrastructure",
        "economic",
    )
    assert (out[1]["intent"], out[1]["category"]) == ("procedure", "civil_status")
    assert out[2]["intent"] == "out_of_scope"
    for line in out:
        assert 0.0 <= line["confidence"] <= 1.0
        assert set(line) >= {"ward_code", "procedure_id", "department"}


@pytest.mark.parametrize(
    ("second_line", "reason"),
    [("{not json", "JSON"), ('{"id": 2}', "text"), ("[1, 2]", "text"), ('{"text": 5}', "text")],
)
def test_predict_names_the_bad_line(tmp_path: Path, second_line: str, reason: str) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "xin chào"}\n' + second_line + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    result = runner.invoke(nlu_app, ["predict", "--input", str(source), "--output", str(target)])
    assert result.exit_code == 1
    assert "Dòng 2" in result.output and reason in result.output
    assert not target.exists()


def test_predict_on_missing_or_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    blob = tmp_path / "blob.jsonl"
    blob.write_bytes(b"\xff\xfe\x00\x81")
    for path in (tmp_path / "missing.jsonl", blob):
        result = runner.invoke(
            nlu_app, ["predict", "--input", str(path), "--output", str(tmp_path / "o.jsonl")]
        )
        assert result.exit_code == 1
        assert "Không đọc được" in result.output


def test_train_and_eval_on_a_small_data_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "nlu_small.yml").write_text(SMALL, encoding="utf-8")
    monkeypatch.setenv("MOTCUA_NLU_DATA_DIR", str(data))
    monkeypatch.setenv("MOTCUA_NLU_CACHE_DIR", str(tmp_path / "cache"))
    trained = runner.invoke(nlu_app, ["train"])
    assert trained.exit_code == 0, trained.output
    assert "30 câu mẫu" in trained.output and "nonsense_label" in trained.output
    assert list((tmp_path / "cache").glob("builtin-*.pkl"))
    evaluated = runner.invoke(nlu_app, ["eval", "--folds", "3"])
    assert evaluated.exit_code == 0, evaluated.output
    assert "report__infrastructure" in evaluated.output
    assert "Độ đúng ý định" in evaluated.output
    reset_classifier()
