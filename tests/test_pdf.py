"""The print edition: open the built PDFs and check what a printer and a reader would check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PageObject, PdfReader

from bookbuild import config as cfg
from bookbuild import model as m
from bookbuild.backends import Edition, pdf
from bookbuild.build import build, load_book
from bookbuild.errors import BookError
from bookbuild.pdf import options
from tests.conftest import BIOGRAPHY, ESSAY

INCH = 72
TRIM = (6 * INCH, 9 * INCH)
OPTS = options.PdfOptions()
GEOMETRY = options.geometry(OPTS)


@pytest.fixture(scope="module")
def biography(built: dict[str, dict[str, Edition]]) -> PdfReader:
    return PdfReader(built["jack-ma-visionary-legacy"]["pdf"].path)


@pytest.fixture(scope="module")
def book() -> m.Book:
    return load_book(cfg.load(BIOGRAPHY))


def lines(page: PageObject) -> list[tuple[float, float, str]]:
    """(x, y, text) of every piece of text on the page, y up from the bottom edge."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def running_head(page: PageObject) -> str:
    top = float(page.trimbox.top) - GEOMETRY.top
    return " ".join(t for _, y, t in lines(page) if y > top)


def folio(page: PageObject) -> str:
    return " ".join(t for _, y, t in lines(page) if y < GEOMETRY.bottom)


def opening_page(reader: PdfReader, anchor: str) -> int:
    return reader.get_destination_page_number(reader.named_destinations[anchor])


def chapter_pages(reader: PdfReader) -> dict[str, int]:
    """Page index of each top-level bookmark."""
    return {
        entry.title: reader.get_destination_page_number(entry)
        for entry in reader.outline
        if not isinstance(entry, list)
    }


def test_every_page_is_the_trim_size(biography: PdfReader) -> None:
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in biography.pages}
    assert sizes == {TRIM}
    assert len(biography.pages) > 100


def test_only_the_shipped_typeface_is_used_and_it_is_embedded(biography: PdfReader) -> None:
    fonts = {}
    for page in biography.pages[:40]:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[font["/BaseFont"]] = font
    assert {re.sub(r"^/[A-Z]{6}\+", "", name) for name in fonts} >= {
        "Charis-SIL",
        "Charis-SIL-Italic",
        "Charis-SIL-Bold",
    }
    for name, font in fonts.items():
        assert "Charis-SIL" in name, f"{name}: a system font slipped in"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_metadata_language_and_tags(biography: PdfReader, book: m.Book) -> None:
    info = biography.metadata
    assert info.title == book.metadata.title
    assert info.author == ", ".join(book.metadata.authors)
    root = biography.trailer["/Root"]
    assert root["/Lang"] == book.metadata.language
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_outline_goes_from_chapters_to_sections(biography: PdfReader, book: m.Book) -> None:
    titles = [e.title for e in biography.outline if not isinstance(e, list)]
    for chapter in book.body:
        assert f"{chapter.label}: {m.plain_text(chapter.title)}" in titles
    nested = [e for e in biography.outline if isinstance(e, list)]
    assert len(nested) >= len(book.body)  # each chapter's sections under it
    sections = [m.plain_text(h.title) for ch in book.body for h in ch.headings if h.level == 2]
    flat = " | ".join(e.title for group in nested for e in group if not isinstance(e, list))
    assert all(title in flat for title in sections)


def test_page_labels_follow_the_printed_folios(biography: PdfReader) -> None:
    labels = biography.page_labels
    first_body = labels.index("1")
    assert labels[:5] == ["i", "ii", "iii", "iv", "v"]
    assert all(re.fullmatch(r"[ivxl]+", label) for label in labels[:first_body])
    assert labels[first_body:] == [str(n) for n in range(1, len(labels) - first_body + 1)]
    printed = 0
    for page, label in zip(biography.pages, labels, strict=True):
        number = folio(page)
        if number:
            assert number == label
            printed += 1
    assert printed > 0.9 * len(labels) - 10


def test_chapters_open_on_rectos_without_running_head(biography: PdfReader, book: m.Book) -> None:
    opening = chapter_pages(biography)
    for chapter in book.body:
        index = opening[f"{chapter.label}: {m.plain_text(chapter.title)}"]
        page = biography.pages[index]
        assert index % 2 == 0, f"{chapter.label} opens on a verso"
        assert running_head(page) == ""
        assert folio(page) == biography.page_labels[index]


def test_running_heads_book_title_on_versos_chapter_title_on_rectos(
    biography: PdfReader, book: m.Book
) -> None:
    starts = [(opening_page(biography, c.id), m.plain_text(c.title)) for c in book.chapters]
    ends = [start for start, _ in starts[1:]] + [len(biography.pages)]
    checked = 0
    for (start, title), end in zip(starts, ends, strict=True):
        for index in range(start + 1, end):
            page = biography.pages[index]
            if not lines(page):
                continue  # a blank verso before the next chapter
            expected = book.metadata.title if index % 2 else title
            assert running_head(page) == expected, f"page {biography.page_labels[index]}"
            checked += 1
    assert checked > 200


def test_blank_pages_are_bare_versos(biography: PdfReader) -> None:
    blank = [i for i, page in enumerate(biography.pages) if not biography.pages[i].extract_text().strip()]
    assert blank, "the biography has chapters ending on rectos, so some versos are blank"
    assert all(i % 2 == 1 for i in blank)


def test_hyphens_are_few_and_never_more_than_three_lines_running(biography: PdfReader) -> None:
    ends = [line.endswith("\u2010") for page in biography.pages for line in page.extract_text().splitlines()]
    runs = [len(run) for run in "".join("h" if e else " " for e in ends).split()]
    assert runs, "long words are hyphenated"
    assert max(runs) <= 3
    assert sum(runs) < 0.1 * len(ends)


def test_contents_page_numbers_point_at_the_chapters(biography: PdfReader, book: m.Book) -> None:
    opening = chapter_pages(biography)
    contents_at = opening["Contents"]
    listed: dict[str, str] = {}
    for page in biography.pages[contents_at : contents_at + 4]:
        for text in page.extract_text().splitlines():
            if match := re.fullmatch(r"(.+?)[ .]*\.\s*(\d+)", text.strip()):
                listed[match.group(1).strip()] = match.group(2)
    for chapter in book.body:
        title = m.plain_text(chapter.title)
        index = opening[f"{chapter.label}: {title}"]
        assert listed.get(title) == biography.page_labels[index], title
        assert title.split()[0] in biography.pages[index].extract_text()


def test_mirrored_margins_with_a_gutter(biography: PdfReader) -> None:
    first_body = biography.page_labels.index("1")
    recto, verso = biography.pages[first_body + 2], biography.pages[first_body + 1]
    inner = min(x for x, _, _ in lines(recto))
    outer = min(x for x, _, _ in lines(verso))
    assert outer == pytest.approx(GEOMETRY.outside, abs=1)
    assert inner == pytest.approx(
        GEOMETRY.inside + options.auto_gutter(len(biography.pages), GEOMETRY.inside), abs=1
    )


def test_gutter_grows_with_the_page_count() -> None:
    widths = [options.auto_gutter(n, GEOMETRY.inside) for n in (80, 200, 400, 600, 900)]
    assert widths == sorted(widths) and widths[0] < widths[-1]
    assert all(GEOMETRY.inside + w >= 0.375 * INCH for w in widths)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    config = cfg.load(ESSAY)
    first = build(config, tmp_path / "a", ("pdf",))[0].path.read_bytes()
    second = build(config, tmp_path / "b", ("pdf",))[0].path.read_bytes()
    assert first == second


@pytest.fixture(scope="module")
def essay() -> m.Book:
    return load_book(cfg.load(ESSAY))


def test_press_profile_has_no_bookmarks_links_or_annotations(essay: m.Book, tmp_path: Path) -> None:
    reading = PdfReader(pdf.render(essay, tmp_path / "r.pdf", {}).path)
    assert reading.outline and any("/Annots" in p for p in reading.pages)  # the contents links
    press = PdfReader(pdf.render(essay, tmp_path / "p.pdf", {"profile": "press"}).path)
    assert press.outline == []
    assert not any("/Annots" in p for p in press.pages)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in press.pages} == {TRIM}
    assert press.page_labels == reading.page_labels  # the same layout


def test_press_bleed_is_on_the_outer_edges_and_marks_only_when_asked(essay: m.Book, tmp_path: Path) -> None:
    bleed = 0.125 * INCH
    press = PdfReader(pdf.render(essay, tmp_path / "p.pdf", {"profile": "press", "bleed": True}).path)
    recto, verso = press.pages[0], press.pages[1]
    for page in (recto, verso):
        assert float(page.trimbox.width) == pytest.approx(TRIM[0])
        assert float(page.mediabox.width) == pytest.approx(TRIM[0] + bleed)
        assert float(page.mediabox.height) == pytest.approx(TRIM[1] + 2 * bleed)
    # none on the binding edge: left of a recto, right of a verso
    assert float(recto.trimbox.left - recto.mediabox.left) == pytest.approx(0)
    assert float(verso.trimbox.left - verso.mediabox.left) == pytest.approx(bleed)
    marked = PdfReader(
        pdf.render(essay, tmp_path / "m.pdf", {"profile": "press", "bleed": True, "crop_marks": True}).path
    )
    assert float(marked.pages[0].mediabox.width) > float(press.pages[0].mediabox.width)


@pytest.mark.parametrize(
    "src",
    ["http://example.com/cover.png", "https://example.com/x.png", "file:///etc/hostname", "../outside.png"],
)
def test_references_outside_the_book_are_refused(src: str, tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(b"not read")
    folder = tmp_path / "book"
    folder.mkdir()
    chapter = m.Chapter("ch-1", "chapter", (m.Text("One"),), (m.Paragraph((m.Image(src, "x"),)),))
    book = m.Book(m.Metadata(title="T", slug="t"), (chapter,), base_dir=folder)
    with pytest.raises(BookError, match=re.escape(src.rsplit("/", 1)[-1])):
        pdf.render(book, tmp_path / "out.pdf", {})


def test_an_image_inside_the_book_is_used(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(tmp_path / "figure.png")
    chapter = m.Chapter("ch-1", "chapter", (m.Text("One"),), (m.Paragraph((m.Image("figure.png", "x"),)),))
    book = m.Book(m.Metadata(title="T", slug="t"), (chapter,), base_dir=tmp_path)
    reader = PdfReader(pdf.render(book, tmp_path / "out.pdf", {}).path)
    assert any("/XObject" in p["/Resources"] and p["/Resources"]["/XObject"] for p in reader.pages)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"profile": "glossy"}, "profile must be one of"),
        ({"trim_width": "6 inches"}, "trim_width must be a length"),
        ({"trim_width": 6}, "must be a string"),
        ({"margin_outside": "4in"}, "text area"),
    ],
)
def test_bad_pdf_options_are_errors_naming_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(BookError, match=message):
        options.read(table, "book.toml [pdf]")


def test_unknown_pdf_key_is_a_warning() -> None:
    with pytest.warns(cfg.ConfigWarning, match="gutters"):
        options.read({"gutters": "1in"}, "book.toml [pdf]")


def test_proof_renders_spreads_verso_left_recto_right(
    built: dict[str, dict[str, Edition]], tmp_path: Path
) -> None:
    from PIL import Image

    from bookbuild.proof import proof

    essay_pdf = built["ecommerce-pioneer"]["pdf"].path
    written = proof(essay_pdf, tmp_path, "1,3,99", as_spreads=True, dpi=20)
    assert [p.name for p in written] == [
        "ecommerce-pioneer-spread-001.png",
        "ecommerce-pioneer-spread-002-003.png",
    ]
    sizes = []
    for path in written:
        with Image.open(path) as image:
            sizes.append(image.size)
    single, spread = sizes
    assert single == (6 * 20, 9 * 20)
    assert spread[0] > 2 * single[0] and spread[1] == single[1]


@pytest.mark.parametrize("spec", ["0-3", "5-2", "x", "900"])
def test_proof_refuses_pages_it_cannot_show(spec: str) -> None:
    from bookbuild.proof import page_numbers

    with pytest.raises(BookError, match="--pages"):
        page_numbers(spec, 10)
