"""One module per edition. Each exposes `render(book, target, table) -> Edition`.

A backend reads only the document model (and its own `book.toml` table); it
never sees raw text or Markdown.
"""

from __future__ import annotations

import importlib
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


def renderer(fmt: str) -> Renderer:
    """Imported when asked for: an EPUB build does not load WeasyPrint, nor a PDF build ebooklib."""
    render: Renderer = importlib.import_module(f"bookbuild.backends.{fmt}").render
    return render


FORMATS = ("epub", "pdf")
