"""{% load naming %}: a statement's speaker and text as its reader may see them (apps.meetings.naming)."""

from django import template

from apps.meetings.naming import shown_speaker, shown_text

register = template.Library()
register.filter("shown_speaker", shown_speaker)
register.filter("shown_text", shown_text)
