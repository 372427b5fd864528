"""Normalizer speed and memory: the seed biography, and synthetic books up to 10x its size.

A synthetic book repeats the seed's chapters with new chapter and section numbers and
the words of every long paragraph shuffled, so each copy is new text (nothing for the
deduplication to short-cut) with the same structure: drafts, lists, page-break cuts.
Linear scaling shows as time and peak memory growing about as fast as the input
(exponent ~1); all-pairs work would show an exponent near 2.
"""

from __future__ import annotations

import math
import random
import re
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

from bookbuild.normalize import normalize

SEED = Path(__file__).resolve().parent.parent / "manuscript" / "jack-ma-visionary-legacy" / "source.txt"
SIZES = (1, 2, 5, 10)
TARGET_SECONDS = 1.0
MAX_EXPONENT = 1.3  # above this the growth is no longer linear


def synthetic(text: str, copies: int) -> bytes:
    """The seed's front matter, then its chapters `copies` times, renumbered and reworded."""
    body_at = text.index("\nChapter 1:", text.index("\nChapter 1:") + 1)
    front, body = text[:body_at], text[body_at:]
    chapters = len(re.findall(r"^Chapter \d+:", body, re.M))
    parts = [front]
    for k in range(copies):
        copy = _renumber(body, k * chapters)
        if k:
            rnd = random.Random(k)
            copy = "\n".join(_shuffled(line, rnd) for line in copy.split("\n"))
        parts.append(copy)
    return "".join(parts).encode("utf-8")


def _renumber(text: str, shift: int) -> str:
    """Chapter N -> Chapter N+shift, and its sections N.x alike."""
    text = re.sub(r"^(Chapter )(\d+)", lambda m: f"{m[1]}{int(m[2]) + shift}", text, flags=re.M)
    return re.sub(r"^(\d+)(\.\d)", lambda m: f"{int(m[1]) + shift}{m[2]}", text, flags=re.M)


def _shuffled(line: str, rnd: random.Random) -> str:
    if len(line) < 120:
        return line  # headings, labels, short lines keep their shape
    words = line.split()
    rnd.shuffle(words)
    return " ".join(words)


def seconds(data: bytes, repeat: int) -> tuple[float, float]:
    """Best CPU time and wall time: CPU time is what the code costs, whatever else the machine runs."""
    cpu = wall = math.inf
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        normalize(data, "bench.txt")
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start_wall)
    return cpu, wall


def peak_mib(data: bytes) -> float:
    tracemalloc.start()
    normalize(data, "bench.txt")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def exponent(x1: float, y1: float, x2: float, y2: float) -> float:
    return math.log(y2 / y1) / math.log(x2 / x1)


def main() -> int:
    warnings.simplefilter("ignore")
    raw = SEED.read_bytes()
    seed_cpu, seed_wall = seconds(raw, repeat=3)
    verdict = "met" if seed_cpu < TARGET_SECONDS else "MISSED"
    print(
        f"normalize: seed {len(raw) / 1e3:.0f} KB in {seed_cpu:.3f} s CPU, {seed_wall:.3f} s wall "
        f"(target < {TARGET_SECONDS:.0f} s: {verdict})"
    )
    text = raw.decode("utf-8")
    rows = []
    for size in SIZES:
        data = synthetic(text, size)
        rows.append((size, len(data), seconds(data, repeat=1 if size > 2 else 2)[0], peak_mib(data)))
    print(f"{'size':>6} {'input MB':>9} {'CPU s':>8} {'s per MB':>9} {'peak MiB':>9} {'MiB per MB':>11}")
    for size, n, t, mem in rows:
        mb = n / 1e6
        print(f"{size:>5}x {mb:>9.2f} {t:>8.2f} {t / mb:>9.2f} {mem:>9.1f} {mem / mb:>11.1f}")
    (_, n1, t1, m1), (_, n10, t10, m10) = rows[0], rows[-1]
    time_exp, mem_exp = exponent(n1, t1, n10, t10), exponent(n1, m1, n10, m10)
    print(f"growth exponent 1x -> {SIZES[-1]}x: CPU time {time_exp:.2f}, peak memory {mem_exp:.2f}")
    print("(1 = linear: the cost follows the size of the book; 2 = quadratic)")
    if max(time_exp, mem_exp) > MAX_EXPONENT:
        print("normalize: scaling is worse than linear", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
