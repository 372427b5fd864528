"""Print edition speed and memory: the seed biography's PDF build against pandoc + WeasyPrint.

pandoc with `--pdf-engine=weasyprint` on the same canonical Markdown is what a user would try
instead. Both run as separate processes, taking turns for ROUNDS rounds (a shared machine's speed
drifts by 10 % from one minute to the next; taking turns gives both the same drift); each run is timed
in wall time and in CPU time (what the work costs, whatever else the machine runs), and its peak
memory is the largest resident size of the process and its children. The medians are compared.
Targets: no slower than pandoc (median CPU time), peak memory under 600 MB.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "manuscript" / "jack-ma-visionary-legacy"
BIN = Path(sys.executable).parent
MAX_PEAK_MB = 600
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `command` to the end; its wall time, CPU time and peak RSS (with its children's)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def canonical_markdown(out: Path) -> list[Path]:
    """The biography's canonical manuscript, written as a user would with `bookbuild normalize`."""
    subprocess.run(
        [str(BIN / "bookbuild"), "-q", "normalize", str(BOOK / "source.txt"), "-o", str(out)], check=True
    )
    return sorted(out.glob("[0-9]*.md"))


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
    )


def main() -> int:
    if not shutil.which("pandoc"):
        raise SystemExit("pdf bench: pandoc is missing (make bench installs it)")
    ours_runs, pandoc_runs = [], []
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        work = Path(tmp)
        chapters = canonical_markdown(work / "canonical")
        env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}  # pandoc finds weasyprint
        ours_command = [str(BIN / "bookbuild"), "-q", "build", str(BOOK), "--format", "pdf", "-o", str(work)]
        pandoc_command = ["pandoc", *map(str, chapters), "--metadata", "title=bench"]
        pandoc_command += ["--pdf-engine=weasyprint", "-o", str(work / "pandoc.pdf")]
        for _ in range(ROUNDS):
            ours_runs.append(measure(ours_command))
            pandoc_runs.append(measure(pandoc_command, env))
    ours, pandoc = median(ours_runs), median(pandoc_runs)
    print(f"pdf (seed biography), median of {ROUNDS} rounds taking turns    wall s    CPU s   peak MB")
    for name, run, runs in (
        ("bookbuild build --format pdf", ours, ours_runs),
        ("pandoc --pdf-engine=weasyprint", pandoc, pandoc_runs),
    ):
        each = " ".join(f"{r.cpu:.1f}" for r in runs)
        print(f"  {name:30} {run.wall:7.1f} {run.cpu:8.1f} {run.peak_mb:9.0f}   (CPU s each round: {each})")
    ratio = ours.cpu / pandoc.cpu
    print(f"  ratio bookbuild/pandoc: CPU {ratio:.2f}, wall {ours.wall / pandoc.wall:.2f} (target <= 1.00)")
    print(f"  peak memory {ours.peak_mb:.0f} MB (target < {MAX_PEAK_MB} MB)")
    verdict = "met" if ratio <= 1 and ours.peak_mb < MAX_PEAK_MB else "NOT met"
    print(f"  targets {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
