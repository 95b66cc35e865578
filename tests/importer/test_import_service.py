"""Persisting the reference minutes: one transaction, people resolved, re-import in place."""

import datetime as dt
from pathlib import Path

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone

from apps.deliberation.models import Issue, IssueStatement
from apps.directory.models import Body, Membership, Organization, Person
from apps.importer.parser import MinutesError, parse_minutes
from apps.importer.services import meeting_import, meeting_number_from_title, minutes_file_import
from apps.meetings.models import AgendaItem, Attendance, Material, Meeting, Statement
from apps.minutes.models import Minutes

REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
BODY = "非常時における事業者間ローミング等に関する検討会"


@pytest.fixture(scope="module")
def parsed():
    return parse_minutes(REFERENCE.read_text(encoding="utf-8"))


def _statements(meeting):
    return list(
        Statement.objects.filter(agenda_item__meeting=meeting)
        .select_related("speaker__organization", "speaker_organization")
        .order_by("agenda_item__order", "order")
    )


@pytest.mark.django_db
def test_it_stores_the_whole_meeting(parsed):
    meeting = meeting_import(parsed=parsed, body_name=BODY)
    assert meeting.number == 6
    assert meeting.title == "非常時における事業者間ローミング等に関する検討会（第６回）"
    assert timezone.localtime(meeting.starts_at) == dt.datetime(
        2022, 12, 20, 15, 0, tzinfo=timezone.get_current_timezone()
    )
    assert timezone.localtime(meeting.ends_at).strftime("%H:%M") == "16:57"
    assert (meeting.venue, meeting.mode) == ("Web開催", Meeting.Mode.ONLINE)
    items = list(meeting.agenda_items.order_by("order"))
    assert [i.statements.count() for i in items] == [0, 5, 1, 3, 31, 1, 0]
    assert items[4].number_label == "（５）"
    assert [m.label for m in items[4].materials.order_by("sort_key")] == [
        "資料６－８",
        "資料６－９",
        "資料６－１０",
        "資料６－１１",
        "資料６－１２",
        "資料６－１３",
    ]
    assert list(meeting.materials.order_by("sort_key").values_list("label", flat=True))[:2] == [
        "資料６－１",
        "資料６－２",
    ]
    assert meeting.materials.count() == 13
    categories = {
        c: meeting.attendances.filter(category=c).count() for c in ("member", "operator", "observer", "ministry")
    }
    assert categories == {"member": 14, "operator": 6, "observer": 9, "ministry": 11}
    assert [w["message"] for w in meeting.import_warnings] == [
        "発言者「楽天モバイル（森山）」が出席者一覧にありません",
        "発言者「日本通信（伊藤）」が出席者一覧にありません",
    ]
    statements = _statements(meeting)
    assert len(statements) == 41
    assert statements[2].text.count("\n\n") == 1
    assert statements[2].text_normalized.startswith("報告書に、フルローミング方式")


@pytest.mark.django_db
def test_speaker_labels_are_resolved_to_people_and_organizations(parsed):
    meeting = meeting_import(parsed=parsed, body_name=BODY)
    by_label = {s.speaker_label: s for s in _statements(meeting)}
    docomo = by_label["ＮＴＴドコモ（小林）"]
    assert (docomo.speaker.family_name, docomo.speaker.given_name) == ("小林", "宏")
    assert docomo.speaker_organization.name == "株式会社NTTドコモ"
    assert docomo.speaker.organization == docomo.speaker_organization
    fujii = by_label["藤井構成員"].speaker
    assert Attendance.objects.filter(meeting=meeting, person=fujii).exists()
    yamaguchi = by_label["山口電気通信技術システム課長"]
    assert (yamaguchi.speaker.family_name, yamaguchi.speaker.title) == ("山口", "電気通信技術システム課長")
    assert yamaguchi.speaker_organization.name == "総務省"
    assert Attendance.objects.get(meeting=meeting, person=yamaguchi.speaker).category == "ministry"
    # Not in the attendance, but the company is: the person is recorded with it.
    moriyama = by_label["楽天モバイル（森山）"]
    assert (moriyama.speaker.family_name, moriyama.speaker_organization.name) == ("森山", "楽天モバイル株式会社")
    chair = by_label["相田座長"].speaker
    assert Attendance.objects.filter(meeting=meeting, person=chair).exists()
    # An import records attendance; who is a member of the body is the secretariat's decision.
    assert not Membership.objects.exists()
    assert all(s.speaker_id for s in by_label.values())
    observers = Attendance.objects.filter(meeting=meeting, category="observer")
    assert all(a.person_id is None and a.organization_id for a in observers)
    assert Organization.objects.get(name="警察庁").kind == Organization.Kind.AGENCY


@pytest.mark.django_db
def test_it_reuses_people_and_organizations_that_exist(personas, parsed):
    meeting = meeting_import(parsed=parsed, body_name=personas.study_group.name)
    assert meeting.body == personas.study_group
    by_label = {s.speaker_label: s for s in _statements(meeting)}
    assert by_label["相田座長"].speaker == personas.chair.person
    assert by_label["藤井構成員"].speaker == personas.member.person
    assert by_label["ＮＴＴドコモ（小林）"].speaker == personas.operator.person
    assert by_label["ＮＴＴドコモ（小林）"].speaker.full_name == "小林 宏"  # the given name the directory lacked
    assert Organization.objects.filter(name_normalized="株式会社NTTドコモ").count() == 1
    assert Organization.objects.filter(name="総務省").count() == 1


@pytest.mark.django_db
def test_reimporting_updates_the_same_meeting(parsed):
    first = meeting_import(parsed=parsed, body_name=BODY)
    counts = (Person.objects.count(), Organization.objects.count(), Membership.objects.count())
    second = meeting_import(parsed=parsed, body_name=BODY)
    assert second.pk == first.pk
    assert Meeting.objects.count() == 1
    assert Statement.objects.count() == 41
    assert AgendaItem.objects.count() == 7
    assert Material.objects.count() == 13
    assert Attendance.objects.count() == 40
    assert (Person.objects.count(), Organization.objects.count(), Membership.objects.count()) == counts


@pytest.mark.django_db
def test_reimporting_keeps_statement_rows_and_what_points_at_them(parsed):
    meeting = meeting_import(parsed=parsed, body_name=BODY)
    statement = _statements(meeting)[10]
    issue = Issue.objects.create(body=meeting.body, code="I-001", title="MVNO利用者の救済")
    IssueStatement.objects.create(issue=issue, statement=statement)
    corrected = parse_minutes(REFERENCE.read_text(encoding="utf-8").replace("弊社の場合、", "当社の場合、"))
    corrected.agenda_items[5].statements.clear()  # the file now lacks the closing remarks
    meeting_import(parsed=corrected, body_name=BODY)
    statement.refresh_from_db()
    assert statement.text.startswith("当社の場合、")
    assert statement.version == 2
    assert IssueStatement.objects.filter(statement=statement, issue=issue).exists()
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == 40
    assert statement.history.first().history_type == "~"
    unchanged = _statements(meeting)[0]
    assert (unchanged.version, unchanged.history.count()) == (1, 1)  # left alone: no update, no history


@pytest.mark.django_db
def test_reimport_keeps_uploaded_material_files(parsed):
    meeting = meeting_import(parsed=parsed, body_name=BODY)
    material = meeting.materials.get(label="資料６－１")
    Material.objects.filter(pk=material.pk).update(file="materials/2022/6-1.pdf", title="議事要旨（案）")
    meeting_import(parsed=parsed, body_name=BODY)
    material.refresh_from_db()
    assert material.file.name == "materials/2022/6-1.pdf"
    assert meeting.materials.count() == 13


@pytest.mark.django_db
def test_published_minutes_are_not_overwritten(parsed):
    meeting = meeting_import(parsed=parsed, body_name=BODY)
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.PUBLISHED, published_at=timezone.now())
    with pytest.raises(MinutesError, match="published minutes"):
        meeting_import(parsed=parsed, body_name=BODY)
    assert Statement.objects.filter(agenda_item__meeting=meeting).count() == 41


@pytest.mark.django_db
def test_the_import_takes_a_bounded_number_of_queries(parsed, django_assert_num_queries):
    Body.objects.create(name=BODY)
    # Savepoint and release, body, organizations ×3, people ×3, meeting ×3 (no memberships: an
    # import records attendance only), and for each of the meeting's tables one insert, its
    # history insert and (but for the materials' M2M table) the freeze guard's check of the meeting.
    with django_assert_num_queries(25):
        meeting_import(parsed=parsed, body_name=BODY)
    # Re-importing the same file: rows are read once per table and, being unchanged, left alone;
    # the meeting itself is saved (with its history) after checking its minutes are not published.
    # The people already in the directory bring four: the bodies they belong to (memberships,
    # attendance), the bodies the import acts for and the body's tree.
    with django_assert_num_queries(21):
        meeting_import(parsed=parsed, body_name=BODY)


@pytest.mark.django_db
def test_a_meeting_number_is_required(parsed):
    parsed_without_number = parse_minutes(REFERENCE.read_text(encoding="utf-8").replace("（第６回）", ""))
    with pytest.raises(MinutesError, match="no meeting number"):
        meeting_import(parsed=parsed_without_number, body_name=BODY)
    assert meeting_import(parsed=parsed_without_number, body_name=BODY, number=6).number == 6


@pytest.mark.parametrize(
    ("title", "number"),
    [("検討会（第６回）", 6), ("第12回 会合", 12), ("第十二回会合", 12), ("第二十回", 20), ("会合", None)],
)
def test_the_meeting_number_is_read_from_the_title(title, number):
    assert meeting_number_from_title(title) == number


@pytest.mark.django_db
def test_a_database_failure_mid_import_leaves_nothing_behind():
    """A real PostgreSQL error while inserting the statements: everything before it is rolled back.

    The trigger lives in the test's transaction, so it disappears with it.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_statements() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER refuse_statements BEFORE INSERT ON meetings_statement "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse_statements()"
        )
    with pytest.raises(DatabaseError, match="simulated failure"):
        minutes_file_import(path=REFERENCE, body_name=BODY)
    for model in (Body, Meeting, Person, Organization, Attendance, Material, AgendaItem, Membership):
        assert not model.objects.exists(), model.__name__
    assert not Person.history.exists()


@pytest.mark.django_db
def test_short_names_in_the_directory_resolve_other_spellings_of_a_company():
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "【インターネットイニシアティブ（佐々木）】", "【ＩＩＪ（佐々木）】"
    )
    parsed_with_abbreviation = parse_minutes(text)
    assert any(w.speaker == "ＩＩＪ（佐々木）" for w in parsed_with_abbreviation.warnings)
    Organization.objects.create(name="株式会社インターネットイニシアティブ", short_name="IIJ")
    meeting = meeting_import(parsed=parsed_with_abbreviation, body_name=BODY)
    iij = [s for s in _statements(meeting) if s.speaker_label == "ＩＩＪ（佐々木）"]
    assert len(iij) == 5
    assert {(s.speaker.family_name, s.speaker_organization.short_name) for s in iij} == {("佐々木", "IIJ")}
    assert [w["message"] for w in meeting.import_warnings] == [
        "発言者「楽天モバイル（森山）」が出席者一覧にありません",
        "発言者「日本通信（伊藤）」が出席者一覧にありません",
    ]


@pytest.mark.django_db
def test_the_layouts_markers_decide_the_stored_statement_kind():
    # In an assembly's minutes ◆ marks a question and ◎ an answer, whatever the wording.
    text = (
        "第3回 テスト委員会 会議録\n\n日時：令和5年3月1日（水）10:00～12:00\n場所：第1委員会室\n\n議事\n"
        "○委員長(渡辺盛君) 質疑を許します。\n◆委員(鈴木君) 補助金の効果を検証した結果をお示し願います。\n"
        "◎財政課長(山田君) 効果は検証しております。\n"
    )
    meeting = meeting_import(parsed=parse_minutes(text), body_name="テスト委員会")
    kinds = list(
        Statement.objects.filter(agenda_item__meeting=meeting).order_by("order").values_list("kind", flat=True)
    )
    assert kinds == [Statement.Kind.REMARK, Statement.Kind.QUESTION, Statement.Kind.ANSWER]
