"""The statement row, built in Python: a meeting of 400 statements renders it 400 times, and the
template engine would spend most of the page's time on it."""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html, linebreaks
from django.utils.safestring import SafeString

from apps.meetings.models import Statement

register = template.Library()

ROW = (
    '<li class="statement-row kind-{kind}" id="st-{pk}" data-version="{version}" data-position="{counter}"{drag}>'
    '<p class="speaker">【{speaker}】 <span class="badge">{kind_label}</span></p>'
    '<div class="text">{text}</div>{tools}</li>'
)
DRAG = ' draggable="true" tabindex="0" data-move-url="{url}move/"'
TOOLS = (
    '<div class="row tools" hx-target="#statements-{item}" hx-swap="outerHTML">'
    '<button type="button" class="link" hx-get="{url}?counter={counter}" hx-target="#st-{pk}">{edit}</button>'
    '<button type="button" class="link move-up" hx-post="{url}move/" hx-vals="{up}" title="Alt+↑">↑</button>'
    '<button type="button" class="link move-down" hx-post="{url}move/" hx-vals="{down}" title="Alt+↓">↓</button>'
    '<button type="button" class="link danger" hx-post="{url}delete/" hx-vals="{version_only}" '
    'hx-confirm="{confirm}">{delete}</button></div>'
)


@register.simple_tag(takes_context=True)
def statement_row(context, statement: Statement, counter: int) -> SafeString:
    """One statement of the editor's list; with the tools to edit, move and delete it while editable."""
    url = reverse("desk:statement", args=[statement.pk])
    drag = tools = SafeString("")
    if context.get("editable"):
        labels = context["labels"]
        drag = format_html(DRAG, url=url)
        tools = format_html(
            TOOLS,
            item=statement.agenda_item_id,
            url=url,
            pk=statement.pk,
            counter=counter,
            up=json.dumps({"position": counter - 1, "base_version": statement.version}),
            down=json.dumps({"position": counter + 1, "base_version": statement.version}),
            version_only=json.dumps({"base_version": statement.version}),
            edit=labels["edit"],
            delete=labels["delete"],
            confirm=labels["confirm_delete"],
        )
    return format_html(
        ROW,
        kind=statement.kind,
        pk=statement.pk,
        version=statement.version,
        counter=counter,
        drag=drag,
        speaker=statement.speaker_label,
        kind_label=statement.get_kind_display(),
        text=SafeString(linebreaks(statement.text, autoescape=True)),
        tools=tools,
    )
