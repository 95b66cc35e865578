"""The text of a search result with its matches marked: all of it, or the parts around them.

Matches are found in the search form of the text (NFKC, lower case), then marked in the text
as written. Folding each character on its own gives the same form for ordinary text and says
where every character went (㈱ becomes three characters, ＩｏＴ three); where it does not give
the same form (a half-width ｶﾞ whose sound mark joins the ｶ), nothing is marked and nothing
is lost: the text is shown as written.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .ngrams import search_form

ELLIPSIS = "…"


def _match_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where the needle's matches lie in `text` as written, as (start, end) character offsets."""
    if not needle:
        return []
    starts: list[int] = []  # folded offset → offset in the text it came from
    folded = []
    for index, character in enumerate(text):
        piece = search_form(character)
        starts += [index] * len(piece)
        folded.append(piece)
    folded_text = "".join(folded)
    if folded_text != search_form(text):
        return []
    starts.append(len(text))
    spans, position = [], 0
    while (found := folded_text.find(needle, position)) != -1:
        end = found + len(needle)
        spans.append((starts[found], starts[end] if end < len(folded_text) else len(text)))
        position = end
    return spans


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    parts, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts += [escape(text[position:span_start]), "<mark>", escape(text[span_start:span_end]), "</mark>"]
        position = span_end
    parts.append(escape(text[position:end]))
    return "".join(parts)


def highlighted(text: str, needle: str) -> SafeString:
    """The whole text, escaped, with each match of `needle` (in search form) in <mark>."""
    return mark_safe(_marked(text, _match_spans(text, needle), 0, len(text)))  # noqa: S308 - escaped in _marked


def snippet(text: str, needle: str, *, around: int = 40, matches: int = 3) -> SafeString:
    """The parts of the text around its first few matches, escaped, matches in <mark>, cuts marked with …."""
    spans = _match_spans(text, needle)[:matches]
    if not spans:
        cut = text[: 2 * around]
        return mark_safe(escape(cut) + (ELLIPSIS if len(cut) < len(text) else ""))  # noqa: S308 - escaped
    windows: list[list[int]] = []
    for span_start, span_end in spans:
        start, end = max(0, span_start - around), min(len(text), span_end + around)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    parts = []
    for start, end in windows:
        parts.append((ELLIPSIS if start > 0 else "") + _marked(text, spans, start, end))
    tail = ELLIPSIS if windows[-1][1] < len(text) else ""
    return mark_safe("".join(parts) + tail)  # noqa: S308 - every piece of text is escaped in _marked
