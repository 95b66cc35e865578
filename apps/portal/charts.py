"""The issue-status chart of a body page: the progress report's chart data drawn as inline SVG.

The data is the report's own (apps.reports.selectors.progress_report_snapshot()["chart"]), so
the page and the PDF count the same issues. Colours are the Okabe–Ito palette, which readers
with any common colour-vision deficiency can tell apart; every bar also carries its count and
the legend its label, so nothing depends on colour alone.
"""

from dataclasses import dataclass
from typing import Any

from apps.deliberation.models import IssueStatus

# Okabe & Ito (2008), "Color Universal Design".
STATUS_COLOURS = {
    "open": "#D55E00",  # vermillion
    "assigned": "#E69F00",  # orange
    "in_progress": "#0072B2",  # blue
    "resolved": "#009E73",  # bluish green
    "deferred": "#CC79A7",  # reddish purple
    "closed": "#7A7A7A",  # grey
}
# Text drawn on a bar: white where the colour is dark enough, black otherwise (WCAG contrast).
LIGHT_BARS = {"#E69F00", "#CC79A7"}
MAX_MEETINGS = 12
WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 640, 240, 12, 40, 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    text_colour: str
    count: int
    label: str

    @property
    def text_y(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Column:
    x: float
    label: str
    total: int
    bars: list[Bar]


def status_chart(chart: dict[str, Any]) -> dict[str, Any] | None:
    """Geometry of stacked bars (issues per status after each meeting), the latest meetings last."""
    labels = [label.replace("\n", " ") for label in chart.get("meetings", [])][-MAX_MEETINGS:]
    if not labels:
        return None
    first = len(chart["meetings"]) - len(labels)
    statuses = [s for s in chart["statuses"] if any(chart["counts"][s["code"]][first:])]
    totals = [sum(chart["counts"][s["code"]][first + i] for s in statuses) for i in range(len(labels))]
    scale = (HEIGHT - TOP - BOTTOM) / max(max(totals), 1)
    step = (WIDTH - LEFT) / len(labels)
    bar_width = min(step * 0.7, 56)
    names = dict(IssueStatus.choices)  # the report's labels are Japanese; the page speaks the reader's language
    columns = []
    for i, label in enumerate(labels):
        x = LEFT + i * step + (step - bar_width) / 2
        y = HEIGHT - BOTTOM
        bars = []
        for status in statuses:
            count = chart["counts"][status["code"]][first + i]
            if not count:
                continue
            height = count * scale
            y -= height
            colour = STATUS_COLOURS.get(status["code"], "#333333")
            text_colour = "#000000" if colour in LIGHT_BARS else "#FFFFFF"
            name = str(names.get(status["code"], status["label"]))
            bars.append(Bar(x, y, bar_width, height, colour, text_colour, count, name))
        columns.append(Column(x + bar_width / 2, label, totals[i], bars))
    latest = len(chart["meetings"]) - 1
    legend = [
        {"code": s["code"], "label": str(names.get(s["code"], s["label"])), "count": chart["counts"][s["code"]][latest]}
        for s in statuses
    ]
    return {"columns": columns, "legend": legend, "width": WIDTH, "height": HEIGHT, "baseline": HEIGHT - BOTTOM}
