"""The forms of dates, lists and agendas that ministries and assemblies print, one small sample each."""

import datetime as dt

import pytest

from apps.importer.fields import fiscal_year_date, numerals, parse_date, parse_time_range
from apps.importer.parser import parse_minutes

# --- Dates and times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("平成十八年二月十五日(水曜日)", dt.date(2006, 2, 15)),
        ("令和4年(2022年)4月8日(金)", dt.date(2022, 4, 8)),
        ("令和元年5月7日", dt.date(2019, 5, 7)),
        ("質疑・質問日:06/27/2022", dt.date(2022, 6, 27)),
        ("2015年1月20日(火)16:00~16:38", dt.date(2015, 1, 20)),
    ],
)
def test_every_printed_date_form_is_read(text, date):
    found = parse_date(text, 1)
    assert found is not None and found[0] == date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("午前十一時三分開議", dt.time(11, 3), None),
        ("10時00分開会 10時38分閉会(会議時間0時間38分)", dt.time(10, 0), dt.time(10, 38)),
        ("開会 午前10時01分〜閉会 午前11時00分", dt.time(10, 1), dt.time(11, 0)),
        ("16時から17時45分まで", dt.time(16, 0), dt.time(17, 45)),
        ("午後7時~8時50分", dt.time(19, 0), dt.time(20, 50)),
    ],
)
def test_every_printed_time_form_is_read(text, start, end):
    assert parse_time_range(numerals(text), 1)[:2] == (start, end)


def test_a_fiscal_year_gives_the_year_of_a_day_printed_without_one():
    assert fiscal_year_date("平成29年度 総務委員会", "第6回委員会 (8月18日)", 1) == dt.date(2017, 8, 18)
    assert fiscal_year_date("平成29年度 総務委員会", "第10回委員会 (1月22日)", 1) == dt.date(2018, 1, 22)


def test_opening_and_closing_times_on_lines_of_their_own():
    parsed = parse_minutes(
        "深川市議会定例会会議録(第4号)\n\n午前10時00分 開議\n\n平成23年12月16日(金曜日)\n\n午前10時40分 閉会\n\n"
        "〇議長(長野勉君) これより本日の会議を開きます。\n"
    )
    assert (parsed.date, parsed.start_time, parsed.end_time) == (dt.date(2011, 12, 16), dt.time(10), dt.time(10, 40))


def test_the_labelled_meeting_date_wins_over_a_publication_date_with_a_warning():
    parsed = parse_minutes(
        "2011年3月10日 第21回審議会議事録\n○日時\n平成23年2月10日(木)17:01~18:16\n○場所\n省議室\n○議事\n"
        "○大森会長 開会します。\n"
    )
    assert parsed.date == dt.date(2011, 2, 10)
    assert any("開催日 2011-02-10" in w.message and "2011-03-10" in w.message for w in parsed.warnings)


# --- Lists ----------------------------------------------------------------------------------


def test_notes_in_attendee_lists_are_not_attendees():
    parsed = parse_minutes(
        "第6回 部会 議事録\n日時:平成17年5月17日(火)14:00~16:00\n出席者:(委員(五十音順))\n"
        "梅津委員、浦辺委員、橘川部会長、(欠席:浜委員、渡邉委員)\n"
        "文部科学省\n 下村文部科学大臣、丹羽文部科学副大臣、他\n"
        "傍聴者:1名\n議事\n○橘川部会長 開会します。\n"
    )
    assert [a.name for a in parsed.attendees][:3] == ["梅津", "浦辺", "橘川"]
    assert [a.category for a in parsed.attendees] == ["member"] * 3 + ["ministry"] * 2
    assert [a.name for a in parsed.absentees] == ["浜", "渡邉"]


def test_a_stated_number_of_absentees_that_the_names_do_not_match_moves_them_to_the_attendance():
    parsed = parse_minutes(
        "議会運営委員会速記録第六号\n\n平成十八年二月十五日(水曜日)\n議会運営委員会室\n 出席委員 二名\n"
        "委員長野村 有信君\n理事吉野 利明君\n\n 欠席委員 四名\n\n議長川島 忠一君\n\n○野村委員長 開会いたします。\n"
    )
    assert len(parsed.attendees) == 3 and not parsed.absentees
    assert parsed.venue == "議会運営委員会室"
    assert any("欠席者は4名" in w.message for w in parsed.warnings)


def test_material_lists_with_brackets_tables_and_no_labels():
    parsed = parse_minutes(
        "第16回 委員会 議事録\n日時\n2011年3月3日(木)17:00~17:40\n配布資料 (資料は全てPDF形式となります。)\n"
        "議事次第 (PDF形式:13KB)\n【資料1】 意見の概要 (PDF形式:88KB) 【資料2】 意見の整理 (PDF形式:50KB)\n"
        "資料3 | 予算案 |\n資料 | 補足資料 |\n【参考資料】 打合せ概要\n"
        "≪1.開会≫\n○松本委員長 始めます。\n"
    )
    assert [(m.label, m.title) for m in parsed.materials] == [
        ("議事次第", "議事次第"),
        ("資料1", "意見の概要"),
        ("資料2", "意見の整理"),
        ("資料3", "予算案"),
        ("資料 補足資料", "資料 補足資料"),
        ("参考資料", "打合せ概要"),
    ]


# --- Agenda ---------------------------------------------------------------------------------

CONSUMER = """\
第298回 消費者委員会本会議 議事録
日時
2019年6月6日(木)14:00~15:15
議事次第
  1. 開会
  2. 消費者基本計画工程表の改定について
  3. 閉会
≪1.開会≫
○高委員長 それでは、開催いたします。
≪2.「消費者基本計画工程表の改定」について≫
○高委員長 本日の議題は工程表の改定についてでございます。
○坂田参事官 資料を説明します。
≪3.閉会≫
○高委員長 閉会いたします。
"""


def test_a_listed_agenda_is_matched_to_the_sections_that_follow():
    parsed = parse_minutes(CONSUMER)
    assert [(i.title, len(i.statements)) for i in parsed.agenda_items] == [
        ("開会", 1),
        ("消費者基本計画工程表の改定について", 2),
        ("閉会", 1),
    ]


def test_a_heading_that_groups_numbered_items_is_not_an_item_and_numbers_leave_the_titles():
    parsed = parse_minutes(
        "総合政策部会(第78回)議事録.\n\n平成26年11月26日(水)15:00~17:00\n\n三田共用会議所\n\n議事次第\n\n"
        "  1. 1.開会\n  2. 2.議事\n    1.   (1)進捗状況について\n    2.   (2)その他\n  3. 3.閉会\n"
    )
    assert [i.title for i in parsed.agenda_items] == ["開会", "進捗状況について", "その他", "閉会"]
    assert parsed.venue == "三田共用会議所"


def test_a_list_read_out_inside_a_statement_is_not_counted_twice():
    parsed = parse_minutes(
        "部会 議事録\n日時:平成17年5月17日(火)14:00~16:00\n議題\n  1. 業務実績の報告について\n  2. その他\n"
        "議事概要\n\n橘川部会長\n 定刻になりましたので、ただいまより部会を開催いたします。本日の議題は二つありまして\n"
        "  1. 業務実績の報告について\n  2. その他\n となっております。よろしくお願いいたします。\n"
    )
    assert [i.title for i in parsed.agenda_items if i.title] == ["業務実績の報告について", "その他"]
    statement = parsed.agenda_items[0].statements[0]
    assert "1. 業務実績の報告について" in statement.text.replace("\n", "")


def test_the_meeting_scene_heading_is_not_an_agenda_item():
    parsed = parse_minutes(
        "第30回IT戦略本部 議事録\n1.日 時:平成17年5月30日(月)17時30分〜18時30分\n2.場 所:官邸大会議室\n"
        "3.出席者:[別紙]\n4.会議の模様\n(1)開会\n【棚橋IT担当大臣】 開催いたします。\n(2)今後の進め方について\n"
        "【棚橋IT担当大臣】 議題に移ります。\n"
    )
    assert [i.title for i in parsed.agenda_items] == ["開会", "今後の進め方について"]


# --- Line accounting ------------------------------------------------------------------------


def test_lines_no_field_holds_are_reported_with_their_number_and_reason():
    parsed = parse_minutes(
        "ホーム> 審議会> 議事録\n第1回 検討会 議事録\n日時\n令和3年6月18日(金) 16:00~18:00\n"
        "- 1 -\n○議事\n○鈴木課長 開会します。\n"
    )
    reasons = {u.line: u.reason for u in parsed.unplaced}
    assert set(reasons) == {1, 5}
    assert "ウェブページ" in reasons[1] and reasons[5] == "ページ番号"
    assert parsed.line_count == 7 and 0 < parsed.coverage < 1
