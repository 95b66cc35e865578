"""Snippets: the text around the matches, escaped, matches in <mark>, found in the NFKC form."""

from apps.deliberation.snippets import highlighted, snippet


def test_matches_are_marked_in_the_text_as_written():
    assert highlighted("ＩｏＴとIoT", "iot") == "<mark>ＩｏＴ</mark>と<mark>IoT</mark>"


def test_a_character_that_folds_to_several_still_places_the_mark():
    assert highlighted("㈱ドコモの料金", "料金") == "㈱ドコモの<mark>料金</mark>"
    assert highlighted("㈱ドコモ", "(株)") == "<mark>㈱</mark>ドコモ"


def test_text_is_escaped_around_and_inside_marks():
    assert highlighted("<b>料金</b>", "料金") == "&lt;b&gt;<mark>料金</mark>&lt;/b&gt;"
    assert highlighted("a<b", "<") == "a<mark>&lt;</mark>b"


def test_a_snippet_keeps_the_parts_around_the_first_matches():
    text = "あ" * 100 + "料金" + "い" * 100 + "料金" + "う" * 100
    assert snippet(text, "料金", around=3) == "…あああ<mark>料金</mark>いいい…いいい<mark>料金</mark>ううう…"
    assert snippet("短い料金の話", "料金", around=40) == "短い<mark>料金</mark>の話"


def test_a_snippet_without_a_match_is_the_start_of_the_text():
    assert snippet("<" * 100, "料金", around=5) == "&lt;" * 10 + "…"


def test_when_folding_joins_characters_nothing_is_marked_and_nothing_lost():
    assert highlighted("ｶﾞｽ料金", "料金") == "ｶﾞｽ料金"
