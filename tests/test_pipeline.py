"""End to end: the real biography goes through the whole pipeline."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from bookbuild import __version__, cli
from bookbuild.backends import Edition
from tests.conftest import ESSAY

BIO = "jack-ma-visionary-legacy"
CHAPTER_RE = re.compile(r"Chapter (\d+)")


def test_both_books_give_both_editions(built: dict[str, dict[str, Edition]]) -> None:
    assert set(built) == {BIO, "ecommerce-pioneer"}
    for editions in built.values():
        assert set(editions) == {"epub", "pdf"}
        assert editions["epub"].path.name.endswith(".epub")
        assert editions["pdf"].path.read_bytes().startswith(b"%PDF-")


def test_epub_has_the_twenty_chapters_in_order(built: dict[str, dict[str, Edition]]) -> None:
    epub = built[BIO]["epub"].path
    with zipfile.ZipFile(epub) as z:
        opf_name = next(n for n in z.namelist() if n.endswith(".opf"))
        opf = etree.fromstring(z.read(opf_name))
        ns = {"opf": "http://www.idpf.org/2007/opf"}
        manifest = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:manifest/opf:item", ns)}
        spine = [manifest[r.get("idref")] for r in opf.iterfind(".//opf:spine/opf:itemref", ns)]
        base = opf_name.rpartition("/")[0]
        numbers = []
        for href in spine:
            doc = etree.fromstring(z.read(f"{base}/{href}" if base else href))
            for h1 in doc.iter("{http://www.w3.org/1999/xhtml}h1"):
                found = CHAPTER_RE.search("".join(h1.itertext()))
                if found:
                    numbers.append(int(found.group(1)))
    assert numbers == list(range(1, 21))


def test_pdf_has_the_chapters_in_order(built: dict[str, dict[str, Edition]]) -> None:
    """The bookmarks list Chapter 1..20 in order, each pointing at a page that opens that chapter."""
    reader = PdfReader(built[BIO]["pdf"].path)
    chapters = [
        (int(found.group(1)), reader.get_destination_page_number(entry))
        for entry in reader.outline
        if not isinstance(entry, list) and (found := CHAPTER_RE.match(entry.title))
    ]
    assert [n for n, _ in chapters] == list(range(1, 21))
    pages = [page for _, page in chapters]
    assert pages == sorted(pages)
    for number, page in chapters:
        assert f"Chapter {number}" in reader.pages[page].extract_text()


def test_a_bare_text_file_builds_with_metadata_from_its_text(tmp_path: Path) -> None:
    """No book folder at all: title and subtitle come from the text; -o and --format are honoured."""
    raw = tmp_path / "pioneer.txt"
    raw.write_bytes((ESSAY / "source.txt").read_bytes())
    before = raw.read_bytes()
    assert cli.main(["-q", "build", str(raw), "-o", str(tmp_path / "out"), "--format", "epub"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pioneer.epub"]
    assert raw.read_bytes() == before
    with zipfile.ZipFile(tmp_path / "out" / "pioneer.epub") as z:
        opf = etree.fromstring(z.read(next(n for n in z.namelist() if n.endswith(".opf"))))
    titles = [t.text for t in opf.iter("{http://purl.org/dc/elements/1.1/}title")]
    assert titles == ["The E-commerce Pioneer", "The Inspirational Journey of Jack Ma"]
    assert not list(opf.iter("{http://purl.org/dc/elements/1.1/}creator"))  # no author invented


def test_version_names_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"bookbuild {__version__}"
