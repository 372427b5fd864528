"""The pipeline: source -> canonical manuscript -> model -> editions.

read_manuscript   raw text is normalized; a canonical folder is read as is
load              canonical manuscript -> document model
backends          model -> dist/<slug>.epub, dist/<slug>.pdf, each written atomically
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from bookbuild import config as cfg
from bookbuild import manuscript
from bookbuild.backends import FORMATS, Edition, renderer
from bookbuild.errors import BookError
from bookbuild.load import load
from bookbuild.manuscript import Manuscript
from bookbuild.model import Book
from bookbuild.normalize import NormalizeOptions, normalize
from bookbuild.normalize.reading import read_bytes

OTHER_PLACE = "build elsewhere with -o DIR"

# Called with the name of each stage as it starts ("normalize", "load", then each format),
# so a command line can show progress and time the stages without the pipeline knowing how.
StageHook = Callable[[str], None]


def _no_progress(stage: str) -> None:
    """The default hook: a library caller that does not watch progress."""


def read_manuscript(config: cfg.BookConfig) -> Manuscript:
    """The canonical manuscript of a book: normalized from raw text, or the edited folder itself."""
    source = config.source_path
    if source.is_dir():
        return manuscript.read(source)
    opts = cfg.options(NormalizeOptions, config.tables.get("normalize", {}), f"{config.path} [normalize]")
    return normalize(read_bytes(source), str(source), opts)


def with_option(config: cfg.BookConfig, stage: str, key: str, value: object) -> cfg.BookConfig:
    """The book with one option of a stage's table set from the command line, over book.toml."""
    return replace(config, tables={**config.tables, stage: {**config.tables.get(stage, {}), key: value}})


def load_book(config: cfg.BookConfig) -> Book:
    return load(read_manuscript(config), config)


@dataclass(frozen=True)
class Built:
    """One book's build: its manuscript and model (what the checks read) and the editions written."""

    manuscript: Manuscript
    book: Book
    editions: list[Edition]


def build(
    config: cfg.BookConfig,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    progress: StageHook = _no_progress,
) -> list[Edition]:
    return build_book(config, out_dir, formats, progress).editions


def build_book(
    config: cfg.BookConfig,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    progress: StageHook = _no_progress,
) -> Built:
    output_folder(out_dir)  # a folder that cannot be written is said before the long work, not after
    progress("read" if config.source_path.is_dir() else "normalize")
    ms = read_manuscript(config)
    progress("load")
    book = load(ms, config)
    editions = []
    for fmt in formats:
        progress(fmt)
        target = out_dir / f"{config.slug}.{fmt}"
        with atomic_output(target) as tmp:
            edition = renderer(fmt)(book, tmp, config.tables.get(fmt, {}))
        editions.append(Edition(edition.format, target, edition.chapters, edition.pages))
    return Built(ms, book, editions)


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it into place only on success."""
    output_folder(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise BookError(f"cannot write here: {exc.strerror}", path=target.parent, hint=OTHER_PLACE) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        hint = "free some disk space, or use -o DIR" if exc.errno == errno.ENOSPC else OTHER_PLACE
        raise BookError(
            f"cannot write the edition: {exc.strerror}; the previous one is kept", path=target, hint=hint
        ) from None
    finally:
        tmp.unlink(missing_ok=True)


def output_folder(folder: Path) -> None:
    """Make the output folder, or say why it cannot be one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise BookError("is a file, not a folder", path=_blocking_file(folder), hint=OTHER_PLACE) from None
    except OSError as exc:
        raise BookError(f"cannot write here: {exc.strerror}", path=folder, hint=OTHER_PLACE) from None
    if not os.access(folder, os.W_OK):
        raise BookError("cannot write here: permission denied", path=folder, hint=OTHER_PLACE)


def _blocking_file(folder: Path) -> Path:
    """The file standing where a folder of the output path should be."""
    for parent in (folder, *folder.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return folder


def find_books(root: Path) -> list[Path]:
    """Every book folder (one holding a book.toml) directly under `root`."""
    return sorted(p.parent for p in root.glob(f"*/{cfg.BOOK_TOML}"))


def config_for(target: Path) -> cfg.BookConfig:
    """A book folder, or a bare text file built with inferred metadata.

    A raw file that a book folder names as its source is that book, so its
    book.toml (the [normalize] options among them) applies.
    """
    if target.is_dir():
        return cfg.load(target)
    if target.name == cfg.BOOK_TOML:  # the book's settings given for the book
        return cfg.load(target.parent)
    if target.exists():
        owner = target.parent / cfg.BOOK_TOML
        if owner.is_file():
            config = cfg.load(target.parent)
            if config.source_path.resolve() == target.resolve():
                return config
        return cfg.for_text_file(target)
    raise BookError("no such book folder or file", path=target, hint="check the spelling of the path")
