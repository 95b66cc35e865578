"""An import records attendance; it never grants access (a name match is not an access decision)."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from apps.directory.models import Membership, Person
from apps.importer.matching import Confirmations
from apps.importer.services import minutes_file_import
from apps.meetings.models import Attendance

REFERENCE = Path(__file__).resolve().parents[2] / "apps" / "demo" / "data" / "roaming-6th-minutes.txt"

pytestmark = pytest.mark.django_db


def test_a_person_of_another_body_matched_by_full_name_gains_no_access(bodies):
    user = User.objects.create_user("kobayashi", "kobayashi@example.jp", "x")
    kobayashi = Person.objects.create(family_name="小林", given_name="宏", user=user)
    Membership.objects.create(person=kobayashi, body=bodies.a, role=Membership.Role.MEMBER)

    meeting = minutes_file_import(path=REFERENCE, body_name=bodies.b.name, confirmed=Confirmations(everyone=True))

    assert Attendance.objects.filter(meeting=meeting, person=kobayashi).exists()  # confirmed, as attendance
    assert (
        not Membership.objects.filter(body=bodies.b)
        .exclude(person__user=bodies.secretariat_b)
        .exclude(person=bodies.shared)
        .exclude(person__user=bodies.personas.outsider)
        .exists()
    )
    client = Client()
    client.force_login(user)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404  # B's draft stays hidden
