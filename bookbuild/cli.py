"""The `bookbuild` command: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import sys
import traceback
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from bookbuild import __version__
from bookbuild.backends import FORMATS
from bookbuild.errors import BookError

if TYPE_CHECKING:
    from bookbuild.console import Output

EXIT_FAILED_CHECKS = 1
EXIT_ERROR = 2
EXIT_BUG = 70  # EX_SOFTWARE: not the book's fault
BOOKS = Path("manuscript")

EPILOG = """\
start a book:      bookbuild new my-book        (then edit my-book/book.toml and my-book/source.txt)
build it:          bookbuild build my-book      (dist/<slug>.epub and dist/<slug>.pdf)
check it:          bookbuild check my-book      (or build and check at once: build --check)
review the text:   bookbuild normalize my-book/source.txt -o my-book/canonical
exit status: 0 all well, 1 a check failed, 2 a problem with the book (the message says where)"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bookbuild",
        description="Turn a raw manuscript into a clean canonical manuscript, an EPUB and a print PDF.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"bookbuild {__version__}")
    _talk_options(parser, 0)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # Each command takes -q/-v too; given there, they win over the ones before the command.
    common = argparse.ArgumentParser(add_help=False)
    _talk_options(common, argparse.SUPPRESS)

    build = commands.add_parser(
        "build",
        parents=[common],
        help="build the EPUB and PDF editions",
        description="Build books into dist/<slug>.epub and dist/<slug>.pdf. With no argument, "
        "every book folder in manuscript/ is built. Each edition is written to a temporary file and "
        "moved into place only when complete: a failed build keeps the previous edition.",
    )
    build.add_argument(
        "targets",
        nargs="*",
        type=Path,
        metavar="BOOK_DIR|FILE.txt",
        help="a book folder (with book.toml) or a bare text file",
    )
    _output_option(build)
    build.add_argument(
        "--format",
        choices=FORMATS,
        action="append",
        help="build only this edition (repeatable; default: both)",
    )
    build.add_argument("--check", action="store_true", help="check the book and its editions after building")
    _profile_option(build)
    _json_option(build)
    build.set_defaults(func=_build)

    check = commands.add_parser(
        "check",
        parents=[common],
        help="check a book, an EPUB or a PDF",
        description="Check what is given and print a table. A book folder: its manuscript (heading "
        "levels, empty sections, near-duplicate paragraphs, leftover markup, overlong paragraphs) and "
        "its editions in dist/. An EPUB: EPUBCheck and accessibility metadata. A PDF: page size, "
        "embedded fonts, outline, page labels, contents page numbers. Exit status 0 only when all pass.",
    )
    check.add_argument(
        "targets",
        nargs="*",
        type=Path,
        metavar="BOOK_DIR|FILE.epub|FILE.pdf",
        help="what to check (default: every book folder in manuscript/)",
    )
    _output_option(check, "where a book's editions are")
    _json_option(check)
    check.set_defaults(func=_check)

    normalize = commands.add_parser(
        "normalize",
        parents=[common],
        help="write the canonical manuscript and the removal report",
        description="Clean and deduplicate a raw manuscript into canonical Markdown (one file per "
        "chapter) plus report.md/report.json listing every removed block. Refuses to overwrite "
        "files you have edited by hand unless --force is given.",
    )
    normalize.add_argument(
        "raw", type=Path, metavar="RAW",
        help="the raw manuscript text file, or a book folder (its book.toml [normalize] options apply)",
    )  # fmt: skip
    normalize.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the canonical manuscript"
    )
    normalize.add_argument("--force", action="store_true", help="overwrite hand-edited files")
    normalize.set_defaults(func=_normalize)

    proof = commands.add_parser(
        "proof",
        parents=[common],
        help="render pages or spreads of the print edition to PNG",
        description="Build a book's PDF (or take a PDF file) and render the chosen pages, or the "
        "two-page spreads holding them, to PNG images, to look at before printing. Pages are counted "
        "in the file from 1 (the half-title), not by the printed folios.",
    )
    proof.add_argument("target", type=Path, metavar="BOOK_DIR|FILE.pdf", help="a book folder or a PDF")
    proof.add_argument("--pages", default="1-12", help="pages such as 1-12,40 (default: 1-12)")
    proof.add_argument("--spreads", action="store_true", help="verso and recto side by side")
    proof.add_argument("--dpi", type=int, default=100, help="resolution of the images (default: 100)")
    proof.add_argument(
        "-o", "--output", type=Path, default=Path("dist/proof"), metavar="DIR",
        help="where the images go (default: dist/proof/)",
    )  # fmt: skip
    _profile_option(proof)
    proof.set_defaults(func=_proof)

    new = commands.add_parser(
        "new",
        parents=[common],
        help="start a new book folder",
        description="Make a book folder with a commented book.toml and a sample chapter in source.txt. "
        "It builds as it is: replace the sample with your text and fill in book.toml.",
    )
    new.add_argument("folder", type=Path, metavar="DIR", help="the new book folder (must not exist yet)")
    new.add_argument("--title", default="", help="the book's title (default: from the folder name)")
    new.set_defaults(func=_new)
    return parser


def _talk_options(parser: argparse.ArgumentParser, default: object) -> None:
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument(
        "-q", "--quiet", action="store_const", const=-1, dest="verbosity", default=default,
        help="only warnings and errors",
    )  # fmt: skip
    talk.add_argument(
        "-v", "--verbose", action="store_const", const=1, dest="verbosity", default=default,
        help="more detail: stage times, every problem a check finds, tracebacks of internal errors",
    )  # fmt: skip


def _profile_option(parser: argparse.ArgumentParser) -> None:
    from bookbuild.pdf.options import PROFILES

    parser.add_argument(
        "--profile", choices=PROFILES,
        help="PDF profile, over book.toml [pdf] profile: reading (bookmarks, links) or press (for a printer)",
    )  # fmt: skip


def _output_option(parser: argparse.ArgumentParser, what: str = "where the editions go") -> None:
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("dist"), metavar="DIR", help=f"{what} (default: dist/)"
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the results as JSON (for scripts and CI)")


def _output(args: argparse.Namespace) -> Output:
    from bookbuild.console import Output  # imported late: rich takes a while to load

    return Output(args.verbosity, getattr(args, "json", False))


def _book_targets(targets: list[Path]) -> list[Path]:
    found = targets or _find_books()
    if not found:
        hint = "give a BOOK_DIR, or start one with: bookbuild new DIR"
        raise BookError("no books here", path=BOOKS, hint=hint)
    return found


def _find_books() -> list[Path]:
    from bookbuild.build import find_books

    return find_books(BOOKS)


def _build(args: argparse.Namespace) -> int:
    from bookbuild.build import build_book, config_for, with_option
    from bookbuild.check import check_book, passed
    from bookbuild.console import BookRun, check_json, run_json

    out = _output(args)
    targets = _book_targets(args.targets)
    formats = tuple(dict.fromkeys(args.format or FORMATS))
    runs: list[BookRun] = []
    checks = []
    for target in targets:
        run = BookRun(str(target))
        runs.append(run)
        try:
            config = config_for(target)
            if args.profile:
                config = with_option(config, "pdf", "profile", args.profile)
            with out.stages(run, 2 + len(formats)) as progress:
                built = build_book(config, args.output, formats, progress)
            run.editions = built.editions
            if args.check:
                out.say(f"{run.name}: check")
                paths = [e.path for e in built.editions]
                checks += check_book(config, args.output, built.manuscript, built.book, paths)
        except BookError as exc:
            if len(targets) == 1 and not args.json:
                raise
            run.error = str(exc)
            _error(str(exc))
    ok = all(r.error is None for r in runs)
    if args.json:
        books = [run_json(r) for r in runs]
        out.json({"ok": ok and passed(checks), "books": books, "checks": [check_json(c) for c in checks]})
    else:
        out.summary(runs)
        out.checks(checks)
    if not ok:
        return EXIT_ERROR
    return 0 if passed(checks) else EXIT_FAILED_CHECKS


def _check(args: argparse.Namespace) -> int:
    from bookbuild.build import config_for
    from bookbuild.check import check_book, check_file, passed
    from bookbuild.console import check_json

    out = _output(args)
    checks = []
    for target in _book_targets(args.targets):
        out.say(f"{target}: check")
        if target.suffix.lower() in (".epub", ".pdf"):
            checks += check_file(target)
        else:
            checks += check_book(config_for(target), args.output)
    if args.json:
        out.json({"ok": passed(checks), "checks": [check_json(c) for c in checks]})
    else:
        out.checks(checks)
    return 0 if passed(checks) else EXIT_FAILED_CHECKS


def _normalize(args: argparse.Namespace) -> int:
    from bookbuild import manuscript
    from bookbuild.build import config_for, read_manuscript
    from bookbuild.console import normalize_summary

    out = _output(args)
    config = config_for(args.raw)
    if config.source_path.is_dir():
        raise BookError("the source is already a canonical manuscript", path=config.source_path)
    ms = read_manuscript(config)
    manuscript.write(ms, args.output, force=args.force)
    for line in normalize_summary(ms, args.output / manuscript.REPORT_MD):
        out.say(line)
    return 0


def _proof(args: argparse.Namespace) -> int:
    from bookbuild.proof import proof_target

    out = _output(args)
    for path in proof_target(args.target, args.output, args.pages, args.spreads, args.dpi, args.profile):
        out.say(f"wrote {path}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from bookbuild.scaffold import scaffold

    out = _output(args)
    for path in scaffold(args.folder, args.title):
        out.say(f"wrote {path}")
    out.say(f"next: edit {args.folder / 'source.txt'}, then: bookbuild build {args.folder}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    warnings.simplefilter("always")
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except BookError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted; finished editions are kept, none is half-written")
        return 130
    except MemoryError:
        _error("out of memory", "build one edition at a time with --format, or close other programs")
        return EXIT_ERROR
    except Exception as exc:  # a bug in bookbuild, not in the book: one line, the details on request
        if args.verbosity > 0:
            traceback.print_exc()
        _error(f"internal error ({type(exc).__name__}: {exc})", "a bug in bookbuild; -v shows where")
        return EXIT_BUG


def _error(message: str, hint: str | None = None) -> None:
    print(f"bookbuild: error: {message}" + (f" ({hint})" if hint else ""), file=sys.stderr)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"bookbuild: warning: {message}", file=sys.stderr)
