"""WeasyPrint 70 and pydyf 0.13 made fast enough for a book, without changing what is printed.

`faster()` is active only while bookbuild lays out and writes a PDF, and puts everything back after.
Measured on the biography (381 pages), CPU seconds of the PDF build:
- justified lines drawn as one run of glyphs (bookbuild.pdf.justify): ~3 s;
- the garbage collector paused: the laid-out book is millions of objects that live until the file is
  written, and every full collection walks them all: ~2 s, for ~40 MB more memory at the peak;
- the layout context let go of what it holds once the book is written: it refers to itself (and its
  target collector to closures that refer back), so the laid-out book could otherwise be freed only
  by a collection walking three quarters of a million objects: 0.3 s;
- page references kept while the tags are written: pydyf rebuilds the list of pages each time a
  tagged element asks for its page, pages x elements work: ~5 s;
- streams compressed at zlib's default level instead of 9: a third of a second, 3 % larger streams;
- one Pango font description per font, not one per line: a fifth of a second;
- no sizes worked out for the empty margin boxes (14 of the 16 on every page), which are then set
  to nothing anyway: half a second;
- the book's XHTML read by expat instead of WeasyPrint's pure-Python HTML5 parser (`html_document`):
  nearly half a second.
On another WeasyPrint the layout patches are left out: the build is slower, never different.
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Any
from xml.etree import ElementTree

import cssselect2
import pydyf
import weasyprint
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.layout import page
from weasyprint.text import line_break

from bookbuild.pdf.justify import one_run_per_line
from bookbuild.pdf.patch import PATCHABLE, replaced

_page_references = pydyf.PDF.page_references


def _cached_page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    kids = len(pdf.pages["Kids"])
    cached = pdf.__dict__.get("_bookbuild_page_references")
    if cached is None or cached[0] != kids:
        cached = (kids, _page_references.fget(pdf))
        pdf.__dict__["_bookbuild_page_references"] = cached
    return cached[1]


@contextmanager
def cached_page_references() -> Iterator[None]:
    """While a PDF is written, page references are computed once per page count, not per element."""
    if not isinstance(_page_references, property):  # a pydyf that changed shape: leave it alone
        yield
        return
    with replaced(pydyf.PDF, "page_references", property(_cached_page_references)):
        yield


class _DefaultLevelZlib:
    """zlib as pydyf sees it, with its level 9 turned down to zlib's default (same data, faster)."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION, *args: Any) -> Any:
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, *args)


def default_compression() -> AbstractContextManager[Any]:
    return replaced(pydyf, "zlib", _DefaultLevelZlib)


# What get_font_description reads besides the family.
FONT_KEYS = (
    "font_style",
    "font_stretch",
    "font_weight",
    "font_size",
    "font_variant_caps",
    "font_variation_settings",
)


@contextmanager
def shared_font_descriptions() -> Iterator[None]:
    """Pango copies the description into each layout, so one made per font serves them all."""
    stock = line_break.get_font_description
    made: dict[tuple[Any, ...], Any] = {}

    def get_font_description(style: Any) -> Any:
        key = (tuple(style["font_family"]), *(style[k] for k in FONT_KEYS))
        if (description := made.get(key)) is None:
            description = made[key] = stock(style)
        return description

    with replaced(line_break, "get_font_description", get_font_description):
        yield


@contextmanager
def empty_margin_boxes_unsized() -> Iterator[None]:
    """make_margin_boxes resolves the sizes of every margin box, then zeroes those of the empty ones."""
    stock = page.resolve_percentages

    def resolve_percentages(box: Any, containing_block: Any) -> None:
        if not (isinstance(box, boxes.MarginBox) and not box.is_generated):
            stock(box, containing_block)

    with replaced(page, "resolve_percentages", resolve_percentages):
        yield


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _ParsedHTML(weasyprint.HTML):
    """An HTML document given as a tree, as WeasyPrint's HTML5 parser would have made it."""

    def __init__(self, root: ElementTree.Element, base_url: str, url_fetcher: Any) -> None:
        self.base_url, self.url_fetcher, self.media_type = base_url, url_fetcher, "print"
        self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
        self.etree_element = self.wrapper_element.etree_element


def _html_tree(xhtml: bytes) -> ElementTree.Element:
    """The XHTML as the HTML parser sees it: no namespaces on elements, xml:lang a plain attribute."""
    root = ElementTree.fromstring(xhtml)
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
        for name in [n for n in element.attrib if n.startswith("{")]:
            namespace, _, local = name[1:].partition("}")
            prefix = "xml:" if namespace == "http://www.w3.org/XML/1998/namespace" else ""
            element.attrib[prefix + local] = element.attrib.pop(name)
    return root


def html_document(xhtml: bytes, base_url: str, url_fetcher: Any) -> weasyprint.HTML:
    """The book's XHTML for WeasyPrint, parsed by expat where this WeasyPrint's HTML class allows it."""
    if not PATCHABLE:
        return weasyprint.HTML(string=xhtml.decode("utf-8"), base_url=base_url, url_fetcher=url_fetcher)
    return _ParsedHTML(_html_tree(xhtml), base_url, url_fetcher)


@contextmanager
def layout_contexts_released() -> Iterator[None]:
    """Layout contexts made while active are emptied at the end, when the book they laid out is written."""
    stock = vars(Document)["_build_layout_context"]
    made: list[Any] = []

    def build_layout_context(cls: type[Document], *args: Any) -> Any:
        context = stock.__func__(cls, *args)
        made.append(context)
        return context

    with replaced(Document, "_build_layout_context", classmethod(build_layout_context)):
        yield
    for context in made:
        vars(context.target_collector).clear()
        vars(context).clear()


@contextmanager
def faster() -> Iterator[None]:
    with ExitStack() as stack:
        stack.enter_context(collector_paused())  # entered first, so it resumes last
        stack.enter_context(cached_page_references())
        stack.enter_context(default_compression())
        if PATCHABLE:
            stack.enter_context(layout_contexts_released())
            stack.enter_context(one_run_per_line())
            stack.enter_context(shared_font_descriptions())
            stack.enter_context(empty_margin_boxes_unsized())
        yield
