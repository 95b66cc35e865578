"""Synthetic data for benchmarks and load tests: `manage.py generate_data --bodies 30 --meetings 600 …`.

Bodies come in trees (a 検討会, its 作業班 and a タスクグループ), each with a chair, members,
operator representatives and a secretariat; meetings carry attendance, agenda items and
minutes; statements are Japanese text assembled from the reference minutes; every study
group gets open issues with tagged statements, stakeholder positions and assignments to its
task group. The same seed gives the same data on an empty database. Runs add to what is
there (body names get a numbered suffix when taken), so a benchmark can grow a database in
steps. Everything is bulk-inserted in one transaction; on PostgreSQL statements go in by
COPY. Bulk inserts skip save() and history, so derived columns (Statement.text_normalized)
are computed here.
"""

import datetime as dt
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from apps.core.text import normalize
from apps.deliberation import search_sql
from apps.deliberation.models import Assignment, Issue, IssueStatement, Position
from apps.demo.synthetic import Phrasebook, Vocabulary, reference_vocabulary, statement_text
from apps.directory.models import Body, Membership, Organization, Person
from apps.meetings.models import AgendaItem, Attendance, Meeting, Statement
from apps.minutes.models import Minutes

TOKYO = ZoneInfo("Asia/Tokyo")
BATCH = 5000
# Above this many new statements, the search index is dropped before the COPY and built again
# after it: building a GIN index once is many times faster than maintaining it row by row.
REBUILD_SEARCH_INDEX_FROM = 20_000
ROUTINE_AGENDA = {"前回の議事要旨の確認", "その他"}  # agenda items without discussion

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


@dataclass
class BodyPlan:
    body: Body
    root: Body  # the study group at the top of this body's tree
    task_group: Body | None
    # (person, label as printed, organization, category of attendance, statement kind)
    speakers: list[tuple[Person, str, Organization | None, str, str]] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


class Command(BaseCommand):
    help = "Generate realistic synthetic bodies, meetings and Japanese statements (deterministic for a seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bodies", type=int, default=6, help="bodies, in trees of study group → 作業班 → TG")
        parser.add_argument("--meetings", type=int, default=60)
        parser.add_argument("--statements", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, bodies: int, meetings: int, statements: int, seed: int, **options) -> None:
        if bodies < 1 or meetings < bodies or statements < 0:
            raise CommandError("Need --bodies ≥ 1, --meetings ≥ --bodies and --statements ≥ 0.")
        started = time.perf_counter()
        generator = Generator(seed=seed, vocabulary=reference_vocabulary())
        with transaction.atomic():
            counts = generator.run(bodies=bodies, meetings=meetings, statements=statements)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Generated {summary} in {time.perf_counter() - started:.1f} s (seed {seed}).")


class Generator:
    def __init__(self, *, seed: int, vocabulary: Vocabulary) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = vocabulary
        self.phrasebook = Phrasebook.of(vocabulary, self.rng)
        self.now = timezone.now()

    def run(self, *, bodies: int, meetings: int, statements: int) -> dict[str, int]:
        organizations = self._organizations()
        plans = self._bodies(bodies, organizations)
        people = self._speakers(plans, organizations)
        self._meetings(plans, meetings)
        attendance = self._attendance(plans)
        agenda_items = self._agenda_items(plans)
        statement_ids = self._statements(plans, agenda_items, statements)
        issues, tags, positions, assignments = self._issues(plans, statement_ids, organizations)
        minutes = self._minutes(plans)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # search picks its strategy from fresh statistics
                cursor.execute("ANALYZE meetings_meeting, meetings_agendaitem, meetings_statement")
        return {
            "bodies": len(plans),
            "people": people,
            "meetings": sum(len(plan.meetings) for plan in plans),
            "attendance rows": attendance,
            "agenda items": sum(len(items) for items in agenda_items.values()),
            "statements": statements,
            "issues": issues,
            "tagged statements": tags,
            "positions": positions,
            "assignments": assignments,
            "minutes": minutes,
        }

    # --- directory -------------------------------------------------------------------------

    def _organizations(self) -> dict[str, Organization]:
        by_name: dict[str, Organization] = {}
        for name, short_name, kind, parent in ORGANIZATIONS:
            by_name[name], _ = Organization.objects.get_or_create(
                name_normalized=normalize(name),
                defaults={"name": name, "short_name": short_name, "kind": kind, "parent": by_name.get(parent or "")},
            )
        return by_name

    def _unique_body_names(self, count: int) -> list[str]:
        taken = set(Body.objects.values_list("name", flat=True))
        names = []
        for index in range(count):
            base = f"{TOPICS[index % len(TOPICS)]}{STUDY_GROUP_SUFFIXES[(index // len(TOPICS)) % 3]}"
            name, suffix = base, 1
            while name in taken:
                suffix += 1
                name = f"{base}（第{suffix}期）"
            taken.add(name)
            names.append(name)
        return names

    def _bodies(self, count: int, organizations: dict[str, Organization]) -> list[BodyPlan]:
        """Trees of three: study group, its 作業班, and the 作業班's task group."""
        ministry = organizations["総務省"]
        trees = (count + 2) // 3
        roots = [
            Body(
                name=name,
                kind=Body.Kind.STUDY_GROUP,
                host=ministry,
                established_on=dt.date(2019, 4, 1) + dt.timedelta(days=30 * index),
                mandate=self.rng.choice(self.vocabulary.endings),
            )
            for index, name in enumerate(self._unique_body_names(trees))
        ]
        Body.objects.bulk_create(roots)
        plans = [BodyPlan(body=root, root=root, task_group=None) for root in roots]
        with_party = roots[: (count - trees + 1) // 2]
        parties = [
            Body(name=f"{root.name} 作業班", kind=Body.Kind.WORKING_PARTY, parent=root, host=ministry)
            for root in with_party
        ]
        Body.objects.bulk_create(parties)
        with_group = with_party[: count - trees - len(parties)]
        groups = [
            Body(name=f"{root.name} タスクグループ", kind=Body.Kind.TASK_GROUP, parent=party, host=ministry)
            for root, party in zip(with_group, parties, strict=False)
        ]
        Body.objects.bulk_create(groups)
        for plan, group in zip(plans, groups, strict=False):
            plan.task_group = group
        plans += [
            BodyPlan(body=party, root=root, task_group=None) for root, party in zip(with_party, parties, strict=True)
        ]
        plans += [
            BodyPlan(body=group, root=root, task_group=None) for root, group in zip(with_group, groups, strict=True)
        ]
        return plans

    def _person(self, organization: Organization | None = None, title: str = "") -> Person:
        return Person(
            family_name=self.rng.choice(FAMILY_NAMES),
            given_name=self.rng.choice(GIVEN_NAMES),
            organization=organization,
            title=title,
        )

    def _speakers(self, plans: list[BodyPlan], organizations: dict[str, Organization]) -> int:
        """Per body: chair, deputy chair, members, operator representatives and ministry officials."""
        operators = [org for org in organizations.values() if org.kind in {"operator", "mvno"}]
        bureau = organizations["総合通信基盤局"]
        universities = [org for org in organizations.values() if org.kind == "academia"]
        people: list[Person] = []
        memberships: list[Membership] = []
        for plan in plans:
            roles = [("chair", "座長", "comment"), ("deputy_chair", "座長代理", "comment")]
            roles += [("member", "構成員", "question")] * self.rng.randint(6, 10)
            for role, suffix, kind in roles:
                person = self._person(self.rng.choice(universities))
                people.append(person)
                memberships.append(Membership(person=person, body=plan.body, role=role))
                plan.speakers.append((person, f"{person.family_name}{suffix}", None, "member", kind))
            for operator in self.rng.sample(operators, k=self.rng.randint(3, len(operators))):
                person = self._person(operator)
                people.append(person)
                memberships.append(
                    Membership(person=person, body=plan.body, role="operator_representative", on_behalf_of=operator)
                )
                label = f"{operator.short_name}（{person.family_name}）"
                plan.speakers.append((person, label, operator, "operator", "answer"))
            for title in self.rng.sample(MINISTRY_TITLES, k=3):
                person = self._person(bureau, title)
                people.append(person)
                memberships.append(Membership(person=person, body=plan.body, role="secretariat", on_behalf_of=bureau))
                plan.speakers.append((person, f"{person.family_name}{title}", bureau, "ministry", "explanation"))
        Person.objects.bulk_create(people, batch_size=BATCH)
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        return len(people)

    # --- meetings ---------------------------------------------------------------------------

    def _meetings(self, plans: list[BodyPlan], count: int) -> None:
        rows: list[Meeting] = []
        for index in range(count):
            plan = plans[index % len(plans)]
            number = len(plan.meetings) + 1
            day = dt.date(2020, 4, 1) + dt.timedelta(days=21 * number + 3 * (index % len(plans)))
            starts_at = dt.datetime.combine(day, dt.time(self.rng.choice((10, 13, 15)), 0), tzinfo=TOKYO)
            meeting = Meeting(
                body=plan.body,
                number=number,
                title=f"{plan.body.name}（第{number}回）",
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(minutes=self.rng.choice((90, 110, 117, 120))),
                venue=self.rng.choice(("Web開催", "総務省第1特別会議室", "中央合同庁舎2号館 8階 第1特別会議室")),
                mode=self.rng.choice(("online", "online", "hybrid", "in_person")),
                status="held",
            )
            plan.meetings.append(meeting)
            rows.append(meeting)
        Meeting.objects.bulk_create(rows, batch_size=BATCH)

    def _attendance(self, plans: list[BodyPlan]) -> int:
        rows = []
        for plan in plans:
            for meeting in plan.meetings:
                for order, (person, label, organization, category, _kind) in enumerate(plan.speakers, start=1):
                    rows.append(
                        Attendance(
                            meeting=meeting,
                            order=order,
                            category=category,
                            person=person,
                            organization=organization,
                            role_label=label,
                            presence="present" if self.rng.random() < 0.92 else "absent",
                        )
                    )
        Attendance.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)

    def _agenda_items(self, plans: list[BodyPlan]) -> dict[int, list[AgendaItem]]:
        """Per meeting: confirmation of the previous minutes, two to four topics, その他."""
        by_meeting: dict[int, list[AgendaItem]] = {}
        rows: list[AgendaItem] = []
        explanations = [line for line in self.vocabulary.proceedings if "説明が行われた" in line]
        topics = [title for title in self.vocabulary.agenda_titles if title != "前回の議事要旨の確認"]
        for plan in plans:
            for meeting in plan.meetings:
                titles = ["前回の議事要旨の確認"] if meeting.number > 1 else []
                titles += self.rng.sample(topics, k=self.rng.randint(2, min(4, len(topics))))
                titles.append("その他")
                items = [
                    AgendaItem(
                        meeting=meeting,
                        order=order,
                        number_label=f"({order})",
                        title=title,
                        proceedings=self.rng.choice(explanations) if title != "その他" else "",
                    )
                    for order, title in enumerate(titles, start=1)
                ]
                by_meeting[meeting.pk] = items
                rows.extend(items)
        AgendaItem.objects.bulk_create(rows, batch_size=BATCH)
        return by_meeting

    def _statements(
        self, plans: list[BodyPlan], agenda_items: dict[int, list[AgendaItem]], count: int
    ) -> dict[int, list[int]]:
        """Statements spread evenly over meetings; returns statement ids per study group (root body)."""
        meetings = [(plan, meeting) for plan in plans for meeting in plan.meetings]
        ids = iter(_reserve_ids(Statement, count))
        by_root: dict[int, list[int]] = {}
        rows = []
        per_meeting, extra = divmod(count, len(meetings))
        for index, (plan, meeting) in enumerate(meetings):
            discussed = [item for item in agenda_items[meeting.pk] if item.title not in ROUTINE_AGENDA]
            orders = {item.pk: 0 for item in discussed}
            previous_question: int | None = None
            for _ in range(per_meeting + (1 if index < extra else 0)):
                item = self.rng.choice(discussed)
                orders[item.pk] += 1
                person, label, organization, _category, kind = self.rng.choice(plan.speakers)
                text = statement_text(self.rng, self.phrasebook)
                if kind == "question" and not text.endswith("か。"):
                    kind = "comment"
                statement_id = next(ids)
                reply_to = previous_question if kind == "answer" else None
                previous_question = statement_id if kind == "question" else previous_question
                rows.append(
                    (statement_id, item.pk, orders[item.pk], person.pk, organization.pk if organization else None)
                    + (label, kind, text, normalize(text), reply_to)
                )
                by_root.setdefault(plan.root.pk, []).append(statement_id)
        if connection.vendor == "postgresql" and count >= REBUILD_SEARCH_INDEX_FROM:
            with connection.cursor() as cursor:
                cursor.execute(search_sql.DROP_INDEX)
                _insert_statements(rows, self.now)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no index is built over pending checks
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                cursor.execute(search_sql.CREATE_INDEX)
                cursor.execute(search_sql.STATISTICS_TARGET)
        else:
            _insert_statements(rows, self.now)
        return by_root

    # --- deliberation and minutes ---------------------------------------------------------

    def _issues(
        self, plans: list[BodyPlan], statement_ids: dict[int, list[int]], organizations: dict[str, Organization]
    ) -> tuple[int, int, int, int]:
        """Every study group: open issues with tagged statements, positions and assignments."""
        operators = [org for org in organizations.values() if org.kind in {"operator", "mvno"}]
        issues: list[Issue] = []
        for plan in plans:
            if plan.body != plan.root or not plan.meetings:
                continue
            for number, title in enumerate(self.rng.sample(ISSUE_TITLES, k=6), start=1):
                status = self.rng.choice(("open", "open", "assigned", "in_progress", "deferred"))
                if status == "assigned" and plan.task_group is None:
                    status = "open"
                issues.append(
                    Issue(
                        body=plan.body,
                        code=f"I-{number:03d}",
                        number=number,  # bulk_create skips Issue.save(), which would derive it
                        title=title,
                        description=self.rng.choice(self.vocabulary.endings),
                        status=status,
                        priority=self.rng.choice((1, 2, 2, 3)),
                        raised_in=self.rng.choice(plan.meetings),
                    )
                )
        Issue.objects.bulk_create(issues, batch_size=BATCH)

        plan_of_root = {plan.root.pk: plan for plan in plans if plan.body == plan.root}
        tags: list[IssueStatement] = []
        positions: list[Position] = []
        assignments: list[Assignment] = []
        for issue in issues:
            plan = plan_of_root[issue.body_id]
            candidates = statement_ids.get(issue.body_id, [])
            tagged = self.rng.sample(candidates, k=min(len(candidates), max(1, len(candidates) // 40)))
            tags.extend(IssueStatement(issue=issue, statement_id=statement_id) for statement_id in tagged)
            for meeting in self.rng.sample(plan.meetings, k=min(2, len(plan.meetings))):
                for operator in self.rng.sample(operators, k=3):
                    stance = self.rng.choice(list(POSITION_SUMMARIES))
                    positions.append(
                        Position(
                            issue=issue,
                            organization=operator,
                            meeting=meeting,
                            stance=stance,
                            summary=POSITION_SUMMARIES[stance],
                        )
                    )
            raised_in = issue.raised_in
            if issue.status in {"assigned", "in_progress"} and plan.task_group is not None and raised_in:
                assignments.append(
                    Assignment(
                        issue=issue,
                        task_group=plan.task_group,
                        assigned_in=raised_in,
                        due_on=raised_in.starts_at.date() + dt.timedelta(days=90),
                    )
                )
        IssueStatement.objects.bulk_create(tags, batch_size=BATCH)
        Position.objects.bulk_create(positions, batch_size=BATCH)
        Assignment.objects.bulk_create(assignments, batch_size=BATCH)
        return len(issues), len(tags), len(positions), len(assignments)

    def _minutes(self, plans: list[BodyPlan]) -> int:
        """Minutes of every meeting published, except the latest of each body (still a draft)."""
        rows = []
        for plan in plans:
            for meeting in plan.meetings:
                latest = meeting is plan.meetings[-1]
                rows.append(
                    Minutes(
                        meeting=meeting,
                        status="draft" if latest else "published",
                        published_at=None if latest else meeting.starts_at + dt.timedelta(days=28),
                    )
                )
        Minutes.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)


def _reserve_ids(model: type[Statement], count: int) -> range:
    """A block of primary keys, so that rows can point at each other before they are inserted."""
    if connection.vendor != "postgresql":
        start = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        return range(start, start + count)
    if count == 0:
        return range(0)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return range(last - count + 1, last + 1)


STATEMENT_COLUMNS = (
    "id",
    "agenda_item_id",
    "order",
    "speaker_id",
    "speaker_organization_id",
    "speaker_label",
    "kind",
    "text",
    "text_normalized",
    "reply_to_id",
)


def _insert_statements(rows: Iterable[tuple], now: dt.datetime) -> None:
    """COPY on PostgreSQL (several times faster than INSERT for 10⁵ rows); bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        Statement.objects.bulk_create(
            [Statement(**dict(zip(STATEMENT_COLUMNS, row, strict=True))) for row in rows], batch_size=BATCH
        )
        return
    columns = ", ".join(f'"{name}"' for name in (*STATEMENT_COLUMNS, "version", "created", "modified"))
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {Statement._meta.db_table} ({columns}) FROM STDIN"  # noqa: S608 - names come from the model
        ) as copy,
    ):
        for row in rows:
            copy.write_row((*row, 1, now, now))
