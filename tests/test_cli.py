"""The command line as a newcomer meets it: help, a new book, builds, summaries, JSON, quiet and colour."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bookbuild import cli
from bookbuild.backends import Edition
from tests.conftest import ESSAY

BOOKBUILD = Path(sys.executable).parent / "bookbuild"
ANSI = "\x1b["


def run(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed console script, as an author runs it (not a terminal: output is piped)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [str(BOOKBUILD), *args], capture_output=True, text=True, env={**environ, **(env or {})}, cwd=cwd
    )


def test_help_lists_every_command_and_how_to_start() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "check", "normalize", "new"):
        assert command in result.stdout
    assert "bookbuild new my-book" in result.stdout  # the first step, for someone who knows nothing
    check_help = run("check", "--help").stdout
    assert "--json" in check_help and "EPUBCheck" in check_help and "Exit status 0" in check_help


def test_a_new_book_builds_and_passes_every_check(tmp_path: Path) -> None:
    made = run("new", "first-novel", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    toml = (tmp_path / "first-novel" / "book.toml").read_text("utf-8")
    assert 'title = "First Novel"' in toml and toml.count("#") > 10  # explained by its comments

    result = run("build", "first-novel", "--check", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    editions = {e["format"]: e for e in report["books"][0]["editions"]}
    assert set(editions) == {"epub", "pdf"}
    assert editions["pdf"]["pages"] > 0 and editions["epub"]["chapters"] == 1
    assert editions["epub"]["size"] == (tmp_path / editions["epub"]["path"]).stat().st_size
    names = {c["check"] for c in report["checks"]}
    assert {"epubcheck", "accessibility metadata", "fonts embedded", "heading levels"} <= names
    assert all(c["ok"] for c in report["checks"])


def test_new_refuses_a_folder_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "novel").mkdir()
    (tmp_path / "novel" / "draft.txt").write_text("mine")
    assert cli.main(["new", str(tmp_path / "novel")]) == cli.EXIT_ERROR
    assert "already exists and is not empty" in capsys.readouterr().err
    assert (tmp_path / "novel" / "draft.txt").read_text() == "mine"


def test_build_shows_progress_lines_and_a_summary_table(tmp_path: Path) -> None:
    result = run("build", str(ESSAY), "--format", "epub", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "ecommerce-pioneer: normalize" in result.stderr  # plain progress lines: not a terminal
    assert "ecommerce-pioneer: epub" in result.stderr
    table = result.stdout
    assert str(tmp_path / "ecommerce-pioneer.epub") in table
    assert " KB" in table and "1 chapter" in table and " s" in table
    assert ANSI not in result.stdout + result.stderr  # no colour codes into a pipe


def test_quiet_prints_nothing_but_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", "-q", str(ESSAY), "--format", "epub", "-o", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    assert (tmp_path / "ecommerce-pioneer.epub").is_file()


def test_verbose_adds_the_time_of_each_stage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", "-v", str(ESSAY), "--format", "epub", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "normalize" in out and "load" in out and "epub" in out


def test_colour_only_when_asked_and_never_with_no_color(built: dict[str, dict[str, Edition]]) -> None:
    pdf = str(built["ecommerce-pioneer"]["pdf"].path)
    assert ANSI in run("check", pdf, env={"FORCE_COLOR": "1"}).stdout  # as on a terminal
    plain = run("check", pdf, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert plain.returncode == 0 and "pass" in plain.stdout and ANSI not in plain.stdout


def test_normalize_says_what_it_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "canonical"
    assert cli.main(["normalize", str(ESSAY / "source.txt"), "-o", str(out_dir)]) == 0
    err = capsys.readouterr().err
    assert "1 documents: 1 chapters, 0 sections" in err
    assert "joins" in err and "blocks removed" in err
    assert str(out_dir / "report.md") in err


def test_normalize_applies_the_books_normalize_options(tmp_path: Path) -> None:
    """Given the book (or its raw source), `normalize` honours book.toml's [normalize] table."""
    book = tmp_path / "book"
    book.mkdir()
    notice = "If you like this book, please send a donation to the author."
    chapters = "\n\n".join(f"Chapter {n}: Part {n}\n\nThe story of part {n} goes on here." for n in (1, 2))
    (book / "source.txt").write_text(f"A Book\n\n{notice}\n\n{chapters}\n\n{notice}\n")
    (book / "book.toml").write_text('[book]\nsource = "source.txt"\n[normalize]\nboilerplate = "drop"\n')
    for target in (book, book / "source.txt"):
        out_dir = tmp_path / f"canonical-{target.name}"
        assert cli.main(["normalize", str(target), "-o", str(out_dir)]) == 0
        text = "".join(p.read_text() for p in out_dir.glob("*.md") if p.name != "report.md")
        assert "donation" not in text
        assert "donation" in (out_dir / "report.md").read_text()


def test_build_json_reports_an_error_per_book(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "book.toml").write_text('[book]\nsource = "gone.txt"\n')
    code = cli.main(["build", "--json", str(broken), str(ESSAY), "--format", "epub", "-o", str(tmp_path)])
    assert code == cli.EXIT_ERROR
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["ok"] is False
    first, second = report["books"]
    assert first["ok"] is False and "gone.txt" in first["error"]
    assert second["ok"] is True and second["editions"][0]["format"] == "epub"  # the other book still built
    assert "bookbuild: error:" in captured.err and "gone.txt" in captured.err


def test_an_internal_error_is_one_line_and_verbose_shows_the_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("something bookbuild did not expect")

    monkeypatch.setattr("bookbuild.build.build_book", broken)
    args = ["build", str(ESSAY), "-o", str(tmp_path)]
    assert cli.main(args) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" in err and "Traceback" not in err
    assert cli.main(["-v", *args]) == cli.EXIT_BUG
    assert "Traceback" in capsys.readouterr().err
