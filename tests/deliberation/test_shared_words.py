"""Tag suggestions explain themselves with the words a statement shares, not character pairs."""

import re

from django.urls import reverse

from apps.deliberation import services
from apps.deliberation.ngrams import merge_bigrams


def test_overlapping_bigrams_are_joined_back_into_the_words_they_came_from():
    text = "非常時だけ使える料金プランがあると優先的に導入しやすい"
    shared = {"料金", "金プ", "プラ", "ラン", "優先", "非常", "常時"}
    assert merge_bigrams(text, shared) == ["料金プラン", "非常時", "優先"]


def test_bigrams_that_only_touch_stay_two_words():
    assert merge_bigrams("料金プラン", {"料金", "プラ"}) == ["料金", "プラ"]


def test_the_tagging_page_shows_shared_words(client, personas, record):
    meeting = record.meeting(personas.study_group, 6)
    services.issue_create(body=personas.study_group, title="非常時のみの料金プラン", by=None)
    statement = record.statement(meeting, "非常時だけ使える料金プランがあると導入しやすい")
    client.force_login(personas.secretariat)
    page = client.get(reverse("register:tag_statement", args=[statement.pk])).content.decode()
    suggestions = page.split('id="suggestions"')[1].split("</ol>")[0]
    assert re.findall(r'<mark class="term">(.*?)</mark>', suggestions) == ["料金プラン", "非常時"]
