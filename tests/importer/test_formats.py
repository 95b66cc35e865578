"""The formats ministries, the Cabinet Office and municipalities publish, one small sample each."""

import datetime as dt

import pytest

from apps.importer.fields import parse_date, parse_time_range
from apps.importer.parser import MinutesError, parse_minutes

BASIC_AGENDA = """
４ 議事
（１）開会
（２）報告書案について
  事務局より、資料1に基づき説明が行われた。
【相田座長】
 了承します。
"""


def _minutes(header: str, agenda: str = BASIC_AGENDA) -> str:
    return "第3回 テスト検討会 議事要旨\n\n" + header.strip("\n") + "\n" + agenda


# --- Headings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "１ 日時\n  令和5年3月1日（水）10時00分～12時00分\n２ 場所\n  総務省第1会議室",
        "1.日 時:令和5年3月1日(水)10:00~12:00\n2.場 所:総務省第1会議室",
        "第1 開催日時及び場所\n令和5年3月1日（水）10:00～12:00\n於、総務省第1会議室",
        "日時\n令和5年3月1日（水）10:00～12:00\n場所\n総務省第1会議室",
        "| 日時 | 令和5年3月1日（水）10:00～12:00 |\n|---|---|\n| 場所 | 総務省第1会議室 |",
        "【日時】令和5年3月1日（水）10:00～12:00\n【場所】総務省第1会議室",
    ],
    ids=["full-width-number", "dotted-spaced-colon", "dai-N-combined", "bare", "table", "brackets"],
)
def test_it_reads_each_heading_style(header):
    parsed = parse_minutes(_minutes(header))
    assert parsed.date == dt.date(2023, 3, 1)
    assert (parsed.start_time, parsed.end_time) == (dt.time(10, 0), dt.time(12, 0))
    assert parsed.venue == "総務省第1会議室"
    assert [item.title for item in parsed.agenda_items] == ["開会", "報告書案について"]


@pytest.mark.parametrize(
    "agenda",
    [
        "≪1.開会≫\n≪2.報告書案について≫\n事務局より説明。\n≪3.閉会≫",
        "(1)開会\n(2)報告書案について\n事務局より説明。\n(3)閉会",
        "（１）開会\n（２）報告書案について\n事務局より説明。\n（３）閉会",
        "議事1 開会\n議事2 報告書案について\n事務局より説明。\n議事3 閉会",
        "1. 開会\n2. 報告書案について\n事務局より説明。\n3. 閉会",
    ],
    ids=["double-angle", "half-width-paren", "full-width-paren", "giji-N", "dotted"],
)
def test_it_reads_each_agenda_heading_style(agenda):
    parsed = parse_minutes(_minutes("日時：令和5年3月1日 10:00～12:00\n議事\n", agenda))
    assert [item.title for item in parsed.agenda_items] == ["開会", "報告書案について", "閉会"]
    assert parsed.agenda_items[1].proceedings == "事務局より説明。"
    assert parsed.warnings == []


# --- Dates and times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和4年12月20日（火）", dt.date(2022, 12, 20)),
        ("令和元年5月7日(火)", dt.date(2019, 5, 7)),
        ("平成31年4月30日［火］", dt.date(2019, 4, 30)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("昭和64年1月7日（土曜日）", dt.date(1989, 1, 7)),
        ("2019年3月27日（水）", dt.date(2019, 3, 27)),
        ("２０１９年３月２７日〔水〕", dt.date(2019, 3, 27)),
        ("令和５年１０月３日【火】", dt.date(2023, 10, 3)),
        ("2023/10/03", dt.date(2023, 10, 3)),
    ],
)
def test_it_reads_era_and_gregorian_dates(text, expected):
    assert parse_date(text, 1)[0] == expected


def test_an_impossible_date_is_an_error_with_its_line():
    with pytest.raises(MinutesError, match="line 3: invalid date"):
        parse_minutes("会議 議事要旨\n\n日時：令和4年2月30日\n")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("15時00分～16時57分", "15:00", "16:57"),
        ("9時30分〜11時", "09:30", "11:00"),
        ("13:00~14:30", "13:00", "14:30"),
        ("１３：００－１４：３０", "13:00", "14:30"),
        ("午後2時~4時15分", "14:00", "16:15"),
        ("午前10時～午後0時30分", "10:00", "12:30"),
        ("午前11時から午後1時", "11:00", "13:00"),
        ("10時―12時", "10:00", "12:00"),
        ("14時半～16時", "14:30", "16:00"),
    ],
)
def test_it_reads_time_ranges(text, start, end):
    got_start, got_end, _ = parse_time_range(__import__("unicodedata").normalize("NFKC", text), 1)
    assert (got_start.strftime("%H:%M"), got_end.strftime("%H:%M")) == (start, end)


def test_a_meeting_ending_before_it_starts_is_an_error():
    with pytest.raises(MinutesError, match="line 3: the meeting ends"):
        parse_minutes("会議 議事要旨\n\n日時：令和4年2月3日 16:00～15:00\n")


# --- Venues ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "venue"),
    [
        ("日時：令和5年3月1日 10:00～12:00\n場所：Web開催", "Web開催"),
        ("日時：令和5年3月1日 10:00～12:00\n場所\n  オンライン", "オンライン"),
        ("日時：令和5年3月1日 10:00～12:00\n場所：於、中央合同庁舎第2号館 第1会議室", "中央合同庁舎第2号館 第1会議室"),
        (
            "開催日時及び場所：令和5年3月1日（水）10:00～12:00 於 第1特別会議室（Web会議併用）",
            "第1特別会議室（Web会議併用）",
        ),
    ],
)
def test_it_reads_venues(header, venue):
    assert parse_minutes(_minutes(header)).venue == venue


# --- Attendees ------------------------------------------------------------------------------


def _attendees(block: str):
    parsed = parse_minutes(_minutes("日時：令和5年3月1日 10:00～12:00\n３ 出席者\n" + block))
    return [(a.name, a.role, a.organization, a.category) for a in parsed.attendees], parsed


def test_comma_separated_names_with_roles_and_a_head_count():
    got, _ = _attendees("【委員】\n高委員長、相田委員長代理、飯塚委員、\n北委員（以上4名）\n")
    assert got == [
        ("高", "委員長", None, "member"),
        ("相田", "委員長代理", None, "member"),
        ("飯塚", "委員", None, "member"),
        ("北", "委員", None, "member"),
    ]


def test_name_title_lines():
    got, _ = _attendees("構成員\n相田 仁 座長\n森川 博之 座長代理\n")
    assert got == [("相田 仁", "座長", None, "member"), ("森川 博之", "座長代理", None, "member")]


def test_organization_person_lines():
    got, _ = _attendees("（２）関係事業者\n株式会社NTTドコモ 小林 宏\nKDDI株式会社　前田 大輔\n")
    assert got == [
        ("小林 宏", None, "株式会社NTTドコモ", "operator"),
        ("前田 大輔", None, "KDDI株式会社", "operator"),
    ]


def test_names_with_titles_in_parentheses():
    got, _ = _attendees("（委員）\n相田 仁（東京大学 名誉教授）\n森川博之（座長代理）\n")
    assert got == [("相田 仁", "東京大学 名誉教授", None, "member"), ("森川博之", "座長代理", None, "member")]


def test_officials_and_observer_organizations():
    got, _ = _attendees(
        "（３）オブザーバー\n・関係府省\n警察庁、消防庁\n（４）総務省\n竹村総合通信基盤局長、山口電気通信技術システム課長\n"
    )
    assert got == [
        ("警察庁", None, "警察庁", "observer"),
        ("消防庁", None, "消防庁", "observer"),
        ("竹村", "総合通信基盤局長", "総務省", "ministry"),
        ("山口", "電気通信技術システム課長", "総務省", "ministry"),
    ]


def test_absentees_are_kept_apart():
    parsed = parse_minutes(
        _minutes(
            "日時：令和5年3月1日 10:00～12:00\n出席者\n構成員：相田座長、藤井構成員\n欠席者\n北構成員、西村構成員\n"
        )
    )
    assert [a.name for a in parsed.attendees] == ["相田", "藤井"]
    assert [(a.name, a.role) for a in parsed.absentees] == [("北", "構成員"), ("西村", "構成員")]


# --- Materials ------------------------------------------------------------------------------


def test_materials_list_with_file_notes_and_missing_citations():
    text = _minutes(
        "日時：令和5年3月1日 10:00～12:00\n５ 配布資料\n資料6-1 報告書案 [50KB pdfファイル]\n"
        "資料６－２　意見募集の結果（PDF：120KB）\n参考資料1 開催要綱\n",
        "議事\n（１）報告\n事務局より、資料6-1及び資料6-3に基づき説明が行われた。\n",
    )
    parsed = parse_minutes(text)
    assert [(m.label, m.title) for m in parsed.materials] == [
        ("資料6-1", "報告書案"),
        ("資料６－２", "意見募集の結果"),
        ("参考資料1", "開催要綱"),
    ]
    assert parsed.agenda_items[0].materials == ["資料6-1", "資料6-3"]
    assert [w.message for w in parsed.warnings] == ["資料「資料6-3」が引用されていますが、配布資料にありません"]


# --- Statements -----------------------------------------------------------------------------


def test_inline_speakers_and_bracketed_phrases_in_text():
    text = _minutes(
        "日時：令和5年3月1日 10:00～12:00\n出席者\n相田座長、藤井構成員\n",
        "議事\n○相田座長　それでは議事に入ります。資料について\n事務局から説明をお願いします。\n"
        "○藤井構成員 この点について【報告事項】として扱うべきと考えます。\n"
        "【報告事項】\n○事務局　承知しました。\n",
    )
    parsed = parse_minutes(text)
    item = parsed.agenda_items[0]
    assert item.number is None  # statements before any agenda heading
    assert [(s.speaker, s.text) for s in item.statements] == [
        ("相田座長", "それでは議事に入ります。資料について事務局から説明をお願いします。"),
        ("藤井構成員", "この点について【報告事項】として扱うべきと考えます。\n\n【報告事項】"),
        ("事務局", "承知しました。"),
    ]


def test_headings_without_proceedings_are_warned_about():
    parsed = parse_minutes(
        _minutes("日時：令和5年3月1日 10:00～12:00", "議事\n（１）開会\n（２）報告書案\n（３）閉会\n")
    )
    assert [(w.line, w.message) for w in parsed.warnings] == [(6, "議事「報告書案」に議事の内容がありません")]


def test_speakers_named_with_the_secretariat_or_a_shortened_title():
    text = _minutes(
        "日時：令和5年3月1日 10:00～12:00\n出席者\n（１）構成員\n相田座長\n"
        "（２）総務省\n山口電気通信技術システム課長\n",
        "議事\n（１）報告\n【事務局（山口課長）】\n説明します。\n【山口課長】\n補足します。\n【ドコモ（小林）】\n質問です。\n",
    )
    parsed = parse_minutes(text)
    statements = parsed.agenda_items[0].statements
    assert [parsed.speaker(s.speaker).attendee.name for s in statements[:2]] == ["山口", "山口"]
    assert parsed.speaker("ドコモ（小林）").attendee is None
    assert [w.message for w in parsed.warnings] == ["発言者「ドコモ（小林）」が出席者一覧にありません"]


def test_a_bullet_sentence_is_not_taken_for_a_speaker():
    text = _minutes(
        "日時：令和5年3月1日 10:00～12:00",
        "議事\n（１）報告書案について\n○構成員から、以下の意見があった。\n○相田座長　了承します。\n",
    )
    item = parse_minutes(text).agenda_items[0]
    assert item.proceedings == "○構成員から、以下の意見があった。"
    assert [(s.speaker, s.text) for s in item.statements] == [("相田座長", "了承します。")]
