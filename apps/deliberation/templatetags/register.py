"""Template helpers of the register pages."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from apps.deliberation.ngrams import search_form

register = template.Library()


@register.filter
def highlight(text: str, needle: str) -> SafeString:
    """The text, escaped, with each match of the search term in <mark>.

    Matches are found in the search form of the text (NFKC, lower case); when that form has
    the same length as the text (the usual case: ＩｏＴ → iot), positions carry over one to one.
    """
    folded = search_form(text)
    if not needle or len(folded) != len(text):
        return escape(text)
    parts, start = [], 0
    while (found := folded.find(needle, start)) != -1:
        parts += [escape(text[start:found]), "<mark>", escape(text[found : found + len(needle)]), "</mark>"]
        start = found + len(needle)
    parts.append(escape(text[start:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text above is escaped
