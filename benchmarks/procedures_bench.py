"""Procedure retrieval speed over a 1,000-procedure knowledge base (target ≤ 5 ms
per question). The shipped entries are replicated with varied names, keywords
and questions so the index has realistic vocabulary and posting lengths.

Run: .venv/bin/python benchmarks/procedures_bench.py [--size 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
import tracemalloc
from pathlib import Path

from nlu.procedures import ProcedureBase, classify_match, default_procedures, search
from nlu.procedures.schema import Procedure

QUESTIONS = Path(__file__).resolve().parent.parent / "tests/nlu/data/procedure_questions.jsonl"
# Words that vary the copies the way local variants of a procedure differ.
VARIANTS = (
    "cho người cao tuổi;tại nông thôn;tại đô thị;đối với hộ gia đình;đối với cá nhân;"
    "trường hợp đặc biệt;lần thứ hai;khu vực biên giới;vùng ven biển;người dân tộc thiểu số;"
    "tại đặc khu;trong khu công nghiệp;có thẩm định;qua bưu điện;bản điện tử;khẩn cấp"
).split(";")


def replicate(base: ProcedureBase, size: int, rng: random.Random) -> ProcedureBase:
    originals = list(base)
    procedures: list[Procedure] = list(originals)
    number = 0
    while len(procedures) < size:
        proc = originals[number % len(originals)]
        a, b = rng.sample(VARIANTS, 2)
        procedures.append(
            proc.model_copy(
                update={
                    "id": f"{proc.id}_v{number}",
                    "name_vi": f"{proc.name_vi} {a}",
                    "keywords_vi": (*proc.keywords_vi, f"{proc.keywords_vi[0]} {b}"),
                    "questions_vi": tuple(f"{q} ({a})" for q in proc.questions_vi),
                }
            )
        )
        number += 1
    return ProcedureBase(procedures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    questions = [
        json.loads(line)["text"]
        for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    start = time.perf_counter()
    shipped = default_procedures()
    print(f"load shipped base: {len(shipped)} procedures in {time.perf_counter() - start:.3f} s")

    big = replicate(shipped, args.size, random.Random(7))
    start = time.perf_counter()
    _ = big.index, big.name_words, big.category_numbers("land")
    build = time.perf_counter() - start
    twin = replicate(shipped, args.size, random.Random(7))
    tracemalloc.start()
    _ = twin.index, twin.name_words
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"index {len(big)} procedures: {build * 1000:.1f} ms, peak {peak / 1e6:.1f} MB")

    timings: list[float] = []
    for _ in range(args.rounds):
        for text in questions:
            start = time.perf_counter()
            classify_match(search(text, base=big))
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"search + classify over {len(big)} procedures, {len(timings)} questions: "
        f"mean {statistics.fmean(timings):.3f} ms, median {statistics.median(timings):.3f} ms, "
        f"p95 {p95:.3f} ms, max {timings[-1]:.3f} ms (target ≤ 5 ms)"
    )

    start = time.perf_counter()
    search("khai sinh " * 300, base=big)
    print(f"one 3,000-character question: {(time.perf_counter() - start) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
