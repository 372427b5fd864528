"""The `bookbuild` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from bookbuild import __version__
from bookbuild.backends import FORMATS
from bookbuild.errors import BookError

EXIT_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bookbuild",
        description="Turn a raw manuscript into a clean canonical manuscript, an EPUB and a print PDF.",
    )
    parser.add_argument("--version", action="version", version=f"bookbuild {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="build the EPUB and PDF editions",
        description="Build books into dist/<slug>.epub and dist/<slug>.pdf. With no argument, "
        "every book folder in manuscript/ is built.",
    )
    build.add_argument(
        "targets",
        nargs="*",
        type=Path,
        metavar="BOOK_DIR|FILE.txt",
        help="a book folder (with book.toml) or a bare text file",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("dist"),
        metavar="DIR",
        help="where the editions go (default: dist/)",
    )
    build.add_argument(
        "--format",
        choices=FORMATS,
        action="append",
        help="build only this edition (repeatable; default: both)",
    )
    build.set_defaults(func=_build)

    normalize = commands.add_parser(
        "normalize",
        help="write the canonical manuscript and the removal report",
        description="Clean and deduplicate a raw manuscript into canonical Markdown (one file per "
        "chapter) plus report.md/report.json listing every removed block. Refuses to overwrite "
        "files you have edited by hand unless --force is given.",
    )
    normalize.add_argument("raw", type=Path, metavar="RAW", help="the raw manuscript text file")
    normalize.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the canonical manuscript"
    )
    normalize.add_argument("--force", action="store_true", help="overwrite hand-edited files")
    normalize.set_defaults(func=_normalize)
    return parser


def _build(args: argparse.Namespace) -> int:
    from bookbuild.build import build, config_for, find_books

    targets = args.targets or find_books(Path("manuscript"))
    if not targets:
        raise BookError("no books to build", path="manuscript", hint="give a BOOK_DIR or FILE.txt")
    formats = tuple(dict.fromkeys(args.format or FORMATS))
    for target in targets:
        for edition in build(config_for(target), args.output, formats):
            detail = f"{edition.pages} pages" if edition.pages else f"{edition.chapters} chapters"
            print(f"{edition.path}  ({detail})")
    return 0


def _normalize(args: argparse.Namespace) -> int:
    from bookbuild import manuscript
    from bookbuild.normalize import normalize
    from bookbuild.normalize.reading import read_bytes

    ms = normalize(read_bytes(args.raw), str(args.raw))
    manuscript.write(ms, args.output, force=args.force)
    print(
        f"{args.output}: {len(ms.documents)} documents, {len(ms.removals)} removed blocks "
        f"(see {args.output / manuscript.REPORT_MD})"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    warnings.simplefilter("always")
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except BookError as exc:
        print(f"bookbuild: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("bookbuild: interrupted", file=sys.stderr)
        return 130


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"bookbuild: warning: {message}", file=sys.stderr)
