"""The PDF speedups change how fast the book is made, not what is printed."""

from __future__ import annotations

import gc
import io
import zlib
from contextlib import nullcontext
from pathlib import Path

import pydyf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.layout import inline
from weasyprint.layout import page as page_layout
from weasyprint.text import line_break

from bookbuild import config as cfg
from bookbuild import model as m
from bookbuild.backends import pdf
from bookbuild.build import load_book
from bookbuild.pdf import options, speedups
from tests.conftest import ESSAY

Glyph = tuple[str, float, float]


@pytest.fixture(scope="module")
def essay() -> m.Book:
    return load_book(cfg.load(ESSAY))


def glyphs(path: Path) -> list[list[Glyph]]:
    """Every visible character of every page with its origin, in points."""
    pages = []
    document = pdfium.PdfDocument(path)
    for page in document:
        text = page.get_textpage()
        chars = text.get_text_range()[: text.count_chars()]
        pages.append([(c, *text.get_charbox(i)[:2]) for i, c in enumerate(chars) if not c.isspace()])
    document.close()
    return pages


def content_size(path: Path) -> int:
    return sum(len(page.get_contents().get_data()) for page in PdfReader(path).pages)


def test_the_same_glyphs_are_printed_in_the_same_places(
    essay: m.Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = pdf.render(essay, tmp_path / "fast.pdf", {}).path
    monkeypatch.setattr(speedups, "faster", nullcontext)
    stock = pdf.render(essay, tmp_path / "stock.pdf", {}).path
    ours, theirs = glyphs(fast), glyphs(stock)
    assert [[c for c, _, _ in page] for page in ours] == [[c for c, _, _ in page] for page in theirs]
    drift = max(
        max(abs(x1 - x2), abs(y1 - y2))
        for a, b in zip(ours, theirs, strict=True)
        for (_, x1, y1), (_, x2, y2) in zip(a, b, strict=True)
    )
    assert drift < 0.25  # points: a hundredth of an inch at most, kerning next to spaces
    assert content_size(fast) < 0.9 * content_size(stock)  # a justified line is one run, not one per word


def test_everything_is_put_back_afterwards() -> None:
    set_text, references = line_break.Layout.set_text, pydyf.PDF.page_references
    font_description, resolve = line_break.get_font_description, page_layout.resolve_percentages
    layout_context, create_layout = vars(Document)["_build_layout_context"], inline.create_layout
    with speedups.faster():
        assert vars(Document)["_build_layout_context"] is not layout_context
        assert inline.create_layout is not create_layout
        assert page_layout.resolve_percentages is not resolve
        assert not gc.isenabled()
        assert line_break.Layout.set_text is not set_text
        assert line_break.get_font_description is not font_description
        assert pydyf.zlib is not zlib
    assert gc.isenabled()
    assert line_break.Layout.set_text is set_text and pydyf.PDF.page_references is references
    assert line_break.get_font_description is font_description and pydyf.zlib is zlib
    assert page_layout.resolve_percentages is resolve
    assert vars(Document)["_build_layout_context"] is layout_context and inline.create_layout is create_layout


def test_streams_are_still_compressed_and_readable() -> None:
    stream = pydyf.Stream([b"BT /F1 12 Tf (text) Tj ET"] * 50, compress=True)
    with speedups.default_compression():
        data = stream.data
    body = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert b"/FlateDecode" in data and zlib.decompress(body) == b"\n".join(stream.stream)


def test_cached_page_references_match_pydyf_and_are_put_back() -> None:
    original = pydyf.PDF.page_references
    document = pydyf.PDF()
    for _ in range(3):
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))
    expected = document.page_references
    with speedups.cached_page_references():
        assert document.page_references == expected
        document.add_page(pydyf.Dictionary({"Type": "/Page"}))  # a new page is seen
        assert len(document.page_references) == 4
    assert pydyf.PDF.page_references is original


def test_the_laid_out_book_is_freed_without_a_collection(essay: m.Book, tmp_path: Path) -> None:
    pdf.render(essay, tmp_path / "warm.pdf", {})
    gc.collect()
    gc.disable()
    try:
        pdf.render(essay, tmp_path / "book.pdf", {})
        left = gc.collect()
    finally:
        gc.enable()
    assert left < 3000  # without emptying the layout context: over 7,000 objects of the essay's layout


def test_the_book_parsed_by_expat_prints_as_parsed_by_weasyprint(essay: m.Book) -> None:
    source = pdf._html(essay, options.PdfOptions())
    base = str(essay.base_dir.resolve())
    outputs = []
    for html in (speedups.html_document(source, base, None), HTML(string=source.decode(), base_url=base)):
        document = html.render()
        document.metadata.created = document.metadata.modified = "2000-01-01T00:00:00Z"
        outputs.append(document.write_pdf(pdf_tags=True))
    ours, theirs = outputs
    assert ours == theirs
    assert PdfReader(io.BytesIO(ours)).trailer["/Root"]["/Lang"] == essay.metadata.language  # from lang=""
