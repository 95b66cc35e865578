"""Entering a meeting at the desk: header, attendance, agenda with materials, statements, decisions."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.directory.models import Membership, Organization, Person
from apps.meetings import selectors, services, statements
from apps.meetings.models import AgendaItem, Attendance, Material, Meeting, Statement
from apps.minutes.models import Minutes
from tests.desk.conftest import TOKYO


def test_a_new_meeting_gets_the_body_members_in_their_headings(client, personas):
    client.force_login(personas.secretariat)
    url = reverse("desk:new") + f"?body={personas.study_group.pk}"
    response = client.post(
        url,
        {
            "number": 7,
            "title": "",
            "starts_at": "2023-01-24T10:00",
            "ends_at": "2023-01-24T12:00",
            "venue": "Web開催",
            "mode": "online",
            "add_members": "on",
        },
    )
    meeting = Meeting.objects.get(body=personas.study_group, number=7)
    assert response.status_code == 302 and response["Location"] == reverse("desk:edit", args=[meeting.pk])
    assert meeting.title == f"{personas.study_group.name}（第7回）"
    assert meeting.starts_at.astimezone(TOKYO).hour == 10  # read in Asia/Tokyo
    rows = {(a.person.family_name, a.category, a.role_label) for a in meeting.attendances.select_related("person")}
    assert ("相田", "member", "座長") in rows
    assert ("藤井", "member", "構成員") in rows
    assert ("小林", "operator", "") in rows
    assert ("警察庁", "observer", "") in rows
    assert ("事務局", "secretariat", "") in rows
    assert ("他所", "member", "構成員") not in rows  # a member of another body
    operator = meeting.attendances.get(person=personas.operator.person)
    assert operator.organization.name == "株式会社NTTドコモ"


def test_adding_the_members_twice_adds_nobody_twice(personas, meeting):
    first = services.attendance_add_body_members(meeting=meeting, by=personas.secretariat)
    again = services.attendance_add_body_members(meeting=meeting, by=personas.secretariat)
    assert len(first) == 5 and again == []
    assert [a.order for a in meeting.attendances.all()] == [1, 2, 3, 4, 5]


def test_an_end_before_the_start_names_the_field(client, personas):
    client.force_login(personas.secretariat)
    response = client.post(
        reverse("desk:new") + f"?body={personas.study_group.pk}",
        {"number": 7, "starts_at": "2023-01-24T10:00", "ends_at": "2023-01-24T09:00", "mode": "online"},
    )
    assert response.status_code == 400
    assert "A meeting must end after it starts." in response.content.decode()
    assert not Meeting.objects.filter(number=7).exists()


def test_the_type_ahead_finds_people_by_full_name_kana_and_organization(htmx, personas, meeting):
    Person.objects.create(
        family_name="小林",
        given_name="宏",
        name_kana="こばやし ひろし",
        organization=personas.operator.person.organization,
    )
    htmx.force_login(personas.secretariat)
    url = reverse("desk:search", args=[meeting.pk])
    assert "こばやし" in htmx.get(url, {"q": "小林宏"}).content.decode()
    assert "小林 宏" in htmx.get(url, {"q": "こばやし"}).content.decode()
    assert "小林 宏" in htmx.get(url, {"q": "ＮＴＴドコモ"}).content.decode()  # NFKC: ＮＴＴ is NTT
    assert "Nobody in the directory" in htmx.get(url, {"q": "存在しない"}).content.decode()


def test_a_new_person_is_created_in_place_without_a_membership(htmx, personas, meeting):
    htmx.force_login(personas.secretariat)
    response = htmx.post(
        reverse("desk:add_new_person", args=[meeting.pk]),
        {
            "family_name": "新井",
            "given_name": "一郎",
            "organization_name": "新しい協会",
            "title": "理事",
            "category": "observer",
            "role_label": "",
        },
    )
    assert response.status_code == 200 and "新井 一郎" in response.content.decode()
    person = Person.objects.get(family_name="新井")
    assert person.organization == Organization.objects.get(name="新しい協会")
    assert meeting.attendances.get(person=person).category == "observer"
    assert not Membership.objects.filter(person=person).exists()  # attendance grants nothing


def test_presence_and_role_label_save_on_their_own(htmx, personas, meeting):
    attendance = Attendance.objects.create(meeting=meeting, category="member", person=personas.member.person)
    htmx.force_login(personas.secretariat)
    response = htmx.post(
        reverse("desk:attendance", args=[attendance.pk]), {"presence": "proxy", "role_label": "構成員"}
    )
    assert response.status_code == 200
    attendance.refresh_from_db()
    assert (attendance.presence, attendance.role_label) == ("proxy", "構成員")


def test_materials_are_labelled_in_the_body_numbering_with_their_hash_and_size(htmx, personas, meeting):
    htmx.force_login(personas.secretariat)
    files = [
        SimpleUploadedFile("構成員提出資料.pdf", b"%PDF-1.4 one"),
        SimpleUploadedFile("事務局資料.pdf", b"%PDF two"),
    ]
    response = htmx.post(reverse("desk:item_add", args=[meeting.pk]), {"title": "報告書について", "files": files})
    assert response.status_code == 200
    item = meeting.agenda_items.get()
    assert (item.order, item.number_label) == (1, "（1）")
    materials = list(item.materials.order_by("sort_key"))
    assert [m.label for m in materials] == ["資料7-1", "資料7-2"]
    assert materials[0].sha256 == hashlib.sha256(b"%PDF-1.4 one").hexdigest() and materials[0].size == 12
    assert materials[0].title == "構成員提出資料"
    second = htmx.post(reverse("desk:item_add", args=[meeting.pk]), {"title": "その他"})
    assert second.status_code == 200
    assert list(meeting.agenda_items.values_list("order", flat=True)) == [1, 2]


def test_an_upload_over_the_limit_is_refused_naming_the_limit_and_nothing_is_kept(htmx, personas, meeting, settings):
    settings.UPLOAD_MAX_BYTES = 10
    htmx.force_login(personas.secretariat)
    response = htmx.post(
        reverse("desk:item_add", args=[meeting.pk]),
        {"title": "議題", "files": [SimpleUploadedFile("big.pdf", b"x" * 11)]},
    )
    assert response.status_code == 400
    assert "(UPLOAD_MAX_BYTES)" in response.content.decode()
    assert not meeting.agenda_items.exists() and not meeting.materials.exists()  # the item went with the file


def test_only_this_meetings_materials_are_offered_and_linked(htmx, personas, meeting):
    earlier = Meeting.objects.create(body=personas.study_group, number=6, title="第6回", starts_at=meeting.starts_at)
    foreign = Material.objects.create(meeting=earlier, label="資料6-1", title="前回の資料")
    own = Material.objects.create(meeting=meeting, label="資料7-1", title="今回の資料")
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    htmx.force_login(personas.secretariat)
    form = htmx.get(reverse("desk:item", args=[item.pk])).content.decode()
    assert "今回の資料" in form and "前回の資料" not in form
    with pytest.raises(ValidationError, match="belong to another meeting"):
        services.agenda_item_save(
            meeting=meeting, item=item, title="議題", materials=[own, foreign], by=personas.secretariat
        )
    assert list(item.materials.all()) == []


def test_typed_orders_stay_and_new_statements_go_last(personas, meeting):
    item = AgendaItem.objects.create(meeting=meeting, order=5, title="議題")
    for text in ("一", "二", "三"):
        statements.statement_save(agenda_item=item, speaker_label="藤井構成員", text=text, by=personas.secretariat)
    assert list(item.statements.values_list("order", "text")) == [(1, "一"), (2, "二"), (3, "三")]
    assert AgendaItem.objects.get(pk=item.pk).order == 5


def test_a_statement_names_its_speaker_from_the_attendance(htmx, personas, meeting):
    services.attendance_add_body_members(meeting=meeting, by=personas.secretariat)
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    htmx.force_login(personas.secretariat)
    url = reverse("desk:statement_add", args=[item.pk])
    response = htmx.post(url, {"speaker_label": "藤井構成員", "kind": "question", "text": "IoTを優先すべきか。"})
    assert response.status_code == 200
    statement = item.statements.get()
    assert statement.speaker == personas.member.person
    # The fresh form proposes the answerer: nobody answered 藤井 yet, so the last other speaker, or the chair.
    body = response.content.decode()
    assert 'hx-swap-oob="beforeend:#statements-' in body and "IoTを優先すべきか。" in body
    htmx.post(url, {"speaker_label": "NTTドコモ（小林）", "kind": "answer", "text": "検討したい。"})
    answer = item.statements.get(order=2)
    assert answer.speaker == personas.operator.person  # the label as the editor proposes it
    assert answer.speaker_organization.name == "株式会社NTTドコモ"


def test_the_next_speaker_proposed_follows_the_exchange(personas, meeting):
    services.attendance_add_body_members(meeting=meeting, by=personas.secretariat)
    attendances = list(selectors.meeting_attendances(meeting))
    labels = set(selectors.speaker_choices(attendances))
    assert {"相田座長", "藤井構成員", "NTTドコモ（小林）", "事務局"} <= labels

    def said(*pairs):
        return [Statement(speaker_label=label, kind=kind) for label, kind in pairs]

    assert selectors.next_speaker([], attendances) == ("相田座長", "remark")
    assert selectors.next_speaker(said(("相田座長", "remark")), attendances) == ("", "question")
    asked = said(
        ("藤井構成員", "question"), ("NTTドコモ（小林）", "answer"), ("相田座長", "remark"), ("藤井構成員", "question")
    )
    assert selectors.next_speaker(asked, attendances) == ("NTTドコモ（小林）", "answer")  # who answered 藤井 before
    assert selectors.next_speaker(asked[:2], attendances) == ("相田座長", "remark")  # the chair after an answer


def test_a_stale_edit_is_refused_with_a_message_and_the_text_kept(htmx, personas, meeting):
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    statement = statements.statement_save(
        agenda_item=item, speaker_label="藤井構成員", text="元", by=personas.secretariat
    )
    statements.statement_save(
        agenda_item=item,
        statement=statement,
        base_version=1,
        speaker_label="藤井構成員",
        text="他の人の修正",
        by=personas.secretariat,
    )
    htmx.force_login(personas.secretariat)
    response = htmx.post(
        reverse("desk:statement", args=[statement.pk]),
        {"speaker_label": "藤井構成員", "kind": "comment", "text": "私の修正", "base_version": 1},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this statement" in body and "私の修正" in body and "他の人の修正" in body
    assert Statement.objects.get(pk=statement.pk).text == "他の人の修正"


def test_statements_move_by_position(htmx, personas, meeting):
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    rows = [
        statements.statement_save(agenda_item=item, speaker_label="藤井構成員", text=t, by=personas.secretariat)
        for t in "ABC"
    ]
    htmx.force_login(personas.secretariat)
    response = htmx.post(reverse("desk:statement_move", args=[rows[2].pk]), {"position": 1, "base_version": 1})
    assert response.status_code == 200
    assert list(item.statements.order_by("order").values_list("text", flat=True)) == ["C", "A", "B"]
    stale = htmx.post(reverse("desk:statement_move", args=[rows[0].pk]), {"position": 3, "base_version": 7})
    assert stale.status_code == 409


def test_a_decision_per_agenda_item(htmx, personas, meeting):
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    htmx.force_login(personas.secretariat)
    response = htmx.post(reverse("desk:decision_add", args=[item.pk]), {"text": "案のとおり了承", "kind": "approved"})
    assert response.status_code == 200 and "案のとおり了承" in response.content.decode()
    assert item.decisions.get().kind == "approved"


@pytest.mark.parametrize("status", [Minutes.Status.IN_REVIEW, Minutes.Status.PUBLISHED])
def test_minutes_past_the_draft_are_read_only_here(htmx, personas, meeting, status):
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    statement = Statement.objects.create(agenda_item=item, order=1, speaker_label="事務局", text="説明")
    published_at = timezone.now() if status == Minutes.Status.PUBLISHED else None
    Minutes.objects.create(meeting=meeting, status=status, published_at=published_at)
    message = "erratum" if status == Minutes.Status.PUBLISHED else "review management"
    htmx.force_login(personas.secretariat)
    page = htmx.get(reverse("desk:edit", args=[meeting.pk])).content.decode()
    assert 'id="read-only"' in page and "hx-post" not in page
    url = reverse("desk:statement_add", args=[item.pk])
    response = htmx.post(url, {"speaker_label": "事務局", "kind": "comment", "text": "x"})
    assert response.status_code == 400 and message in response.content.decode()
    assert item.statements.count() == 1
    edit = htmx.get(reverse("desk:statement", args=[statement.pk]))  # no edit form either
    assert edit.status_code == 400 and message in edit.content.decode() and "<textarea" not in edit.content.decode()


def test_without_javascript_a_save_redirects_back_to_the_editor(client, personas, meeting):
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="議題")
    client.force_login(personas.secretariat)
    response = client.post(
        reverse("desk:statement_add", args=[item.pk]), {"speaker_label": "事務局", "kind": "comment", "text": "説明"}
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("desk:edit", args=[meeting.pk]))
    assert item.statements.get().text == "説明"


def test_the_editor_speaks_japanese_first(client, personas, meeting):
    from django.utils import translation

    client.force_login(personas.secretariat)
    with translation.override("ja"):
        page = client.get(reverse("desk:edit", args=[meeting.pk]), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "会議の入力" in page and "構成員等を一括追加" in page and "議題を追加" in page
