"""The shared directory in the admin: one body's secretariat cannot reach into another body."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from apps.directory.models import Organization, Person
from apps.reports.selectors import minutes_snapshot

pytestmark = pytest.mark.django_db


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _person_form(person: Person, **changes) -> dict:
    data = {
        "family_name": person.family_name,
        "given_name": person.given_name,
        "name_kana": person.name_kana,
        "title": person.title,
        "organization": person.organization_id or "",
        "user": person.user_id or "",
    }
    data.update(changes)
    return data


def _change_url(person: Person) -> str:
    return reverse("admin:directory_person_change", args=[person.pk])


@pytest.mark.parametrize(
    ("who", "person", "expected"),
    [
        ("secretariat_a", "morikawa", 302),  # A's member, in A only: A's secretariat edits
        ("secretariat_b", "morikawa", 403),  # another body's member
        ("secretariat_b", "shared", 403),  # shared by A and B: read-only to both
        ("secretariat_a", "shared", 403),
        ("secretariat_b", "secretariat_a", 403),  # the takeover of the report
    ],
)
def test_a_secretariat_edits_only_people_of_its_own_bodies(bodies, who, person, expected):
    target = getattr(bodies, person)
    target = target if isinstance(target, Person) else target.person
    response = _admin(getattr(bodies, who)).post(_change_url(target), _person_form(target, family_name="改ざん"))
    assert response.status_code == expected
    target.refresh_from_db()
    assert (target.family_name == "改ざん") is (expected == 302)


def test_shared_people_are_shown_read_only(bodies):
    response = _admin(bodies.secretariat_b).get(_change_url(bodies.shared))
    assert response.status_code == 200
    assert b'name="family_name"' not in response.content


def test_a_secretariat_cannot_link_an_account_to_a_person(bodies):
    """Body B's secretariat moves its own account onto the person of A's secretariat: refused."""
    own = bodies.secretariat_b.person
    response = _admin(bodies.secretariat_b).post(_change_url(own), _person_form(own, user=""))
    assert response.status_code == 302  # the rest of the form saves ...
    own.refresh_from_db()
    assert own.user_id == bodies.secretariat_b.pk  # ... the account link does not move
    manage = _admin(bodies.secretariat_b).get(reverse("portal:manage", args=[bodies.draft.meeting.pk]))
    assert manage.status_code == 404


def test_the_secretariat_group_never_grants_account_links(bodies):
    assert not bodies.secretariat_a.has_perm("directory.link_person_user")


@pytest.mark.parametrize("granted", [False, True])
def test_only_a_directory_administrator_links_accounts(bodies, granted):
    editor = bodies.secretariat_a
    if granted:
        editor.user_permissions.add(Permission.objects.get(codename="link_person_user"))
    editor = type(editor).objects.get(pk=editor.pk)  # a fresh permission cache
    account = type(editor).objects.create_user("morikawa", "morikawa@example.jp", "x")
    target = bodies.morikawa
    response = _admin(editor).post(_change_url(target), _person_form(target, user=account.pk))
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.user_id == account.pk) is granted


def test_a_superuser_links_accounts(bodies):
    users = type(bodies.secretariat_a).objects
    account = users.create_user("morikawa", "morikawa@example.jp", "x")
    target = bodies.shared
    response = _admin(users.create_superuser("root", "root@example.jp", "x")).post(
        _change_url(target), _person_form(target, user=account.pk)
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.user_id == account.pk


@pytest.mark.parametrize(("who", "expected"), [("secretariat_a", 403), ("secretariat_b", 403)])
def test_an_organization_hosting_two_bodies_is_read_only_to_both(bodies, who, expected):
    ministry = bodies.personas.ministry
    bodies.b.host = ministry
    bodies.b.save()
    url = reverse("admin:directory_organization_change", args=[ministry.pk])
    data = {"name": "改ざん省", "short_name": "", "kind": ministry.kind, "parent": ""}
    assert _admin(getattr(bodies, who)).post(url, data).status_code == expected
    assert Organization.objects.get(pk=ministry.pk).name == "総務省"


def test_published_minutes_keep_the_names_they_printed(bodies):
    """A later rename in the directory changes neither the page, the PDF's text nor the API."""
    meeting = bodies.published.meeting
    Person.objects.filter(pk=bodies.morikawa.pk).update(family_name="改ざん森川")

    page = Client().get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "森川座長代理" in page
    assert "改ざん" not in page

    snapshot = str(minutes_snapshot(meeting.pk))
    assert "森川座長代理" in snapshot
    assert "改ざん" not in snapshot

    api = APIClient()
    api.force_login(bodies.personas.outsider)
    attendance = api.get(f"/api/v1/meetings/{meeting.pk}/").json()["attendances"]
    assert "森川座長代理" in [row["name_as_printed"] for row in attendance]


def test_draft_minutes_follow_the_directory(bodies):
    bodies.draft.attendance.person.family_name = "新相田"
    bodies.draft.attendance.person.save()
    assert "新相田座長" in str(minutes_snapshot(bodies.draft.meeting.pk))
