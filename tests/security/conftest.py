"""Two bodies, each with its own secretariat, for the cross-body tests.

Body A is the personas' study group (secretariat, chair, member 藤井, operator, observer) with
a task group below it that has a secretariat of its own; body B is the personas' other body,
with a secretariat of its own and the outsider as member. 森川 sits on A only; 共通 on both.
A has a published meeting (published through the workflow) and a draft one; B a draft one.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.test import APIClient

from apps.access.roles import make_secretariat
from apps.api.models import DashboardToken
from apps.deliberation.models import Issue
from apps.directory.models import Body, Membership, Person
from apps.meetings.models import Attendance
from tests.conftest import PASSWORD, Personas
from tests.minutes.conftest import publish
from tests.minutes.record import Record, build_record


@dataclass
class Bodies:
    personas: Personas
    a: Body
    b: Body
    task_group: Body  # below A
    secretariat_a: User
    secretariat_b: User
    secretariat_tg: User
    morikawa: Person  # member of A only
    shared: Person  # member of A and of B
    published: Record  # A, published through the workflow
    draft: Record  # A, draft
    draft_b: Record  # B, draft
    draft_issue_a: Issue  # raised in A's draft meeting


def api_as(user: User) -> APIClient:
    """An API client with the user's session."""
    client = APIClient()
    client.force_login(user)
    return client


def secretariat_of(body: Body, username: str, family_name: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.jp", PASSWORD)
    person = Person.objects.create(family_name=family_name, user=user)
    Membership.objects.create(person=person, body=body, role=Membership.Role.SECRETARIAT)
    make_secretariat(user)
    return user


def issue_token(issuer: User, body: Body, *, can_write: bool = False, can_read_drafts: bool = False) -> str:
    token = DashboardToken(name=f"{issuer.username} token", can_write=can_write, can_read_drafts=can_read_drafts)
    raw = token.set_new_key()
    token.created_by = issuer
    token.save()
    token.bodies.set([body])
    return raw


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


@pytest.fixture
def bodies(personas: Personas) -> Bodies:
    a, b = personas.study_group, personas.other_body
    task_group = Body.objects.create(name="IoTタスクグループ", kind=Body.Kind.TASK_GROUP, parent=a)
    morikawa = Person.objects.create(family_name="森川", given_name="博之")
    Membership.objects.create(person=morikawa, body=a, role=Membership.Role.MEMBER)
    shared = Person.objects.create(family_name="共通", given_name="太郎")
    Membership.objects.create(person=shared, body=a, role=Membership.Role.MEMBER)
    Membership.objects.create(person=shared, body=b, role=Membership.Role.MEMBER)
    secretariat_b = secretariat_of(b, "secretariat_b", "事務局B")
    secretariat_tg = secretariat_of(task_group, "secretariat_tg", "事務局TG")
    published = build_record(personas, number=6)
    Attendance.objects.create(
        meeting=published.meeting, category=Attendance.Category.MEMBER, person=morikawa, role_label="座長代理", order=2
    )
    publish(published, personas)
    draft = build_record(personas, number=7)
    draft_b = build_record(personas, number=1, body=b)
    draft_issue_a = Issue.objects.create(body=a, code="I-001", title="未公開の親課題", raised_in=draft.meeting)
    return Bodies(
        personas=personas,
        a=a,
        b=b,
        task_group=task_group,
        secretariat_a=personas.secretariat,
        secretariat_b=secretariat_b,
        secretariat_tg=secretariat_tg,
        morikawa=morikawa,
        shared=shared,
        published=published,
        draft=draft,
        draft_b=draft_b,
        draft_issue_a=draft_issue_a,
    )
