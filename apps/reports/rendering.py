"""From a snapshot to HTML to PDF. No database here: the worker renders what was hashed."""

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.contrib.staticfiles import finders
from django.template import Engine, loader
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from apps.core.tasks import ExpectedTaskFailure

from .charts import status_chart_svg
from .fetcher import GENERATED, StaticFilesFetcher
from .models import GeneratedDocument

Kind = GeneratedDocument.Kind

TEMPLATES: dict[str, str] = {
    Kind.MINUTES_PDF: "reports/minutes.html",
    Kind.PROGRESS_REPORT_PDF: "reports/progress_report.html",
}
# Static files that shape the output; a change to any of them makes every document new.
STATIC_INPUTS: dict[str, list[str]] = {
    Kind.MINUTES_PDF: ["reports/fonts.css", "reports/minutes.css", "reports/fonts/ipaexm.ttf"],
    Kind.PROGRESS_REPORT_PDF: ["reports/fonts.css", "reports/progress_report.css", "reports/fonts/ipaexm.ttf"],
}
FONT_PATH = "reports/fonts/ipaexm.ttf"
# Bump when the rendering code changes the output in a way the templates do not show.
RENDERER_VERSION = "1"


def font_file() -> str:
    """Where the static finders find the embedded font; a readable failure if it is missing."""
    found = finders.find(FONT_PATH)
    if not found:
        raise ExpectedTaskFailure(
            "日本語フォント（IPAex明朝）が見つかりません。fonts-ipaexfont をインストールしてください"
            "（make system-deps）。 / The Japanese font is not installed (run make system-deps)."
        )
    return found


@lru_cache(maxsize=8)
def layout_fingerprint(kind: str) -> str:
    """Hash of the template, CSS and font of a kind: part of every document's content hash."""
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    digest.update(Engine.get_default().get_template(TEMPLATES[kind]).source.encode())
    for path in STATIC_INPUTS[kind]:
        found = finders.find(path)
        digest.update(path.encode())
        if found:
            with open(found, "rb") as handle:
                # The font is large; its size and head are enough to tell versions apart.
                digest.update(handle.read(1 << 16) if path.endswith(".ttf") else handle.read())
    return digest.hexdigest()


def content_hash(kind: str, snapshot: dict[str, Any]) -> str:
    payload = json.dumps({"kind": kind, "snapshot": snapshot}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256((layout_fingerprint(kind) + payload).encode()).hexdigest()


def render_html(kind: str, snapshot: dict[str, Any]) -> tuple[str, dict[str, bytes]]:
    """The document as HTML, with the resources it draws (the chart) served to it by name.

    Every value from the snapshot is autoescaped by the template.
    """
    context: dict[str, Any] = {"doc": snapshot}
    generated: dict[str, bytes] = {}
    if (
        kind == Kind.PROGRESS_REPORT_PDF
        and snapshot["meetings"]
        and any(any(c) for c in snapshot["chart"]["counts"].values())
    ):
        generated["chart.svg"] = status_chart_svg(snapshot["chart"], font_path=font_file()).encode()
        context["chart_url"] = GENERATED + "chart.svg"
    return loader.render_to_string(TEMPLATES[kind], context), generated


def html_to_pdf(
    html: str, *, generated: dict[str, bytes] | None = None, on_layout: Callable[[], None] | None = None
) -> bytes:
    """WeasyPrint with the static-only fetcher; `on_layout` is called between layout and writing."""
    font_file()
    fetcher = StaticFilesFetcher(generated=generated)
    document = HTML(string=html, url_fetcher=fetcher, base_url=None).render(font_config=FontConfiguration())
    if on_layout:
        on_layout()
    return document.write_pdf()
