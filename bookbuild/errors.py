"""The one error type the command line turns into a single clear line on stderr."""

from __future__ import annotations

from pathlib import Path


class BookError(Exception):
    """A problem with the user's input: says what is wrong, where, and what to do.

    Anything else escaping the pipeline is a bug in bookbuild, not in the book.
    """

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"
