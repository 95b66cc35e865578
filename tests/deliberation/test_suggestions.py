"""Tag suggestions: Japanese bigram overlap with issue titles and earlier tagged statements."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.deliberation import selectors, services
from apps.deliberation.models import IssueStatement
from apps.deliberation.ngrams import content_bigrams
from apps.deliberation.selectors import RECENT_TAGGED, tag_suggestions
from apps.meetings.models import Statement


def test_content_bigrams_drop_particles_and_punctuation():
    assert content_bigrams("非常時だけ使える料金プラン、ＩｏＴ") == {
        "非常",
        "常時",
        "料金",
        "金プ",
        "プラ",
        "ラン",
        "io",
        "ot",
    }


def _issues(personas):
    titles = [
        "フルローミング時のIoTの優先扱い",
        "非常時のみの料金プラン",
        "ワンストップでのデュアルSIM契約",
        "IoT端末のSIM自動切替えに要する時間",
        "災害時のeSIM契約急増への対応",
    ]
    return [services.issue_create(body=personas.study_group, title=title, by=None) for title in titles]


def test_a_statement_about_pricing_suggests_the_pricing_issue_first(personas, record):
    meeting = record.meeting(personas.study_group, 6)
    issues = _issues(personas)
    statement = record.statement(
        meeting, "料金プランについて、「非常時だけ使えます」というようなものがあると導入しやすい", label="長谷川構成員"
    )
    suggestions = tag_suggestions(statement=statement)
    assert suggestions[0].issue == issues[1]
    assert {"料金", "非常"} <= set(suggestions[0].shared_terms)


def test_earlier_tagged_statements_teach_the_issue_new_words(personas, record):
    meeting = record.meeting(personas.study_group, 6)
    issues = _issues(personas)
    congestion = services.issue_create(body=personas.study_group, title="利用者の混乱による輻輳", by=None)
    statement = record.statement(meeting, "焼け太りとの批判を受ける可能性")
    assert congestion not in [s.issue for s in tag_suggestions(statement=statement)]
    earlier = record.statement(meeting, "契約数が増え、焼け太りと批判されないか")
    services.issue_tag_statement(issue=issues[1], statement=earlier, by=None)
    assert tag_suggestions(statement=statement)[0].issue == issues[1]


def test_issues_already_tagged_closed_or_of_other_trees_are_not_suggested(personas, record):
    meeting = record.meeting(personas.working_party, 1)
    issues = _issues(personas)
    services.issue_create(body=personas.other_body, title="非常時のみの料金プラン", by=None)
    statement = record.statement(meeting, "非常時のみの料金プランとIoTの自動切替え")
    services.issue_tag_statement(issue=issues[3], statement=statement, by=None)
    services.issue_change_status(issue=issues[0], status="closed", reason="対象外", by=None)
    suggested = [s.issue for s in tag_suggestions(statement=statement)]
    # A working-party statement is matched against the whole study-group tree.
    assert suggested[0] == issues[1]
    assert issues[3] not in suggested and issues[0] not in suggested
    assert all(issue.body_id == personas.study_group.pk for issue in suggested)


def test_nothing_in_common_suggests_nothing(personas, record):
    meeting = record.meeting(personas.study_group, 6)
    _issues(personas)
    assert tag_suggestions(statement=record.statement(meeting, "ありがとうございました。")) == []


def _tag_statements(issue, meeting, texts: list[str]) -> None:
    """Statements saying `texts`, in that order, all tagged to `issue` (in bulk: there are many)."""
    agenda_item = meeting.agenda_items.get(order=1)
    start = agenda_item.statements.count()
    statements = Statement.objects.bulk_create(
        Statement(agenda_item=agenda_item, order=start + n, speaker_label="藤井構成員", text=text, text_normalized=text)
        for n, text in enumerate(texts, start=1)
    )
    IssueStatement.objects.bulk_create(IssueStatement(issue=issue, statement=s) for s in statements)


def test_only_the_latest_tagged_statements_teach_an_issue_its_words(personas, record):
    meeting = record.meeting(personas.study_group, 6)
    issues = _issues(personas)
    pricing = issues[1]
    old = ["焼け太りとの批判"] + ["非常時の料金について検討する"] * RECENT_TAGGED
    _tag_statements(pricing, meeting, old)
    statement = record.statement(meeting, "焼け太りとの批判を受ける可能性")
    # 批判 was said only before the latest RECENT_TAGGED statements of the issue: forgotten.
    assert pricing not in [s.issue for s in tag_suggestions(statement=statement)]
    _tag_statements(pricing, meeting, ["焼け太りと批判されないか"])
    assert tag_suggestions(statement=statement)[0].issue == pricing


def test_a_big_issue_reads_only_its_latest_statements_in_the_same_queries(
    personas, record, monkeypatch, django_assert_num_queries
):
    meeting = record.meeting(personas.study_group, 6)
    issues = _issues(personas)
    _tag_statements(issues[0], meeting, ["IoT端末の優先扱い"] * 3)
    statement = record.statement(meeting, "非常時の料金プランとIoTの優先扱い")
    read: list[str] = []

    def counting_bigrams(text: str) -> set[str]:
        read.append(text)
        return content_bigrams(text)

    monkeypatch.setattr(selectors, "content_bigrams", counting_bigrams)
    with CaptureQueriesContext(connection) as tree:
        personas.study_group.descendant_ids()
    # The statement's body with its ancestors, the body tree, the candidate issues, their latest tagged statements.
    queries = 1 + len(tree) + 2
    with django_assert_num_queries(queries):
        tag_suggestions(statement=statement)
    assert len(read) == 2 * len(issues) + 3 + 1  # title and description of each issue, 3 tagged, the statement

    _tag_statements(issues[1], meeting, [f"非常時の料金プラン{n}" for n in range(RECENT_TAGGED + 150)])
    read.clear()
    with django_assert_num_queries(queries) as captured:
        tag_suggestions(statement=statement)
    assert len(read) == 2 * len(issues) + 3 + RECENT_TAGGED + 1
    assert sum("text_normalized" in query["sql"] for query in captured.captured_queries) == 1
