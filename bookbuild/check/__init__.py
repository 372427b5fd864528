"""Quality gates: is this book, this EPUB, this PDF fit to publish?

Each module checks one kind of thing and returns `Check` results; a check passes
when it found no problems. Nothing here changes a file.

    manuscript  the canonical manuscript (headings, empty sections, duplicates, markup left over)
    epub        EPUBCheck and the accessibility metadata
    pdf         page size, embedded fonts, outline, page labels, contents page numbers
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bookbuild.config import BookConfig
    from bookbuild.manuscript import Manuscript
    from bookbuild.model import Book

MAX_LISTED = 8  # problems of one check named one by one; the rest are counted


@dataclass(frozen=True)
class Check:
    """One gate applied to one target: which problems it found (none means it passed)."""

    target: str  # the file or book folder checked
    name: str  # "epubcheck", "fonts embedded", "heading levels", ...
    problems: tuple[str, ...] = ()  # each names where (file:line, page) and what
    note: str = ""  # what was seen when all is well, e.g. "432 × 648 pt on all 533 pages"

    @property
    def ok(self) -> bool:
        return not self.problems


def check_book(
    config: BookConfig,
    out_dir: Path,
    ms: Manuscript | None = None,
    book: Book | None = None,
    editions: list[Path] | None = None,
) -> list[Check]:
    """A book folder: its manuscript, then its editions (by default those found in `out_dir`).

    A build passes what it has already (manuscript, model, the editions it wrote) to save work.
    """
    from bookbuild.backends import FORMATS
    from bookbuild.build import read_manuscript
    from bookbuild.check import manuscript
    from bookbuild.load import load

    ms = ms or read_manuscript(config)
    book = book or load(ms, config)
    target = str(config.root)
    checks = manuscript.check(ms, book, target)
    if editions is None:
        editions = [out_dir / f"{config.slug}.{fmt}" for fmt in FORMATS]
    built = [path for path in editions if path.is_file()]
    if not built:
        hint = f"run: bookbuild build {config.root}" + (f" -o {out_dir}" if out_dir != Path("dist") else "")
        return [*checks, Check(target, "editions", (f"none in {out_dir}/ ({hint})",))]
    for path in built:
        checks += check_file(path)
    return checks


def check_file(path: Path) -> list[Check]:
    """The checks an edition gets, chosen by its suffix."""
    from bookbuild.check import epub, pdf
    from bookbuild.errors import BookError

    if not path.is_file():
        raise BookError("no such file", path=path, hint="give a book folder, an .epub or a .pdf")
    if path.suffix.lower() == ".epub":
        return epub.check(path)
    if path.suffix.lower() == ".pdf":
        return pdf.check(path)
    raise BookError(
        "cannot check this kind of file", path=path, hint="give a book folder, an .epub or a .pdf"
    )


def passed(checks: list[Check]) -> bool:
    return all(c.ok for c in checks)


def listed(problems: Iterable[str]) -> tuple[str, ...]:
    """The first problems in full and a count of the rest: a table row stays readable."""
    found = list(problems)
    if len(found) > MAX_LISTED:
        return (*found[:MAX_LISTED], f"… and {len(found) - MAX_LISTED} more")
    return tuple(found)
