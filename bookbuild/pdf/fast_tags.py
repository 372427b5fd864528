"""Tagging a long book without quadratic time.

pydyf 0.13 rebuilds its list of page references every time WeasyPrint's tagging asks for the page
of one tagged element: pages x elements work, a sixth of the biography's build (~5 s CPU of 30).
While the tags are written the page list does not change, so the list is kept until it does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pydyf

_uncached = pydyf.PDF.page_references


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    kids = len(pdf.pages["Kids"])
    cached = pdf.__dict__.get("_bookbuild_page_references")
    if cached is None or cached[0] != kids:
        cached = (kids, _uncached.fget(pdf))
        pdf.__dict__["_bookbuild_page_references"] = cached
    return cached[1]


@contextmanager
def cached_page_references() -> Iterator[None]:
    """While a PDF is written, page references are computed once per page count, not per element."""
    if not isinstance(_uncached, property):  # a pydyf that changed shape: leave it alone
        yield
        return
    pydyf.PDF.page_references = property(_page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = _uncached
