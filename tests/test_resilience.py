"""Bad input through the real command line: one clear line, a non-zero exit, nothing half-written.

Every case runs `bookbuild build` (cli.main, as the console script does) on a small book in a
temporary folder whose dist/ already holds a previous edition, and asserts the exit status, the
message on stderr, that dist/ is byte-for-byte as before and that the sources are untouched.
"""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

import pytest

from bookbuild import build as pipeline
from bookbuild import cli
from bookbuild.backends import renderer

TOML = '[book]\nsource = "source.txt"\ntitle = "A Small Book"\nslug = "small"\n'
TEXT = "Chapter 1: The Start\n\nThe first paragraph of a small book, long enough to read as prose.\n"
PREVIOUS = b"the previous edition, which a failed build must leave alone"


def make_book(root: Path, source: bytes | str = TEXT, toml: str = TOML) -> Path:
    book = root / "book"
    book.mkdir()
    (book / "book.toml").write_text(toml, "utf-8")
    data = source.encode("utf-8") if isinstance(source, str) else source
    (book / "source.txt").write_bytes(data)
    return book


def snapshot(*folders: Path) -> dict[str, bytes]:
    files = [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]
    return {str(p): p.read_bytes() for p in files}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder whose dist/ holds a previous EPUB of the book."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "small.epub").write_bytes(PREVIOUS)
    return tmp_path


def build(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["-q", "build", *args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], book: Path, *args: str) -> str:
    """Build, expecting a refusal: exit 2, one error line, no traceback, dist/ and the book untouched."""
    before = snapshot(book.parent / "dist", book)
    code, _, err = build(capsys, str(book), "--format", "epub", *args)
    assert code == cli.EXIT_ERROR, err
    errors = [line for line in err.splitlines() if line.startswith("bookbuild: error: ")]
    assert len(errors) == 1, err
    assert "Traceback" not in err
    assert snapshot(book.parent / "dist", book) == before
    return errors[0]


def built_text(workspace: Path) -> str:
    """The XHTML of every document of the EPUB that was built."""
    with zipfile.ZipFile(workspace / "dist" / "small.epub") as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml"))


def test_empty_manuscript(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = make_book(workspace, " \n\n \n")
    message = refused(capsys, book)
    assert "source.txt" in message and "empty" in message and "put the text of the book in it" in message


def test_binary_file(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    message = refused(capsys, make_book(workspace, png))
    assert "source.txt" in message and "binary" in message and "save the manuscript as plain text" in message


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        (TOML.replace("source.txt", "chapter-one.txt"), ["book.toml", "'chapter-one.txt' not found"]),
        ('[book]\ntitle = "A Small Book"\n', ["book.toml", "has no 'source'", 'source = "source.txt"']),
        (TOML.replace('"A Small Book"', "42"), ["[book]", "'title' must be a string, not int"]),
        ('[book]\nsource = "source.txt"\ntitle = "unclosed\n', ["book.toml:3:", "invalid TOML"]),
    ],
    ids=["missing source file", "missing required key", "wrong type", "syntax error"],
)
def test_a_bad_book_toml_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], toml: str, said: list[str]
) -> None:
    """Each says where (book.toml, its line or table) and what to write instead."""
    message = refused(capsys, make_book(workspace, toml=toml))
    for fragment in said:
        assert fragment in message


def test_book_toml_unknown_key_is_a_warning(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = make_book(workspace, toml=TOML + 'subtitel = "Oops"\n')
    code, _, err = build(capsys, str(book), "--format", "epub")
    assert code == 0
    assert "warning:" in err and "'subtitel'" in err and "did you mean 'subtitle'" in err
    assert (workspace / "dist" / "small.epub").read_bytes() != PREVIOUS


def test_no_headings_builds_one_chapter_with_a_warning(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "\n\n".join(f"Paragraph {n} of a text that has no headings at all, only prose." for n in range(8))
    book = make_book(workspace, text, toml='[book]\nsource = "source.txt"\nslug = "small"\n')
    before = (book / "source.txt").read_bytes()
    code, _, err = build(capsys, str(book), "--format", "epub")
    assert code == 0, err
    assert "warning:" in err and "no chapter headings" in err
    assert "Paragraph 7 of a text" in built_text(workspace)
    assert (book / "source.txt").read_bytes() == before


@pytest.mark.parametrize(
    ("reference", "said"),
    [
        ("https://example.com/photo.png", "remote images are refused"),
        ("../outside.png", "outside the book folder"),
        ("/etc/photo.png", "outside the book folder"),
    ],
)
def test_image_outside_the_book_is_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], reference: str, said: str
) -> None:
    book = make_book(workspace, toml=TOML.replace("source.txt", "canonical"))
    canonical = book / "canonical"
    canonical.mkdir()
    (canonical / "manuscript.toml").write_text('[[contents]]\nfile = "01-start.md"\nrole = "chapter"\n')
    (canonical / "01-start.md").write_text(f"# The Start\n\nA picture: ![a photo]({reference})\n")
    message = refused(capsys, book)
    assert "01-start.md" in message and repr(reference) in message and said in message


def test_raw_html_is_stripped_with_warnings(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = make_book(workspace, toml=TOML.replace("source.txt", "canonical"))
    canonical = book / "canonical"
    canonical.mkdir()
    (canonical / "manuscript.toml").write_text('[[contents]]\nfile = "01-start.md"\nrole = "chapter"\n')
    (canonical / "01-start.md").write_text(
        "# The Start\n\n"
        "Before <script>steal(document.cookie)</script> after.\n\n"
        '<iframe src="https://example.com/ad"></iframe>\n\n'
        '<span onclick="evil()">Click me</span> and the rest.\n'
    )
    code, _, err = build(capsys, str(book), "--format", "epub")
    assert code == 0, err
    assert "removed raw HTML (script)" in err and "(iframe)" in err and "(event handler)" in err
    text = built_text(workspace)
    assert "Before" in text and "after." in text and "Click me" in text
    for active in ("<script", "steal(", "<iframe", "onclick", "evil()"):
        assert active not in text


def test_characters_xml_forbids_are_removed(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = make_book(workspace, TEXT + "\nA bell\x07, a form feed\x0c and a NUL-free escape\x1b end here.\n")
    code, _, err = build(capsys, str(book), "--format", "epub")
    assert code == 0, err
    text = built_text(workspace)
    assert "a form feed and a NUL-free escape end here." in text.replace("\u2011", "-")
    assert not any(c in text for c in "\x07\x0c\x1b")


def test_a_file_where_dist_should_be(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "blocked").write_text("a file, not a folder")
    message = refused(capsys, make_book(workspace), "-o", "blocked/dist")
    assert "blocked: is a file, not a folder" in message and "-o DIR" in message


def test_a_dist_that_cannot_be_written(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = refused(capsys, make_book(workspace), "-o", "/proc/bookbuild-dist")
    assert "/proc/bookbuild-dist" in message and "cannot write here" in message


def failing_epub(monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> None:
    """The real EPUB backend writes its file, then the file is cut in half and the build fails."""
    real = renderer("epub")

    def half_written(book: object, target: Path, table: dict[str, object]) -> object:
        real(book, target, table)  # type: ignore[arg-type]
        with target.open("r+b") as f:
            f.truncate(target.stat().st_size // 2)
        raise failure

    monkeypatch.setattr(pipeline, "renderer", lambda fmt: half_written)


def test_a_full_disk_keeps_the_previous_edition(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_epub(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    message = refused(capsys, make_book(workspace))
    assert "dist/small.epub" in message and "No space left on device" in message
    assert "previous one is kept" in message and "free some disk space" in message
    assert sorted(p.name for p in (workspace / "dist").iterdir()) == ["small.epub"]  # no temporary left


@pytest.mark.parametrize(
    ("failure", "status"), [(RuntimeError("bug"), cli.EXIT_BUG), (KeyboardInterrupt(), 130)]
)
def test_a_build_failing_half_way_leaves_the_previous_edition(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    status: int,
) -> None:
    """A bug or Ctrl-C after half a file is written: the old edition stays, byte for byte."""
    book = make_book(workspace)
    failing_epub(monkeypatch, failure)
    before = snapshot(workspace / "dist", book)
    code, _, err = build(capsys, str(book), "--format", "epub")
    assert code == status
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert snapshot(workspace / "dist", book) == before
