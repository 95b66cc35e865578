"""Template helpers of the register pages."""

from django import template
from django.utils.safestring import SafeString

from apps.deliberation import snippets

register = template.Library()


@register.filter
def highlight(text: str, needle: str) -> SafeString:
    """The text, escaped, with each match of the search term (in search form) in <mark>."""
    return snippets.highlighted(text, needle)


@register.filter
def snippet(text: str, needle: str) -> SafeString:
    """The parts of the text around the first matches, escaped, matches in <mark>."""
    return snippets.snippet(text, needle)
