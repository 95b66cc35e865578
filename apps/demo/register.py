"""The issue register of the reference meeting (6th roaming meeting, 2022-12-20), for the demo.

Built through the services from the imported minutes: statements are found by what they say
(a phrase each), never by id, so a change to the importer that loses a statement fails loudly.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction

from apps.deliberation import services
from apps.deliberation.models import Issue
from apps.deliberation.selectors import statement_search
from apps.deliberation.services import SubGroupSpec
from apps.directory.models import Body, Organization
from apps.meetings.models import Meeting, Statement

WORKING_PARTY = "事業者間ローミング作業班"
MVNO_TASK_GROUP = "MVNOタスクグループ"
FULL_ROAMING_WG = "フルローミング方式ワーキンググループ"
EMERGENCY_CALL_WG = "緊急通報ワーキンググループ"
ALTERNATIVES_WG = "デュアルSIM等代替手段ワーキンググループ"

SUB_GROUPS = (
    SubGroupSpec(MVNO_TASK_GROUP, mandate="MVNO利用者の非常時の通信手段の確保について検討する。"),
    SubGroupSpec(FULL_ROAMING_WG, kind=Body.Kind.WORKING_GROUP, mandate="フルローミング方式の実現方策を検討する。"),
    SubGroupSpec(
        EMERGENCY_CALL_WG,
        kind=Body.Kind.WORKING_GROUP,
        mandate="コアネットワーク障害時の緊急通報のみのローミングを検討する。",
    ),
    SubGroupSpec(ALTERNATIVES_WG, kind=Body.Kind.WORKING_GROUP, mandate="ローミング以外の非常時の通信手段を検討する。"),
)


@dataclass
class DemoPosition:
    organization: str  # a fragment of the organization's name (NFKC)
    stance: str
    summary: str
    phrases: tuple[str, ...]  # the statements behind it


@dataclass
class DemoIssue:
    title: str
    description: str
    priority: int
    phrases: tuple[str, ...]  # one phrase per tagged statement
    positions: tuple[DemoPosition, ...] = ()
    assign_to: str | None = None
    due_on: date | None = None
    resolution: str = ""  # resolved in the meeting, with this reason
    notes: tuple[str, ...] = field(default=())


HIGH, NORMAL = Issue.Priority.HIGH, Issue.Priority.NORMAL

ISSUES = (
    DemoIssue(
        title="フルローミング時のIoTサービスの優先的取扱い",
        description="フルローミング方式で、IoTサービスを一般呼以上に取り扱う仕組みがあるか。網選定・網設定の工夫を含む。",
        priority=HIGH,
        phrases=("一般呼以上の取扱い", "網選定や網設定", "データ優先という形"),
        assign_to=FULL_ROAMING_WG,
        due_on=date(2023, 3, 31),
        notes=("作業班で引き続き検討（山口課長）。",),
    ),
    DemoIssue(
        title="コアネットワーク障害時の緊急通報のみのローミング",
        description="コアネットワークの障害に対応した、緊急通報の発信のみを可能とするローミング方式の導入の在り方。",
        priority=HIGH,
        phrases=("緊急通報の発信のみを可能とする",),
        assign_to=EMERGENCY_CALL_WG,
        due_on=date(2023, 3, 31),
    ),
    DemoIssue(
        title="ワンストップでのデュアルSIM契約",
        description="一般の利用者が複数のキャリアとの契約をワンストップで進められるサービス。",
        priority=NORMAL,
        phrases=(
            "ワンストップで複数のキャリアとの契約",
            "ワンストップで２キャリアのサービス",
            "ワンストップで手続きできる",
            "他キャリアの回線を仕入れる",
            "ワンストップでの販売",
            "法人向けのキャリア冗長プラン",
        ),
        positions=(
            DemoPosition(
                "NTTドコモ", "considering", "要望として認識、制度も含めて検討", ("ワンストップで手続きできる",)
            ),
            DemoPosition(
                "KDDI", "considering", "他キャリア回線の仕入れが必要、社内で検討中", ("他キャリアの回線を仕入れる",)
            ),
            DemoPosition(
                "ソフトバンク", "considering", "ワンストップ提供や回線の利用保証を検討", ("ワンストップでの販売",)
            ),
            DemoPosition(
                "インターネットイニシアティブ",
                "supports",
                "ドコモ・KDDI両回線でワンストップ提供が可能",
                ("ワンストップで２キャリアのサービス",),
            ),
        ),
        assign_to=ALTERNATIVES_WG,
        due_on=date(2023, 6, 30),
    ),
    DemoIssue(
        title="非常時のみ利用可能な料金プラン",
        description="２回線目を非常時だけ使える料金。障害時にも料金を取るのか、焼け太りとの批判を受けないか。",
        priority=HIGH,
        phrases=(
            "「非常時だけ使えます」",
            "非常時のみに限定する形で提供",
            "非常時だけを真剣に",
            "非常時において安価に提供",
            "２ギガバイト440円",
            "最低料金440円",
            "月額290円",
            "焼け太りなのではと批判",
            "料金水準をどのような形で",
            "障害時にもお金を取るのか",
        ),
        positions=(
            DemoPosition("NTTドコモ", "considering", "制度も含めて検討", ("ワンストップで手続きできる",)),
            DemoPosition(
                "KDDI", "considering", "非常時に限定した提供が可能か検討中", ("非常時のみに限定する形で提供",)
            ),
            DemoPosition(
                "ソフトバンク",
                "considering",
                "料金水準の見せ方を検討中",
                ("非常時だけを真剣に", "料金水準をどのような形で"),
            ),
            DemoPosition("楽天モバイル", "no_position", "現時点で非常時向けの検討なし", ("非常時において安価に提供",)),
            DemoPosition(
                "インターネットイニシアティブ",
                "informational",
                "データeSIM 2GB 440円、解約金・最低利用期間なし",
                ("２ギガバイト440円", "440円の料金につきましては"),
            ),
            DemoPosition("日本通信", "informational", "基本料 月額290円（1GB）のプランを提供", ("月額290円",)),
        ),
        assign_to=WORKING_PARTY,
        due_on=date(2023, 3, 31),
    ),
    DemoIssue(
        title="IoT端末におけるSIMの自動切替え時間",
        description="デュアルSIMで片方が通信障害を受けたとき、IoT端末が自動的に切り替わるまでの時間。",
        priority=NORMAL,
        phrases=(
            "自動的に切り替わるところがどこまで実現",
            "シームレスに切り替わるデュアルSIM方式",
            "おおよそ２、３分で切り替わる",
            "自動切替えをお客様が選択するのか",
            "端末側で自動的に切り替わる等",
            "IoT機器側のロジック",
            "通常、数分で切替えが可能",
            "切替えはおおむね数分",
        ),
        positions=(
            DemoPosition(
                "NTTドコモ", "informational", "デュアルスタンバイならシームレスに切替え", ("シームレスに切り替わる",)
            ),
            DemoPosition(
                "KDDI", "informational", "ルータ側の設定で2〜3分で自動切替え", ("おおよそ２、３分で切り替わる",)
            ),
            DemoPosition(
                "ソフトバンク", "informational", "端末側の設定で自動切替えを選択可能", ("自動切替えをお客様が選択",)
            ),
            DemoPosition(
                "楽天モバイル", "informational", "端末側で自動的に切り替わり、大きな問題ではない", ("端末側で自動的に",)
            ),
            DemoPosition(
                "インターネットイニシアティブ",
                "conditional",
                "スマートフォンは自動切替えなし、IoT機器側のロジックで可能",
                ("IoT機器側のロジック",),
            ),
            DemoPosition("日本通信", "informational", "疎通確認により通常数分で切替え", ("通常、数分で切替えが可能",)),
        ),
        resolution="IoTでも数分で切り替わるとの説明があり、構成員から十分使いものになるとの評価（藤井構成員）。",
    ),
    DemoIssue(
        title="災害時のeSIM契約急増への対応能力",
        description="大規模災害時に生き残ったキャリアへ急遽eSIMで契約が集中したとき、15分や30分で開通できるか。",
        priority=NORMAL,
        phrases=(
            "急遽eSIM契約を結んで使う",
            "eSIMで一度に契約を申し込まれた",
            "大規模災害時の瞬間での契約",
            "KYCやeSIM発行の手続",
            "オンラインのシステムについても二重化",
        ),
        positions=(
            DemoPosition("NTTドコモ", "considering", "システム増強を継続的に検討", ("eSIMで一度に契約を申し込まれた",)),
            DemoPosition(
                "KDDI", "opposes", "災害時の瞬間的な契約は厳しく、事前のデュアルSIMで備える", ("大規模災害時の瞬間",)
            ),
            DemoPosition("楽天モバイル", "opposes", "KYCやeSIM発行を考えると災害時の手続は厳しい", ("KYCやeSIM発行",)),
            DemoPosition(
                "インターネットイニシアティブ",
                "informational",
                "契約システムを二重化、地域的な災害でも稼働",
                ("オンラインのシステムについても二重化",),
            ),
        ),
        assign_to=ALTERNATIVES_WG,
        due_on=date(2023, 6, 30),
    ),
    DemoIssue(
        title="利用者の混乱による輻輳の抑制",
        description="緊急時に利用者が混乱してデュアルSIMの切替え等を行い、輻輳を増長するおそれ。",
        priority=NORMAL,
        phrases=("ある程度の制限も必要", "流入規制をしながら", "輻輳を増長"),
        positions=(
            DemoPosition("ソフトバンク", "informational", "流入規制を続けつつ必要最低限の通信を提供", ("流入規制",)),
        ),
    ),
    DemoIssue(
        title="MVNO利用者の救済措置",
        description="MNOとの連携の仕組みに依存するMVNOの利用者にも、MNOと同様の救済手段を提供する。",
        priority=HIGH,
        phrases=("MVNOとのタスクグループ", "MVNOユーザーにも広く救済手段"),
        positions=(
            DemoPosition(
                "日本通信", "supports", "MVNOのお客様もMNOと同様のサービスを利用できるかが論点", ("救済手段",)
            ),
        ),
        assign_to=MVNO_TASK_GROUP,
        due_on=date(2023, 3, 31),
    ),
)


class DemoDataError(RuntimeError):
    """The imported minutes no longer contain what the demo register refers to."""


def _statement(meeting: Meeting, phrase: str) -> Statement:
    found = list(statement_search(term=phrase, meeting=meeting)[:2])
    if len(found) != 1:
        raise DemoDataError(f"{meeting}: expected one statement saying 「{phrase}」, found {len(found)}.")
    return found[0]


def _organization(fragment: str) -> Organization:
    found = list(Organization.objects.filter(name_normalized__contains=fragment)[:2])
    if len(found) != 1:
        raise DemoDataError(f"expected one organization named like 「{fragment}」, found {len(found)}.")
    return found[0]


@transaction.atomic
def load_register_demo(*, meeting: Meeting, by: User | None = None) -> list[Issue]:
    """The working party with its task groups, the eight issues of the meeting, tags, positions, assignments.

    Does nothing if the meeting's body already has issues.
    """
    body = meeting.body
    if body.issues.exists():
        return list(body.issues.order_by(*Issue.code_order()))
    party: Body = Body.objects.filter(name=WORKING_PARTY).first() or services.working_party_create(
        parent=body,
        name=WORKING_PARTY,
        short_name="作業班",
        mandate="検討会の下で、事業者間ローミング等の実現方策の詳細を検討する。",
        established_on=meeting.starts_at.date(),
        sub_groups=SUB_GROUPS,
        by=by,
    )
    groups = {group.name: group for group in party.children.all()} | {party.name: party}
    issues = []
    for spec in ISSUES:
        issue = services.issue_create(
            body=body, title=spec.title, description=spec.description, priority=spec.priority, raised_in=meeting, by=by
        )
        for phrase in spec.phrases:
            services.issue_tag_statement(issue=issue, statement=_statement(meeting, phrase), by=by)
        for position in spec.positions:
            services.position_record(
                issue=issue,
                meeting=meeting,
                organization=_organization(position.organization),
                stance=position.stance,
                summary=position.summary,
                statements=[_statement(meeting, phrase) for phrase in position.phrases],
                by=by,
            )
        for note in spec.notes:
            services.issue_add_note(issue=issue, text=note, meeting=meeting, by=by)
        if spec.assign_to:
            services.assignment_create(
                issue=issue,
                task_group=groups[spec.assign_to],
                assigned_in=meeting,
                due_on=spec.due_on,
                reason=f"第{meeting.number}回会合で{spec.assign_to}に検討を付託。",
                by=by,
            )
        if spec.resolution:
            services.issue_change_status(issue=issue, status="resolved", reason=spec.resolution, meeting=meeting, by=by)
        issue.refresh_from_db()
        issues.append(issue)
    return issues
