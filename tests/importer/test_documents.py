"""Whole documents in the layouts of a council, the Cabinet Office and a municipality."""

import datetime as dt

from apps.importer.parser import parse_minutes

COUNCIL = """\
情報通信審議会 情報通信技術分科会
陸上無線通信委員会（第72回）議事録

１ 日時
令和5年1月20日（金）10:00～11:30

２ 場所
Web会議

３ 出席者
（１）委員
安藤主査、飯塚主査代理、石山専門委員、
小竹専門委員（以上4名）
（２）総務省
荻原移動通信課長、中村電波政策課企画官

４ 配付資料
資料72-1　ローカル5Gの検討状況について [1.2MB pdfファイル]
資料72-2　今後の進め方（案） [210KB pdfファイル]

５ 議事
（１）ローカル5Gの検討状況について
事務局から資料72-1に基づき説明が行われた。主な質疑は以下のとおり。
○飯塚主査代理　ローカル5Gの免許人数の推移について、地域別の内訳は
ありますか。
○荻原移動通信課長　次回お示しいたします。
（２）今後の進め方について
事務局から資料72-2及び資料72-3に基づき説明が行われ、案のとおり了承された。
（３）閉会
"""

CABINET_OFFICE = """\
第5回 規制改革推進会議 議事概要

1.日時：令和5年3月1日（水）14:00～15:30
2.場所：中央合同庁舎第8号館 講堂（オンライン併用）
3.出席者：
（委員）大槻議長、落合議長代理、杉本委員
（政府）河野大臣
（事務局）林室長、渡辺次長
4.議題：
（1）開会
（2）規制改革の重点事項について
（3）閉会
5.議事概要：
（1）開会
○大槻議長　ただいまから第5回規制改革推進会議を開会いたします。
（2）規制改革の重点事項について
○事務局（林室長）資料1に基づき説明。
○杉本委員　デジタル化の推進について、地方公共団体の取組状況を
把握すべきではないか。
○河野大臣　しっかり取り組んでまいります。
（3）閉会
"""

MUNICIPALITY = """\
令和5年度 第1回 さくら市環境審議会 会議録

日　時　　平成31年4月25日（木）午後2時～4時15分
場　所　　於、市役所本庁舎3階　第1会議室
出席委員　高委員長、佐藤副委員長、鈴木委員、田中委員（計4名）
欠席委員　伊藤委員
事務局　　環境部長　山田、環境課長　中川

≪1.開会≫
≪2.議事≫
(1)環境基本計画の進捗について
事務局より資料1に基づき説明。
○鈴木委員　資料1の数値目標について、達成の見込みはあるのか。
○環境課長　令和6年度に達成する見込みです。
○高委員長　ほかにございませんか。それでは次の議題に移ります。
(2)その他
特になし。
≪3.閉会≫
"""


def _people(attendees):
    return [(a.name, a.role, a.category) for a in attendees]


def test_a_council_record_with_a_materials_list_and_inline_speakers():
    parsed = parse_minutes(COUNCIL)
    assert parsed.title == "情報通信審議会 情報通信技術分科会 陸上無線通信委員会（第72回）"
    assert (parsed.date, parsed.start_time, parsed.end_time) == (dt.date(2023, 1, 20), dt.time(10), dt.time(11, 30))
    assert parsed.venue == "Web会議"
    assert _people(parsed.attendees) == [
        ("安藤", "主査", "member"),
        ("飯塚", "主査代理", "member"),
        ("石山", "専門委員", "member"),
        ("小竹", "専門委員", "member"),
        ("荻原", "移動通信課長", "ministry"),
        ("中村", "電波政策課企画官", "ministry"),
    ]
    assert [(m.label, m.title) for m in parsed.materials] == [
        ("資料72-1", "ローカル5Gの検討状況について"),
        ("資料72-2", "今後の進め方（案）"),
    ]
    first = parsed.agenda_items[0]
    assert [(s.speaker, s.text) for s in first.statements] == [
        ("飯塚主査代理", "ローカル5Gの免許人数の推移について、地域別の内訳はありますか。"),
        ("荻原移動通信課長", "次回お示しいたします。"),
    ]
    assert [(w.line, w.message) for w in parsed.warnings] == [
        (27, "資料「資料72-3」が引用されていますが、配布資料にありません")
    ]


def test_a_cabinet_office_summary_with_an_agenda_list_and_a_proceedings_section():
    parsed = parse_minutes(CABINET_OFFICE)
    assert parsed.title == "第5回 規制改革推進会議"
    assert parsed.venue == "中央合同庁舎第8号館 講堂（オンライン併用）"
    assert _people(parsed.attendees) == [
        ("大槻", "議長", "member"),
        ("落合", "議長代理", "member"),
        ("杉本", "委員", "member"),
        ("河野", "大臣", "ministry"),
        ("林", "室長", "secretariat"),
        ("渡辺", "次長", "secretariat"),
    ]
    # The agenda list and the proceedings section describe the same three items.
    assert [(i.number, i.title, len(i.statements)) for i in parsed.agenda_items] == [
        ("（1）", "開会", 1),
        ("（2）", "規制改革の重点事項について", 3),
        ("（3）", "閉会", 0),
    ]
    speakers = [s.speaker for s in parsed.agenda_items[1].statements]
    assert speakers == ["事務局（林室長）", "杉本委員", "河野大臣"]
    assert parsed.warnings == []


def test_a_municipal_record_with_heisei_dates_afternoon_times_and_absentees():
    parsed = parse_minutes(MUNICIPALITY)
    assert parsed.title == "令和5年度 第1回 さくら市環境審議会"
    assert (parsed.date, parsed.start_time, parsed.end_time) == (dt.date(2019, 4, 25), dt.time(14), dt.time(16, 15))
    assert parsed.venue == "市役所本庁舎3階\u3000第1会議室"
    assert _people(parsed.attendees) == [
        ("高", "委員長", "member"),
        ("佐藤", "副委員長", "member"),
        ("鈴木", "委員", "member"),
        ("田中", "委員", "member"),
        ("山田", "環境部長", "secretariat"),
        ("中川", "環境課長", "secretariat"),
    ]
    assert _people(parsed.absentees) == [("伊藤", "委員", "member")]
    assert [i.title for i in parsed.agenda_items] == ["開会", "環境基本計画の進捗について", "その他", "閉会"]
    assert [s.speaker for s in parsed.agenda_items[1].statements] == ["鈴木委員", "環境課長", "高委員長"]
    assert parsed.warnings == []
