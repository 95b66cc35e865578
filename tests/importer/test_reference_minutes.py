"""The reference minutes (6th roaming meeting) come out exactly as published."""

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from apps.importer.parser import parse_minutes

REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"


@pytest.fixture(scope="module")
def parsed():
    return parse_minutes(REFERENCE.read_text(encoding="utf-8"))


def test_it_reads_title_date_time_and_venue(parsed):
    assert parsed.title == "非常時における事業者間ローミング等に関する検討会（第６回）"
    assert parsed.date == dt.date(2022, 12, 20)
    assert (parsed.start_time, parsed.end_time) == (dt.time(15, 0), dt.time(16, 57))
    assert parsed.venue == "Web開催"


def test_it_reads_seven_agenda_items_with_their_statements(parsed):
    assert [item.title for item in parsed.agenda_items] == [
        "前回の議事要旨の確認",
        "第１次報告書のとりまとめ",
        "作業班の設置について",
        "通信障害発生時の周知広報等の在り方について",
        "ローミング以外の非常時の通信手段について",
        "その他",
        "閉会",
    ]
    assert [item.number for item in parsed.agenda_items] == [f"（{n}）" for n in "１２３４５６７"]
    assert [len(item.statements) for item in parsed.agenda_items] == [0, 5, 1, 3, 31, 1, 0]
    assert parsed.statement_count == 41


def test_statements_keep_speakers_in_order(parsed):
    speakers = [s.speaker for item in parsed.agenda_items for s in item.statements]
    assert speakers[:5] == [
        "ＮＴＴドコモ（小林）",
        "藤井構成員",
        "山口電気通信技術システム課長",
        "藤井構成員",
        "相田座長",
    ]
    assert speakers[-2:] == ["矢守構成員", "木村電気通信事業部長"]
    assert Counter(speakers)["インターネットイニシアティブ（佐々木）"] == 5


def test_statement_text_is_joined_into_clean_paragraphs(parsed):
    statements = [s for item in parsed.agenda_items for s in item.statements]
    for statement in statements:
        assert statement.text == statement.text.strip()
        # No stray spaces between Japanese characters, no single line breaks.
        assert not re.search(r"[^\x00-\x7f][ \u3000]+[^\x00-\x7f]", statement.text), statement.text
        assert "\n" not in statement.text.replace("\n\n", "")
    yamaguchi = statements[2]
    assert yamaguchi.text.split("\n\n") == [
        "報告書に、フルローミング方式の場合は、一般呼に加えて通話とデータ通信も含めて対象に位置づけるとあり、"
        "IoTをどのようにサービス提供するかについては、データ通信で提供されている部分が多いかと思いますので、"
        "各社が気にされている部分を含めて、ローミングで使われる形になるのではと考えております。",
        "一方で、網選定や網設定については、工夫が必要な可能性もありますので、作業班で、"
        "引き続き検討をしていただくことになるかと思います。",
    ]
    # A sentence running across a page break is one sentence.
    assert any("最小化できるところが一つの強みと考えております。" in s.text for s in statements)
    assert any("良いと思っております。この理由は" in s.text for s in statements)
    # A paragraph that starts without indentation after a short line is still a paragraph.
    hasegawa = next(s for s in statements if s.text.startswith("MVNOはMNOから独立した立場"))
    assert len(hasegawa.text.split("\n\n")) == 2


def test_proceedings_and_cited_materials(parsed):
    items = parsed.agenda_items
    assert items[0].proceedings == "事務局より、資料６－１に基づき、説明が行われた。"
    assert items[4].proceedings == (
        "携帯電話事業者より、資料６－８から資料６－１３に基づき、説明が行われた。\n\n主な質疑応答は以下のとおり。"
    )
    assert items[4].materials == [f"資料６－{n}" for n in ("８", "９", "１０", "１１", "１２", "１３")]
    assert items[6].proceedings is None
    assert [m.label for m in parsed.materials] == [
        "資料６－" + n for n in ("１", "２", "３", "４", "５", "６", "７", "８", "９", "１０", "１１", "１２", "１３")
    ]


def test_attendees_by_category(parsed):
    categories = Counter(a.category for a in parsed.attendees)
    assert categories == {"member": 14, "operator": 6, "observer": 9, "ministry": 11}
    members = [a for a in parsed.attendees if a.category == "member"]
    assert (members[0].name, members[0].role) == ("相田", "座長")
    assert (members[1].name, members[1].role) == ("森川", "座長代理")
    assert {a.role for a in members[2:]} == {"構成員"}
    assert "クロサカ" in {a.name for a in members}
    docomo = next(a for a in parsed.attendees if a.category == "operator")
    assert (docomo.name, docomo.organization) == ("小林 宏", "株式会社NTTドコモ")
    observers = [a for a in parsed.attendees if a.category == "observer"]
    assert all(a.is_organization for a in observers)
    assert "一般社団法人情報通信ネットワーク産業協会" in {a.name for a in observers}
    assert {a.group for a in observers} == {"関係府省", "関係団体"}
    officials = {a.name: a.role for a in parsed.attendees if a.category == "ministry"}
    assert officials["山口"] == "電気通信技術システム課長"
    assert officials["安藤"] == "番号企画室長"  # the name was wrapped across two lines
    assert {a.organization for a in parsed.attendees if a.category == "ministry"} == {"総務省"}
    assert parsed.absentees == []


def test_it_warns_about_speakers_missing_from_the_attendance(parsed):
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (290, "発言者「楽天モバイル（森山）」が出席者一覧にありません"),
        (339, "発言者「日本通信（伊藤）」が出席者一覧にありません"),
    ]
