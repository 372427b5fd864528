"""One attribute of a module or class replaced for the length of a `with` block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import weasyprint

# The WeasyPrint whose internals bookbuild's speedups were written against and tested with.
PATCHABLE = weasyprint.__version__.startswith("70.")


@contextmanager
def replaced(owner: Any, name: str, value: Any) -> Iterator[Any]:
    """Yield the stock attribute (as stored: a classmethod stays a classmethod) and put it back after."""
    stock = vars(owner)[name]
    setattr(owner, name, value)
    try:
        yield stock
    finally:
        setattr(owner, name, stock)
