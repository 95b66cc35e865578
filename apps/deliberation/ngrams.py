"""Character bigrams of Japanese text: what search and tag suggestions compare.

Japanese has no spaces between words, so whitespace tokens say nothing; overlapping
two-character windows of the NFKC, lower-cased text do (料金プラン → 料金, 金プ, プラ, ラン).
"""

import re

from apps.core.text import normalize

# Bigrams that carry no topic: any with hiragana (particles and inflections: ので, る料, 時だ)
# or with punctuation, digits or spaces. Kanji, katakana and Latin pairs remain.
_NOT_A_TERM = re.compile(r"[\u3040-\u309f\s\d\W_]")


def search_form(text: str) -> str:
    """The form both sides of a search are compared in: NFKC, lower-cased."""
    return normalize(text).lower()


def bigrams(text: str) -> set[str]:
    """Every two-character window of `text` (already in search form)."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


def content_bigrams(text: str) -> set[str]:
    """Bigrams of `text` that may name a topic, for comparing statements with issues."""
    return {gram for gram in bigrams(search_form(text)) if not _NOT_A_TERM.search(gram)}


def merge_bigrams(text: str, shared: set[str]) -> list[str]:
    """The words of `text` the shared bigrams came from: overlapping bigrams joined back.

    料金プラン shares 料金, 金プ, プラ, ラン with an issue: that reads as 料金プラン, not as
    four character pairs. Longest first, then in order of appearance.
    """
    form = search_form(text)
    words: list[str] = []
    start = end = -1
    for i in range(len(form) - 1):
        if form[i : i + 2] not in shared:
            continue
        if i >= end:  # not overlapping nor touching the run so far: a new word
            if start >= 0:
                words.append(form[start:end])
            start = i
        end = i + 2
    if start >= 0:
        words.append(form[start:end])
    unique = list(dict.fromkeys(words))
    return sorted(unique, key=lambda word: -len(word))
