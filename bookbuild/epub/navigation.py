"""Navigation: nav.xhtml (nested contents and landmarks) and the EPUB 2 NCX entries.

Both are made from the same outline the printed contents uses (model.outline), so the
EPUB's contents, the NCX of older readers and the PDF's contents never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ebooklib import epub
from lxml import etree

from bookbuild import model as m
from bookbuild.epub.archive import Patch
from bookbuild.epub.matter import our_words
from bookbuild.render import xhtml

TOC_ID = "toc"
Href = Callable[[str, str | None], str]


@dataclass(frozen=True)
class Landmark:
    kind: str  # epub:type of the target: cover, toc, bodymatter
    href: str
    title: str


def nav(
    entries: tuple[m.OutlineEntry, ...], href: Href, landmarks: list[Landmark], language: str
) -> list[etree._Element]:
    """The body of nav.xhtml: the contents a reader sees, and the hidden landmarks."""
    english = our_words(language)
    toc = xhtml.el(
        "nav", {xhtml.EPUB_TYPE: "toc", "role": "doc-toc", "id": TOC_ID, "aria-labelledby": "toc-title"}
    )
    xhtml.sub(toc, "h1", {"id": "toc-title", "class": "toc-title", **english}, "Contents")
    toc.append(xhtml.contents(entries, xhtml.RenderOptions(href=href)))
    guide = xhtml.el(
        "nav",
        {
            xhtml.EPUB_TYPE: "landmarks",
            "class": "landmarks",
            "hidden": "hidden",
            "aria-labelledby": "lm-title",
            **english,
        },
    )
    xhtml.sub(guide, "h2", {"id": "lm-title"}, "Landmarks")
    ol = xhtml.sub(guide, "ol")
    for mark in landmarks:
        xhtml.sub(xhtml.sub(ol, "li"), "a", {xhtml.EPUB_TYPE: mark.kind, "href": mark.href}, mark.title)
    return [toc, guide]


def ncx(entries: tuple[m.OutlineEntry, ...], href: Href) -> list[object]:
    """The same tree as ebooklib's toc (Link leaves, (Section, children) branches) for toc.ncx."""
    out: list[object] = []
    for entry in entries:
        label = " ".join(p for p in (entry.label, m.plain_text(entry.title)) if p)
        target = href(entry.chapter_id, entry.anchor)
        if entry.children:
            out.append((epub.Section(label, target), ncx(entry.children, href)))
        else:
            out.append(epub.Link(target, label, f"np-{entry.anchor or entry.chapter_id}"))
    return out


def depth(entries: tuple[m.OutlineEntry, ...]) -> int:
    return max((1 + depth(e.children) for e in entries), default=0)


def ncx_depth(levels: int) -> Patch:
    """toc.ncx with its real dtb:depth (ebooklib writes 0), which older readers lay out by."""

    def patch(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for meta in root.iterfind("{*}head/{*}meta[@name='dtb:depth']"):
            meta.set("content", str(max(levels, 1)))
        return etree.tostring(root, encoding="utf-8", xml_declaration=True)

    return patch
