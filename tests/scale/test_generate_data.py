"""generate_data: realistic, deterministic for a seed, complete (derived columns filled)."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from apps.core.text import normalize
from apps.deliberation.models import Issue, IssueStatement, Position
from apps.demo.synthetic import reference_vocabulary
from apps.directory.models import Body, Membership
from apps.meetings.models import Attendance, Meeting, Statement
from apps.minutes.models import Minutes


def _generate(seed: int, statements: int = 400) -> None:
    call_command("generate_data", bodies=4, meetings=12, statements=statements, seed=seed, stdout=io.StringIO())


def _fingerprint() -> str:
    rows = Statement.objects.order_by("agenda_item__meeting__body__name", "agenda_item__meeting__number", "pk")
    digest = hashlib.sha256()
    for label, kind, text, order in rows.values_list("speaker_label", "kind", "text", "order"):
        digest.update(f"{label}|{kind}|{order}|{text}\n".encode())
    for name, kind in Body.objects.order_by("name").values_list("name", "kind"):
        digest.update(f"{name}|{kind}\n".encode())
    return digest.hexdigest()


def _fingerprint_of_a_run(seed: int) -> str:
    with transaction.atomic():
        _generate(seed)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


@pytest.mark.django_db
def test_it_creates_exactly_the_requested_bodies_meetings_and_statements():
    _generate(seed=1, statements=401)
    assert Body.objects.count() == 4
    assert Meeting.objects.count() == 12
    assert Statement.objects.count() == 401
    # A tree: study group → 作業班 → タスクグループ, and a second study group.
    assert set(Body.objects.values_list("kind", flat=True)) == {"study_group", "working_party", "task_group"}
    assert Membership.objects.filter(role="chair").count() == 4
    assert Attendance.objects.filter(meeting__number=1).exists()
    assert Minutes.objects.count() == 12
    assert Issue.objects.exists() and IssueStatement.objects.exists() and Position.objects.exists()
    assert not Issue.objects.filter(number__isnull=True).exists()  # I-001 …: numbered for ordering


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    first = _fingerprint_of_a_run(seed=7)
    assert _fingerprint_of_a_run(seed=7) == first
    assert _fingerprint_of_a_run(seed=8) != first


@pytest.mark.django_db
def test_statements_are_japanese_sentences_from_the_reference_vocabulary_with_normalized_text():
    _generate(seed=2)
    vocabulary = reference_vocabulary()
    endings = set(vocabulary.endings)
    for statement in Statement.objects.all():
        assert statement.text_normalized == normalize(statement.text)
        for paragraph in statement.paragraphs:
            assert paragraph.endswith("。")
            last_clause = paragraph.rsplit("、", 1)[-1].rsplit("。", 2)[-2] + "。"
            assert any(ending.endswith(last_clause) for ending in endings), paragraph
    # ＮＴＴ-style full-width labels are searchable in their NFKC form.
    assert Statement.objects.filter(text_normalized__contains="SIM").exists()


@pytest.mark.django_db
def test_a_second_run_adds_to_the_data_without_clashing_names():
    _generate(seed=1)
    _generate(seed=1)
    assert Body.objects.count() == 8
    assert Statement.objects.count() == 800


@pytest.mark.django_db
def test_it_refuses_fewer_meetings_than_bodies():
    with pytest.raises(CommandError, match="--meetings"):
        call_command("generate_data", bodies=5, meetings=2, statements=10, seed=1)
