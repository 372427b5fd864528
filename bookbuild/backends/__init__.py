"""One module per edition. Each exposes `render(book, target, table) -> Edition`.

A backend reads only the document model (and its own `book.toml` table); it
never sees raw text or Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bookbuild.model import Book


@dataclass(frozen=True)
class Edition:
    """What a backend reports about the file it wrote."""

    format: str
    path: Path
    chapters: int
    pages: int | None = None


Renderer = Callable[[Book, Path, dict[str, Any]], Edition]


def renderers() -> dict[str, Renderer]:
    """Imported lazily: building an EPUB should not pay for loading WeasyPrint."""
    from bookbuild.backends import epub, pdf

    return {"epub": epub.render, "pdf": pdf.render}


FORMATS = ("epub", "pdf")
