"""People named in minutes, matched to the directory: full names first, a family name alone only when
it is unambiguous, and a warning with the line instead of a guess."""

from pathlib import Path

import pytest

from apps.directory.models import Body, Membership, Organization, Person
from apps.importer.parser import parse_minutes
from apps.importer.services import meeting_import
from apps.meetings.models import Attendance, Meeting, Statement

REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"
REFERENCE_BODY = "非常時における事業者間ローミング等に関する検討会"
BODY = "テスト検討会"


def _minutes(attendance: str, statements: str = "", *, number: int = 3) -> str:
    return (
        f"{BODY}（第{number}回） 議事要旨\n\n１ 日時\n令和5年3月1日（水）10:00～12:00\n"
        f"２ 出席者\n{attendance}\n３ 議事\n（１）報告\n事務局より説明が行われた。\n{statements}"
    )


def _import(attendance: str, statements: str = "", *, number: int = 3) -> Meeting:
    return meeting_import(parsed=parse_minutes(_minutes(attendance, statements, number=number)), body_name=BODY)


def _line(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if fragment in line)


def _member(body: Body, family: str, given: str = "", role: str = Membership.Role.MEMBER) -> Person:
    person = Person.objects.create(family_name=family, given_name=given)
    Membership.objects.create(person=person, body=body, role=role)
    return person


def _speakers(meeting: Meeting) -> list[tuple[str, Person | None]]:
    statements = Statement.objects.filter(agenda_item__meeting=meeting).select_related("speaker")
    return [(s.speaker_label, s.speaker) for s in statements.order_by("agenda_item__order", "order")]


def _attendees(meeting: Meeting) -> list[Person | None]:
    return [a.person for a in Attendance.objects.filter(meeting=meeting).select_related("person").order_by("order")]


@pytest.fixture
def body(db) -> Body:
    return Body.objects.create(name=BODY)


@pytest.mark.django_db
def test_the_same_family_name_in_two_organizations_is_two_people():
    softbank = Organization.objects.create(name="ソフトバンク株式会社")
    outsider = Person.objects.create(family_name="佐藤", organization=softbank)
    attendance = "（１）関係事業者\n株式会社NTTドコモ 佐藤\nKDDI株式会社 佐藤"
    statements = "【ＮＴＴドコモ（佐藤）】\n回答します。\n【ＫＤＤＩ（佐藤）】\n補足します。"
    meeting = _import(attendance, statements)
    sato = Person.objects.filter(family_name="佐藤").exclude(pk=outsider.pk)
    assert sorted(sato.values_list("organization__name", flat=True)) == ["KDDI株式会社", "株式会社NTTドコモ"]
    docomo, kddi = (p for _, p in _speakers(meeting))
    assert (docomo.organization.name, kddi.organization.name) == ("株式会社NTTドコモ", "KDDI株式会社")
    next_meeting = _import(attendance, statements, number=4)
    assert Person.objects.filter(family_name="佐藤").count() == 3
    assert _speakers(next_meeting) == _speakers(meeting)


@pytest.mark.django_db
def test_a_family_name_alone_does_not_reach_people_outside_the_body():
    elsewhere = _member(Body.objects.create(name="電波政策懇談会"), "森川")
    meeting = _import("（１）構成員\n森川構成員")
    [morikawa] = _attendees(meeting)
    assert morikawa != elsewhere
    assert meeting.import_warnings == []


@pytest.mark.django_db
def test_two_people_of_the_body_with_one_family_name_are_told_apart_by_role(body):
    hiroyuki = _member(body, "森川", "博之", Membership.Role.DEPUTY_CHAIR)
    hiroshi = _member(body, "森川", "浩")
    meeting = _import(
        "（１）構成員\n森川座長代理、森川構成員", "【森川構成員】\n質問です。\n【森川座長代理】\n回答です。"
    )
    assert _attendees(meeting) == [hiroyuki, hiroshi]
    assert _speakers(meeting) == [("森川構成員", hiroshi), ("森川座長代理", hiroyuki)]
    assert Person.objects.count() == 2
    assert meeting.import_warnings == []


@pytest.mark.django_db
def test_a_full_name_picks_the_person_with_that_name(body):
    _member(body, "森川", "博之")
    hiroshi = _member(body, "森川", "浩")
    meeting = _import("（１）構成員\n森川 浩 構成員", "【森川構成員】\n質問です。")
    assert _attendees(meeting) == [hiroshi]
    assert _speakers(meeting) == [("森川構成員", hiroshi)]
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_a_family_name_that_fits_two_people_of_the_body_is_a_new_person_and_a_warning(body):
    hiroyuki = _member(body, "森川", "博之")
    hiroshi = _member(body, "森川", "浩")
    text = _minutes("（１）構成員\n相田座長、森川構成員")
    meeting = meeting_import(parsed=parse_minutes(text), body_name=BODY)
    morikawa = _attendees(meeting)[1]
    assert morikawa not in (hiroyuki, hiroshi)
    [warning] = meeting.import_warnings
    assert warning["line"] == _line(text, "森川構成員")
    assert f"森川 博之（ID {hiroyuki.pk}）" in warning["message"]
    assert f"森川 浩（ID {hiroshi.pk}）" in warning["message"]
    # Re-importing keeps the choice made (or corrected by the secretariat) instead of adding another 森川.
    Attendance.objects.filter(person=morikawa).update(person=hiroshi)
    again = meeting_import(parsed=parse_minutes(text), body_name=BODY)
    assert _attendees(again)[1] == hiroshi
    assert Person.objects.filter(family_name="森川").count() == 3
    assert again.import_warnings == []


@pytest.mark.django_db
def test_two_names_in_the_minutes_that_fit_one_person_take_neither(body):
    morikawa = _member(body, "森川")
    text = _minutes("（１）構成員\n森川 博之 構成員、森川 浩 構成員")
    meeting = meeting_import(parsed=parse_minutes(text), body_name=BODY)
    assert morikawa not in _attendees(meeting)
    assert len(set(_attendees(meeting))) == 2
    [warning] = meeting.import_warnings
    assert warning["line"] == _line(text, "森川 博之")
    assert "森川 博之（構成員）" in warning["message"] and "森川 浩（構成員）" in warning["message"]
    morikawa.refresh_from_db()
    assert morikawa.given_name == ""


@pytest.mark.django_db
def test_an_ambiguous_speaker_is_left_unresolved_with_a_warning_naming_its_line(body):
    text = _minutes(
        "（１）構成員\n森川 博之 構成員、森川 浩 構成員", "【森川 博之構成員】\n質問です。\n【森川構成員】\n補足です。"
    )
    parsed = parse_minutes(text)
    assert parsed.speaker("森川構成員").attendee is None
    assert [a.name for a in parsed.speaker("森川構成員").candidates] == ["森川 博之", "森川 浩"]
    meeting = meeting_import(parsed=parsed, body_name=BODY)
    assert meeting.import_warnings == [
        {
            "line": _line(text, "【森川構成員】"),
            "message": "発言者「森川構成員」は出席者一覧の複数の人（森川 博之（構成員）、森川 浩（構成員））"
            "に当てはまるため、特定できません",
        }
    ]
    (first_label, first), (label, speaker) = _speakers(meeting)
    assert (first_label, first.full_name) == ("森川 博之構成員", "森川 博之")
    assert (label, speaker) == ("森川構成員", None)


@pytest.mark.django_db
def test_a_given_name_is_filled_in_on_a_later_import(body):
    first = _import("（１）構成員\n森川座長代理")
    [morikawa] = _attendees(first)
    assert morikawa.given_name == ""
    second = _import("（１）構成員\n森川 博之 座長代理", number=4)
    assert _attendees(second) == [morikawa]
    morikawa.refresh_from_db()
    assert morikawa.full_name == "森川 博之"
    assert morikawa.history.first().history_type == "~"
    assert second.import_warnings == []


@pytest.mark.django_db
def test_a_different_given_name_is_another_person_with_a_warning(body):
    hiroyuki = _member(body, "森川", "博之", Membership.Role.DEPUTY_CHAIR)
    text = _minutes("（１）構成員\n相田座長、森川 浩 座長代理")
    meeting = meeting_import(parsed=parse_minutes(text), body_name=BODY)
    assert _attendees(meeting)[1].full_name == "森川 浩"
    assert [w["line"] for w in meeting.import_warnings] == [_line(text, "森川 浩")]
    assert f"森川 博之（ID {hiroyuki.pk}）" in meeting.import_warnings[0]["message"]
    hiroyuki.refresh_from_db()
    assert hiroyuki.given_name == "博之"


@pytest.mark.django_db
def test_a_different_title_is_kept_with_a_warning(body):
    ministry = Organization.objects.create(name="総務省", kind=Organization.Kind.MINISTRY)
    yamaguchi = Person.objects.create(family_name="山口", organization=ministry, title="料金サービス課長")
    text = _minutes("（１）構成員\n相田座長\n（２）総務省\n山口電気通信技術システム課長")
    meeting = meeting_import(parsed=parse_minutes(text), body_name=BODY)
    assert _attendees(meeting)[1] == yamaguchi
    [warning] = meeting.import_warnings
    assert warning["line"] == _line(text, "山口")
    assert "料金サービス課長" in warning["message"] and "電気通信技術システム課長" in warning["message"]
    yamaguchi.refresh_from_db()
    assert yamaguchi.title == "料金サービス課長"


@pytest.mark.django_db
def test_the_reference_minutes_imported_again_or_as_the_next_meeting_add_no_people():
    text = REFERENCE.read_text(encoding="utf-8")
    first = meeting_import(parsed=parse_minutes(text), body_name=REFERENCE_BODY)
    people = set(Person.objects.values_list("pk", "family_name", "given_name", "organization_id", "title"))
    memberships = Membership.objects.count()
    meeting_import(parsed=parse_minutes(text), body_name=REFERENCE_BODY)
    nth = meeting_import(parsed=parse_minutes(text), body_name=REFERENCE_BODY, number=7)
    assert set(Person.objects.values_list("pk", "family_name", "given_name", "organization_id", "title")) == people
    assert Membership.objects.count() == memberships
    assert _attendees(nth) == _attendees(first)
    assert _speakers(nth) == _speakers(first)
    assert nth.import_warnings == first.import_warnings
