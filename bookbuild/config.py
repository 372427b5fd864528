"""`book.toml`: one table per stage, like mdBook's `[book]` and `[output.*]`.

    [book]       metadata and the source (a raw text file or a canonical manuscript folder)
    [normalize]  options of the normalizer
    [epub]       options of the EPUB backend
    [pdf]        options of the PDF backend

Each stage declares its options as a dataclass and reads its table with
`options()`, so an unknown or mistyped key is reported with its place.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
import warnings
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

from bookbuild.errors import BookError

BOOK_TOML = "book.toml"
STAGES = ("book", "normalize", "epub", "pdf")


class ConfigWarning(UserWarning):
    """An unknown key or a questionable value in book.toml: reported, not fatal."""


@dataclass(frozen=True)
class BookOptions:
    source: str = ""  # raw text file, or a canonical manuscript folder
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    language: str = ""
    slug: str = ""
    description: str = ""
    publisher: str = ""
    date: str = ""
    rights: str = ""
    identifier: str = ""
    cover: str = ""


@dataclass(frozen=True)
class BookConfig:
    """A book to build: where it lives, its `[book]` table and the raw stage tables."""

    root: Path  # the book folder (for a bare .txt: its folder)
    book: BookOptions
    tables: dict[str, dict[str, Any]]  # the other stages' tables, read by each stage
    path: Path | None = None  # the book.toml, if any

    @property
    def source_path(self) -> Path:
        return self.root / self.book.source

    @property
    def slug(self) -> str:
        return self.book.slug


T = TypeVar("T")


def options(cls: type[T], table: dict[str, Any], where: str) -> T:
    """Build a stage's options dataclass from its table, checking names and types."""
    hints = get_type_hints(cls)
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            warnings.warn(
                f"{where}: unknown key {key!r} ignored{_did_you_mean(key, known)}",
                ConfigWarning,
                stacklevel=2,
            )
            continue
        expected = hints[key]
        origin = getattr(expected, "__origin__", expected)
        if origin is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, origin) or (origin is int and isinstance(value, bool)):
            raise BookError(
                f"key {key!r} must be {_type_name(origin)}, not {type(value).__name__}",
                path=where,
                hint=f"write it like: {key} = {_EXAMPLES.get(origin, '...')}",
            )
        values[key] = value
    return cls(**values)


_EXAMPLES = {str: '"text"', list: '["one", "two"]', bool: "true", int: "2", float: "0.8", dict: "{ key = 1 }"}


def _did_you_mean(key: str, known: set[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_name(t: type) -> str:
    return {
        str: "a string",
        list: "a list",
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        dict: "a table",
    }.get(t, t.__name__)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or "book"


def load(book_dir: Path) -> BookConfig:
    """Read `book_dir/book.toml`."""
    path = book_dir / BOOK_TOML
    if not path.is_file():
        raise BookError(f"no {BOOK_TOML} here", path=book_dir, hint="run 'bookbuild new' to make one")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise BookError(
            f"invalid TOML: {re.sub(r' [(]at line .*[)]$', '', str(exc))}",
            path=path,
            line=int(line.group(1)) if line else None,
            hint="check the quotes, brackets and '=' on that line",
        ) from None
    except UnicodeDecodeError:
        raise BookError("book.toml is not UTF-8 text", path=path) from None
    for key in data:
        if key not in STAGES:
            warnings.warn(
                f"{path}: unknown table [{key}] ignored{_did_you_mean(key, STAGES)}",
                ConfigWarning,
                stacklevel=2,
            )
    tables = {k: v for k, v in data.items() if k in STAGES}
    for key, value in tables.items():
        if not isinstance(value, dict):
            raise BookError(f"{key!r} must be a table [{key}]", path=path)
    book = options(BookOptions, tables.get("book", {}), f"{path} [book]")
    if not book.source:
        raise BookError(
            "[book] has no 'source' (the manuscript file or folder)",
            path=path,
            hint='add a line under [book] like: source = "source.txt"',
        )
    if not (book_dir / book.source).exists():
        raise BookError(
            f"[book] source {book.source!r} not found in {book_dir}",
            path=path,
            hint="correct the file name; it is relative to the book folder",
        )
    if not book.slug:
        book = replace(book, slug=slugify(book_dir.resolve().name))
    return BookConfig(root=book_dir, book=book, tables=tables, path=path)


def for_text_file(path: Path) -> BookConfig:
    """A bare text file with no book folder: everything is inferred from the text."""
    if not path.is_file():
        raise BookError("no such file", path=path)
    book = BookOptions(source=path.name, slug=slugify(path.stem))
    return BookConfig(root=path.parent, book=book, tables={})
