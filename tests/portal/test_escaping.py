"""Everything users wrote is escaped: statements, speaker labels, suggestions, errata, timeline."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from apps.minutes import services
from tests.minutes.record import build_record

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_user_text_is_escaped_on_every_page_that_shows_it(client, personas):
    record = build_record(personas)
    statement = record.member_statement
    statement.speaker_label = f"藤井構成員{ATTACK}"
    statement.text = f"本文{ATTACK}\n\n二段落目"
    statement.save()
    services.minutes_send_for_review(
        minutes=record.minutes, due_on=timezone.localdate() + dt.timedelta(days=3), by=personas.secretariat
    )
    request = record.minutes.review_requests.get(reviewer__user=personas.member)
    statement.refresh_from_db()
    services.suggestion_propose(
        review_request=request,
        statement=statement,
        proposed_text=f"修正{ATTACK}",
        comment=ATTACK,
        base_version=statement.version,
        by=personas.member,
    )
    client.force_login(personas.secretariat)
    urls = [
        reverse("portal:meeting", args=[record.meeting.pk]),
        reverse("portal:review", args=[request.pk]),
        reverse("portal:manage", args=[record.meeting.pk]),
        reverse("portal:meeting_history", args=[record.meeting.pk]),
        reverse("portal:edit_statement", args=[statement.pk]),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, url


def test_the_diff_marks_changes_and_escapes_both_sides(personas):
    from apps.portal.templatetags.portal import text_diff

    html = text_diff("IoT端末<b>", "IoTデバイス<b>")
    assert html == "IoT<del>端末</del><ins>デバイス</ins>&lt;b&gt;"
