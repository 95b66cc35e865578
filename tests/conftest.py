"""Personas shared by the suite: one study group with a working party, and one person per role."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from apps.access.roles import make_secretariat
from apps.directory.models import Body, Membership, Organization, Person

PASSWORD = "shingi-test-password"


@dataclass
class Personas:
    ministry: Organization
    study_group: Body
    working_party: Body
    other_body: Body
    secretariat: User
    chair: User
    member: User
    operator: User
    observer: User
    outsider: User  # a member of another body only


def _user(username: str, family_name: str, body: Body, role: str, organization: Organization | None = None) -> User:
    user = User.objects.create_user(username, f"{username}@example.jp", PASSWORD)
    person = Person.objects.create(family_name=family_name, user=user, organization=organization)
    Membership.objects.create(person=person, body=body, role=role, on_behalf_of=organization)
    return user


@pytest.fixture
def personas(db) -> Personas:
    ministry = Organization.objects.create(name="総務省", kind=Organization.Kind.MINISTRY)
    operator = Organization.objects.create(
        name="株式会社NTTドコモ", short_name="NTTドコモ", kind=Organization.Kind.OPERATOR
    )
    study_group = Body.objects.create(name="非常時における事業者間ローミング等に関する検討会", host=ministry)
    working_party = Body.objects.create(
        name="事業者間ローミング作業班", kind=Body.Kind.WORKING_PARTY, parent=study_group, host=ministry
    )
    other_body = Body.objects.create(name="電波政策懇談会", host=ministry)
    secretariat = _user("secretariat", "事務局", study_group, Membership.Role.SECRETARIAT, ministry)
    make_secretariat(secretariat)
    return Personas(
        ministry=ministry,
        study_group=study_group,
        working_party=working_party,
        other_body=other_body,
        secretariat=secretariat,
        chair=_user("chair", "相田", study_group, Membership.Role.CHAIR),
        member=_user("member", "藤井", study_group, Membership.Role.MEMBER),
        operator=_user("operator", "小林", study_group, Membership.Role.OPERATOR_REPRESENTATIVE, operator),
        observer=_user("observer", "警察庁", study_group, Membership.Role.OBSERVER),
        outsider=_user("outsider", "他所", other_body, Membership.Role.MEMBER),
    )
