"""Tag suggestions: Japanese bigram overlap with issue titles and earlier tagged statements."""

from apps.deliberation import services
from apps.deliberation.ngrams import content_bigrams
from apps.deliberation.selectors import tag_suggestions


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
