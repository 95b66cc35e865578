"""The only way WeasyPrint may load anything: the app's own static files.

Templates and CSS name assets as `static:reports/minutes.css`; what the renderer itself made
for one document (the chart) is served as `generated:chart.svg`. Everything else — file://,
http(s)://, data:, a path that climbs out with `..` — is refused, so text a user wrote can
never make the renderer read a local file or call out to the network.
"""

import mimetypes
import posixpath
from functools import lru_cache

from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "static:"
GENERATED = "generated:"


class RefusedURL(ValueError):
    """A URL outside the app's static files."""


def static_url(path: str) -> str:
    """The URL the fetcher serves for a static file path (reports/minutes.css)."""
    return SCHEME + path


def _static_path(url: str) -> str:
    if not url.startswith(SCHEME):
        raise RefusedURL(f"Only the app's static files may be loaded, not {url[:80]!r}")
    path = url.removeprefix(SCHEME).split("?", 1)[0].split("#", 1)[0]
    clean = posixpath.normpath(path.lstrip("/"))
    if clean.startswith("..") or clean in {"", "."}:
        raise RefusedURL(f"Not a static file path: {url[:80]!r}")
    return clean


@lru_cache(maxsize=32)
def _read_static(path: str) -> bytes:
    # Cached per process: the font is several megabytes and every document loads it.
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"No static file {path!r}")
    with open(found, "rb") as handle:
        return handle.read()


class StaticFilesFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves the app's static files and refuses the rest."""

    def __init__(self, generated: dict[str, bytes] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.generated = generated or {}

    def fetch(self, url, headers=None):
        if url.startswith(GENERATED) and url.removeprefix(GENERATED) in self.generated:
            name = url.removeprefix(GENERATED)
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, self.generated[name], {"Content-Type": content_type})
        path = _static_path(url)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if path.endswith(".ttf"):
            content_type = "font/ttf"
        return URLFetcherResponse(url, _read_static(path), {"Content-Type": content_type})
