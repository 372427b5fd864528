"""The canonical manuscript folder: hand edits are used by the build and never overwritten silently."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from bookbuild import cli
from tests.conftest import ESSAY


def _normalize(out: Path, *extra: str) -> int:
    return cli.main(["-q", "normalize", str(ESSAY / "source.txt"), "-o", str(out), *extra])


def test_a_hand_edited_file_stops_normalize_until_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canon = tmp_path / "canonical"
    assert _normalize(canon) == 0
    assert _normalize(canon) == 0  # untouched: regenerating is safe
    chapter = next(p for p in canon.glob("*.md") if p.name != "report.md")
    edited = chapter.read_text() + "\nA paragraph the author added by hand.\n"
    chapter.write_text(edited)
    capsys.readouterr()
    assert _normalize(canon) == 2
    err = capsys.readouterr().err
    assert chapter.name in err and "--force" in err
    assert chapter.read_text() == edited
    assert _normalize(canon, "--force") == 0
    assert "by hand" not in chapter.read_text()


def test_a_book_whose_source_is_the_canonical_folder_builds_the_edits(tmp_path: Path) -> None:
    book = tmp_path / "book"
    assert _normalize(book / "canonical") == 0
    chapter = next(p for p in (book / "canonical").glob("*.md") if p.name != "report.md")
    chapter.write_text(chapter.read_text() + "\nA paragraph the author added by hand.\n")
    (book / "book.toml").write_text('[book]\nsource = "canonical"\ntitle = "Edited"\n')
    assert cli.main(["-q", "build", str(book), "-o", str(tmp_path / "dist"), "--format", "epub"]) == 0
    with zipfile.ZipFile(tmp_path / "dist" / "book.epub") as z:
        text = b"".join(z.read(n) for n in z.namelist() if n.startswith("EPUB/text/"))
    assert b"A paragraph the author added by hand." in text
