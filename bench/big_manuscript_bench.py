"""A 50 MB manuscript through the real command line: it builds, and memory stays in proportion.

The text is the seed biography's chapters repeated with new numbers and shuffled words (see
normalize_bench.synthetic), built as an EPUB by `bookbuild build` in a child process whose peak
resident memory is read from the kernel. A 5 MB book is built first, so the two figures show how
memory grows with the input. (A 50 MB print PDF would be some 20,000 pages; not attempted here.)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from normalize_bench import SEED, synthetic

BOOKBUILD = Path(sys.executable).parent / "bookbuild"
SEED_MB = SEED.stat().st_size / 1e6
SIZES_MB = (5, 50)
# Peak memory a further MB of manuscript may add (the interpreter and libraries are a fixed ~150 MiB).
MAX_MIB_PER_MB = 30


def build(folder: Path, megabytes: int) -> tuple[float, float, int]:
    """(seconds, peak MiB, size of the EPUB) of building a book of about `megabytes`."""
    book = folder / f"book-{megabytes}"
    book.mkdir()
    copies = round(megabytes / SEED_MB)
    (book / "source.txt").write_bytes(synthetic(SEED.read_text("utf-8"), copies))
    (book / "book.toml").write_text(f'[book]\nsource = "source.txt"\ntitle = "Big {megabytes}"\n', "utf-8")
    start = time.perf_counter()
    result = subprocess.run(
        [str(BOOKBUILD), "-q", "build", str(book), "--format", "epub", "-o", str(folder / "dist")],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"big manuscript: the {megabytes} MB build failed: {result.stderr.strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    return seconds, peak, (folder / "dist" / f"book-{megabytes}.epub").stat().st_size


def main() -> int:
    print(f"{'input MB':>9} {'time s':>8} {'peak MiB':>9} {'MiB per MB':>11} {'EPUB MB':>8}")
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in SIZES_MB:
            seconds, peak, size = build(Path(tmp), mb)
            peaks.append(peak)
            print(f"{mb:>9} {seconds:>8.1f} {peak:>9.0f} {peak / mb:>11.1f} {size / 1e6:>8.1f}")
    growth = (peaks[-1] - peaks[0]) / (SIZES_MB[-1] - SIZES_MB[0])
    verdict = "ok" if growth <= MAX_MIB_PER_MB else "TOO MUCH"
    print(f"big manuscript: memory grows {growth:.1f} MiB per MB of text (limit {MAX_MIB_PER_MB}): {verdict}")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    raise SystemExit(main())
