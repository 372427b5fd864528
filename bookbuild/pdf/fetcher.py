"""A URL fetcher for WeasyPrint that serves only files inside the project: the build is hermetic."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher


class RefusedURL(FatalURLFetchingError):
    """A reference to something outside the project; WeasyPrint must stop, not skip it."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class ProjectFetcher(URLFetcher):
    """Serves `file:` URLs under the given folders and refuses every other URL (network, other files)."""

    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.roots = tuple(r.resolve() for r in roots)

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(url)
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise RefusedURL(url)
        return super().fetch(url, headers)
