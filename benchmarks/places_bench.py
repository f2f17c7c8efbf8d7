"""Place resolution figures: index build time, resolve_place and find_units
latency (p50/p99), and the memory the index holds. Figures, not thresholds.

Run: .venv/bin/python benchmarks/places_bench.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from nlu.places import find_units, resolve_place
from nlu.places.index import build_index, get_index
from nlu.places.tokens import spelling

HELDOUT = Path(__file__).resolve().parent.parent / "tests/nlu/data/places_heldout.jsonl"
QUERIES = ["Tây Mỗ", "tay mo", "P. Láng Hạ cũ", "xa can thanh", "cam giang", "nha tr", "tan"]


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1e3, p99 * 1e3, ordered[-1] * 1e3


def _time_each(
    call: Callable[[str], object], inputs: list[str], rounds: int, clock: Callable[[], float]
) -> list[float]:
    samples: list[float] = []
    for _ in range(rounds):
        for text in inputs:
            start = clock()
            call(text)
            samples.append(clock() - start)
    return samples


def _report(label: str, call: Callable[[str], object], inputs: list[str], rounds: int) -> None:
    """Wall time, and CPU time of this thread (the machine may be shared and busy)."""
    for name, clock in (("wall", time.perf_counter), ("cpu", time.thread_time)):
        p50, p99, worst = _percentiles(_time_each(call, inputs, rounds, clock))
        print(f"{label} [{name}]: p50 {p50:.3f} ms, p99 {p99:.3f} ms, max {worst:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    builds: list[float] = []
    for _ in range(3):
        spelling.cache_clear()
        gc.collect()
        start = time.perf_counter()
        build_index()
        builds.append(time.perf_counter() - start)
    print(f"index build (cold caches): best {min(builds):.3f} s, worst {max(builds):.3f} s")

    spelling.cache_clear()
    gc.collect()
    tracemalloc.start()
    get_index.cache_clear()
    get_index()
    held, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"index memory held: {held / 2**20:.1f} MiB (tracemalloc)")
    print(f"process max RSS: {rss_before:.0f} MiB before build, {rss_after:.0f} MiB after")

    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    texts = [row["text"] for row in rows]
    _report(
        f"resolve_place, {len(texts)} held-out messages x {args.rounds}",
        resolve_place,
        texts,
        args.rounds,
    )
    long_text = (" ".join(texts) * 4)[:20_000]
    _report("resolve_place, one 20,000-character letter x 5", resolve_place, [long_text], 5)
    _report("find_units, typical queries", lambda q: find_units(q), QUERIES, args.rounds * 5)


if __name__ == "__main__":
    main()
