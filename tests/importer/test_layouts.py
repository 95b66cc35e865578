"""Layout profiles: each family of speaker labels is recognised from the document's own evidence."""

import pytest

from apps.importer.parser import parse_minutes

HEADER = "第2回 テスト検討会 議事録\n\n日時：令和5年3月1日（水）10:00～12:00\n場所：第1会議室\n\n議事\n"


def _statements(parsed):
    return [(s.speaker, s.text, s.kind) for item in parsed.agenda_items for s in item.statements]


@pytest.mark.parametrize(
    ("body", "layout", "speakers"),
    [
        ("【相田座長】それでは始めます。\n【藤井構成員】賛成です。\n", "bracket", ["相田座長", "藤井構成員"]),
        ("○相田座長 それでは始めます。\n○藤井構成員 賛成です。\n", "circle", ["相田座長", "藤井構成員"]),
        ("村井座長: それでは始めます。\n事務局: 資料を説明します。\n", "colon", ["村井座長", "事務局"]),
        ("委員長(相馬君):開会します。\n本間君:反対の立場で討論します。\n", "colon", ["委員長(相馬君)", "本間君"]),
        ("山本委員長)ただ今から開会します。\n市長)ご説明します。\n", "paren", ["山本委員長", "市長"]),
        (
            "橘川部会長\n 定刻になりましたので、ただいまより部会を開催いたします。本日はよろしくお願いします。\n"
            "平野政策課長\n 事務局から本日の配布資料の確認をさせていただきます。資料1から資料4までございます。\n",
            "name_line",
            ["橘川部会長", "平野政策課長"],
        ),
        ("(委員)周知の方法を工夫すべき。\n(事務局)検討する。\n", "role", ["委員", "事務局"]),
        ("・会議は公開で行われた。\n・事務局から説明があり、了承された。\n", "none", []),
    ],
    ids=["bracket", "circle", "colon", "colon-assembly", "paren", "name-line", "role", "none"],
)
def test_the_layout_is_chosen_from_the_speaker_lines(body, layout, speakers):
    parsed = parse_minutes(HEADER + body)
    assert parsed.layout == layout
    assert [s for s, _, _ in _statements(parsed)] == speakers


def test_assembly_markers_give_the_statement_kind():
    parsed = parse_minutes(
        HEADER
        + "○委員長(渡辺盛君) 質疑を許します。\n◆委員(鈴木君) 補助金の効果を伺います。\n"
        + "◎財政課長(山田君) 効果は検証しております。\n○委員長(渡辺盛君) ほかにございませんか。\n"
    )
    assert parsed.layout == "assembly"
    assert [(s, k) for s, _, k in _statements(parsed)] == [
        ("委員長(渡辺盛君)", "remark"),
        ("委員(鈴木君)", "question"),
        ("財政課長(山田君)", "answer"),
        ("委員長(渡辺盛君)", "remark"),
    ]


def test_a_label_with_its_role_in_parentheses_is_kept_whole():
    parsed = parse_minutes(
        HEADER + "○伊奈川参事官(社会保障担当)\nそれでは、第21回社会保障審議会を開催いたします。\n"
        "○大森会長 よろしくお願いします。\n"
    )
    assert _statements(parsed)[0][:2] == (
        "伊奈川参事官(社会保障担当)",
        "それでは、第21回社会保障審議会を開催いたします。",
    )


def test_circle_marked_headings_are_sections_not_speakers():
    parsed = parse_minutes(
        "議会運営委員会会議録\n〇日時\n令和7年(2025年)1月24日(金)10時00分開会 10時38分閉会\n〇場所\n議会全員協議会室\n"
        "〇出席委員\n日向委員長、くり林、中里の各委員(後藤副委員長は欠席)\n〇議会事務局出席者\n茶木局長\n"
        "○日向委員長  議会運営委員会を開会いたします。\n"
    )
    assert (parsed.venue, parsed.start_time.isoformat(), parsed.end_time.isoformat()) == (
        "議会全員協議会室",
        "10:00:00",
        "10:38:00",
    )
    assert [a.name for a in parsed.attendees] == ["日向", "くり林", "中里", "茶木"]
    assert [a.name for a in parsed.absentees] == ["後藤"]
    assert [s for s, _, _ in _statements(parsed)] == ["日向委員長"]
