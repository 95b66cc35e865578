"""API conventions: ETags, incremental sync with tombstones, one error shape, 400s naming the
field, capped pages in a stable order, Tokyo times, throttling."""

import datetime as dt

from django.test import override_settings
from django.utils import timezone

from apps.api.models import DashboardToken
from apps.deliberation.models import Issue, IssueStatement
from apps.meetings.models import Decision, Statement
from tests.api.conftest import client_for, make_statement


def test_detail_answers_304_when_the_etag_still_matches(record, personas):
    client = client_for(personas.secretariat)
    url = f"/api/v1/meetings/{record.published.pk}/"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_etag_changes_when_an_embedded_record_changes(record, personas):
    client = client_for(personas.secretariat)
    url = f"/api/v1/meetings/{record.in_review.pk}/"  # published records are frozen
    decision = Decision.objects.create(agenda_item=record.draft_statement.agenda_item, text="報告書案を了承した。")
    etag = client.get(url).headers["ETag"]
    decision.text = "報告書案を修正のうえ了承した。"
    decision.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.headers["ETag"] != etag


def test_modified_since_lists_changes_and_tombstones_list_deletions(record, personas):
    client = client_for(personas.secretariat)
    # Published records are frozen: the changes happen in the meeting under review.
    tagging = IssueStatement.objects.create(issue=record.draft_issue, statement=record.draft_statement)
    since = timezone.now()
    changed = make_statement(record.in_review, 2, "新しい発言。")
    deleted_id = record.draft_statement.pk
    Statement.objects.filter(pk=deleted_id).delete()

    listed = client.get("/api/v1/statements/", {"modified_since": since.isoformat()}).json()
    assert [row["id"] for row in listed["results"]] == [changed.pk]

    tombstones = client.get("/api/v1/tombstones/", {"resource": "statements", "modified_since": since.isoformat()})
    assert [(t["object_id"], t["deleted"]) for t in tombstones.json()["results"]] == [(deleted_id, True)]
    # Cascades leave tombstones too: the tag on the deleted statement went with it.
    cascaded = client.get("/api/v1/tombstones/", {"resource": "taggings", "modified_since": since.isoformat()})
    assert [t["object_id"] for t in cascaded.json()["results"]] == [tagging.pk]
    later = client.get("/api/v1/tombstones/", {"modified_since": timezone.now().isoformat()})
    assert later.json()["count"] == 0


def test_every_error_has_one_shape_and_a_bad_filter_names_the_parameter(record, personas):
    client = client_for(personas.secretariat)
    response = client.get("/api/v1/statements/", {"meeting": "six", "modified_since": "yesterday"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid"
    assert set(error["fields"]) == {"meeting", "modified_since"}
    assert "meeting" in error["message"]
    not_found = client.get("/api/v1/statements/999999/").json()
    assert not_found == {
        "error": {"status": 404, "code": "not_found", "message": not_found["error"]["message"], "fields": {}}
    }


def test_a_write_the_register_refuses_is_a_400_naming_the_field(record, personas):
    client = client_for(personas.secretariat)
    status_url = f"/api/v1/issues/{record.public_issue.pk}/status/"
    resolved = client.post(status_url, {"status": "resolved", "reason": "報告書に反映"}, format="json")
    assert resolved.status_code == 400
    assert list(resolved.json()["error"]["fields"]) == ["meeting"]  # the service's own rule
    unknown_status = client.post(status_url, {"status": "done", "reason": "?"}, format="json")
    assert list(unknown_status.json()["error"]["fields"]) == ["status"]
    foreign = client.post(
        "/api/v1/taggings/", {"issue": record.public_issue.pk, "statement": record.other_statement.pk}, format="json"
    )
    assert list(foreign.json()["error"]["fields"]) == ["statement"]  # not visible: as if it did not exist
    missing = client.post("/api/v1/issues/", {"body": personas.study_group.pk}, format="json")
    assert list(missing.json()["error"]["fields"]) == ["title"]
    assert Issue.objects.get(pk=record.public_issue.pk).status == "open"


def test_issues_are_created_and_moved_through_the_register_services(record, personas):
    client = client_for(personas.secretariat)
    created = client.post(
        "/api/v1/issues/", {"body": personas.study_group.pk, "title": "緊急通報のみのローミング"}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["code"] == "I-003"  # allocated by the service, after I-001 and I-002
    issue = Issue.objects.get(pk=created.json()["id"])
    assert issue.progress_notes.count() == 1  # "Issue raised."
    moved = client.post(
        f"/api/v1/issues/{issue.pk}/status/",
        {"status": "resolved", "reason": "報告書に反映", "meeting": record.published.pk},
        format="json",
    )
    assert moved.status_code == 200
    assert moved.json()["status"] == "resolved" and moved.json()["resolved_in"] == record.published.pk
    assert issue.progress_notes.last().author == personas.secretariat


def test_pages_are_capped_and_ordered(record, personas):
    for order in range(2, 130):
        make_statement(record.in_review, order, f"発言{order}")
    client = client_for(personas.secretariat)
    page = client.get("/api/v1/statements/", {"page_size": 1000, "meeting": record.in_review.pk}).json()
    assert len(page["results"]) == 100
    orders = [row["order"] for row in page["results"]]
    assert orders == sorted(orders)
    second = client.get(page["next"]).json()
    assert second["results"][0]["order"] == orders[-1] + 1


def test_times_are_given_in_tokyo_time(record, personas):
    meeting = client_for(personas.secretariat).get(f"/api/v1/meetings/{record.published.pk}/").json()
    assert meeting["starts_at"].endswith("+09:00")
    assert dt.datetime.fromisoformat(meeting["starts_at"]) == record.published.starts_at


def test_token_writes_are_recorded_as_made_by_its_issuer(record, personas):
    DashboardToken.objects.update(created_by=personas.secretariat)
    response = client_for("write_token", record).patch(
        f"/api/v1/issues/{record.public_issue.pk}/", {"priority": 1}, format="json"
    )
    assert response.status_code == 200
    assert Issue.history.filter(id=record.public_issue.pk).first().history_user == personas.secretariat


def test_revoked_and_expired_tokens_are_refused(record):
    client = client_for("read_token", record)
    assert client.get("/api/v1/meetings/").status_code == 200
    DashboardToken.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client.get("/api/v1/meetings/").status_code == 401
    DashboardToken.objects.update(expires_at=None, is_active=False)
    refused = client.get("/api/v1/meetings/")
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"] == "Token"


@override_settings(API_THROTTLE_RATE="3/min")
def test_a_token_over_its_budget_is_throttled(record):
    client = client_for("read_token", record)
    statuses = [client.get("/api/v1/bodies/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client_for("other_token", record).get("/api/v1/bodies/").status_code == 200  # its own budget


def test_the_fast_statement_representation_equals_the_declared_fields(record, personas):
    from django.db.models import F

    from apps.api.serializers import DescribedModelSerializer
    from apps.meetings.serializers import StatementSerializer

    statement = (
        Statement.objects.annotate(meeting_ref=F("agenda_item__meeting_id"))
        .select_related("agenda_item")
        .get(pk=record.statement.pk)
    )
    fast = StatementSerializer(statement).data
    generic = DescribedModelSerializer.to_representation(StatementSerializer(statement), statement)
    assert fast == generic
    assert list(fast) == StatementSerializer.Meta.fields


def test_text_search_finds_what_the_portal_finds(record, personas):
    client = client_for(personas.secretariat)
    found = client.get("/api/v1/statements/", {"q": "iot機器"}).json()  # ＩｏＴ機器 as written
    assert [row["id"] for row in found["results"]] == [record.statement.pk]
    page = client.get("/api/v1/statements/", {"q": "の", "page_size": 1}).json()
    assert page["count"] == 2 and "q=%E3%81%AE" in page["next"]  # the other body's statement is not counted
