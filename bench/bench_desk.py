"""The secretariat's desk on a meeting ten times the reference (40 attendees, 400 statements).

- The editor page through the whole Django stack (test Client, signed in as the secretariat):
  median time; baseline in the same run: the portal's read-only record page of the same meeting.
  Target: under 300 ms.
- Saving a statement (an htmx POST: the new statement and the next form): median time per save;
  baseline in the same run: the bare model save of a statement (guards included). Target:
  under 100 ms.

Everything runs inside a transaction that is rolled back.
"""

import statistics
import time

from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client, override_settings

from apps.directory.models import Body, Membership, Person
from apps.meetings.models import AgendaItem, Statement
from tests.desk.large import large_meeting

BODY = "ベンチマーク用デスク検討会"
RUNS = 15


class _Rollback(Exception):
    pass


def _median_ms(action, runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _measure() -> dict[str, float]:
    body = Body.objects.create(name=BODY)
    user = User.objects.create_user("bench-desk-secretariat")
    person = Person.objects.create(family_name="事務局", user=user)
    Membership.objects.create(person=person, body=body, role=Membership.Role.SECRETARIAT)
    meeting = large_meeting(body, user)
    client = Client(HTTP_HX_REQUEST="true")
    client.force_login(user)
    editor, record = f"/meetings/{meeting.pk}/edit/", f"/meetings/{meeting.pk}/"
    assert client.get(editor).status_code == 200 and client.get(record).status_code == 200
    item = AgendaItem.objects.filter(meeting=meeting).order_by("order").last()
    url = f"/desk/agenda/{item.pk}/statements/"

    def save() -> None:
        response = client.post(url, {"speaker_label": "構成員00構成員", "kind": "comment", "text": "発言です。"})
        assert response.status_code == 200

    def bare_save() -> None:
        last = Statement.objects.filter(agenda_item=item).order_by("-order").values_list("order", flat=True).first()
        Statement(agenda_item=item, order=(last or 0) + 1, speaker_label="構成員00構成員", text="発言です。").save()

    return {
        "editor": _median_ms(lambda: client.get(editor)),
        "record": _median_ms(lambda: client.get(record)),
        "save": _median_ms(save, 30),
        "bare": _median_ms(bare_save, 30),
    }


def run() -> list[dict]:
    result: dict[str, float] = {}
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        try:
            with transaction.atomic():
                result = _measure()
                raise _Rollback
        except _Rollback:
            pass
    return [
        {
            "name": "desk: meeting editor page, 40 attendees and 400 statements",
            "value": result["editor"],
            "unit": "ms",
            "baseline": result["record"],
            "target": "< 300 ms (baseline: the portal's record page of the same meeting)",
        },
        {
            "name": "desk: save one statement (htmx POST, answer with the next form)",
            "value": result["save"],
            "unit": "ms/save",
            "baseline": result["bare"],
            "target": "< 100 ms (baseline: the bare model save)",
        },
    ]
