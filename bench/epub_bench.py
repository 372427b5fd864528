"""EPUB backend speed: the seed biography's model, and the same model with its chapters 1x-10x.

Only the backend is timed (model -> .epub): normalizing is measured by normalize_bench.py.
The copies get new ids so every document and anchor stays unique, as in a real long book.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bookbuild import config as cfg
from bookbuild import model as m
from bookbuild.backends import epub
from bookbuild.build import load_book

BOOK = Path(__file__).resolve().parent.parent / "manuscript" / "jack-ma-visionary-legacy"
SIZES = (1, 2, 5, 10)
TARGET_SECONDS = 2.0  # the seed biography
MAX_EXPONENT = 1.3  # above this the growth is no longer linear


def copies(book: m.Book, n: int) -> m.Book:
    chapters = []
    for k in range(n):
        for ch in book.chapters:
            blocks = tuple(
                replace(b, id=f"{b.id}-x{k}") if isinstance(b, m.Heading) else b for b in ch.blocks
            )
            chapters.append(replace(ch, id=f"{ch.id}-x{k}", blocks=blocks))
    return replace(book, chapters=tuple(chapters))


def main() -> int:
    book = load_book(cfg.load(BOOK))
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            big = copies(book, n)
            start = time.perf_counter()
            epub.render(big, Path(tmp) / f"x{n}.epub", {})
            times[n] = time.perf_counter() - start
            size = (Path(tmp) / f"x{n}.epub").stat().st_size
            print(f"epub x{n:<2} {len(big.chapters):4d} documents  {times[n]:6.2f} s  {size / 1024:8.0f} KB")
    exponent = math.log(times[SIZES[-1]] / times[SIZES[0]]) / math.log(SIZES[-1] / SIZES[0])
    print(f"epub growth exponent {exponent:.2f} (linear ~1, limit {MAX_EXPONENT})")
    ok = times[1] <= TARGET_SECONDS and exponent <= MAX_EXPONENT
    print("epub bench:", "ok" if ok else f"FAILED (target {TARGET_SECONDS} s for the seed)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
