"""The one XHTML rendering of the model, shared by the EPUB and PDF backends.

Backends differ only by options (how links between documents are written,
which stylesheet is linked); the markup of a chapter is written once, here.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class RenderOptions:
    """How the shared markup adapts to a backend."""

    href: Callable[[str, str | None], str]  # (chapter_id, anchor) -> href of a link target
    image_src: Callable[[str], str] = lambda src: src  # model image src -> src in the output
    epub_types: bool = True


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
            inlines(sub(parent, "a", {"href": node.href}), node.children, opts)
        elif isinstance(node, m.Image):
            sub(parent, "img", {"src": opts.image_src(node.src), "alt": node.alt})
        elif isinstance(node, m.LineBreak):
            sub(parent, "br")


def blocks(parent: etree._Element, nodes: tuple[m.Block, ...], opts: RenderOptions) -> None:
    for node in nodes:
        if isinstance(node, m.Heading):
            _heading(sub(parent, f"h{node.level}", {"id": node.id}), node.label, node.title, opts)
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
                    blocks(li, item, opts)
        elif isinstance(node, m.BlockQuote):
            blocks(sub(parent, "blockquote"), node.children, opts)
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


def chapter(ch: m.Chapter, opts: RenderOptions) -> etree._Element:
    """A chapter (or front/back matter piece) as a <section> with its title as <h1>."""
    epub_type, aria = ROLE_TYPES[ch.role]
    section = el("section", {"id": ch.id, "class": ch.role})
    if opts.epub_types:
        section.set(EPUB_TYPE, "bodymatter chapter" if ch.role == "chapter" else epub_type)
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
    blocks(section, ch.blocks, opts)
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
