"""Reference names the generator draws from: organizations, topics, people, titles, stances."""

from collections.abc import Sequence

# (name, short name, kind, parent name)
ORGANIZATIONS: Sequence[tuple[str, str, str, str | None]] = (
    ("総務省", "総務省", "ministry", None),
    ("総合通信基盤局", "総合通信基盤局", "bureau", "総務省"),
    ("情報流通行政局", "情報流通行政局", "bureau", "総務省"),
    ("消防庁", "消防庁", "agency", None),
    ("警察庁", "警察庁", "agency", None),
    ("海上保安庁", "海上保安庁", "agency", None),
    ("株式会社NTTドコモ", "ＮＴＴドコモ", "operator", None),
    ("KDDI株式会社", "ＫＤＤＩ", "operator", None),
    ("ソフトバンク株式会社", "ソフトバンク", "operator", None),
    ("楽天モバイル株式会社", "楽天モバイル", "operator", None),
    ("株式会社インターネットイニシアティブ", "インターネットイニシアティブ", "mvno", None),
    ("日本通信株式会社", "日本通信", "mvno", None),
    ("一般社団法人電気通信事業者協会", "ＴＣＡ", "association", None),
    ("一般社団法人電波産業会", "ＡＲＩＢ", "association", None),
    ("一般社団法人情報通信ネットワーク産業協会", "ＣＩＡＪ", "association", None),
    ("一般財団法人電気通信端末機器審査協会", "ＪＡＴＥ", "association", None),
    ("一般社団法人テレコムサービス協会", "テレサ協", "association", None),
    ("東京大学", "東京大学", "academia", None),
    ("京都大学", "京都大学", "academia", None),
    ("慶應義塾大学", "慶應義塾大学", "academia", None),
    ("早稲田大学", "早稲田大学", "academia", None),
    ("トヨタ自動車株式会社", "トヨタ自動車", "company", None),
    ("セコム株式会社", "セコム", "company", None),
)

TOPICS = (
    "非常時における事業者間ローミング等",
    "電波有効利用の促進",
    "デジタル時代における放送制度の在り方",
    "電気通信事業分野における競争ルール",
    "ブロードバンド基盤の在り方",
    "通信障害発生時の周知広報",
    "緊急通報の高度化",
    "携帯電話料金の低廉化",
    "周波数再編",
    "衛星通信の利活用",
    "IoT時代の電気通信番号制度",
    "消費者保護ルールの在り方",
    "ネットワーク中立性",
    "サイバーセキュリティ対策",
    "次世代移動通信システム",
    "ワイヤレス人材育成",
)
STUDY_GROUP_SUFFIXES = ("に関する検討会", "に関する研究会", "に関する懇談会")

_FAMILY_NAMES = (
    "相田 森川 飯塚 臼田 内田 加藤 北 関口 西村 長谷川 藤井 堀越 矢守 小林 前田 関和 鴻池 佐々木 後藤 "
    "森山 伊藤 竹村 木村 近藤 片桐 山口 西浦 安藤 廣瀬 田口 杉浦 中村 高橋 田中 渡辺 山本 吉田 山田 "
    "佐藤 鈴木 松本 井上 林 清水 山崎 池田 橋本 阿部 石川 前川 岡田 長田 藤田 小川 岡本 村上 金子 "
    "中島 石井 坂本 遠藤 青木 福田 三浦 太田 原田 松田 中野 小野 竹内"
)
_GIVEN_NAMES = (
    "宏 大輔 智弘 庸一郎 太志 堅一 博 誠 浩 隆 健一 直樹 聡 恵子 裕子 美穂 亮 修 学 淳 真理 "
    "由美 和彦 正人 洋子 拓也 陽子 健太 彩 大介 直子 達也 明美 崇 剛 陽一 千尋 翔 理恵"
)
FAMILY_NAMES, GIVEN_NAMES = _FAMILY_NAMES.split(), _GIVEN_NAMES.split()
MINISTRY_TITLES = (
    "総合通信基盤局長",
    "電気通信事業部長",
    "総務課長",
    "料金サービス課長",
    "電気通信技術システム課長",
    "安全・信頼性対策室長",
    "番号企画室長",
    "移動通信課長",
)
ISSUE_TITLES = (
    "フルローミング時のIoTサービスの優先的取扱い",
    "コアネットワーク障害時の緊急通報のみのローミング",
    "ワンストップでのデュアルSIM契約",
    "非常時のみ利用可能な料金プラン",
    "IoT端末におけるSIMの自動切替え時間",
    "災害時のeSIM契約急増への対応能力",
    "利用者の混乱による輻輳の抑制",
    "MVNO利用者の救済措置",
    "網選定及び網設定の工夫",
    "周知広報ガイドラインの対象機関",
)
POSITION_SUMMARIES = {
    "supports": "実現に向けて前向きに検討する",
    "opposes": "現時点での導入は困難",
    "conditional": "費用負担の整理を前提に対応可能",
    "considering": "社内で検討中",
    "no_position": "特段の意見なし",
    "informational": "自社の取組状況を説明",
}
