"""What the command line shows: progress, the closing summary, check tables, JSON.

Results go to stdout, progress to stderr (a script can pipe the one and still watch the other).
rich decides about colour: only on a terminal, never when NO_COLOR is set.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bookbuild.backends import Edition
from bookbuild.build import StageHook
from bookbuild.check import Check
from bookbuild.manuscript import Manuscript

PLAIN_WIDTH = 120  # when not on a terminal rich would wrap at 80 columns; file paths are longer


@dataclass
class BookRun:
    """One book's build as the summary reports it."""

    name: str
    seconds: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    editions: list[Edition] = field(default_factory=list)
    error: str | None = None


class Output:
    """The command's voice, set by -q, -v and --json."""

    def __init__(self, verbosity: int = 0, as_json: bool = False) -> None:
        self.verbosity = -1 if as_json and verbosity <= 0 else verbosity  # JSON alone on stdout
        # NO_COLOR (no-color.org): rich alone would drop the colours but keep bold and dim
        styles = None if os.environ.get("NO_COLOR") else "auto"
        self.out = Console(highlight=False, color_system=styles)
        self.err = Console(stderr=True, highlight=False, color_system=styles)
        for console in (self.out, self.err):
            if not console.is_terminal:
                console.width = PLAIN_WIDTH

    def say(self, text: str, level: int = 0) -> None:
        """A line for a person, shown at the given verbosity (0 normal, 1 with -v)."""
        if self.verbosity >= level:
            self.err.print(text, markup=False)

    @contextmanager
    def stages(self, run: BookRun, total: int) -> Iterator[StageHook]:
        """A hook for build(): times each stage and shows it (a bar on a terminal, a line otherwise)."""
        started: list[tuple[str, float]] = []
        progress = None
        if self.verbosity >= 0 and self.err.is_terminal:
            progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=self.err,
                transient=True,
            )
            progress.start()
            task = progress.add_task(run.name, total=total)

        def hook(stage: str) -> None:
            now = time.perf_counter()
            if started:
                run.seconds[started[-1][0]] = now - started[-1][1]
            started.append((stage, now))
            if progress is not None:
                progress.update(task, description=f"{run.name}: {stage}", completed=len(started) - 1)
            else:
                self.say(f"{run.name}: {stage}")

        try:
            yield hook
        finally:
            if started:
                run.seconds[started[-1][0]] = time.perf_counter() - started[-1][1]
            if progress is not None:
                progress.stop()

    def summary(self, runs: list[BookRun]) -> None:
        """The closing table: each edition's path, size, extent and time."""
        if self.verbosity < 0 or not any(r.editions for r in runs):
            return
        table = Table(show_edge=False, pad_edge=False)
        table.add_column("edition", overflow="fold")
        for column in ("size", "extent", "time"):
            table.add_column(column, justify="right")
        for run in runs:
            for edition in run.editions:
                table.add_row(
                    str(edition.path),
                    _size(edition.path.stat().st_size),
                    _extent(edition),
                    f"{run.seconds.get(edition.format, 0):.1f} s",
                )
        self.out.print(table)
        if self.verbosity >= 1:
            for run in runs:
                stages = ", ".join(f"{name} {secs:.1f} s" for name, secs in run.seconds.items())
                self.out.print(f"{run.name}: {stages}", markup=False)

    def checks(self, checks: list[Check]) -> None:
        """One row per check: what, on which file, pass or FAIL, and the problems (all with -v).

        Quiet, only the failures are shown."""
        failed = sum(not c.ok for c in checks)
        shown = checks if self.verbosity >= 0 else [c for c in checks if not c.ok]
        if not shown:
            return
        table = Table(show_edge=False, pad_edge=False, show_lines=False)
        table.add_column("target", overflow="fold")
        table.add_column("check")
        table.add_column("result")
        table.add_column("details", overflow="fold")
        for c in shown:
            problems = c.problems if self.verbosity >= 1 else c.problems[:3]
            rest = len(c.problems) - len(problems)
            details = "\n".join([*problems, *([f"… {rest} more (-v shows all)"] if rest else [])]) or c.note
            result = "[green]pass[/]" if c.ok else "[bold red]FAIL[/]"
            table.add_row(c.target, c.name, result, details.replace("[", r"\["))
        self.out.print(table)
        self.out.print(f"{len(checks) - failed} passed, {failed} failed", markup=False)

    def json(self, data: dict[str, Any]) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2))


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB" if size < 1024**2 else f"{size / 1024**2:.1f} MB"


def _extent(edition: Edition) -> str:
    chapters = f"{edition.chapters} chapter{'s' * (edition.chapters != 1)}"
    return f"{edition.pages} pages, {chapters}" if edition.pages else chapters


def run_json(run: BookRun) -> dict[str, Any]:
    return {
        "book": run.name,
        "ok": run.error is None,
        "error": run.error,
        "seconds": {k: round(v, 3) for k, v in run.seconds.items()},
        "editions": [
            {
                "format": e.format,
                "path": str(e.path),
                "size": e.path.stat().st_size,
                "pages": e.pages,
                "chapters": e.chapters,
                "seconds": round(run.seconds.get(e.format, 0.0), 3),
            }
            for e in run.editions
        ],
    }


def check_json(c: Check) -> dict[str, Any]:
    return {"target": c.target, "check": c.name, "ok": c.ok, "problems": list(c.problems), "note": c.note}


def normalize_summary(ms: Manuscript, report: Path) -> list[str]:
    """What the normalizer changed, in a few lines; the report has every decision."""
    stats = ms.stats
    counts = [f"{stats[k]} {k}" for k in ("chapters", "sections") if k in stats]
    joins = sum(v for k, v in stats.items() if "joined" in k)
    lines = [f"{len(ms.documents)} documents: " + ", ".join([*counts, f"{joins} joins"])]
    reasons = Counter(r.reason for r in ms.removals)
    removed = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
    lines.append(f"{len(ms.removals)} blocks removed" + (f" ({removed})" if removed else ""))
    lines.append(f"every removal and why: {report}")
    return lines
