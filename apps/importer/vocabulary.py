"""What minutes are made of: section headings, attendee categories, roles and titles.

Tables rather than code, so that a new publisher's layout is usually one more word here.
"""

import re


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Section headings (matched on NFKC text, spaces inside the keyword allowed: 日 時).
SECTION_KEYWORDS: dict[str, str] = {
    "開催日時及び場所": "datetime_venue",
    "開催日時・場所": "datetime_venue",
    "日時及び場所": "datetime_venue",
    "日時・場所": "datetime_venue",
    "開催日時": "datetime",
    "招集日時": "datetime",
    "開催年月日": "datetime",
    "日時": "datetime",
    "開催日": "datetime",
    "時間": "datetime",
    "開催場所": "venue",
    "場所": "venue",
    "招集場所": "venue",
    "会場": "venue",
    "出席者": "attendees",
    "出席委員": "attendees",
    "出席構成員": "attendees",
    "参加者": "attendees",
    "出席した委員等": "attendees",
    "出席した関係職員等": "attendees",
    "委員以外の出席者": "attendees",
    "委員外出席者": "attendees",
    "理事者側出席者": "attendees",
    "議会事務局出席者": "attendees",
    "事務局出席者": "attendees",
    "事務局職員出席者": "attendees",
    "説明のため出席した者": "attendees",
    "欠席者": "absentees",
    "欠席委員": "absentees",
    "欠席構成員": "absentees",
    "配布資料": "materials",
    "配付資料": "materials",
    "資料一覧": "materials",
    "会議資料": "materials",
    "配付資料一覧": "materials",
    "配布資料一覧": "materials",
    "議事次第": "agenda",
    "議事": "agenda",
    "議題": "agenda",
    "次第": "agenda",
    "主な議題": "agenda",
    "本日審査した案件": "agenda",
    "本日の会議に付した事件": "agenda",
    "会議に付した事件": "agenda",
    "議事日程": "agenda",
    "議事概要": "proceedings",
    "議事の概要": "proceedings",
    "議事内容": "proceedings",
    "議事経過": "proceedings",
    "審議概要": "proceedings",
    "審議経過": "proceedings",
    "主な意見": "proceedings",
    "会議の模様": "proceedings",
    "会議の結果": "proceedings",
    "議事録": "proceedings",
    "問い合わせ先": "contact",
}
# Headings that are also titles (…議事録): a section only when numbered (5.議事録).
NUMBERED_ONLY_KEYWORDS = ("議事録",)
# Headings that name a section only when alone on their line (資料 is also a word in sentences).
BARE_SECTION_KEYWORDS: dict[str, str] = {"資料": "materials", "参考資料": "materials"}
# Lines of a web page around the minutes: menus, breadcrumbs, links back to the top.
PAGE_CHROME_RE = re.compile(
    r"^(?:ホーム\s*[>＞].*|.*トップページ.*|本文へ移動|メニューを飛ばして本文へ.*|ページの先頭に戻る|"
    r"ページの先頭です.*|ここから本文です。?|ここからサイトの主なメニューです|文字サイズ.*|印刷用.*|"
    r"関連政策|関連リンク|議会中継|\[目次\]|Other language|携帯電話向けページ|サイトマップ|リンク集|"
    r"■議事録一覧■|会議資料・開催案内等|〒\d{3}-\d{4}|Tel\s.*|.*@[\w.-]+\.(?:jp|com)|"
    r"議事ロックス.*|.*検索用)$"
)

# Attendee category headings, longest first so 関係事業者 wins over 事業者.
CATEGORY_KEYWORDS: list[tuple[str, str]] = sorted(
    [
        ("構成員", "member"),
        ("委員", "member"),
        ("専門委員", "member"),
        ("臨時委員", "member"),
        ("有識者", "member"),
        ("メンバー", "member"),
        ("関係事業者", "operator"),
        ("事業者", "operator"),
        ("オブザーバー", "observer"),
        ("オブザーバ", "observer"),
        ("事務局", "secretariat"),
        ("議会事務局", "secretariat"),
        ("執行部", "other"),
        ("説明員", "other"),
        ("理事者", "other"),
        ("関係課", "ministry"),
        ("政府", "ministry"),
        ("説明者", "other"),
        ("参考人", "other"),
        ("ヒアリング対象者", "other"),
        ("発表者", "other"),
        ("関係者", "other"),
    ],
    key=lambda pair: -len(pair[0]),
)
CATEGORY_LABELS = {keyword for keyword, _ in CATEGORY_KEYWORDS} | {
    "出席委員",
    "出席構成員",
    "出席者",
    "市執行部",
    "事務局職員",
}
# Sub-groups printed inside a category (・関係府省).
GROUP_KEYWORDS = ("関係府省", "関係省庁", "関係団体", "関係機関", "関係行政機関", "地方公共団体")

# Roles written after a name (相田座長, 高委員長), longest first so that 座長代理 wins over 座長.
ROLE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        _words(
            "座長代理 座長 副座長 主査代理 主査 副主査 構成員 専門委員 "
            "臨時委員 特別委員 委員長代理 副委員長 委員長 委員 部会長代理 "
            "部会長 分科会長代理 分科会長 会長代理 副会長 会長 議長代理 議長 "
            "副議長 班長 オブザーバー"
        ),
        key=len,
        reverse=True,
    )
)
# Words an official's title starts with, to split 竹村総合通信基盤局長 into 竹村 / 総合通信基盤局長.
TITLE_STARTS = _words(
    "総合 総務 総括 電気 電波 料金 安全 番号 消費者 基幹 重要 移動 "
    "情報 国際 大臣 副大臣 政務官 事務 審議官 官房 参事官 局長 部長 "
    "課長 室長 次長 企画 地域 自治 行政 統計 郵政 放送 サイバー "
    "データ デジタル 技術 政策 事業 利用 衛星 周波数 環境 広報 調査 "
    "調整 統括 経営 財務 人事 監理 研究 推進 戦略 産業 通信 基盤 "
    "主任 首席 専門 参与"
)
TITLE_ENDINGS = _words("長 官 員 授 師 役 者 理事 顧問 代表 主幹 参与 補佐 代理 主査")
ORG_MARKERS = _words(
    "株式会社 有限会社 合同会社 (株) 法人 協会 協議会 連合会 組合 "
    "機構 研究所 大学 省 庁 内閣 官房 センター 学会 財団 連盟 "
    "会議所 ホールディングス Inc Corp Ltd"
)
LEGAL_FORMS = _words(
    "株式会社 有限会社 合同会社 一般社団法人 一般財団法人 公益社団法人 "
    "公益財団法人 国立研究開発法人 独立行政法人 特定非営利活動法人 (株)"
)
MINISTRY_RE = re.compile(r"^(?:内閣府|内閣官房|デジタル庁|復興庁|[^\s、,]{1,6}(?:省|庁))(?:[^\s、,]{0,20})$")
NON_SPEAKER_BRACKETS = _words("事項 議題 資料 概要 質疑 意見交換 説明 討議 報告 審議 配布 参考")
OPENING_CLOSING = ("開会", "閉会", "閉会挨拶", "開会挨拶", "閉会の挨拶", "開会の挨拶")

SPACES = " \t\u3000"
DASHES = "~〜～\\-－―‐–—ー−"
