"""The built-in classifier on a small training set of its own: loading, caching, labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.classifier import load_or_train
from nlu.classifier.cache import cache_path
from nlu.classifier.model import MODEL_VERSION, BuiltinClassifier
from nlu.pipeline import department_for
from nlu.training_data import data_hash, load_training_set, strip_annotations
from nlu.types import CATEGORIES, INTENTS, NO_CATEGORY

SMALL = """version: "3.1"
nlu:
- intent: report__infrastructure
  examples: |
    - đường ngõ 5 bị ngập nước
    - duong ngo 10 ngap sau mua
    - đèn đường ở [phường Tây Mỗ](place) hỏng cả tháng
    - den duong hong toi om
    - cống thoát nước bị tắc
    - ổ gà giữa đường nguy hiểm
- intent: report__environment
  examples: |
    - rác thải đổ bừa bãi bốc mùi
    - rac chat dong hoi thoi
    - xưởng gỗ xả khói bụi ô nhiễm
    - nuoc thai xa ra muong hoi
    - khói đốt rác cay mắt
    - mùi hôi từ trại lợn
- intent: procedure__civil_status
  examples: |
    - làm giấy khai sinh cho con cần gì
    - dang ky ket hon can giay to gi
    - khai tử cho bố làm thế nào
    - trich luc khai sinh xin o dau
    - xác nhận độc thân làm sao
    - lam khai sinh mat bao lau
- intent: status
  examples: |
    - phản ánh [PA-0123](ticket_code) đến đâu rồi
    - ho so [250901-0007](ticket_code) xong chua
    - hồ sơ của tôi xử lý tới đâu
    - ma [PA-4829-1375]{"entity": "ticket_code"} the nao roi
    - kiểm tra giúp tiến độ hồ sơ
    - hồ sơ nộp tuần trước có kết quả chưa
- intent: smalltalk
  examples: |
    - xin chào
    - cam on nhieu
    - chào bạn nhé
    - bot là ai vậy
    - cảm ơn ạ
    - hello
- intent: nonsense_label
  examples: |
    - this block has a label outside the taxonomy
- synonym: phường
  examples: |
    - P.
- lookup: place
  examples: |
    - Tây Mỗ
"""


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "nlu_small.yml").write_text(SMALL, encoding="utf-8")
    monkeypatch.setenv("MOTCUA_NLU_DATA_DIR", str(folder))
    monkeypatch.setenv("MOTCUA_NLU_CACHE_DIR", str(tmp_path / "cache"))
    return folder


@pytest.fixture()
def train_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = BuiltinClassifier.train.__func__  # type: ignore[attr-defined]

    def counting(cls: type[BuiltinClassifier], /, *args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(BuiltinClassifier, "train", classmethod(counting))
    return calls


def test_loader_strips_annotations_and_keeps_spans() -> None:
    line = 'mã [PA-0123](ticket_code) ở [P. Tây Mỗ]{"entity": "place"}'
    text, entities = strip_annotations(line)
    assert text == "mã PA-0123 ở P. Tây Mỗ"
    assert [(e.kind, text[e.start : e.end]) for e in entities] == [
        ("ticket_code", "PA-0123"),
        ("place", "P. Tây Mỗ"),
    ]


def test_loader_reads_labels_and_reports_bad_blocks(data_dir: Path) -> None:
    training = load_training_set()
    labels = {(e.intent, e.category) for e in training.examples}
    assert ("report", "infrastructure") in labels
    assert ("status", NO_CATEGORY) in labels
    assert len(training.examples) == 30  # the synonym, lookup and bad blocks add nothing
    assert any("nonsense_label" in problem for problem in training.problems)
    status = [e for e in training.examples if e.entities]
    assert {e.entities[0].kind for e in status} == {"ticket_code", "place"}


def test_second_start_uses_the_cache(data_dir: Path, train_calls: list[int]) -> None:
    first = load_or_train()
    second = load_or_train()
    assert len(train_calls) == 1
    text = "duong ngo bi ngap"
    assert second.predict(text).category == first.predict(text).category
    key = data_hash(sorted(data_dir.glob("*.yml")), salt=MODEL_VERSION)
    assert cache_path(key).is_file()


def test_corrupt_cache_is_retrained(data_dir: Path, train_calls: list[int]) -> None:
    load_or_train()
    key = data_hash(sorted(data_dir.glob("*.yml")), salt=MODEL_VERSION)
    cache_path(key).write_bytes(b"\x80\x05not a pickle at all")
    model = load_or_train()
    assert len(train_calls) == 2
    assert model.predict("xin chào").intent == "smalltalk"


def test_changed_training_data_retrains(data_dir: Path, train_calls: list[int]) -> None:
    load_or_train()
    path = data_dir / "nlu_small.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_or_train()
    assert len(train_calls) == 2
    key = data_hash([path], salt=MODEL_VERSION)
    assert list(cache_path(key).parent.glob("builtin-*.pkl")) == [cache_path(key)]


def test_missing_training_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="no NLU training files"):
        load_or_train(files=[])


@pytest.mark.parametrize(
    ("text", "intent", "category"),
    [
        ("đường ngõ 7 ngập sâu", "report", "infrastructure"),
        ("duong ngo 7 ngap sau", "report", "infrastructure"),
        ("rác đổ bừa bãi hôi quá", "report", "environment"),
        ("lam giay khai sinh can gi", "procedure", "civil_status"),
        ("PA-0999 xử lý đến đâu rồi", "status", NO_CATEGORY),
        ("xin chào bot", "smalltalk", NO_CATEGORY),
    ],
)
def test_predictions_follow_the_taxonomy(
    data_dir: Path, text: str, intent: str, category: str
) -> None:
    prediction = load_or_train().predict(text)
    assert (prediction.intent, prediction.category) == (intent, category)
    assert 0.0 < prediction.confidence <= prediction.intent_confidence <= 1.0
    scores = [score for _, score in prediction.top_categories]
    assert scores == sorted(scores, reverse=True)
    assert all(name in CATEGORIES for name, _ in prediction.top_categories)


def test_batch_equals_single(data_dir: Path) -> None:
    model = load_or_train()
    texts = ["cống tắc", "", "cam on", "🙏🙏", "ket hon can gi"]
    assert model.predict_many(texts) == [model.predict(text) for text in texts]


@pytest.mark.parametrize("text", ["", "   ", "👍🙏", "你好世界", "12345 !!!"])
def test_nothing_to_read_is_out_of_scope(data_dir: Path, text: str) -> None:
    prediction = load_or_train().predict(text)
    assert prediction.intent == "out_of_scope"
    assert prediction.intent in INTENTS and prediction.category == NO_CATEGORY


@pytest.mark.parametrize(
    ("category", "text", "department"),
    [
        ("infrastructure", "đường ngập", "economic"),
        ("residence_id", "làm căn cước", "police"),
        ("social_welfare", "trợ cấp người có công chậm", "culture_social"),
        ("social_welfare", "xét hộ nghèo không công bằng", "economic"),
        ("social_welfare", "xet ho can ngheo sai", "economic"),
        ("urban_order", "bán hàng rong trên vỉa hè", "economic"),
        ("urban_order", "ô tô đỗ xe chắn cửa nhà tôi", "police"),
        ("urban_order", "dau xe can tro giao thong", "police"),
        ("officials_conduct", "cán bộ tư pháp gây khó dễ", "office"),
        ("officials_conduct", "Công an phường quát nạt dân", "police"),
        ("officials_conduct", "cán bộ địa chính nhận tiền, cả phường đều biết", "office"),
        ("health", "trạm y tế đóng cửa", "culture_social"),
        (NO_CATEGORY, "xin chào", "office"),
    ],
)
def test_department_follows_taxonomy_rules(category: str, text: str, department: str) -> None:
    assert department_for(category, text) == department


def test_compiled_model_computes_what_scikit_learn_computes(data_dir: Path) -> None:
    from nlu.classifier.compiled import Features, LinearHead
    from nlu.classifier.features import build_vectorizer
    from nlu.classifier.model import _augment, _calibrated_svm

    texts, intents, _ = _augment(load_training_set().examples)
    vectorizer = build_vectorizer()
    matrix = vectorizer.fit_transform(texts)
    model = _calibrated_svm(0.5, balanced=True).fit(matrix, intents)
    probe = [*texts[:10], "", "câu hoàn toàn mới về chuyện khác", "zzz"]
    features = Features(vectorizer)
    assert abs(features.transform(probe) - vectorizer.transform(probe)).max() < 1e-6
    expected = model.predict_proba(vectorizer.transform(probe))
    assert abs(LinearHead(model).proba(features.transform(probe)) - expected).max() < 1e-6


def test_keyword_baseline_is_a_usable_comparison(data_dir: Path) -> None:
    from nlu.classifier.keywords import KeywordClassifier

    baseline = KeywordClassifier.train(load_training_set().examples)
    assert baseline.predict("duong ngo ngap nuoc").category == "infrastructure"
    assert baseline.predict("qwerty uiop").intent == "out_of_scope"
