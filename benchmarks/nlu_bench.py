"""NLU speed, memory and quality: the built-in classifier against a keyword baseline.

Run: ``.venv/bin/python benchmarks/nlu_bench.py [--messages 5000]``. Pinned to one core.
Targets (issue [nlu]): predict ≥ 2,000 msg/s, single parse p99 ≤ 5 ms, training ≤ 60 s,
RSS of the loaded model ≤ 200 MB.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "data" / "heldout.jsonl"


def rss_mb() -> float:
    """Resident set size of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latencies(predict: Callable[[str], Any], texts: Sequence[str]) -> tuple[float, float]:
    """p50 and p99 of one call, in milliseconds."""
    timings = []
    for text in texts:
        started = time.perf_counter()
        predict(text)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.99)


def throughput(predict_many: Callable[[list[str]], Any], texts: list[str]) -> float:
    started = time.perf_counter()
    predict_many(texts)
    return len(texts) / (time.perf_counter() - started)


def quality(predict_many: Callable[[list[str]], Any]) -> str:
    from nlu.evaluate import read_labelled, score_labelled

    if not HELDOUT.is_file():
        return "no held-out file"
    rows = read_labelled(HELDOUT)
    report = score_labelled(rows, predict_many([r.text for r in rows]))
    return (
        f"intent acc {report.intent_accuracy:.3f}, category macro-F1 "
        f"{report.category_macro_f1_accented or 0:.3f} accented / "
        f"{report.category_macro_f1_unaccented or 0:.3f} unaccented (n={report.count})"
    )


def predict_command(texts: list[str]) -> tuple[float, float]:
    """The whole ``motcua nlu predict`` path: JSONL in, place, department, procedure, out.

    Returns (seconds of a first run on 20 messages, which loads what the command needs —
    routing rules, procedure index —, msg/s of the full run after it, wall clock of the
    whole command including reading and writing the files)."""
    import json

    from typer.testing import CliRunner

    from admin_cli.nlu_cmd import nlu_app

    def run(batch: list[str], folder: Path) -> float:
        source, target = folder / "in.jsonl", folder / "out.jsonl"
        lines = (json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(batch))
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        result = CliRunner().invoke(
            nlu_app, ["predict", "--input", str(source), "--output", str(target)]
        )
        seconds = time.perf_counter() - started
        if result.exit_code != 0:
            raise RuntimeError(result.output)
        return seconds

    with tempfile.TemporaryDirectory() as folder:
        loading = run(texts[:20], Path(folder))
        return loading, len(texts) / run(texts, Path(folder))


def row(name: str, values: dict[str, str]) -> None:
    print(f"  {name:<28}" + "  ".join(f"{k}={v}" for k, v in values.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=5000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    rss_start = rss_mb()
    from nlu import pipeline
    from nlu.classifier.cache import load_or_train
    from nlu.classifier.keywords import KeywordClassifier
    from nlu.evaluate import read_labelled
    from nlu.training_data import load_training_set

    rss_imported = rss_mb()
    examples = load_training_set().examples
    pool = [r.text for r in read_labelled(HELDOUT)] if HELDOUT.is_file() else []
    pool += [e.text for e in examples]
    texts = [pool[i % len(pool)] for i in range(args.messages)]
    single = texts[:2000]
    print(f"{len(examples)} training examples, {len(texts)} messages, one core")
    print(f"RSS: {rss_start:.0f} MB at start, {rss_imported:.0f} MB after imports")

    started = time.perf_counter()
    keywords = KeywordClassifier.train(examples)
    keyword_train = time.perf_counter() - started
    rss_keywords = rss_mb()
    print("\nkeyword baseline")
    row("training", {"seconds": f"{keyword_train:.2f}"})
    row("RSS after training", {"MB": f"{rss_keywords:.0f}"})
    row("batch", {"msg/s": f"{throughput(keywords.predict_many, texts):.0f}"})
    p50, p99 = latencies(keywords.predict, single)
    row("single predict", {"p50 ms": f"{p50:.3f}", "p99 ms": f"{p99:.3f}"})
    row("held-out", {"": quality(keywords.predict_many)})

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        load_or_train(directory=Path(cache), force=True)
        train_seconds = time.perf_counter() - started
        started = time.perf_counter()
        model = load_or_train(directory=Path(cache))
        load_seconds = time.perf_counter() - started
    pipeline._classifier = model  # the benchmark's model is the pipeline's model
    rss_model = rss_mb()
    print("\nbuilt-in classifier (target: ≥2000 msg/s, p99 ≤5 ms, ≤60 s, ≤200 MB)")
    row("training", {"seconds": f"{train_seconds:.1f}", "load s": f"{load_seconds:.2f}"})
    row("RSS loaded", {"MB": f"{rss_model:.0f}", "model MB": f"{rss_model - rss_keywords:.0f}"})
    row("batch classify", {"msg/s": f"{throughput(model.predict_many, texts):.0f}"})
    row("batch parse_many", {"msg/s": f"{throughput(pipeline.parse_many, texts):.0f}"})
    p50, p99 = latencies(model.predict, single)
    row("single classify", {"p50 ms": f"{p50:.3f}", "p99 ms": f"{p99:.3f}"})
    p50, p99 = latencies(pipeline.parse, single)
    row("single parse (+place)", {"p50 ms": f"{p50:.3f}", "p99 ms": f"{p99:.3f}"})
    loading, rate = predict_command(texts)
    row("motcua nlu predict", {"msg/s": f"{rate:.0f}", "first 20 msgs s": f"{loading:.2f}"})
    row("held-out", {"": quality(model.predict_many)})
    print(f"\nRSS at the end: {rss_mb():.0f} MB (place index and procedures included)")


if __name__ == "__main__":
    main()
