"""The one XHTML rendering of the model, shared by the EPUB and PDF backends.

Backends differ only by options (how links between documents are written,
which stylesheet is linked); the markup of a chapter is written once, here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from bookbuild import model as m

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
NSMAP = {None: XHTML, "epub": EPUB}
EPUB_TYPE = f"{{{EPUB}}}type"

# epub:type of each role and the ARIA role that must match it
ROLE_TYPES = {
    "chapter": ("chapter", "doc-chapter"),
    "frontmatter": ("frontmatter", None),
    "backmatter": ("backmatter", None),
}

# A front/back matter piece whose title names its kind gets that kind's epub:type and
# DPUB-ARIA role, so reading systems and screen readers can tell a preface from an appendix.
MATTER_KINDS = {
    "preface": "preface",
    "foreword": "foreword",
    "introduction": "introduction",
    "prologue": "prologue",
    "epilogue": "epilogue",
    "afterword": "afterword",
    "conclusion": "conclusion",
    "acknowledgments": "acknowledgments",
    "acknowledgements": "acknowledgments",
    "dedication": "dedication",
    "appendix": "appendix",
    "bibliography": "bibliography",
    "glossary": "glossary",
}

# Link targets a reader can follow safely; anything else (javascript:, data:, file:) is dropped.
SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.I)


def external_link(href: str) -> str | None:
    return href if SAFE_LINK.match(href) else None


@dataclass(frozen=True)
class RenderOptions:
    """How the shared markup adapts to a backend."""

    href: Callable[[str, str | None], str]  # (chapter_id, anchor) -> href of a link target
    image_src: Callable[[str], str] = lambda src: src  # model image src -> src in the output
    epub_types: bool = True
    # a manuscript link -> the href written, or None to keep only its text (unsafe or dangling)
    link_href: Callable[[str], str | None] = external_link


def el(tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    node = etree.Element(f"{{{XHTML}}}{tag}", nsmap=NSMAP)
    for key, value in (attrib or {}).items():
        node.set(key, value)
    if text:
        node.text = text
    return node


def sub(
    parent: etree._Element, tag: str, attrib: dict[str, str] | None = None, text: str | None = None
) -> etree._Element:
    node = etree.SubElement(parent, f"{{{XHTML}}}{tag}")
    for key, value in (attrib or {}).items():
        node.set(key, value)
    if text:
        node.text = text
    return node


def append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child (lxml keeps text in .text/.tail)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def inlines(parent: etree._Element, nodes: tuple[m.Inline, ...], opts: RenderOptions) -> None:
    for node in nodes:
        if isinstance(node, m.Text):
            append_text(parent, node.text)
        elif isinstance(node, m.Emphasis):
            inlines(sub(parent, "em"), node.children, opts)
        elif isinstance(node, m.Strong):
            inlines(sub(parent, "strong"), node.children, opts)
        elif isinstance(node, m.Code):
            sub(parent, "code", text=node.text)
        elif isinstance(node, m.Link):
            href = opts.link_href(node.href)
            inlines(sub(parent, "a", {"href": href}) if href else parent, node.children, opts)
        elif isinstance(node, m.Image):
            sub(parent, "img", {"src": opts.image_src(node.src), "alt": node.alt})
        elif isinstance(node, m.LineBreak):
            sub(parent, "br")


def heading_levels(blocks: tuple[m.Block, ...], top: int) -> dict[str, int]:
    """The level each heading is rendered at: never more than one below the one before it.

    A manuscript may jump from a section to a sub-sub-section; readers and screen readers
    expect no skipped levels, so the jump is closed without changing the order of headings.
    """
    levels: dict[str, int] = {}
    previous = top
    for head in (b for b in m.walk(blocks) if isinstance(b, m.Heading)):
        previous = levels[head.id] = max(top + 1, min(head.level, previous + 1, 6))
    return levels


def blocks(
    parent: etree._Element,
    nodes: tuple[m.Block, ...],
    opts: RenderOptions,
    levels: dict[str, int] | None = None,
) -> None:
    """Render blocks; `levels` (from heading_levels) overrides the level of headings."""
    levels = levels or {}
    for node in nodes:
        if isinstance(node, m.Heading):
            level = levels.get(node.id, node.level)
            _heading(sub(parent, f"h{level}", {"id": node.id}), node.label, node.title, opts)
        elif isinstance(node, m.Paragraph):
            inlines(sub(parent, "p"), node.children, opts)
        elif isinstance(node, m.ListBlock):
            attrs = {"start": str(node.start)} if node.ordered and node.start != 1 else {}
            lst = sub(parent, "ol" if node.ordered else "ul", attrs)
            for item in node.items:
                li = sub(lst, "li")
                if len(item) == 1 and isinstance(item[0], m.Paragraph):
                    inlines(li, item[0].children, opts)  # tight item: no <p> inside
                else:
                    blocks(li, item, opts, levels)
        elif isinstance(node, m.BlockQuote):
            blocks(sub(parent, "blockquote"), node.children, opts, levels)
        elif isinstance(node, m.CodeBlock):
            sub(sub(parent, "pre"), "code", text=node.text)
        elif isinstance(node, m.ThematicBreak):
            sub(parent, "hr")


def _heading(
    node: etree._Element, label: str | None, title: tuple[m.Inline, ...], opts: RenderOptions
) -> None:
    if label:
        sub(node, "span", {"class": "label"}, label)
        append_text(node, " ")
    inlines(node, title, opts)


def section_type(ch: m.Chapter) -> tuple[str, str | None]:
    """The epub:type of a document's <section> and the ARIA role matching it."""
    if ch.role == "chapter":
        return ROLE_TYPES["chapter"]
    folded = unicodedata.normalize("NFKD", m.plain_text(ch.title).lower())  # "Préface" -> "preface"
    words = re.findall(r"[a-z]+", folded.encode("ascii", "ignore").decode())
    kind = MATTER_KINDS.get(words[0]) if words else None
    return (kind, f"doc-{kind}") if kind else ROLE_TYPES[ch.role]


def chapter(ch: m.Chapter, opts: RenderOptions) -> etree._Element:
    """A chapter (or front/back matter piece) as a <section> with its title as <h1>.

    The division it belongs to (bodymatter, frontmatter, backmatter) is the epub:type
    of the <body> the backend puts it in.
    """
    epub_type, aria = section_type(ch)
    section = el("section", {"id": ch.id, "class": ch.role})
    if opts.epub_types:
        section.set(EPUB_TYPE, epub_type)
    if aria:
        section.set("role", aria)
    if ch.title:
        head = sub(section, "h1", {"class": "chapter-title"})
        if ch.label:
            sub(head, "span", {"class": "label"}, ch.label)
            sub(head, "br")
        inlines(head, ch.title, opts)
    else:
        section.set("aria-label", "Note")
    blocks(section, ch.blocks, opts, heading_levels(ch.blocks, top=1 if ch.title else 0))
    return section


def contents(entries: tuple[m.OutlineEntry, ...], opts: RenderOptions) -> etree._Element:
    """A nested <ol> of the outline: the same list in the EPUB nav and the printed contents."""
    ol = el("ol")
    for entry in entries:
        li = sub(ol, "li", {"class": f"toc-level-{entry.level}"})
        a = sub(li, "a", {"href": opts.href(entry.chapter_id, entry.anchor)})
        if entry.label:
            sub(a, "span", {"class": "label"}, entry.label)
            append_text(a, " ")
        inlines(a, entry.title, opts)
        if entry.children:
            li.append(contents(entry.children, opts))
    return ol


def document(
    title: str, lang: str, body: list[etree._Element], stylesheets: list[str], body_type: str | None = None
) -> bytes:
    """A complete XHTML5 document (the EPUB content document format, also fine for WeasyPrint)."""
    html = el("html", {"lang": lang, "{http://www.w3.org/XML/1998/namespace}lang": lang})
    head = sub(html, "head")
    sub(head, "meta", {"charset": "utf-8"})
    sub(head, "title", text=title)
    for href in stylesheets:
        sub(head, "link", {"rel": "stylesheet", "type": "text/css", "href": href})
    body_el = sub(html, "body")
    if body_type:
        body_el.set(EPUB_TYPE, body_type)
    for node in body:
        body_el.append(node)
    return b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n" + etree.tostring(
        html, encoding="utf-8"
    )
