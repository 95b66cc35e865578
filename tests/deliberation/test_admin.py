"""The register in the admin: every write goes through the services and their rules."""

import pytest
from django.urls import reverse

from apps.access.roles import make_secretariat
from apps.deliberation import services
from apps.deliberation.models import Issue, IssueStatement
from apps.directory.models import Body


@pytest.fixture
def admin_client_of(client, personas):
    make_secretariat(personas.secretariat)
    client.force_login(personas.secretariat)
    return client


def test_adding_an_issue_in_the_admin_numbers_it_and_notes_it(admin_client_of, personas, record):
    meeting = record.meeting(personas.study_group, 6)
    response = admin_client_of.post(
        reverse("admin:deliberation_issue_add"),
        {
            "body": personas.study_group.pk,
            "title": "非常時のみの料金",
            "description": "",
            "priority": 2,
            "raised_in": meeting.pk,
            **{f"{prefix}-TOTAL_FORMS": 0 for prefix in ("assignments", "positions", "taggings", "progress_notes")},
            **{f"{prefix}-INITIAL_FORMS": 0 for prefix in ("assignments", "positions", "taggings", "progress_notes")},
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = Issue.objects.get()
    assert issue.code == "I-001"
    assert issue.progress_notes.get().author == personas.secretariat


def test_the_status_page_refuses_resolving_without_a_meeting(admin_client_of, personas, record):
    meeting = record.meeting(personas.study_group, 6)
    issue = services.issue_create(body=personas.study_group, title="輻輳", by=None)
    url = reverse("admin:deliberation_issue_status", args=[issue.pk])
    response = admin_client_of.post(url, {"status": "resolved", "reason": "合意"})
    assert response.status_code == 200
    assert response.context["form"].errors["meeting"] == ["解決した会議を指定してください。"]
    issue.refresh_from_db()
    assert issue.status == "open"
    response = admin_client_of.post(url, {"status": "resolved", "reason": "合意", "meeting": meeting.pk})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.status, issue.resolved_in) == ("resolved", meeting)
    assert issue.progress_notes.last().author == personas.secretariat


INLINE_PREFIXES = ("assignments", "positions", "taggings", "progress_notes")


def test_a_service_refusing_an_edit_is_a_message_and_saves_nothing(admin_client_of, personas, record):
    issue = services.issue_create(body=personas.study_group, title="輻輳", by=None)
    elsewhere = record.meeting(personas.other_body, 1)
    url = reverse("admin:deliberation_issue_change", args=[issue.pk])
    response = admin_client_of.post(
        url,
        {
            "title": "利用者の混乱による輻輳",
            "description": "",
            "priority": 2,
            "note": "議論した",
            "note_meeting": elsewhere.pk,  # a meeting outside the issue's body: the service refuses
            **{f"{prefix}-TOTAL_FORMS": 0 for prefix in INLINE_PREFIXES},
            **{f"{prefix}-INITIAL_FORMS": 0 for prefix in INLINE_PREFIXES},
        },
        follow=True,
    )
    assert response.redirect_chain == [(url, 302)]
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1 and str(personas.study_group) in shown[0], shown
    issue.refresh_from_db()
    assert issue.title == "輻輳"  # the title saved before the refusal was rolled back
    assert not issue.progress_notes.filter(text="議論した").exists()


def test_a_closed_issue_cannot_be_edited_in_the_admin(admin_client_of, personas):
    issue = services.issue_create(body=personas.study_group, title="輻輳", by=None)
    services.issue_change_status(issue=issue, status="closed", reason="対象外", by=None)
    response = admin_client_of.get(reverse("admin:deliberation_issue_status", args=[issue.pk]))
    assert response.status_code == 200
    response = admin_client_of.post(
        reverse("admin:deliberation_issue_status", args=[issue.pk]), {"status": "open", "reason": "再開"}
    )
    assert response.status_code == 200
    issue.refresh_from_db()
    assert issue.status == "closed"


def test_tagging_page_shows_suggestions_and_tags_through_the_service(admin_client_of, personas, record):
    meeting = record.meeting(personas.study_group, 6)
    pricing = services.issue_create(body=personas.study_group, title="非常時のみの料金プラン", by=None)
    services.issue_create(body=personas.study_group, title="利用者の混乱による輻輳", by=None)
    statement = record.statement(meeting, "料金プランについて、非常時だけ使えますというものがあると導入しやすい")
    url = reverse("admin:deliberation_statementtagging_change", args=[statement.pk])
    page = admin_client_of.get(url).content.decode()
    assert "★ I-001 非常時のみの料金プラン" in page
    assert "料金" in page
    response = admin_client_of.post(url, {"issues": [pricing.pk]})
    assert response.status_code == 302
    tag = IssueStatement.objects.get()
    assert (tag.issue, tag.statement_id, tag.tagged_by) == (pricing, statement.pk, personas.secretariat)
    admin_client_of.post(url, {})
    assert not IssueStatement.objects.exists()


def test_setting_up_a_working_party_with_its_groups(admin_client_of, personas):
    url = reverse("admin:deliberation_workingpartysetup_add")
    response = admin_client_of.post(
        url,
        {
            "parent": personas.study_group.pk,
            "name": "第二作業班",
            "sub_groups": "TG: MVNOタスクグループ\nWG: 緊急通報ワーキンググループ\n",
        },
    )
    assert response.status_code == 302
    party = Body.objects.get(name="第二作業班")
    assert (party.kind, party.parent) == ("working_party", personas.study_group)
    assert sorted((b.name, b.kind) for b in party.children.all()) == [
        ("MVNOタスクグループ", "task_group"),
        ("緊急通報ワーキンググループ", "working_group"),
    ]


def test_a_bad_sub_group_line_says_which_line(admin_client_of, personas):
    response = admin_client_of.post(
        reverse("admin:deliberation_workingpartysetup_add"),
        {"parent": personas.study_group.pk, "name": "第三作業班", "sub_groups": "TG: 甲\nタスク乙\n"},
    )
    assert response.status_code == 200
    assert "2" in response.context["form"].errors["sub_groups"][0]
    assert not Body.objects.filter(name="第三作業班").exists()


def test_a_duplicate_group_name_loses_nothing(admin_client_of, personas):
    response = admin_client_of.post(
        reverse("admin:deliberation_workingpartysetup_add"),
        {"parent": personas.study_group.pk, "name": "第四作業班", "sub_groups": f"TG: {personas.other_body.name}"},
    )
    assert response.status_code == 200
    assert not Body.objects.filter(name="第四作業班").exists()


def test_an_outsider_secretariat_cannot_reach_another_bodys_issue(client, personas):
    issue = services.issue_create(body=personas.other_body, title="よその課題", by=None)
    make_secretariat(personas.secretariat)
    client.force_login(personas.secretariat)
    response = client.get(reverse("admin:deliberation_issue_status", args=[issue.pk]))
    assert response.status_code == 404


def test_a_new_meeting_is_offered_the_open_issues_in_the_admin(admin_client_of, personas, record):
    fifth = record.meeting(personas.study_group, 5)
    open_issue = services.issue_create(body=personas.study_group, title="輻輳", raised_in=fifth, by=None)
    deferred = services.issue_create(body=personas.study_group, title="先送り", raised_in=fifth, by=None)
    services.issue_change_status(issue=deferred, status="deferred", reason="次期", by=None)
    seventh = record.meeting(personas.study_group, 7, status="scheduled")
    url = reverse("admin:deliberation_meetingagendaoffer_change", args=[seventh.pk])
    page = admin_client_of.get(url)
    offered = list(page.context["form"].fields["issues"].queryset)
    assert offered == [open_issue]
    response = admin_client_of.post(url, {"issues": [open_issue.pk]})
    assert response.status_code == 302
    note = open_issue.progress_notes.get(meeting=seventh)
    assert note.author == personas.secretariat
    assert list(admin_client_of.get(url).context["form"].fields["issues"].queryset) == []


def test_every_register_admin_page_renders_on_the_demo(client, db):
    from apps.demo.management.commands.load_demo import load_demo

    load_demo()
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="secretariat"))
    issue = Issue.objects.get(code="I-004")
    statement = issue.statements.first()
    party = Body.objects.get(kind="working_party")
    urls = [
        reverse("admin:deliberation_issue_changelist"),
        reverse("admin:deliberation_issue_change", args=[issue.pk]),
        reverse("admin:deliberation_issue_add"),
        reverse("admin:deliberation_issue_status", args=[issue.pk]),
        reverse("admin:deliberation_statementtagging_changelist"),
        reverse("admin:deliberation_statementtagging_change", args=[statement.pk]),
        reverse("admin:deliberation_workingpartysetup_changelist"),
        reverse("admin:deliberation_workingpartysetup_add"),
        reverse("admin:deliberation_meetingagendaoffer_changelist"),
        reverse("admin:deliberation_meetingagendaoffer_change", args=[statement.agenda_item.meeting_id]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert party.name in client.get(urls[6]).content.decode()
