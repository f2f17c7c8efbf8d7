"""``motcua nlu …``: train, try, measure and batch-run the message classifier."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from admin_cli.common import console, err_console
from nlu.types import Prediction

nlu_app = typer.Typer(
    help='Hiểu tin nhắn của người dân. Ví dụ: motcua nlu parse "đường ngõ 5 bị ngập"',
    no_args_is_help=True,
)

# Everything this command says to the admin, in one place.
TEXTS = {
    "trained": "Đã huấn luyện {count} câu mẫu trong {seconds:.1f} giây. Mô hình lưu tại {path}",
    "problem": "[yellow]Dữ liệu cần sửa:[/] {problem}",
    "no_data": "Không tìm thấy dữ liệu huấn luyện (nlu/data/*.yml).",
    "cv_title": "Kiểm tra chéo {folds} phần trên {count} câu mẫu",
    "heldout_title": "Bộ kiểm tra riêng {path}: {count} câu",
    "summary": (
        "Độ đúng ý định: {intent:.3f} · F1 lĩnh vực: {category:.3f} "
        "(có dấu {accented}, không dấu {unaccented})"
    ),
    "worst": "Nhầm lẫn tự tin nhất",
    "confusion": "Ma trận nhầm lẫn ý định (hàng: đúng, cột: dự đoán)",
    "bad_line": "Dòng {line} của {path}: {reason}",
    "not_object": 'không phải một đối tượng JSON có trường "text" là chuỗi',
    "bad_json": "không phải JSON hợp lệ ({error})",
    "cannot_read": "Không đọc được {path}: {error}",
    "predicted": (
        "Đã phân loại {count} tin trong {seconds:.2f} giây ({rate:.0f} tin/giây) → {path}"
    ),
    "fold": "Xong phần {number}",
}
# A message that touches every part of `predict` (place, department, procedure search).
_WARM_UP = "làm giấy khai sinh cho con ở phường Tây Mỗ cần gì"
FIELDS = {
    "intent": "Ý định",
    "category": "Lĩnh vực",
    "department": "Phòng ban",
    "confidence": "Độ tin cậy",
    "ward": "Xã/phường",
    "candidates": "Có thể là",
    "entities": "Thông tin nhận ra",
    "top3": "3 lĩnh vực gần nhất",
    "backend": "Bộ phân loại",
}


def _procedure_id(text: str, prediction: Prediction) -> str | None:
    """The knowledge-base entry a procedure question is about (None if no module/answer)."""
    if prediction.intent != "procedure":
        return None
    try:
        from nlu.procedures import best_procedure_id
    except ImportError:
        return None
    try:
        return best_procedure_id(text, prediction.category)
    except Exception:  # a retrieval bug must not lose the batch
        return None


def _load_everything() -> None:
    """Model, place index, routing rules and procedure index are loaded on first use: load
    them before the clock starts, so the rate printed is the rate of predicting."""
    from nlu.pipeline import department_for, get_classifier, parse_many

    get_classifier()
    for prediction in parse_many([_WARM_UP]):
        department_for(prediction.category, _WARM_UP)
        _procedure_id(_WARM_UP, replace(prediction, intent="procedure"))


@nlu_app.command("train")
def train() -> None:
    """Train the built-in classifier from nlu/data/*.yml and cache it. Example: motcua nlu train"""
    from nlu.classifier.cache import cache_path, load_or_train
    from nlu.classifier.model import MODEL_VERSION
    from nlu.pipeline import reset_classifier
    from nlu.training_data import data_hash, load_training_set, training_files

    files = training_files()
    if not files:
        err_console.print(TEXTS["no_data"])
        raise typer.Exit(1)
    for problem in load_training_set(files).problems:
        console.print(TEXTS["problem"].format(problem=problem))
    started = time.perf_counter()
    model = load_or_train(files, force=True)
    reset_classifier()
    count = len(load_training_set(files).examples)
    path = cache_path(data_hash(files, salt=MODEL_VERSION))
    seconds = time.perf_counter() - started
    console.print(TEXTS["trained"].format(count=count, seconds=seconds, path=path))
    del model


@nlu_app.command("parse")
def parse_text(
    text: Annotated[str, typer.Argument(help="Tin nhắn cần hiểu")],
    province: Annotated[str | None, typer.Option(help="Mã tỉnh của người gửi, ví dụ 01")] = None,
    ward: Annotated[
        str | None, typer.Option(help="Mã xã/phường người gửi đã chọn, ví dụ 00634")
    ] = None,
) -> None:
    """Show what one message means. Example: motcua nlu parse "den duong hong o P. Tay Mo\""""
    from nlu.pipeline import department_for, parse

    prediction = parse(text, province_code=province, ward_code=ward)
    table = Table(show_header=False, box=None)
    table.add_row(FIELDS["intent"], f"[bold]{prediction.intent}[/]")
    table.add_row(FIELDS["category"], f"[bold]{prediction.category}[/]")
    table.add_row(FIELDS["department"], department_for(prediction.category, text))
    table.add_row(
        FIELDS["confidence"],
        f"{prediction.confidence:.2f} (ý định {prediction.intent_confidence:.2f})",
    )
    table.add_row(FIELDS["ward"], prediction.ward_code or "—")
    if prediction.ward_candidates:
        table.add_row(FIELDS["candidates"], ", ".join(prediction.ward_candidates))
    entities = ", ".join(f"{e.kind}={e.value}" for e in prediction.entities)
    table.add_row(FIELDS["entities"], entities or "—")
    top = ", ".join(f"{name} {score:.2f}" for name, score in prediction.top_categories[:3])
    table.add_row(FIELDS["top3"], top or "—")
    table.add_row(FIELDS["backend"], prediction.backend)
    console.print(table)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _print_report(report: Any) -> None:
    from nlu.types import INTENTS

    console.print(
        TEXTS["summary"].format(
            intent=report.intent_accuracy,
            category=report.category_macro_f1,
            accented=_fmt(report.category_macro_f1_accented),
            unaccented=_fmt(report.category_macro_f1_unaccented),
        )
    )
    table = Table("nhãn", "precision", "recall", "F1", "số câu")
    for row in report.per_label:
        style = "red" if row.f1 < 0.8 else None
        table.add_row(
            row.label,
            f"{row.precision:.2f}",
            f"{row.recall:.2f}",
            f"{row.f1:.2f}",
            str(row.support),
            style=style,
        )
    console.print(table)
    confusion = Table("", *INTENTS, title=TEXTS["confusion"])
    for intent, counts in zip(INTENTS, report.intent_confusion, strict=True):
        confusion.add_row(intent, *(str(n) for n in counts))
    console.print(confusion)
    worst = Table("câu", "đúng", "dự đoán", "tin cậy", title=TEXTS["worst"])
    for mistake in report.worst:
        worst.add_row(
            mistake.text[:90], mistake.expected, mistake.predicted, f"{mistake.confidence:.2f}"
        )
    console.print(worst)


@nlu_app.command("eval")
def evaluate(
    folds: Annotated[int, typer.Option(min=2, max=20, help="Số phần kiểm tra chéo")] = 5,
    heldout: Annotated[
        Path | None, typer.Option(help="Thêm bộ kiểm tra riêng (JSONL có nhãn)")
    ] = None,
) -> None:
    """Stratified cross-validation on the training data. Example: motcua nlu eval --folds 5"""
    from nlu.evaluate import cross_validate, read_labelled, score_labelled
    from nlu.pipeline import get_classifier
    from nlu.training_data import load_training_set

    examples = load_training_set().examples
    if not examples:
        err_console.print(TEXTS["no_data"])
        raise typer.Exit(1)
    console.rule(TEXTS["cv_title"].format(folds=folds, count=len(examples)))
    report = cross_validate(
        examples,
        folds=folds,
        progress=lambda n: console.print(TEXTS["fold"].format(number=n)),
    )
    _print_report(report)
    if heldout is not None:
        rows = read_labelled(heldout)
        console.rule(TEXTS["heldout_title"].format(path=heldout, count=len(rows)))
        model = get_classifier()
        _print_report(score_labelled(rows, model.predict_many(r.text for r in rows)))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        err_console.print(TEXTS["cannot_read"].format(path=path, error=error))
        raise typer.Exit(1) from error
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as error:
            reason = TEXTS["bad_json"].format(error=error)
            err_console.print(TEXTS["bad_line"].format(line=number, path=path, reason=reason))
            raise typer.Exit(1) from error
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            reason = TEXTS["not_object"]
            err_console.print(TEXTS["bad_line"].format(line=number, path=path, reason=reason))
            raise typer.Exit(1)
        items.append(item)
    return items


@nlu_app.command("predict")
def predict(
    input_path: Annotated[Path, typer.Option("--input", help='JSONL vào: {"id": …, "text": …}')],
    output_path: Annotated[Path, typer.Option("--output", help="JSONL ra, mỗi dòng vào một dòng")],
    province: Annotated[str | None, typer.Option(help="Mã tỉnh làm ngữ cảnh, ví dụ 01")] = None,
) -> None:
    """Classify a JSONL file in one batch.

    Example: motcua nlu predict --input a.jsonl --output b.jsonl
    """
    from nlu.pipeline import department_for, parse_many

    items = _read_jsonl(input_path)
    _load_everything()
    started = time.perf_counter()
    texts = [item["text"] for item in items]
    predictions = parse_many(texts, province_code=province)
    with output_path.open("w", encoding="utf-8") as out:
        for item, text, prediction in zip(items, texts, predictions, strict=True):
            result = dict(item)
            result.update(
                intent=prediction.intent,
                category=prediction.category,
                department=department_for(prediction.category, text),
                confidence=prediction.confidence,
                ward_code=prediction.ward_code,
                procedure_id=_procedure_id(text, prediction),
            )
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    seconds = max(time.perf_counter() - started, 1e-9)
    rate = len(items) / seconds
    err_console.print(
        TEXTS["predicted"].format(count=len(items), seconds=seconds, rate=rate, path=output_path)
    )
