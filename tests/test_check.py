"""The quality gates: the seed editions pass them, and each gate catches what it is for."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from bookbuild import cli
from bookbuild.backends import Edition
from bookbuild.check import Check, epub, passed, pdf
from bookbuild.check import manuscript as manuscript_checks
from bookbuild.config import BookConfig, BookOptions
from bookbuild.load import load
from bookbuild.manuscript import Document, Manuscript
from tests.conftest import ESSAY

BIO = "jack-ma-visionary-legacy"
ESSAY_SLUG = "ecommerce-pioneer"


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


# --- manuscript -------------------------------------------------------------------------------

PROSE = "A sentence of plain prose that a reader follows without trouble, one clause after another."
REPEATED = (
    "Ma founded the company in his apartment with seventeen friends, and they worked long nights "
    "to build a marketplace for small exporters."
)
FLAWED = f"""# The Chapter

{PROSE}

## An Empty Section

## A Section

{REPEATED}

#### Too Deep

{PROSE} It has **bold markers left over, never closed.

## Another Section

{REPEATED.replace("seventeen", "seventeen close")}

{" ".join([PROSE] * 30)}

\\- a list dash nobody turned into a list.
"""


def manuscript_findings(text: str) -> dict[str, Check]:
    ms = Manuscript(metadata={"title": "T"}, documents=[Document("01-the-chapter.md", "chapter", text)])
    config = BookConfig(root=Path("."), book=BookOptions(source="x", slug="t"), tables={})
    return by_name(manuscript_checks.check(ms, load(ms, config), "book"))


def test_manuscript_checks_name_each_flaw_with_its_line() -> None:
    found = manuscript_findings(FLAWED)
    assert found["heading levels"].problems == (
        "01-the-chapter.md:11: level 4 heading 'Too Deep' follows level 2",
    )
    assert found["empty sections"].problems == (
        "01-the-chapter.md:5: section 'An Empty Section' has no text",
    )
    (duplicate,) = found["near-duplicate paragraphs"].problems
    assert duplicate.startswith("01-the-chapter.md:17 repeats 01-the-chapter.md:9")
    markup = found["leftover markup"].problems
    assert len(markup) == 2
    assert markup[0].startswith("01-the-chapter.md:13: bold markers")
    assert markup[1].startswith("01-the-chapter.md:21: a list dash")
    (long,) = found["long paragraphs"].problems
    assert long.startswith("01-the-chapter.md:19: 450 words")


def test_a_clean_manuscript_passes() -> None:
    last = "Then the story moves to another city, other people and a different decade altogether."
    text = f"# The Chapter\n\n{PROSE}\n\n## A Section\n\n{REPEATED}\n\n### A Subsection\n\n{last}\n"
    found = manuscript_findings(text)
    assert passed(list(found.values())), [c.problems for c in found.values()]


# --- PDF --------------------------------------------------------------------------------------


def test_the_seed_pdfs_pass(built: dict[str, dict[str, Edition]]) -> None:
    for slug in (BIO, ESSAY_SLUG):
        checks = by_name(pdf.check(built[slug]["pdf"].path))
        assert passed(list(checks.values())), [c.problems for c in checks.values()]
    bio = by_name(pdf.check(built[BIO]["pdf"].path))
    compared = int(bio["contents page numbers"].note.split()[0])
    assert compared >= 20  # every chapter's entry (and each section's, at a deeper contents) was compared
    assert "6.00 × 9.00 in" in bio["page size"].note


def test_wrong_contents_numbers_are_caught(built: dict[str, dict[str, Edition]], tmp_path: Path) -> None:
    """Page labels counting from the first sheet: the printed contents no longer matches them."""
    writer = PdfWriter(clone_from=built[ESSAY_SLUG]["pdf"].path)
    writer.set_page_label(0, len(writer.pages) - 1, style="/D", start=1)
    shifted = tmp_path / "shifted.pdf"
    writer.write(shifted)
    found = by_name(pdf.check(shifted))
    (problem,) = found["contents page numbers"].problems
    assert "'The E-commerce Pioneer' says 1, its page is 7" in problem


def test_a_careless_pdf_fails_size_fonts_outline_and_labels(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(432, 648)
    odd = writer.add_blank_page(612, 792)
    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    font = DictionaryObject({NameObject("/F1"): writer._add_object(helvetica)})
    odd[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): font})
    careless = tmp_path / "careless.pdf"
    writer.write(careless)
    found = by_name(pdf.check(careless))
    assert found["page size"].problems == ("page 2 is not 432 × 648 pt",)
    assert found["fonts embedded"].problems == ("/Helvetica is not embedded (first used on page 2)",)
    assert found["outline"].problems == ("the PDF has no bookmarks",)
    assert found["page labels"].problems == ("the PDF has no page labels",)


# --- EPUB -------------------------------------------------------------------------------------


def test_missing_accessibility_metadata_is_named(
    built: dict[str, dict[str, Edition]], tmp_path: Path
) -> None:
    source = built[ESSAY_SLUG]["epub"].path
    stripped = tmp_path / "stripped.epub"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.endswith(".opf"):
                data = b"\n".join(line for line in data.split(b"\n") if b"accessibilitySummary" not in line)
            zout.writestr(item, data)
    assert epub.accessibility(source).ok
    assert epub.accessibility(stripped).problems == (
        "no schema:accessibilitySummary in the package metadata",
    )


def test_check_a_book_folder_with_its_editions(
    built: dict[str, dict[str, Edition]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The command on the essay's folder: manuscript gates, EPUBCheck, the PDF gates; all pass."""
    out_dir = built[ESSAY_SLUG]["epub"].path.parent
    assert cli.main(["check", "--json", str(ESSAY), "-o", str(out_dir)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    names = {(Path(c["target"]).suffix, c["check"]) for c in report["checks"]}
    assert ("", "near-duplicate paragraphs") in names
    assert (".epub", "epubcheck") in names and (".pdf", "fonts embedded") in names


def test_an_invalid_epub_fails_with_epubchecks_message(
    built: dict[str, dict[str, Edition]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.epub"
    shutil.copy(built[ESSAY_SLUG]["epub"].path, broken)
    with zipfile.ZipFile(broken) as z:
        css = next(n for n in z.namelist() if n.endswith(".css"))
        items = {i.filename: z.read(i) for i in z.infolist() if i.filename != css}
    with zipfile.ZipFile(broken, "w") as z:  # the stylesheet the package lists is gone
        z.writestr(zipfile.ZipInfo("mimetype"), items.pop("mimetype"))
        for name, data in items.items():
            z.writestr(name, data, zipfile.ZIP_DEFLATED)
    assert cli.main(["check", "-v", str(broken)]) == cli.EXIT_FAILED_CHECKS
    out = capsys.readouterr().out
    assert "FAIL" in out and "ERROR" in out and css.rpartition("/")[2] in out


def test_check_refuses_what_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "notes.pdf"
    fake.write_text("not a PDF at all")
    assert cli.main(["check", str(fake)]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "notes.pdf: not a readable PDF" in err
    assert [line for line in err.splitlines() if "notes.pdf: check" not in line] == err.splitlines()[-1:]
