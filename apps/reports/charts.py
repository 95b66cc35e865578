"""The chart of a progress report: issue status after each meeting, as SVG drawn by matplotlib.

The SVG keeps its text as text (svg.fonttype "none") in the family the PDF embeds, so WeasyPrint
sets the labels in the same font as the rest of the report.
"""

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from apps.deliberation.models import IssueStatus  # noqa: E402

FONT_FAMILY = "IPAexMincho"
STATUS_COLOURS = {
    IssueStatus.OPEN: "#d62728",
    IssueStatus.ASSIGNED: "#ff7f0e",
    IssueStatus.IN_PROGRESS: "#1f77b4",
    IssueStatus.RESOLVED: "#2ca02c",
    IssueStatus.DEFERRED: "#9467bd",
    IssueStatus.CLOSED: "#7f7f7f",
}
_registered: set[str] = set()


def _register_font(font_path: str) -> None:
    if font_path not in _registered:
        font_manager.fontManager.addfont(font_path)
        _registered.add(font_path)


def status_chart_svg(chart: dict[str, Any], *, font_path: str) -> str:
    """Stacked bars: how many issues stood in each status after each meeting."""
    _register_font(font_path)
    meetings = chart["meetings"]
    style = {
        "font.family": FONT_FAMILY,
        "font.size": 8,
        "svg.fonttype": "none",
        # Same data → same bytes: no random ids, no date.
        "svg.hashsalt": "shingi",
    }
    with plt.rc_context(style):  # type: ignore[arg-type]  # the stubs list rc keys as literals
        # The width of the page's text block, so that 8 pt in the SVG prints as 8 pt.
        figure, axes = plt.subplots(figsize=(6.8, 2.6))
        positions = list(range(len(meetings)))
        bottoms = [0] * len(meetings)
        for status in chart["statuses"]:
            counts = chart["counts"][status["code"]]
            if not any(counts):
                continue
            axes.bar(
                positions,
                counts,
                bottom=bottoms,
                color=STATUS_COLOURS.get(status["code"], "#333333"),
                label=status["label"],
                width=0.6 if len(meetings) > 3 else 0.3,
            )
            bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
        axes.set_xticks(positions, meetings, rotation=0 if len(meetings) <= 10 else 90)
        axes.set_ylabel("課題数")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        if any(bottoms):
            axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        # Fixed margins (room for the legend on the right): tight_layout costs more than the bars.
        figure.subplots_adjust(left=0.07, right=0.84, top=0.95, bottom=0.3 if len(meetings) > 10 else 0.14)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return buffer.getvalue()
