"""{% load portal %}: the diff of a proposed correction, paragraphs of statement text, names as the reader sees them."""

import difflib

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from apps.meetings.models import Attendance, Statement
from apps.meetings.naming import SpeakerNames

register = template.Library()


@register.simple_tag
def text_diff(old: str, new: str) -> SafeString:
    """Character diff (Japanese has no spaces between words): <del> for removed, <ins> for added."""
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(old[a1:a2]))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(old[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(new[b1:b2])}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece of user text is escaped above


@register.filter
def paragraphs(text: str) -> SafeString:
    """Blank-line separated paragraphs as <p>, line breaks inside kept."""
    chunks = [chunk.strip() for chunk in (text or "").replace("\r\n", "\n").split("\n\n") if chunk.strip()]
    return format_html_join("", "<p>{}</p>", ((chunk,) for chunk in chunks))


# The names of a record as its reader may see them (apps.meetings.naming.SpeakerNames).


@register.filter
def speaker_for(statement: Statement, names: SpeakerNames) -> str:
    return names.speaker(statement)


@register.filter
def text_for(text: str, names: SpeakerNames) -> str:
    return names.text(text)


@register.filter
def attendee_for(attendance: Attendance, names: SpeakerNames) -> str | None:
    """The public name of an attendee, or None where the printed one stands."""
    return names.attendee(attendance)
