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
