"""The stakeholder matrix: latest stance per issue and organization, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.deliberation import services
from apps.deliberation.selectors import stakeholder_matrix


def _positions(personas, record, n_issues: int, n_organizations: int):
    meetings = [record.meeting(personas.study_group, n) for n in (5, 6)]
    issues = [services.issue_create(body=personas.study_group, title=f"課題{i}", by=None) for i in range(n_issues)]
    organizations = [record.organization(f"事業者{j}") for j in range(n_organizations)]
    for issue in issues:
        for organization in organizations:
            for meeting, stance in zip(meetings, ["considering", "supports"], strict=True):
                services.position_record(
                    issue=issue, meeting=meeting, organization=organization, stance=stance, by=None
                )
    return meetings, issues, organizations


def test_each_cell_holds_the_latest_stance_and_its_meeting(personas, record):
    fifth = record.meeting(personas.study_group, 5)
    sixth = record.meeting(personas.study_group, 6)
    pricing = services.issue_create(body=personas.study_group, title="非常時のみの料金", by=None)
    dual_sim = services.issue_create(body=personas.study_group, title="ワンストップのデュアルSIM契約", by=None)
    docomo = record.organization("株式会社NTTドコモ")
    iij = record.organization("株式会社インターネットイニシアティブ", kind="mvno")
    rakuten = record.organization("楽天モバイル株式会社")
    services.position_record(issue=pricing, meeting=fifth, organization=docomo, stance="opposes", by=None)
    services.position_record(issue=pricing, meeting=sixth, organization=docomo, stance="considering", by=None)
    services.position_record(
        issue=pricing, meeting=sixth, organization=iij, stance="informational", summary="2GB 440円", by=None
    )
    services.position_record(issue=dual_sim, meeting=fifth, organization=rakuten, stance="no_position", by=None)

    matrix = stakeholder_matrix(body=personas.study_group)

    assert [issue.code for issue in matrix.issues] == ["I-001", "I-002"]
    # Operators before MVNOs, then by name.
    assert matrix.organizations == [docomo, rakuten, iij]
    assert (matrix.cell(pricing, docomo).stance, matrix.cell(pricing, docomo).meeting) == ("considering", sixth)
    assert matrix.cell(pricing, iij).position.summary == "2GB 440円"
    assert matrix.cell(pricing, rakuten) is None
    assert (matrix.cell(dual_sim, rakuten).stance, matrix.cell(dual_sim, rakuten).meeting) == ("no_position", fifth)
    assert [[cell and cell.stance for cell in cells] for _, cells in matrix.rows()] == [
        ["considering", None, "informational"],
        [None, "no_position", None],
    ]


def test_as_of_a_meeting_ignores_later_positions(personas, record):
    fifth = record.meeting(personas.study_group, 5)
    sixth = record.meeting(personas.study_group, 6)
    issue = services.issue_create(body=personas.study_group, title="非常時のみの料金", by=None)
    kddi = record.organization("KDDI株式会社")
    services.position_record(issue=issue, meeting=fifth, organization=kddi, stance="opposes", by=None)
    services.position_record(issue=issue, meeting=sixth, organization=kddi, stance="considering", by=None)
    assert stakeholder_matrix(body=personas.study_group, as_of=fifth).cell(issue, kddi).stance == "opposes"
    assert stakeholder_matrix(body=personas.study_group, as_of=sixth).cell(issue, kddi).stance == "considering"


def test_other_bodies_issues_stay_out(personas, record):
    services.issue_create(body=personas.other_body, title="よその課題", by=None)
    assert stakeholder_matrix(body=personas.study_group).issues == []


@pytest.mark.parametrize(("n_issues", "n_organizations"), [(1, 1), (4, 3), (9, 7)])
def test_the_query_count_does_not_grow_with_issues_or_organizations(
    personas, record, django_assert_num_queries, n_issues, n_organizations
):
    _positions(personas, record, n_issues, n_organizations)
    with django_assert_num_queries(2):
        matrix = stakeholder_matrix(body=personas.study_group)
        cells = [cell.stance for _, row in matrix.rows() for cell in row if cell]
        meetings = {cell.meeting.number for _, row in matrix.rows() for cell in row if cell}
        names = [organization.name for organization in matrix.organizations]
    assert cells == ["supports"] * (n_issues * n_organizations)
    assert meetings == {6}
    assert len(names) == n_organizations


def test_the_latest_position_is_chosen_in_the_database(personas, record):
    _positions(personas, record, 2, 2)
    with CaptureQueriesContext(connection) as queries:
        stakeholder_matrix(body=personas.study_group)
    assert "ROW_NUMBER()" in queries.captured_queries[1]["sql"].upper()


def test_a_user_sees_only_issues_and_positions_of_records_they_may_read(personas, record):
    fifth = record.meeting(personas.study_group, 5)
    sixth = record.meeting(personas.study_group, 6)
    record.publish(fifth)
    public = services.issue_create(body=personas.study_group, title="公開済みの会合で提起", raised_in=fifth, by=None)
    draft = services.issue_create(body=personas.study_group, title="未公表の会合で提起", raised_in=sixth, by=None)
    kddi = record.organization("KDDI株式会社")
    services.position_record(issue=public, meeting=fifth, organization=kddi, stance="opposes", by=None)
    services.position_record(issue=public, meeting=sixth, organization=kddi, stance="considering", by=None)
    services.position_record(issue=draft, meeting=sixth, organization=kddi, stance="supports", by=None)

    for_member = stakeholder_matrix(body=personas.study_group, user=personas.member)
    assert for_member.issues == [public, draft]
    assert for_member.cell(public, kddi).stance == "considering"

    for_observer = stakeholder_matrix(body=personas.study_group, user=personas.observer)
    assert for_observer.issues == [public]
    assert for_observer.cell(public, kddi).stance == "opposes"  # the sixth meeting's record is not public yet


@pytest.mark.parametrize("n_issues", [2, 8])
def test_the_query_count_for_a_user_is_fixed_too(personas, record, django_assert_num_queries, n_issues):
    _positions(personas, record, n_issues, 3)
    personas.member.refresh_from_db()
    with django_assert_num_queries(5):
        matrix = stakeholder_matrix(body=personas.study_group, user=personas.member)
        [cell.meeting.number for _, row in matrix.rows() for cell in row if cell]
